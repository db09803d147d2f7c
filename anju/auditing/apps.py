from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditingConfig(AppConfig):
    name = "anju.auditing"
    label = "auditing"
    verbose_name = _("Audit log pages")
