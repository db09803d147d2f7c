"""Civil Code art. 278 on every boundary, against an integer-only reference count."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.votes import (
    SPECIAL_MATTERS,
    Ballot,
    BallotProblem,
    Choice,
    InconsistentOwner,
    Matter,
    fraction_text,
    read_ballots,
    tally,
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
    assert Matter.ELEVATOR in SPECIAL_MATTERS
    assert tally(equal([A, A, A, N]), Matter.ELEVATOR).passed
    assert not tally(equal([A, A, N]), Matter.ELEVATOR).passed


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
    assert (result.quorum_met, result.passed) == _reference(rows, matter in SPECIAL_MATTERS)
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
