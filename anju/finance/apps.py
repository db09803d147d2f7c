from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "anju.finance"
    label = "finance"
    verbose_name = _("Funding and cost sharing")

    def ready(self) -> None:
        from anju.finance.selectors import funding_facts
        from anju.finance.views import project_year_section
        from anju.projects.gate_facts import fact_source
        from anju.projects.sections import page_section

        fact_source(funding_facts)
        page_section(project_year_section)
