"""Which lots of a project must be let by tender (招标), by the national rule a pack carries: a
works contract estimated at 4,000,000 yuan or more, goods at 2,000,000 or more, services
(survey, design, supervision) at 1,000,000 or more; and lots of one project that could be let
together count together, so a project cut into lots that each stay under the line must still
be tendered (必须招标的工程项目规定, 国家发展改革委令第16号, 第五条). Puyang forbids the cutting in
so many words: 严禁拆分改造内容规避招标 (puyang-2020 §3.(2)4).

Lots of one kind in one project are the ones taken to count together: works with works, goods
with goods, services with services. The figures are whole fen, and "以上" includes the figure
itself, so a lot estimated at exactly the line must be tendered.

A lot that must be tendered publishes its winning candidates before the award, for at least the
days the pack sets (招标投标法实施条例 第五十四条: 公示期不得少于3日), the first and the last day
of the notice both counted; an award made before the publicity has run out is flagged.

Residents are told who won and for how much (施工招投标…向居民公开, puyang-2020 §3.(2)2) within
the days a pack sets from the award; more paid on a project than its contracts come to is a
question for the bureau. Goods lots of the same name across a city's projects are offered for
buying together where a pack encourages it (集中招标采购, chongqing-2021 §5.(1)).
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


class Kind(enum.StrEnum):
    WORKS = "works"  # 施工
    GOODS = "goods"  # 货物: equipment and materials
    SERVICES = "services"  # 服务: survey, design, supervision, consulting


class Method(enum.StrEnum):
    """How a lot is let. Only the two kinds of tender are tendering (招标投标法 第十条); the others
    are the government-procurement and direct ways a lot under the line may be let."""

    OPEN_TENDER = "open_tender"  # 公开招标
    INVITED_TENDER = "invited_tender"  # 邀请招标
    COMPETITIVE_CONSULTATION = "competitive_consultation"  # 竞争性磋商
    COMPETITIVE_NEGOTIATION = "competitive_negotiation"  # 竞争性谈判
    INQUIRY = "inquiry"  # 询价
    SINGLE_SOURCE = "single_source"  # 单一来源
    DIRECT = "direct"  # 直接委托

    @property
    def tendered(self) -> bool:
        return self in (Method.OPEN_TENDER, Method.INVITED_TENDER)


@dataclass(frozen=True, slots=True)
class Lot:
    project: str
    name: str
    kind: Kind
    estimate: int  # fen
    method: Method | None = None  # None: not let yet
    published_from: dt.date | None = None  # the winning candidates' publicity
    published_until: dt.date | None = None
    awarded_on: dt.date | None = None
    winner: str = ""

    def __post_init__(self) -> None:
        if self.estimate < 0:
            raise ValueError("a lot's estimate is not below zero")
        if (
            self.published_from
            and self.published_until
            and self.published_until < self.published_from
        ):
            raise ValueError("a publicity ends before it begins")


@dataclass(frozen=True, slots=True)
class TenderLines:
    """The estimate, in fen, at which a kind of contract must be tendered, where the rule says
    so, and where a city's own words forbid cutting a project to stay under it (if they do)."""

    works: int
    goods: int
    services: int
    citation: str
    no_splitting: str = ""

    def line(self, kind: Kind) -> int:
        return {Kind.WORKS: self.works, Kind.GOODS: self.goods, Kind.SERVICES: self.services}[kind]


@dataclass(frozen=True, slots=True)
class KindCheck:
    """One kind of lot in one project, counted together."""

    kind: Kind
    lots: tuple[Lot, ...]
    lines: TenderLines

    @property
    def line(self) -> int:
        return self.lines.line(self.kind)

    @property
    def citations(self) -> tuple[str, ...]:
        """The national rule; where lots were cut under the line, the city's own ban as well."""
        if self.split and self.lines.no_splitting:
            return (self.lines.citation, self.lines.no_splitting)
        return (self.lines.citation,)

    @property
    def citation(self) -> str:
        return "；".join(self.citations)

    @property
    def total(self) -> int:
        return sum(lot.estimate for lot in self.lots)

    @property
    def must_tender(self) -> bool:
        return self.total >= self.line

    @property
    def split(self) -> bool:
        """Must be tendered only because the lots count together: each is under the line."""
        return self.must_tender and all(lot.estimate < self.line for lot in self.lots)

    @property
    def not_tendered(self) -> tuple[Lot, ...]:
        """Lots let some other way although the kind must be tendered (a lot not let yet is
        not among them)."""
        if not self.must_tender:
            return ()
        return tuple(lot for lot in self.lots if lot.method is not None and not lot.method.tendered)


@dataclass(frozen=True, slots=True)
class ProjectCheck:
    project: str
    kinds: tuple[KindCheck, ...]


def tender_checks(lots: Iterable[Lot], lines: TenderLines) -> list[ProjectCheck]:
    """Each project in the order its first lot comes, its kinds in the order works, goods,
    services (those it has), each kind's lots in their own order."""
    grouped: dict[str, dict[Kind, list[Lot]]] = {}
    for lot in lots:
        grouped.setdefault(lot.project, {}).setdefault(lot.kind, []).append(lot)
    return [
        ProjectCheck(
            project,
            tuple(KindCheck(kind, tuple(kinds[kind]), lines) for kind in Kind if kind in kinds),
        )
        for project, kinds in grouped.items()
    ]


class PublicityProblem(enum.StrEnum):
    NONE = "none"  # awarded with no publicity of the candidates recorded
    SHORT = "short"  # published for fewer days than the rule asks
    AWARDED_EARLY = "awarded_early"  # awarded on or before the publicity's last day


def publicity_problems(check: KindCheck, days: int) -> list[tuple[Lot, PublicityProblem]]:
    """The tendered lots of a kind that must be tendered whose candidates' publicity falls
    short: none before an award, fewer than ``days`` days, or an award before it ran out."""
    if not check.must_tender:
        return []
    found: list[tuple[Lot, PublicityProblem]] = []
    for lot in check.lots:
        if lot.method is None or not lot.method.tendered:
            continue
        if lot.published_from is None or lot.published_until is None:
            if lot.awarded_on is not None:
                found.append((lot, PublicityProblem.NONE))
            continue
        if (lot.published_until - lot.published_from).days + 1 < days:
            found.append((lot, PublicityProblem.SHORT))
        if lot.awarded_on is not None and lot.awarded_on <= lot.published_until:
            found.append((lot, PublicityProblem.AWARDED_EARLY))
    return found


def party_key(name: str) -> str:
    """A company's name as compared with a list: the same name typed in full-width or
    half-width brackets, with spaces or without, in either case, is one name."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


@dataclass(frozen=True, slots=True)
class Listing:
    """An entry of a list of untrustworthy parties (失信名单), from its first day to its last
    (none: until it is lifted)."""

    name: str
    source: str
    listed_on: dt.date
    until: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.listed_on <= day and (self.until is None or day <= self.until)


def debarred_winners(lots: Iterable[Lot], listings: Iterable[Listing]) -> list[tuple[Lot, Listing]]:
    """Each awarded lot whose winner was listed on the day of the award."""
    by_key: dict[str, list[Listing]] = {}
    for listing in listings:
        by_key.setdefault(party_key(listing.name), []).append(listing)
    found = []
    for lot in lots:
        if lot.awarded_on is None or not lot.winner:
            continue
        listed = [x for x in by_key.get(party_key(lot.winner), []) if x.covers(lot.awarded_on)]
        if listed:
            found.append((lot, min(listed, key=lambda x: x.listed_on)))
    return found


@dataclass(frozen=True, slots=True)
class Variation:
    """A change (变更) to a lot's contract after the award: what it adds (or takes off, below
    zero) to the price, and whether it has been approved."""

    amount: int  # fen
    approved: bool


def variations_to_approve(
    price: int, variations: Iterable[Variation], share: Fraction
) -> list[Variation]:
    """The unapproved variations of a contract whose variations add up to more than ``share``
    of its price: past that, each needs approval. Additions and reductions net off, as the
    price the contract ends at is what counts."""
    found = list(variations)
    if sum(v.amount for v in found) <= share * price:
        return []
    return [v for v in found if not v.approved]


def published_late(awarded_on: dt.date, published_on: dt.date, days: int) -> int:
    """The days past ``days`` after the award that it reached residents; 0 in time (an award
    published on the last day, or before the day it names, is in time)."""
    return max(0, (published_on - awarded_on).days - days)


def overpaid(
    contracted: int, payments: Iterable[tuple[dt.date, int]]
) -> tuple[int, dt.date | None]:
    """What has been paid beyond the contracts awarded (with their changes), and the day the
    payments first passed them; (0, None) when they have not, or when nothing is contracted,
    since there is then nothing to set the payments against."""
    if contracted <= 0:
        return 0, None
    paid, since = 0, None
    for day, amount in sorted(payments):
        paid += amount
        if since is None and paid > contracted:
            since = day
    return (paid - contracted, since) if paid > contracted else (0, None)


@dataclass(frozen=True, slots=True)
class Bulk:
    """Goods lots of one name, not let yet, in several projects: one purchase could serve them
    all."""

    name: str
    lots: tuple[Lot, ...]

    @property
    def total(self) -> int:
        return sum(lot.estimate for lot in self.lots)

    @property
    def projects(self) -> int:
        return len({lot.project for lot in self.lots})


def bulk_goods(lots: Iterable[Lot]) -> list[Bulk]:
    """The goods lots not let yet, grouped by name as compared with a list (party_key), where
    the name comes in two projects or more; the largest total first."""
    grouped: dict[str, list[Lot]] = {}
    for lot in lots:
        if lot.kind is Kind.GOODS and lot.method is None:
            grouped.setdefault(party_key(lot.name), []).append(lot)
    found = [Bulk(group[0].name, tuple(group)) for group in grouped.values()]
    return sorted((bulk for bulk in found if bulk.projects >= 2), key=lambda b: (-b.total, b.name))
