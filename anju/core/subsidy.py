"""Reward and penalty in the subsidy allocation by the monthly district assessment
(puyang-2020 §5.(3): 根据考核情况，对各县(区)老旧小区改造补助资金进行奖罚划拨).

A pool of subsidy is first shared by each district's base (what its planned projects need); the
best-ranked districts' shares are then raised and the worst-ranked lowered by the pack's
percentages, and the pool is shared again by the adjusted weights, so the total stays the pool
to the fen. Ties in score share a rank, so equal work is treated equally.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from anju.core.money import split


@dataclass(frozen=True, slots=True)
class AdjustmentRule:
    reward: Fraction  # e.g. 1/10: the top districts' weight × 1.1
    penalty: Fraction  # the bottom districts' weight × (1 − penalty)
    band: Fraction  # the share of districts rewarded, and the share penalised


@dataclass(frozen=True, slots=True)
class DistrictAllocation:
    district: str
    unadjusted: int  # fen it would get by its base alone
    score: Fraction
    factor: Fraction
    amount: int  # fen

    @property
    def change(self) -> int:
        return self.amount - self.unadjusted


def adjust(
    pool: int, bases: Mapping[str, int], scores: Mapping[str, Fraction], rule: AdjustmentRule
) -> list[DistrictAllocation]:
    """Each district's allocation of ``pool``, best score first."""
    if set(bases) != set(scores):
        raise ValueError("every district needs a base and a score")
    districts = sorted(bases, key=lambda d: (-scores[d], d))
    band = int(len(districts) * rule.band)
    ranked_scores = sorted({scores[d] for d in districts}, reverse=True)
    factor: dict[str, Fraction] = {}
    for district in districts:
        better = sum(1 for d in districts if scores[d] > scores[district])
        worse = sum(1 for d in districts if scores[d] < scores[district])
        if band and better < band and scores[district] != ranked_scores[-1]:
            factor[district] = 1 + rule.reward
        elif band and worse < band and scores[district] != ranked_scores[0]:
            factor[district] = 1 - rule.penalty
        else:
            factor[district] = Fraction(1)
    plain = (
        split(pool, [bases[d] for d in districts]) if any(bases.values()) else [0] * len(districts)
    )
    weights = [bases[d] * factor[d] for d in districts]
    amounts = split(pool, weights) if any(weights) else [0] * len(districts)
    rows = zip(districts, plain, amounts, strict=True)  # pragma: no mutate
    return [
        DistrictAllocation(d, unadjusted, scores[d], factor[d], amount)
        for d, unadjusted, amount in rows
    ]
