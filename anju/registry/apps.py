from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "anju.registry"
    label = "registry"
    verbose_name = _("Community registry")
