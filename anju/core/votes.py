"""Owners' common decisions (业主共同决定) under Civil Code art. 278, counted exactly.

Two thirds of the exclusive area and two thirds of the owners must take part; matters (6)–(8)
(raising the maintenance fund, rebuilding or renovating, changing common parts) then need at
least three quarters of the participating area and owners, every other matter more than half.
"At least" (以上) includes the bound (art. 1259); "more than half" (过半数) does not. Headcount
follows 法释〔2009〕7号 arts. 8–9: a dwelling counts one owner, an owner of several dwellings
counts once, and co-owners of one dwelling (sharing one owner id) count once. Ratios are
``Fraction``s: a float would misjudge exactly two thirds.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction


class Matter(enum.StrEnum):
    RULES = "rules"
    MANAGEMENT_RULES = "management-rules"
    COMMITTEE = "committee"
    PROPERTY_COMPANY = "property-company"
    USE_FUND = "use-fund"
    RAISE_FUND = "raise-fund"
    RENOVATE = "renovate"
    COMMON_PARTS = "common-parts"
    OTHER = "other"
    ELEVATOR = "elevator"  # decided by the owners of the unit it serves, as a renovation


SPECIAL_MATTERS = frozenset(
    {Matter.RAISE_FUND, Matter.RENOVATE, Matter.COMMON_PARTS, Matter.ELEVATOR}
)
# Matters decided by the owners of the stairway unit concerned, never a wider scope.
UNIT_MATTERS = frozenset({Matter.ELEVATOR})
QUORUM = Fraction(2, 3)
SPECIAL_MAJORITY = Fraction(3, 4)
MAJORITY = Fraction(1, 2)


class Choice(enum.StrEnum):
    AGREE = "agree"
    AGAINST = "against"
    ABSTAIN = "abstain"
    NONE = "none"  # did not take part


@dataclass(frozen=True, slots=True)
class Ballot:
    """One dwelling's vote, cast by its owner."""

    dwelling_id: str
    owner_id: str
    exclusive_area: Decimal
    choice: Choice


class Measure(enum.StrEnum):
    PARTICIPATION_AREA = "participation_area"
    PARTICIPATION_HEADCOUNT = "participation_headcount"
    CONSENT_AREA = "consent_area"
    CONSENT_HEADCOUNT = "consent_headcount"


@dataclass(frozen=True, slots=True)
class Check:
    """One statutory threshold: ``ratio`` against ``bound``, the bound itself passing unless
    ``strict`` (过半数 is strictly more than half; 以上 includes the bound, art. 1259)."""

    measure: Measure
    ratio: Fraction
    bound: Fraction
    strict: bool

    @property
    def met(self) -> bool:
        return self.ratio > self.bound if self.strict else self.ratio >= self.bound


@dataclass(frozen=True, slots=True)
class Tally:
    checks: tuple[Check, ...]

    def _ratio(self, measure: Measure) -> Fraction:
        return next(c.ratio for c in self.checks if c.measure is measure)

    @property
    def quorum_met(self) -> bool:
        return all(c.met for c in self.checks[:2])

    @property
    def passed(self) -> bool:
        return all(c.met for c in self.checks)

    @property
    def participation_area(self) -> Fraction:
        return self._ratio(Measure.PARTICIPATION_AREA)

    @property
    def participation_headcount(self) -> Fraction:
        return self._ratio(Measure.PARTICIPATION_HEADCOUNT)

    @property
    def consent_area(self) -> Fraction:
        return self._ratio(Measure.CONSENT_AREA)

    @property
    def consent_headcount(self) -> Fraction:
        return self._ratio(Measure.CONSENT_HEADCOUNT)


UNSOLD = "unsold"


def headcount_key(*, owner: str | None, dwelling: str, unsold: bool) -> str:
    """Whose voice a dwelling carries (法释〔2009〕7号 art. 9): the developer's unsold dwellings
    all one voice, an owner on record one voice over all their dwellings, and a dwelling whose
    owner is not on record its own voice, never merged with another's."""
    if unsold:
        return UNSOLD
    return f"owner:{owner}" if owner is not None else f"dwelling:{dwelling}"


class InconsistentOwner(ValueError):
    """An owner of several dwellings chose differently for them; one person has one voice."""

    def __init__(self, owner_id: str, dwellings: tuple[str, str]) -> None:
        self.owner_id = owner_id
        self.dwellings = dwellings
        super().__init__(
            f"owner {owner_id} chose differently for {dwellings[0]} and {dwellings[1]}"
        )


def _ratio(part: Fraction, whole: Fraction) -> Fraction:
    return part / whole if whole else Fraction(0)


def tally(ballots: Iterable[Ballot], matter: Matter) -> Tally:
    """The decision's result over all the dwellings entitled to vote, voters or not."""
    total_area = part_area = agree_area = Fraction(0)
    owners: dict[str, tuple[Choice, str]] = {}
    for ballot in ballots:
        area = Fraction(ballot.exclusive_area)
        total_area += area
        if ballot.choice is not Choice.NONE:
            part_area += area
            if ballot.choice is Choice.AGREE:
                agree_area += area
        seen = owners.setdefault(ballot.owner_id, (ballot.choice, ballot.dwelling_id))
        if seen[0] is not ballot.choice:
            raise InconsistentOwner(ballot.owner_id, (seen[1], ballot.dwelling_id))
    choices = [choice for choice, _dwelling in owners.values()]
    participants = sum(choice is not Choice.NONE for choice in choices)
    agreeing = sum(choice is Choice.AGREE for choice in choices)

    participation_area = _ratio(part_area, total_area)
    participation_headcount = _ratio(Fraction(participants), Fraction(len(owners)))
    consent_area = _ratio(agree_area, part_area)
    consent_headcount = _ratio(Fraction(agreeing), Fraction(participants))

    consent_bound = SPECIAL_MAJORITY if matter in SPECIAL_MATTERS else MAJORITY
    strict = matter not in SPECIAL_MATTERS
    return Tally(
        checks=(
            Check(Measure.PARTICIPATION_AREA, participation_area, QUORUM, strict=False),
            Check(Measure.PARTICIPATION_HEADCOUNT, participation_headcount, QUORUM, strict=False),
            Check(Measure.CONSENT_AREA, consent_area, consent_bound, strict=strict),
            Check(Measure.CONSENT_HEADCOUNT, consent_headcount, consent_bound, strict=strict),
        )
    )


def fraction_text(value: Fraction) -> str:
    """``p/q`` reduced, the denominator always written."""
    return f"{value.numerator}/{value.denominator}"


class BallotProblem(enum.StrEnum):
    MISSING_COLUMNS = "missing_columns"
    EMPTY = "empty"
    BAD_AREA = "bad_area"
    BAD_CHOICE = "bad_choice"
    DUPLICATE_DWELLING = "duplicate_dwelling"
    INCONSISTENT_OWNER = "inconsistent_owner"
    NO_BALLOTS = "no_ballots"
    MALFORMED = "malformed"


@dataclass(frozen=True, slots=True)
class BallotFileError:
    line: int
    problem: BallotProblem
    value: str


COLUMNS = ("dwelling_id", "owner_id", "exclusive_area", "choice")


def read_ballots(text: str) -> tuple[list[Ballot], list[BallotFileError]]:
    """Ballots from a CSV with one row per dwelling; every bad line is reported, none guessed."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        return _read_ballot_rows(reader)
    except csv.Error as error:  # a field past the csv module's limit
        # line_num counts the lines read whole; the one that broke is the next
        return [], [BallotFileError(reader.line_num + 1, BallotProblem.MALFORMED, str(error))]


def _area(text: str) -> Decimal | None:
    """A dwelling's exclusive area in m², if the text is one: a finite number above zero."""
    try:
        area = Decimal(text)
    except InvalidOperation:
        return None
    return area if area.is_finite() and area > 0 else None


def _read_ballot_rows(
    reader: csv.DictReader[str],
) -> tuple[list[Ballot], list[BallotFileError]]:
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [BallotFileError(1, BallotProblem.MISSING_COLUMNS, ", ".join(missing))]
    ballots: list[Ballot] = []
    errors: list[BallotFileError] = []
    dwellings: set[str] = set()
    owners: dict[str, tuple[Choice, int]] = {}
    for row in reader:
        line = reader.line_num
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        if not values["dwelling_id"] or not values["owner_id"]:
            errors.append(BallotFileError(line, BallotProblem.EMPTY, ""))
            continue
        area = _area(values["exclusive_area"])
        if area is None:
            errors.append(BallotFileError(line, BallotProblem.BAD_AREA, values["exclusive_area"]))
            continue
        try:
            choice = Choice(values["choice"].lower())
        except ValueError:
            errors.append(BallotFileError(line, BallotProblem.BAD_CHOICE, values["choice"]))
            continue
        if values["dwelling_id"] in dwellings:
            errors.append(
                BallotFileError(line, BallotProblem.DUPLICATE_DWELLING, values["dwelling_id"])
            )
            continue
        dwellings.add(values["dwelling_id"])
        earlier = owners.setdefault(values["owner_id"], (choice, line))
        if earlier[0] is not choice:
            errors.append(
                BallotFileError(line, BallotProblem.INCONSISTENT_OWNER, values["owner_id"])
            )
            continue
        ballots.append(Ballot(values["dwelling_id"], values["owner_id"], area, choice))
    if not ballots and not errors:
        errors.append(BallotFileError(1, BallotProblem.NO_BALLOTS, ""))
    return ballots, errors


def tally_json(result: Tally) -> dict[str, object]:
    """The result as ``anju tally --format json`` and the exports give it."""
    return {
        "quorum_met": result.quorum_met,
        "passed": result.passed,
        "participation": {
            "area": fraction_text(result.participation_area),
            "headcount": fraction_text(result.participation_headcount),
        },
        "consent": {
            "area": fraction_text(result.consent_area),
            "headcount": fraction_text(result.consent_headcount),
        },
    }
