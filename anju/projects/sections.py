"""The parts of a project's page that apps above projects hold: the design review (experts),
the central-subsidy year (finance). Each app hands in its part through ``page_section`` when it
is ready, so the page shows them without projects reaching up for them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.http import HttpRequest

from anju.core.policy_pack import Pack
from anju.projects.models import Project

Section = Callable[[HttpRequest, Project, Pack], Mapping[str, object]]
_sections: list[Section] = []


def page_section(section: Section) -> Section:
    if section not in _sections:
        _sections.append(section)
    return section


def contributed(request: HttpRequest, project: Project, pack: Pack) -> dict[str, object]:
    """What every section adds to the page's context."""
    found: dict[str, object] = {}
    for section in _sections:
        found.update(section(request, project, pack))
    return found
