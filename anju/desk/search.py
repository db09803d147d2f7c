"""One box that finds what an official is looking for, wherever it is kept: a community by its
name, code or address; a project by its community or by who builds or supervises it; a passage
of the city's documents. Each part is read within the user's jurisdiction and bounded, so a
search costs the same in a street and a nation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from anju.policy.search import Passage, passages
from anju.projects.models import ProjectStage
from anju.registry.selectors import community_list

SHOWN = 20  # of each kind; more found than that asks for a narrower search
LONGEST = 100  # characters searched for


@dataclass(frozen=True, slots=True)
class Found:
    query: str
    communities: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    more: bool = False

    @property
    def nothing(self) -> bool:
        return not (self.communities or self.projects or self.passages)


COLUMNS = (
    "code",
    "name",
    "address",
    "district__name",
    "street__name",
    "project__stage",
    "project__contractor",
    "project__supervisor",
)


def asked(query: str) -> str:
    """What is searched for of what was typed."""
    return query.strip()[:LONGEST]


def search(user: Any, query: str) -> Found:
    query = asked(query)
    if not query:
        return Found(query)
    visible = community_list(user=user)
    within = _within(query)
    communities = list(
        visible.filter(
            Q(**{f"name__{within}": query})
            | Q(code__startswith=query)
            | Q(**{f"address__{within}": query})
        )
        .order_by("name", "code")
        .values(*COLUMNS)[: SHOWN + 1]
    )
    projects = list(
        visible.filter(
            Q(**{f"project__contractor__{within}": query})
            | Q(**{f"project__supervisor__{within}": query})
        )
        .order_by("name", "code")
        .values(*COLUMNS)[: SHOWN + 1]
    )
    for row in (*communities, *projects):
        stage = row["project__stage"]
        row["stage"] = ProjectStage(stage).label if stage else ""
    found = passages(query, SHOWN + 1)
    return Found(
        query,
        communities[:SHOWN],
        projects[:SHOWN],
        found[:SHOWN],
        more=max(len(communities), len(projects), len(found)) > SHOWN,
    )


def _within(query: str) -> str:
    """The lookup that finds the words inside a name: without a Latin letter in them case means
    nothing (华龙, 410902), and the database is spared folding the case of every row it reads."""
    return "icontains" if any(c.isascii() and c.isalpha() for c in query) else "contains"
