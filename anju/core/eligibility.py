"""Eligibility (改造范围): whether a community may enter the program in a plan year under a pack.

The answer is one of four, each with every reason and its citation:
- excluded: a rule of the pack rules it out (an exclusion, the build-year scope, willingness);
- needs-data: nothing rules it out, but a fact a rule needs is missing — never a guess;
- opt-in: in scope only through an extension a district may choose (Chongqing's end-2005);
- eligible: in scope, no exclusion applies, residents willing enough.

Whether the community lies in the year's focus (重点改造) is said beside the answer and never
changes it: the words 重点 and 优先 rank, they do not exclude (a 2007 Hangjin community is not
in 2022's focus, and still in the programme).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from anju.core.policy_pack import Pack, ScopeWindow


class Status(enum.StrEnum):
    ELIGIBLE = "eligible"
    OPT_IN = "opt-in"
    EXCLUDED = "excluded"
    NEEDS_DATA = "needs-data"


@dataclass(frozen=True, slots=True)
class CommunityFacts:
    """What eligibility reads of a community; None is 'not known'."""

    code: str
    build_year: int | None
    in_shantytown_plan: bool | None
    mostly_self_built: bool | None
    is_urban_village: bool | None
    structure_safe: bool | None
    willingness_pct: Decimal | None


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    citation: str


@dataclass(frozen=True, slots=True)
class Verdict:
    community_code: str
    status: Status
    reasons: tuple[Reason, ...]
    obstacles: tuple[Reason, ...] = ()
    """The reasons that stand between the community and eligibility: rules against it, facts
    missing."""
    focus: bool | None = None
    """In the year's focus (重点改造); None when the pack names none for the year or the build
    year is not known."""


FACT_NAMES = {
    "in_shantytown_plan": "是否纳入棚户区改造计划",
    "mostly_self_built": "是否以居民自建房为主",
    "is_urban_village": "是否城中村",
    "structure_safe": "房屋结构是否安全",
}


def _windows(windows: tuple[ScopeWindow, ...], year: int) -> list[ScopeWindow]:
    return [w for w in windows if not w.years or year in w.years]


def assess(facts: CommunityFacts, pack: Pack, year: int) -> Verdict:
    """The verdict for one community in one plan year, with all reasons that bear on it."""
    rules = pack.eligibility
    against: list[Reason] = []
    missing: list[Reason] = []
    favour: list[Reason] = []

    for rule in rules.exclusions:
        value = getattr(facts, rule.fact)
        if value is None:
            missing.append(
                Reason(f"缺少数据：{FACT_NAMES[rule.fact]}（{rule.text}则不纳入）", rule.cite)
            )
        elif value == rule.when:
            against.append(Reason(f"不纳入改造范围：{rule.text}", rule.cite))

    scope = _windows(rules.scope, year)
    opt_in = _windows(rules.opt_in, year)
    scope_status = Status.ELIGIBLE  # or OPT_IN, when only a district's choice brings it in
    if not rules.scope:
        pass  # no hard line: the place defines its scope by the community's state
    elif not scope and not opt_in:
        years = ", ".join(sorted({str(y) for w in (*rules.scope, *rules.opt_in) for y in w.years}))
        against.append(Reason(f"{year}年不在本政策的改造年度内（{years}）", rules.scope[0].cite))
    elif facts.build_year is None:
        for window in scope or opt_in:
            missing.append(Reason(f"缺少数据：建成年份（改造范围：{window.text}）", window.cite))
    else:
        hits = [w for w in scope if facts.build_year < w.built_before]
        extra = [w for w in opt_in if facts.build_year < w.built_before]
        if hits:
            favour.extend(
                Reason(f"{facts.build_year}年建成，属于改造范围：{w.text}", w.cite) for w in hits
            )
        elif extra:
            scope_status = Status.OPT_IN
            favour.extend(
                Reason(f"{facts.build_year}年建成，区县可选择纳入：{w.text}", w.cite) for w in extra
            )
        else:
            against.extend(
                Reason(f"{facts.build_year}年建成，不在改造范围：{w.text}", w.cite)
                for w in scope or opt_in
            )

    focus: bool | None = None
    focus_windows = _windows(rules.focus, year)
    if focus_windows and facts.build_year is not None:
        in_focus = [w for w in focus_windows if facts.build_year < w.built_before]
        focus = bool(in_focus)
        favour.extend(
            Reason(f"{facts.build_year}年建成，属于{year}年重点：{w.text}", w.cite)
            for w in in_focus
        )
        if not in_focus:
            favour.extend(
                Reason(
                    f"{facts.build_year}年建成，不属于{year}年重点（{w.text}），排序靠后，不因此排除",
                    w.cite,
                )
                for w in focus_windows
            )

    willingness = rules.willingness
    if willingness is not None:
        pct = facts.willingness_pct
        threshold = Decimal(str(willingness.minimum_pct))
        if pct is None:
            missing.append(
                Reason(f"缺少数据：居民改造意愿（{willingness.text}）", willingness.cite)
            )
        elif pct < threshold:
            against.append(
                Reason(
                    f"居民改造意愿{pct}%，低于参考值{threshold}%（{willingness.text}）",
                    willingness.cite,
                )
            )
        else:
            favour.append(Reason(f"居民改造意愿{pct}%，达到参考值{threshold}%", willingness.cite))

    if against:
        return Verdict(
            facts.code, Status.EXCLUDED, (*against, *missing), (*against, *missing), focus
        )
    if missing:
        return Verdict(facts.code, Status.NEEDS_DATA, (*missing, *favour), tuple(missing), focus)
    return Verdict(facts.code, scope_status, tuple(favour), (), focus)
