from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "anju.procurement"
    label = "procurement"
    verbose_name = _("Procurement")

    def ready(self) -> None:
        from anju.procurement.views import project_procurement_section
        from anju.projects.sections import page_section

        page_section(project_procurement_section)
