from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "anju.maps"
    label = "maps"
    verbose_name = _("Map")

    def ready(self) -> None:
        from anju.maps.checks import tile_source

        checks.register(tile_source)
