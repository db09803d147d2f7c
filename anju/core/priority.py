"""A community's priority score, criterion by criterion, as the plan optimiser weighs it.

The seeds name what comes first but give no figures: 建成年代较早、失养失修失管 (chongqing-2021
§2.(1)); 居民改造意愿强烈、参与积极性高、有市场主体参与 (§2.(4)). A pack turns them into
weighted criteria; each criterion rates a community from 0 to 1 from facts the registry,
the assessment and the consultations hold, and the score is the weighted mean on a scale of
100. Every part of the score is kept with the fact it came from, so a director can answer
"why is this one ahead of that one" line by line — and a community missing a fact scores 0
on that criterion, said as such, rather than a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Criterion = Literal[
    "age", "risk", "households", "willingness", "participation", "market", "readiness"
]
CRITERIA: tuple[Criterion, ...] = (
    "age",
    "risk",
    "households",
    "willingness",
    "participation",
    "market",
    "readiness",
)
SCALE = 100


@dataclass(frozen=True, slots=True)
class Facts:
    """What is known of one community for ranking; None where it is not known yet."""

    built_year: int | None = None
    risk: Fraction | None = None
    """Share of the assessed facilities found poor or unsafe (现状评价)."""
    households: int | None = None
    willingness: Fraction | None = None
    """Share of households that want the renovation (征求意见)."""
    participation: Fraction | None = None
    """Share of households that took part in the consultations and votes."""
    market: bool | None = None
    """A market partner (property company, social capital, utility) takes part."""
    ready: bool | None = None
    """The owners have decided the content (业主共同决定 passed)."""


@dataclass(frozen=True, slots=True)
class Scale:
    """How raw facts become ratings: the build year that rates 1 on age and the year that
    rates 0, and the household count that rates 1."""

    oldest_year: int
    newest_year: int
    households_full: int


@dataclass(frozen=True, slots=True)
class Part:
    criterion: Criterion
    weight: int
    rating: Fraction | None
    """0 to 1; None when the fact is missing, which rates 0."""
    points: Fraction


@dataclass(frozen=True, slots=True)
class Score:
    total: Fraction
    parts: tuple[Part, ...]

    @property
    def missing(self) -> tuple[Criterion, ...]:
        return tuple(p.criterion for p in self.parts if p.rating is None and p.weight)


def _clamp(value: Fraction) -> Fraction:
    return min(Fraction(1), max(Fraction(0), value))


def rating(criterion: Criterion, facts: Facts, scale: Scale) -> Fraction | None:
    """The fact behind a criterion as a number from 0 (least urgent) to 1 (most)."""
    if criterion == "age":
        if facts.built_year is None:
            return None
        span = scale.newest_year - scale.oldest_year
        return _clamp(Fraction(scale.newest_year - facts.built_year, max(span, 1)))
    if criterion == "households":
        if facts.households is None:
            return None
        return _clamp(Fraction(facts.households, max(scale.households_full, 1)))
    if criterion in ("market", "readiness"):
        flag = facts.market if criterion == "market" else facts.ready
        return None if flag is None else Fraction(int(flag))
    value = {
        "risk": facts.risk,
        "willingness": facts.willingness,
        "participation": facts.participation,
    }[criterion]
    return None if value is None else _clamp(value)


def score(facts: Facts, weights: Mapping[Criterion, int], scale: Scale) -> Score:
    """The weighted mean of the ratings on a scale of 100, exactly, with every part kept."""
    total_weight = sum(weights.values())
    parts: list[Part] = []
    for criterion in CRITERIA:
        weight = weights.get(criterion, 0)
        if not weight:
            continue
        rated = rating(criterion, facts, scale)
        points = (
            Fraction(SCALE * weight, total_weight) * rated if rated is not None else Fraction(0)
        )
        parts.append(Part(criterion, weight, rated, points))
    return Score(sum((p.points for p in parts), Fraction(0)), tuple(parts))


def ranked(scores: Mapping[str, Score]) -> Sequence[tuple[str, Score]]:
    """Highest score first; equal scores by code, so the ranking is the same every time."""
    return sorted(scores.items(), key=lambda item: (-item[1].total, item[0]))
