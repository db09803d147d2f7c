"""What each project's works left behind, line by line (core.outcomes): the items of its
content lists that feed an indicator, with the quantity the lists planned and the one the
joint completion acceptance recorded. Read for one project's page and for every project of a
report at once, in the same few queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min, QuerySet

from anju.assessment.models import ContentLine
from anju.core.outcomes import Indicator
from anju.core.policy_pack import Pack
from anju.projects.models import Inspection, OutcomeCount, Project


@dataclass(frozen=True, slots=True)
class OutcomeLine:
    key: str
    name: str
    indicator: Indicator
    planned: Decimal | None  # the content lists' quantity, the bundle's added in
    by_quantity: bool  # the lists' quantity already counts the indicator (a lift per unit)
    recorded: Decimal | None  # what the acceptance counted

    @property
    def counted(self) -> Decimal | None:
        """The figure the reports take: the acceptance's, else the lists' where they count it."""
        if self.recorded is not None:
            return self.recorded
        return self.planned if self.by_quantity else None


def outcome_lines(projects: QuerySet[Project], pack: Pack) -> dict[int, list[OutcomeLine]]:
    """Each project's lines that feed an outcome, by project id, in the pack's order."""
    items = {item.key: item for item in pack.content.items if item.outcome is not None}
    planned: dict[tuple[int, str], Decimal | None] = {}
    names: dict[tuple[int, str], str] = {}
    own = ContentLine.objects.filter(
        content_list__pack=pack.id,
        selected=True,
        key__in=items,
        content_list__community__project__in=projects,
    ).values_list("content_list__community__project", "key", "name", "quantity")
    bundled = ContentLine.objects.filter(
        content_list__pack=pack.id,
        selected=True,
        key__in=items,
        content_list__community__bundled_into__project__in=projects,
    ).values_list("content_list__community__bundled_into__project", "key", "name", "quantity")
    for rows in (own, bundled):
        for project, key, name, quantity in rows:
            names.setdefault((project, key), name)
            before = planned.get((project, key))
            planned[(project, key)] = (
                quantity if before is None else before + (quantity or Decimal(0))
            )
    recorded = {
        (project, key): quantity
        for project, key, quantity in OutcomeCount.objects.filter(project__in=projects).values_list(
            "project", "key", "quantity"
        )
    }
    order = list(items)
    found: dict[int, list[OutcomeLine]] = {}
    for project, key in sorted(
        set(planned) | set(recorded), key=lambda p: (p[0], _at(order, p[1]))
    ):
        item = items.get(key)
        if item is None or item.outcome is None:
            continue  # recorded under an item this pack does not count
        found.setdefault(project, []).append(
            OutcomeLine(
                key=key,
                name=names.get((project, key), item.name),
                indicator=item.outcome.indicator,
                planned=planned.get((project, key)),
                by_quantity=item.counted_by_quantity,
                recorded=recorded.get((project, key)),
            )
        )
    return found


def project_lines(project: Project, pack: Pack) -> list[OutcomeLine]:
    """One project's lines that feed an outcome; none for a project not yet saved."""
    if project.pk is None:
        return []
    return outcome_lines(Project.objects.filter(pk=project.pk), pack).get(project.pk, [])


def _at(order: list[str], key: str) -> int:
    return order.index(key) if key in order else len(order)


def accepted_on(projects: QuerySet[Project]) -> dict[int, dt.date]:
    """The day each project's joint completion acceptance first passed: when its outcomes
    count."""
    return dict(
        Inspection.objects.acceptances_passed()
        .filter(project__in=projects)
        .values("project")
        .annotate(first=Min("on"))
        .values_list("project", "first")
    )


def totals(lines: Iterable[OutcomeLine]) -> dict[Indicator, Decimal]:
    found: dict[Indicator, Decimal] = {}
    for line in lines:
        if line.counted is not None:
            found[line.indicator] = found.get(line.indicator, Decimal(0)) + line.counted
    return found
