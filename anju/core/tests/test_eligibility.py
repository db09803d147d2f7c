"""Every verdict whole — its status, each reason in order with its citation, what stands in the
way and the focus — for rules written here rather than read from a pack, so that each branch of
the rule is pinned to the words and clauses it must give."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from anju.core.clauses import Sources
from anju.core.eligibility import CommunityFacts, Reason, Status, Verdict, assess
from anju.core.policy_pack import Eligibility, Exclusion, Pack, ScopeWindow, Willingness, load_pack
from anju.policy import SOURCES_DIR

NATIONAL = load_pack(
    Path(SOURCES_DIR).parent / "packs" / "national-2020.yaml", Sources.load(SOURCES_DIR)
)


def window(before: int, years: tuple[int, ...], text: str, cite: str) -> ScopeWindow:
    return ScopeWindow(built_before=before, years=years, text=text, cite=cite, quote=text)


RULES = Eligibility(
    scope=(window(2000, (2021, 2022), "2000年前建成", "t §1"),),
    opt_in=(window(2005, (2021, 2022), "2005年前建成", "t §2"),),
    focus=(window(1995, (2021,), "1995年前建成", "t §3"),),
    exclusions=(
        Exclusion(fact="is_urban_village", when=True, text="城中村", cite="t §4", quote="城中村"),
    ),
    willingness=Willingness(
        minimum_pct=60, basis="参考值", text="意愿强烈", cite="t §5", quote="意愿强烈"
    ),
)


def pack(rules: Eligibility) -> Pack:
    return Pack(NATIONAL.model.model_copy(update={"eligibility": rules}), NATIONAL.path)


def facts(
    built: int | None = 1990, village: bool | None = False, pct: str | None = "80"
) -> CommunityFacts:
    return CommunityFacts(
        "C", built, False, False, village, True, None if pct is None else Decimal(pct)
    )


SCOPE = Reason("1990年建成，属于改造范围：2000年前建成", "t §1")
IN_FOCUS = Reason("1990年建成，属于2021年重点：1995年前建成", "t §3")
WILLING = Reason("居民改造意愿80%，达到参考值60.0%", "t §5")


@pytest.mark.parametrize(
    ("community", "year", "verdict"),
    [
        (facts(), 2021, Verdict("C", Status.ELIGIBLE, (SCOPE, IN_FOCUS, WILLING), (), True)),
        (facts(), 2022, Verdict("C", Status.ELIGIBLE, (SCOPE, WILLING), (), None)),
        (
            facts(2003),
            2021,
            Verdict(
                "C",
                Status.OPT_IN,
                (
                    Reason("2003年建成，区县可选择纳入：2005年前建成", "t §2"),
                    Reason(
                        "2003年建成，不属于2021年重点（1995年前建成），排序靠后，不因此排除", "t §3"
                    ),
                    WILLING,
                ),
                (),
                False,
            ),
        ),
        (
            facts(2007),
            2022,
            Verdict(
                "C",
                Status.EXCLUDED,
                (Reason("2007年建成，不在改造范围：2000年前建成", "t §1"),),
                (Reason("2007年建成，不在改造范围：2000年前建成", "t §1"),),
                None,
            ),
        ),
        (
            facts(),
            2023,
            Verdict(
                "C",
                Status.EXCLUDED,
                (Reason("2023年不在本政策的改造年度内（2021, 2022）", "t §1"),),
                (Reason("2023年不在本政策的改造年度内（2021, 2022）", "t §1"),),
                None,
            ),
        ),
        (
            facts(None, None, None),
            2021,
            Verdict(
                "C",
                Status.NEEDS_DATA,
                missing := (
                    Reason("缺少数据：是否城中村（城中村则不纳入）", "t §4"),
                    Reason("缺少数据：建成年份（改造范围：2000年前建成）", "t §1"),
                    Reason("缺少数据：居民改造意愿（意愿强烈）", "t §5"),
                ),
                missing,
                None,
            ),
        ),
        (
            facts(village=True, pct=None),
            2021,
            Verdict(
                "C",
                Status.EXCLUDED,
                blocked := (
                    Reason("不纳入改造范围：城中村", "t §4"),
                    Reason("缺少数据：居民改造意愿（意愿强烈）", "t §5"),
                ),
                blocked,
                True,
            ),
        ),
        (
            facts(pct=None),
            2021,
            Verdict(
                "C",
                Status.NEEDS_DATA,
                (Reason("缺少数据：居民改造意愿（意愿强烈）", "t §5"), SCOPE, IN_FOCUS),
                (Reason("缺少数据：居民改造意愿（意愿强烈）", "t §5"),),
                True,
            ),
        ),
        (
            facts(pct="59.99"),
            2022,
            Verdict(
                "C",
                Status.EXCLUDED,
                low := (Reason("居民改造意愿59.99%，低于参考值60.0%（意愿强烈）", "t §5"),),
                low,
                None,
            ),
        ),
    ],
    ids=[
        "eligible",
        "no-focus-year",
        "opt-in",
        "outside",
        "year",
        "unknown",
        "village",
        "unknown-will",
        "unwilling",
    ],
)
def test_each_verdict_gives_its_status_reasons_obstacles_and_focus(
    community: CommunityFacts, year: int, verdict: Verdict
) -> None:
    assert assess(community, pack(RULES), year) == verdict


def test_in_a_year_with_only_the_optional_window_a_community_outside_it_is_excluded() -> None:
    rules = RULES.model_copy(update={"scope": (window(2000, (2021,), "2000年前建成", "t §1"),)})
    assert assess(facts(2003), pack(rules), 2022).status is Status.OPT_IN
    outside = assess(facts(2007), pack(rules), 2022)
    assert outside.status is Status.EXCLUDED
    assert outside.reasons == (Reason("2007年建成，不在改造范围：2005年前建成", "t §2"),)
    unknown = assess(facts(None), pack(rules), 2022)
    assert unknown.obstacles == (Reason("缺少数据：建成年份（改造范围：2005年前建成）", "t §2"),)


def test_without_a_hard_line_every_community_is_in_scope() -> None:
    rules = Eligibility()
    assert assess(facts(2020), pack(rules), 2021) == Verdict("C", Status.ELIGIBLE, (), (), None)
