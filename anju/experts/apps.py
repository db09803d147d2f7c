from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "anju.experts"
    label = "experts"
    verbose_name = _("Expert library")

    def ready(self) -> None:
        from anju.auditing.wording import values_named
        from anju.experts.models import ConflictKind, Specialty
        from anju.experts.selectors import review_facts
        from anju.experts.views import project_review_section
        from anju.projects.gate_facts import fact_source
        from anju.projects.sections import page_section

        fact_source(review_facts)
        page_section(project_review_section)
        values_named("specialties", Specialty.choices)
        values_named("excluded", ConflictKind.choices)
