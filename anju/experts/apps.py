from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "anju.experts"
    label = "experts"
    verbose_name = _("Expert library")
