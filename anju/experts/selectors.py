"""The expert library a user keeps, and where a project's design review stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from anju.core.lifecycle import Requirement
from anju.core.policy_pack import Pack
from anju.experts.models import ConflictKind, Expert, Review, ReviewDraw, Specialty, Verdict
from anju.experts.services import draw_replays
from anju.projects.models import Project

SPECIALTIES = dict(Specialty.choices)


def designer_of(project: Project) -> str:
    """The designer whose plan the project's latest design review examined; "" before one."""
    latest = ReviewDraw.objects.filter(project=project).order_by("-drawn_at", "-pk").first()
    return latest.designer if latest else ""


def experts_kept(user: Any) -> QuerySet[Expert]:
    return Expert.objects.visible_to(user).select_related("division")


@dataclass(frozen=True, slots=True)
class Panel:
    """A draw with its reviewers in drawing order, each with their review once given."""

    draw: ReviewDraw
    seats: list[tuple[str, Expert, Review | None]]  # specialty's name, expert, review
    excluded: list[tuple[Expert, list[str]]]
    replays: bool

    @property
    def complete(self) -> bool:
        return all(review is not None for _s, _e, review in self.seats)

    @property
    def passed(self) -> bool:
        """Every reviewer has given a review and none failed the design."""
        return self.complete and all(
            review is not None and review.verdict != Verdict.FAIL for _s, _e, review in self.seats
        )


def panels(project: Project) -> list[Panel]:
    """The project's draws, newest first."""
    if project.pk is None:
        return []
    draws = list(ReviewDraw.objects.filter(project=project).order_by("-drawn_at", "-pk"))
    keys = {int(key) for d in draws for _s, key in d.chosen} | {
        int(key) for d in draws for key in d.excluded
    }
    experts = Expert.objects.in_bulk(list(keys))
    reviews = {(r.draw_id, r.expert_id): r for r in Review.objects.filter(draw__in=draws)}
    return [
        Panel(
            draw,
            [
                (
                    str(SPECIALTIES.get(specialty, specialty)),
                    experts[int(key)],
                    reviews.get((draw.pk, int(key))),
                )
                for specialty, key in draw.chosen
            ],
            [
                (experts[int(key)], [str(ConflictKind(r).label) for r in reasons])
                for key, reasons in sorted(draw.excluded.items())
            ],
            draw_replays(draw),
        )
        for draw in draws
    ]


def design_reviewed(project: Project) -> bool:
    """The latest panel passed the design; a failed review calls for a new draw."""
    found = panels(project)
    return bool(found) and found[0].passed


def review_facts(project: Project, pack: Pack) -> dict[Requirement, bool]:
    """The design review gate, for the project's lifecycle."""
    return {Requirement.DESIGN_REVIEWED: design_reviewed(project)}
