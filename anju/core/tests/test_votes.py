"""Civil Code art. 278 on every boundary, against an integer-only reference count."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.votes import (
    Ballot,
    BallotFileError,
    BallotProblem,
    Choice,
    InconsistentOwner,
    Matter,
    fraction_text,
    read_ballots,
    tally,
    tally_json,
)

A, N, AB, X = Choice.AGREE, Choice.AGAINST, Choice.ABSTAIN, Choice.NONE


def ballots(*rows: tuple[str, str, str, Choice]) -> list[Ballot]:
    return [Ballot(d, o, Decimal(area), choice) for d, o, area, choice in rows]


def equal(choices: list[Choice]) -> list[Ballot]:
    """One owner per dwelling, all of 100 m²."""
    return ballots(*((f"d{i}", f"o{i}", "100", c) for i, c in enumerate(choices)))


def test_exactly_two_thirds_taking_part_is_a_quorum_one_less_is_not() -> None:
    assert tally(equal([A, A, X]), Matter.RULES).quorum_met
    assert not tally(equal([A, X, X]), Matter.RULES).quorum_met
    assert tally(equal([A, A, X]), Matter.RULES).participation_area == Fraction(2, 3)


def test_exactly_three_quarters_passes_a_renovation() -> None:
    result = tally(equal([A, A, A, N]), Matter.RENOVATE)
    assert result.passed and result.consent_area == Fraction(3, 4)
    assert not tally(equal([A, A, A, N, N]), Matter.RENOVATE).passed


def test_exactly_half_is_not_more_than_half() -> None:
    assert not tally(equal([A, N]), Matter.COMMITTEE).passed
    assert tally(equal([A, A, N]), Matter.COMMITTEE).passed


def test_abstaining_takes_part_but_does_not_agree() -> None:
    result = tally(equal([A, AB, X]), Matter.OTHER)
    assert result.quorum_met and result.consent_headcount == Fraction(1, 2)
    assert not result.passed


def test_an_owner_of_several_dwellings_counts_once_by_head_and_fully_by_area() -> None:
    # the developer holds three unsold flats: three dwellings' area, one head
    result = tally(
        ballots(
            ("101", "developer", "90", A),
            ("102", "developer", "90", A),
            ("103", "developer", "90", A),
            ("201", "wang", "90", N),
            ("202", "li", "90", X),
        ),
        Matter.RULES,
    )
    assert result.participation_headcount == Fraction(2, 3)
    assert result.participation_area == Fraction(4, 5)
    assert result.consent_area == Fraction(3, 4)
    assert result.consent_headcount == Fraction(1, 2)
    assert result.quorum_met and not result.passed


def test_co_owners_of_one_dwelling_share_one_voice() -> None:
    result = tally(
        ballots(("1", "zhang+liu", "120.50", A), ("2", "chen", "60", X), ("3", "zhou", "60", A)),
        Matter.RULES,
    )
    assert result.participation_headcount == Fraction(2, 3)


def test_one_owner_cannot_vote_both_ways() -> None:
    with pytest.raises(InconsistentOwner):
        tally(ballots(("1", "o", "50", A), ("2", "o", "50", N)), Matter.RULES)


def test_the_elevator_follows_the_renovation_rule() -> None:
    assert tally(equal([A, A, A, N]), Matter.ELEVATOR).passed
    assert not tally(equal([A, A, N]), Matter.ELEVATOR).passed


# Civil Code art. 278, written from the statute and not from the code under test: the matters
# of items (6)–(8) need three quarters (四分之三以上) of the participating area and owners, every
# other matter more than half (过半数). The elevator is Anju's reading: adding one is 改建 of the
# building (item 7), decided by the owners of the unit it serves.
ART_278 = {
    Matter.RULES: (1, False),  # 制定和修改业主大会议事规则
    Matter.MANAGEMENT_RULES: (2, False),  # 制定和修改管理规约
    Matter.COMMITTEE: (3, False),  # 选举业主委员会或者更换业主委员会成员
    Matter.PROPERTY_COMPANY: (4, False),  # 选聘和解聘物业服务企业或者其他管理人
    Matter.USE_FUND: (5, False),  # 使用建筑物及其附属设施的维修资金
    Matter.RAISE_FUND: (6, True),  # 筹集建筑物及其附属设施的维修资金
    Matter.RENOVATE: (7, True),  # 改建、重建建筑物及其附属设施
    Matter.ELEVATOR: (7, True),  # 加装电梯：改建
    Matter.COMMON_PARTS: (8, True),  # 改变共有部分的用途或者利用共有部分从事经营活动
    Matter.OTHER: (9, False),  # 有关共有和共同管理权利的其他重大事项
}


def special(matter: Matter) -> bool:
    return ART_278[matter][1]


def test_every_matter_of_art_278_needs_the_majority_the_statute_gives_it() -> None:
    assert set(ART_278) == set(Matter)
    for matter in Matter:
        two_thirds = tally(equal([A, A, N]), matter)  # all take part, 2/3 agree
        three_quarters = tally(equal([A, A, A, N]), matter)  # exactly 3/4 agree
        assert three_quarters.passed, matter
        assert two_thirds.passed is not special(matter), matter
        assert not tally(equal([A, N]), matter).passed, matter  # exactly half is not more


def _reference(rows: list[tuple[int, int, Choice]], special: bool) -> tuple[bool, bool]:
    """Quorum and passing decided by integer cross-multiplication over areas in cents."""
    total = sum(area for _o, area, _c in rows)
    part = sum(area for _o, area, c in rows if c is not X)
    agree = sum(area for _o, area, c in rows if c is A)
    by_owner = {owner: c for owner, _area, c in rows}
    heads = len(by_owner)
    voters = sum(c is not X for c in by_owner.values())
    agreeing = sum(c is A for c in by_owner.values())
    quorum = 3 * part >= 2 * total and 3 * voters >= 2 * heads
    if special:
        agreed = 4 * agree >= 3 * part and 4 * agreeing >= 3 * voters and voters > 0
    else:
        agreed = 2 * agree > part and 2 * agreeing > voters
    return quorum, quorum and agreed


@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(1, 30_000), st.sampled_from(list(Choice))),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(list(Matter)),
    st.randoms(use_true_random=False),
)
def test_the_tally_agrees_with_integer_arithmetic_and_ignores_order(
    raw: list[tuple[int, int, Choice]], matter: Matter, rng: random.Random
) -> None:
    first_choice: dict[int, Choice] = {}
    rows = [(owner, cents, first_choice.setdefault(owner, c)) for owner, cents, c in raw]
    cast = [
        Ballot(f"d{i}", f"o{owner}", Decimal(cents) / 100, c)
        for i, (owner, cents, c) in enumerate(rows)
    ]
    result = tally(cast, matter)
    assert (result.quorum_met, result.passed) == _reference(rows, special(matter))
    rng.shuffle(cast)
    assert tally(cast, matter) == result


def test_fractions_are_written_reduced_with_their_denominator() -> None:
    assert fraction_text(Fraction(6, 9)) == "2/3"
    assert fraction_text(Fraction(1)) == "1/1"


def test_a_ballot_file_reports_every_bad_line() -> None:
    text = (
        "dwelling_id,owner_id,exclusive_area,choice\n"
        "1-101,o1,88.5,agree\n"
        "1-102,o2,abc,agree\n"
        "1-103,o3,70,maybe\n"
        "1-101,o4,60,agree\n"
        "1-104,o1,60,against\n"
        "1-105,o5,60,NONE\n"
    )
    cast, errors = read_ballots(text)
    assert [(e.line, e.problem) for e in errors] == [
        (3, BallotProblem.BAD_AREA),
        (4, BallotProblem.BAD_CHOICE),
        (5, BallotProblem.DUPLICATE_DWELLING),
        (6, BallotProblem.INCONSISTENT_OWNER),
    ]
    assert [b.dwelling_id for b in cast] == ["1-101", "1-105"]
    assert read_ballots("dwelling,owner\n")[1][0].problem is BallotProblem.MISSING_COLUMNS


def test_unsold_dwellings_share_one_voice_and_unknown_owners_do_not() -> None:
    from anju.core.votes import headcount_key

    keys = [headcount_key(owner=None, dwelling=f"d{i}", unsold=True) for i in range(3)]
    assert len(set(keys)) == 1
    assert headcount_key(owner=None, dwelling="d1", unsold=False) != headcount_key(
        owner=None, dwelling="d2", unsold=False
    )
    assert headcount_key(owner="7", dwelling="d1", unsold=False) == headcount_key(
        owner="7", dwelling="d2", unsold=False
    )
    # three unsold dwellings agreeing and three owners against: by head 1 of 4 agrees
    rows = [(f"d{i}", keys[i], "100", A) for i in range(3)]
    rows += [(f"e{i}", f"owner:{i}", "100", N) for i in range(3)]
    result = tally(ballots(*rows), Matter.RULES)
    assert result.consent_headcount == Fraction(1, 4)
    assert result.consent_area == Fraction(1, 2)


def test_each_check_says_its_bound_and_whether_it_is_strict() -> None:
    special = tally(equal([A, A, A, N]), Matter.RENOVATE)
    assert [(c.bound, c.strict, c.met) for c in special.checks] == [
        (Fraction(2, 3), False, True),
        (Fraction(2, 3), False, True),
        (Fraction(3, 4), False, True),
        (Fraction(3, 4), False, True),
    ]
    ordinary = tally(equal([A, N]), Matter.RULES)
    assert [(c.bound, c.strict, c.met) for c in ordinary.checks[2:]] == [
        (Fraction(1, 2), True, False),
        (Fraction(1, 2), True, False),
    ]


# Boundaries hit exactly: a strategy that builds ballots whose chosen ratio is exactly 1/2, 2/3
# or 3/4, by area or by headcount alone, so that each measure meets its bound on its own.
BOUNDS = [Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)]


def _cut(draw: st.DrawFn, total: int, most: int) -> list[int]:
    """``total`` as a sum of positive parts, at most ``most`` of them."""
    count = draw(st.integers(1, min(total, most)))
    cuts = (
        draw(
            st.lists(st.integers(1, total - 1), min_size=count - 1, max_size=count - 1, unique=True)
        )
        if count > 1
        else []
    )
    marks = [0, *sorted(cuts), total]
    return [b - a for a, b in pairwise(marks)]


@st.composite
def at_a_boundary(draw: st.DrawFn) -> tuple[list[tuple[int, int, Choice]], str, Fraction]:
    """Rows (owner, area in cents, choice), one dwelling each, and which ratio sits exactly on
    ``bound``: participation or consent, by area or by headcount."""
    bound = draw(st.sampled_from(BOUNDS))
    stage = draw(st.sampled_from(["participation", "consent"]))
    by = draw(st.sampled_from(["area", "headcount"]))
    inside, outside = bound.numerator, bound.denominator - bound.numerator
    if by == "area":
        unit = draw(st.integers(1, 5_000))
        ins = _cut(draw, inside * unit, 8)
        outs = _cut(draw, outside * unit, 8)
    else:
        times = draw(st.integers(1, 4))
        cents = st.integers(1, 30_000)
        ins = [draw(cents) for _ in range(inside * times)]
        outs = [draw(cents) for _ in range(outside * times)]
    taking_part = st.sampled_from([A, N, AB])
    if stage == "participation":
        choices = [draw(taking_part) for _ in ins] + [X] * len(outs)
    else:
        choices = [A] * len(ins) + [draw(st.sampled_from([N, AB])) for _ in outs]
    areas = ins + outs
    return (
        [(i, area, c) for i, (area, c) in enumerate(zip(areas, choices, strict=True))],
        f"{stage}_{by}",
        bound,
    )


@given(at_a_boundary(), st.sampled_from(list(Matter)))
def test_at_each_bound_exactly_the_tally_agrees_with_the_statute(
    case: tuple[list[tuple[int, int, Choice]], str, Fraction], matter: Matter
) -> None:
    rows, measure, bound = case
    cast = [Ballot(f"d{o}", f"o{o}", Decimal(cents) / 100, c) for o, cents, c in rows]
    result = tally(cast, matter)
    assert getattr(result, measure) == bound  # the strategy sits on the bound
    assert (result.quorum_met, result.passed) == _reference(rows, special(matter))


def test_a_ballot_file_names_each_problem_its_line_and_the_value_it_could_not_take() -> None:
    text = (
        "\ufeffdwelling_id,owner_id,exclusive_area,choice\n"
        "1-101,o1,0.5,Agree\n"
        ",o2,60,agree\n"
        "1-103,,60,agree\n"
        "1-104,o4,0,agree\n"
        "1-105,o5,-3,agree\n"
        "1-106,o6,NaN,agree\n"
        "1-107,o7,60,yes\n"
        "1-101,o8,60,agree\n"
        "1-109,o1,60,against\n"
        "1-110, o10 ,70.25,abstain\n"
    )
    cast, errors = read_ballots(text)
    assert errors == [
        BallotFileError(3, BallotProblem.EMPTY, ""),
        BallotFileError(4, BallotProblem.EMPTY, ""),
        BallotFileError(5, BallotProblem.BAD_AREA, "0"),
        BallotFileError(6, BallotProblem.BAD_AREA, "-3"),
        BallotFileError(7, BallotProblem.BAD_AREA, "NaN"),
        BallotFileError(8, BallotProblem.BAD_CHOICE, "yes"),
        BallotFileError(9, BallotProblem.DUPLICATE_DWELLING, "1-101"),
        BallotFileError(10, BallotProblem.INCONSISTENT_OWNER, "o1"),
    ]
    assert cast == [
        Ballot("1-101", "o1", Decimal("0.5"), Choice.AGREE),
        Ballot("1-110", "o10", Decimal("70.25"), Choice.ABSTAIN),
    ]


def test_a_ballot_file_without_its_columns_or_rows_says_so_once() -> None:
    assert read_ballots("dwelling_id,exclusive_area\n1,2\n") == (
        [],
        [BallotFileError(1, BallotProblem.MISSING_COLUMNS, "owner_id, choice")],
    )
    assert read_ballots("dwelling_id,owner_id,exclusive_area,choice\n") == (
        [],
        [BallotFileError(1, BallotProblem.NO_BALLOTS, "")],
    )
    # a file whose every row is wrong reports the rows, not an empty file as well
    only_bad = read_ballots("dwelling_id,owner_id,exclusive_area,choice\n1,o,x,agree\n")
    assert only_bad == ([], [BallotFileError(2, BallotProblem.BAD_AREA, "x")])
    one = read_ballots("dwelling_id,owner_id,exclusive_area,choice\n1,o,5,agree\n")
    assert one == ([Ballot("1", "o", Decimal(5), Choice.AGREE)], [])


def test_a_ballot_file_broken_as_csv_is_refused_at_its_line() -> None:
    huge = "x" * 200_000  # past the csv module's field limit
    cast, errors = read_ballots(
        f"dwelling_id,owner_id,exclusive_area,choice\n1,o1,5,agree\n2,{huge},5,agree\n"
    )
    assert cast == []
    assert [(e.line, e.problem) for e in errors] == [(3, BallotProblem.MALFORMED)]
    assert "field larger than field limit" in errors[0].value


def test_an_owner_voting_both_ways_is_named_with_both_dwellings() -> None:
    with pytest.raises(InconsistentOwner) as raised:
        tally(ballots(("1", "wang", "50", A), ("2", "wang", "50", N)), Matter.RULES)
    assert (raised.value.owner_id, raised.value.dwellings) == ("wang", ("1", "2"))
    assert str(raised.value) == "owner wang chose differently for 1 and 2"


def test_nobody_taking_part_consents_to_nothing() -> None:
    result = tally(equal([X, X]), Matter.RULES)
    assert (result.participation_area, result.consent_area, result.consent_headcount) == (
        Fraction(0),
    ) * 3


def test_the_result_is_written_as_exact_fractions() -> None:
    assert tally_json(tally(equal([A, A, N, X]), Matter.RENOVATE)) == {
        "quorum_met": True,
        "passed": False,
        "participation": {"area": "3/4", "headcount": "3/4"},
        "consent": {"area": "2/3", "headcount": "2/3"},
    }
