"""The priority score: exact, bounded, monotone in every criterion, explained part by part, and
set by each pack with its citations."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.clauses import Sources
from anju.core.policy_pack import PackError, load_pack, parse_pack
from anju.core.priority import CRITERIA, SCALE, Criterion, Facts, Scale, score
from anju.policy import SOURCES_DIR

SOURCES = Sources.load(SOURCES_DIR)
PACKS = Path(SOURCES_DIR).parent / "packs"
NATIONAL = load_pack(PACKS / "national-2020.yaml", SOURCES)
HANGJIN = load_pack(PACKS / "hangjin-2021.yaml", SOURCES)
SCALE_1980_2005 = Scale(oldest_year=1980, newest_year=2005, households_full=500)
ALL_EQUAL: dict[Criterion, int] = dict.fromkeys(CRITERIA, 1)

share = st.fractions(min_value=0, max_value=1, max_denominator=1000)
shares = st.none() | share
facts = st.builds(
    Facts,
    built_year=st.none() | st.integers(1950, 2020),
    risk=shares,
    households=st.none() | st.integers(0, 5000),
    willingness=shares,
    participation=shares,
    market=st.none() | st.booleans(),
    ready=st.none() | st.booleans(),
)
weights = st.fixed_dictionaries({c: st.integers(0, 100) for c in CRITERIA}).filter(
    lambda w: sum(w.values()) > 0
)


@given(facts, weights)
def test_the_score_is_between_0_and_100_and_its_parts_add_up_exactly(
    known: Facts, weighting: dict[Criterion, int]
) -> None:
    result = score(known, weighting, SCALE_1980_2005)
    assert 0 <= result.total <= SCALE
    assert sum(p.points for p in result.parts) == result.total
    assert {p.criterion for p in result.parts} == {c for c, w in weighting.items() if w}


@given(facts, weights, st.integers(1950, 2020), st.integers(1950, 2020))
def test_an_older_community_never_ranks_below_a_newer_one_otherwise_alike(
    known: Facts, weighting: dict[Criterion, int], year: int, other: int
) -> None:
    older, newer = sorted((year, other))
    alike = {f: getattr(known, f) for f in Facts.__slots__ if f != "built_year"}
    assert (
        score(Facts(built_year=older, **alike), weighting, SCALE_1980_2005).total
        >= score(Facts(built_year=newer, **alike), weighting, SCALE_1980_2005).total
    )


@given(facts, weights, share, share)
def test_more_willing_residents_never_lower_the_score(
    known: Facts, weighting: dict[Criterion, int], a: Fraction, b: Fraction
) -> None:
    low, high = sorted((a, b))
    alike = {f: getattr(known, f) for f in Facts.__slots__ if f != "willingness"}
    assert (
        score(Facts(willingness=high, **alike), weighting, SCALE_1980_2005).total
        >= score(Facts(willingness=low, **alike), weighting, SCALE_1980_2005).total
    )


def test_the_most_urgent_community_scores_100_and_a_new_unwilling_one_0() -> None:
    urgent = Facts(1975, Fraction(1), 800, Fraction(1), Fraction(1), True, True)
    assert score(urgent, ALL_EQUAL, SCALE_1980_2005).total == 100
    calm = Facts(2010, Fraction(0), 0, Fraction(0), Fraction(0), False, False)
    assert score(calm, ALL_EQUAL, SCALE_1980_2005).total == 0


def test_a_missing_fact_scores_nothing_and_is_named() -> None:
    result = score(Facts(built_year=1980), ALL_EQUAL, SCALE_1980_2005)
    assert result.total == Fraction(100, 7)
    assert result.missing == tuple(c for c in CRITERIA if c != "age")


def test_midway_build_year_and_half_the_households_rate_one_half() -> None:
    weighting: dict[Criterion, int] = {"age": 3, "households": 1}
    result = score(Facts(built_year=1992, households=250), weighting, SCALE_1980_2005)
    age, households = result.parts
    assert age.rating == Fraction(13, 25) and households.rating == Fraction(1, 2)
    assert result.total == Fraction(75) * Fraction(13, 25) + Fraction(25, 2)


def test_chongqing_weighs_all_seven_criteria_and_the_national_base_cites_no_city() -> None:
    chongqing = load_pack(PACKS / "chongqing-2021.yaml", SOURCES).model.priority
    assert chongqing is not None and set(chongqing.weights) == set(CRITERIA)
    # chongqing-2021 §2.(4): 优先实施居民改造意愿强烈、参与积极性高、有市场主体参与的…项目
    assert {c.key for c in chongqing.criteria if c.cite == "chongqing-2021 §2.(4)"} == {
        "willingness",
        "participation",
        "market",
    }
    priority = NATIONAL.model.priority
    assert priority is not None
    assert {c.cite for c in priority.criteria} == {"国办发〔2020〕23号", "参考做法"}
    # no document ranks by households: the criterion is Anju's reference wherever it appears
    for pack in (NATIONAL, load_pack(PACKS / "chongqing-2021.yaml", SOURCES)):
        assert pack.model.priority is not None
        (households,) = [c for c in pack.model.priority.criteria if c.key == "households"]
        assert households.cite == "参考做法"


def test_hangjin_ranks_by_the_four_things_its_plan_names() -> None:
    priority = HANGJIN.model.priority
    assert priority is not None
    assert set(priority.weights) == {"age", "risk", "willingness", "participation"}
    assert priority.scale.newest_year == 2010


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ("weight: 20\n      text: 建成年代较早", "less than or equal to 100"),
        ("key: risk\n      weight: 25", "each criterion once"),
        ("oldest_year: 1980", "oldest_year must come before newest_year"),
    ],
)
def test_a_bad_priority_section_is_refused_naming_its_line(change: str, complaint: str) -> None:
    text = (PACKS / "national-2020.yaml").read_text(encoding="utf-8")
    broken = {
        "less than or equal to 100": text.replace(change, change.replace("20", "200", 1), 1),
        "each criterion once": text.replace(change, change.replace("risk", "age"), 1),
        "oldest_year must come before newest_year": text.replace(change, "oldest_year: 2010", 1),
    }[complaint]
    with pytest.raises(PackError) as refused:
        parse_pack(broken, "broken.yaml", SOURCES)
    assert complaint in str(refused.value)
    assert all(line > 1 for line, _ in refused.value.problems)
