"""What must be tendered, against the statute's own table (必须招标的工程项目规定 第五条) written
here, not read from the code or a pack: each kind's lots in a project summed, the line included."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from anju.core.clauses import Sources
from anju.core.policy_pack import load_pack
from anju.core.procurement import (
    Kind,
    KindCheck,
    Listing,
    Lot,
    Method,
    PublicityProblem,
    TenderLines,
    Variation,
    bulk_goods,
    debarred_winners,
    overpaid,
    party_key,
    publicity_problems,
    published_late,
    tender_checks,
    variations_to_approve,
)
from anju.policy import SOURCES_DIR

# 施工 400万元, 货物 200万元, 服务 100万元 — in fen
STATUTE = {Kind.WORKS: 400_000_000, Kind.GOODS: 200_000_000, Kind.SERVICES: 100_000_000}
CITE = "国家发展改革委令第16号 第五条"
LINES = TenderLines(STATUTE[Kind.WORKS], STATUTE[Kind.GOODS], STATUTE[Kind.SERVICES], CITE)
BAN = TenderLines(LINES.works, LINES.goods, LINES.services, CITE, "puyang-2020 §3.(2)4")
TENDERS = {Method.OPEN_TENDER, Method.INVITED_TENDER}


def lot(
    estimate: int,
    kind: Kind = Kind.WORKS,
    name: str = "lot",
    method: Method | None = None,
    project: str = "P1",
) -> Lot:
    return Lot(project, name, kind, estimate, method)


def only(lots: list[Lot], lines: TenderLines = LINES) -> KindCheck:
    [project] = tender_checks(lots, lines)
    [kind] = project.kinds
    return kind


def test_every_shipped_pack_carries_the_statutes_and_puyang_its_own_ban_beside_them() -> None:
    sources = Sources.load(SOURCES_DIR)
    for path in (Path(SOURCES_DIR).parent / "packs").glob("*.yaml"):
        pack = load_pack(path, sources)
        lines = pack.tender_lines
        assert lines is not None, path
        assert (lines.works, lines.goods, lines.services) == tuple(STATUTE.values())
        assert lines.citation == CITE
        assert lines.no_splitting == ("puyang-2020 §3.(2)4" if "puyang" in path.name else "")
        publicity = pack.model.procurement.candidate_publicity
        assert publicity is not None
        assert (publicity.days, publicity.cite) == (3, "国务院令第613号 第五十四条")


def test_the_line_itself_must_be_tendered_a_fen_below_it_need_not() -> None:
    for kind, line in STATUTE.items():
        assert only([lot(line, kind)]).must_tender
        assert not only([lot(line - 1, kind)]).must_tender
        assert only([lot(line + 1, kind)]).must_tender


def test_a_works_contract_cut_in_three_under_the_line_is_split_and_its_lots_named() -> None:
    lots = [
        lot(150_000_000, name="一标段", method=Method.COMPETITIVE_CONSULTATION),
        lot(150_000_000, name="二标段", method=Method.DIRECT),
        lot(100_000_000, name="三标段", method=Method.OPEN_TENDER),
    ]
    check = only(lots)
    assert (check.total, check.must_tender, check.split) == (400_000_000, True, True)
    assert [x.name for x in check.not_tendered] == ["一标段", "二标段"]
    assert check.citation == CITE
    assert only(lots, BAN).citation == f"{CITE}；puyang-2020 §3.(2)4"


def test_one_lot_over_the_line_is_not_a_split_though_its_small_neighbours_count_with_it() -> None:
    check = only([lot(500_000_000, name="主体"), lot(1_000, name="零星", method=Method.DIRECT)])
    assert check.must_tender and not check.split
    assert [x.name for x in check.not_tendered] == ["零星"]
    assert only([lot(500_000_000, name="主体")], BAN).citation == CITE  # the ban is for cut lots


def test_kinds_count_apart_and_a_lot_not_yet_let_is_not_called_untendered() -> None:
    [project] = tender_checks(
        [
            lot(99_999_999, Kind.SERVICES, name="设计"),
            lot(300_000_000, Kind.WORKS, name="施工", method=Method.INQUIRY),
            lot(150_000_000, Kind.GOODS, name="电梯"),
            lot(50_000_000, Kind.GOODS, name="材料"),
        ],
        LINES,
    )
    found = {
        k.kind: (k.total, k.must_tender, k.split, [x.name for x in k.not_tendered])
        for k in project.kinds
    }
    assert [k.kind for k in project.kinds] == [Kind.WORKS, Kind.GOODS, Kind.SERVICES]
    assert found == {
        Kind.WORKS: (300_000_000, False, False, []),
        Kind.GOODS: (200_000_000, True, True, []),
        Kind.SERVICES: (99_999_999, False, False, []),
    }


kinds = st.sampled_from(list(Kind))
methods = st.none() | st.sampled_from(list(Method))


@st.composite
def near_lines(draw: st.DrawFn) -> Lot:
    """Lots whose estimates sit on, just under and just over the lines, and far from them."""
    kind = draw(kinds)
    line = STATUTE[kind]
    estimate = draw(
        st.sampled_from([0, 1, line // 3, line // 2, line - 1, line, line + 1])
        | st.integers(0, 2 * line)
    )
    return Lot(draw(st.sampled_from(["P1", "P2", "P3"])), "lot", kind, estimate, draw(methods))


@given(st.lists(near_lines(), max_size=12), st.randoms(use_true_random=False))
@example([lot(200_000_000), lot(200_000_000)], None)
def test_each_kind_of_each_project_is_judged_as_its_summed_estimate_says(
    lots: list[Lot], rng: object
) -> None:
    checks = {(p.project, k.kind): k for p in tender_checks(lots, LINES) for k in p.kinds}
    groups: dict[tuple[str, Kind], list[Lot]] = {}
    for x in lots:
        groups.setdefault((x.project, x.kind), []).append(x)
    assert set(checks) == set(groups)
    for key, group in groups.items():
        line = STATUTE[key[1]]
        total = 0
        for x in group:
            total += x.estimate
        must = total >= line
        check = checks[key]
        assert (check.total, check.must_tender) == (total, must)
        assert check.split == (must and max(x.estimate for x in group) < line)
        assert list(check.not_tendered) == [
            x for x in group if must and x.method is not None and x.method not in TENDERS
        ]
    if rng is not None:
        shuffled = list(lots)
        rng.shuffle(shuffled)  # type: ignore[attr-defined]
        again = {(p.project, k.kind): k for p in tender_checks(shuffled, LINES) for k in p.kinds}
        assert {k: (c.total, c.must_tender, c.split) for k, c in again.items()} == {
            k: (c.total, c.must_tender, c.split) for k, c in checks.items()
        }


D = dt.date


def tendered(**dates: dt.date | None) -> Lot:
    return Lot("P1", "施工", Kind.WORKS, 500_000_000, Method.OPEN_TENDER, **dates)  # type: ignore[arg-type]


def test_three_days_of_publicity_are_the_first_to_the_third_and_the_award_comes_after() -> None:
    def problems(lot: Lot) -> list[PublicityProblem]:
        return [p for _lot, p in publicity_problems(only([lot]), 3)]

    enough = {"published_from": D(2026, 12, 1), "published_until": D(2026, 12, 3)}
    assert problems(tendered(**enough, awarded_on=D(2026, 12, 4))) == []
    assert problems(tendered(**enough, awarded_on=D(2026, 12, 3))) == [
        PublicityProblem.AWARDED_EARLY
    ]
    short = {"published_from": D(2026, 12, 1), "published_until": D(2026, 12, 2)}
    assert problems(tendered(**short, awarded_on=D(2026, 12, 9))) == [PublicityProblem.SHORT]
    assert problems(tendered(awarded_on=D(2026, 12, 9))) == [PublicityProblem.NONE]
    assert problems(tendered()) == []  # not awarded yet: nothing is late
    # a kind under the line, or a lot let without a tender (flagged as such), asks for none
    small = Lot("P1", "零星", Kind.WORKS, 1_000, Method.OPEN_TENDER, awarded_on=D(2026, 12, 9))
    assert publicity_problems(only([small]), 3) == []
    direct = Lot("P1", "直委", Kind.WORKS, 500_000_000, Method.DIRECT, awarded_on=D(2026, 12, 9))
    assert publicity_problems(only([direct]), 3) == []


@given(
    st.dates(D(2026, 1, 1), D(2026, 3, 1)),
    st.integers(0, 10),
    st.none() | st.integers(-3, 12),
    st.integers(1, 7),
)
def test_publicity_is_short_when_its_calendar_days_are_fewer_than_the_rule_asks(
    start: dt.date, length: int, award_after: int | None, days: int
) -> None:
    end = start + dt.timedelta(days=length)
    awarded = None if award_after is None else start + dt.timedelta(days=award_after)
    found = {
        p
        for _lot, p in publicity_problems(
            only([tendered(published_from=start, published_until=end, awarded_on=awarded)]), days
        )
    }
    counted = 0
    day = start
    while day <= end:
        counted += 1
        day += dt.timedelta(days=1)
    assert (PublicityProblem.SHORT in found) == (counted < days)
    assert (PublicityProblem.AWARDED_EARLY in found) == (awarded is not None and awarded <= end)


def test_a_party_is_one_name_however_its_brackets_spaces_and_case_are_typed() -> None:
    assert party_key("恒达建设（濮阳） 有限公司") == party_key("恒达建设(濮阳)有限公司")
    assert party_key("ABC Construction Co.") == party_key("abc constructionco.")
    assert party_key("恒达建设有限公司") != party_key("恒达建设工程有限公司")


@given(
    st.dates(D(2026, 1, 1), D(2026, 12, 31)),
    st.none() | st.integers(0, 90),
    st.integers(-30, 120),
)
def test_an_award_is_to_a_listed_party_exactly_while_it_is_listed(
    listed_on: dt.date, lifted_after: int | None, award_after: int
) -> None:
    until = None if lifted_after is None else listed_on + dt.timedelta(days=lifted_after)
    awarded = listed_on + dt.timedelta(days=award_after)
    lot = Lot(
        "P1", "施工", Kind.WORKS, 1, Method.OPEN_TENDER, awarded_on=awarded, winner="恒达（濮阳）"
    )
    listing = Listing("恒达(濮阳)", "省住建厅", listed_on, until)
    found = debarred_winners([lot], [listing])
    inside = listed_on <= awarded and (until is None or awarded <= until)
    assert found == ([(lot, listing)] if inside else [])
    assert (
        debarred_winners([Lot("P1", "施工", Kind.WORKS, 1, winner="恒达（濮阳）")], [listing]) == []
    )


def test_variations_past_a_tenth_of_the_price_each_need_approval() -> None:
    tenth = Fraction(1, 10)
    price = 300_000_000  # 3,000,000 yuan
    under = [Variation(20_000_000, False), Variation(10_000_000, False)]  # 300,000: exactly a tenth
    assert variations_to_approve(price, under, tenth) == []
    over = [*under, Variation(1, False), Variation(5_000_000, True)]
    assert variations_to_approve(price, over, tenth) == [*under, Variation(1, False)]
    netted = [Variation(40_000_000, False), Variation(-20_000_000, False)]
    assert variations_to_approve(price, netted, tenth) == []


@given(
    st.integers(0, 10**9),
    st.lists(st.tuples(st.integers(-(10**8), 10**8), st.booleans()), max_size=6),
    st.integers(1, 100),
)
def test_a_contract_s_variations_need_approval_exactly_when_they_pass_the_share(
    price: int, rows: list[tuple[int, bool]], percent: int
) -> None:
    variations = [Variation(amount, approved) for amount, approved in rows]
    found = variations_to_approve(price, variations, Fraction(percent, 100))
    net = 0
    for amount, _approved in rows:
        net += amount
    past = net * 100 > percent * price
    assert found == ([v for v in variations if not v.approved] if past else [])


@given(
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.integers(-400, 400),
    st.integers(1, 90),
)
@example(dt.date(2026, 3, 1), 20, 20)  # the last day of the period is in time
@example(dt.date(2026, 3, 1), 21, 20)
@example(dt.date(2026, 3, 1), -3, 20)  # recorded before the day the award names
def test_an_award_is_late_by_the_days_past_the_period_and_never_on_its_last_day(
    awarded: dt.date, after: int, days: int
) -> None:
    published = awarded + dt.timedelta(days=after)
    # counted by hand: the days from the award to its publication, less the period, not below 0
    expected = after - days if after > days else 0
    assert published_late(awarded, published, days) == expected


@given(
    st.integers(0, 10**9),
    st.lists(
        st.tuples(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)), st.integers(1, 10**8)),
        max_size=8,
    ),
)
@example(100, [(dt.date(2026, 1, 5), 100)])  # paid exactly the contract
@example(100, [(dt.date(2026, 1, 5), 60), (dt.date(2026, 1, 3), 41)])  # out of their order
@example(0, [(dt.date(2026, 1, 5), 5)])
def test_only_payments_past_the_contracts_are_overpaid_from_the_day_they_passed_them(
    contracted: int, payments: list[tuple[dt.date, int]]
) -> None:
    paid = sum(amount for _day, amount in payments)
    excess, since = overpaid(contracted, payments)
    if contracted == 0 or paid <= contracted:
        assert (excess, since) == (0, None)
        return
    assert excess == paid - contracted
    # by hand: the payments up to and including ``since`` pass the contracts, those before it do not
    assert since is not None
    assert sum(a for day, a in payments if day <= since) > contracted
    assert sum(a for day, a in payments if day < since) <= contracted


def test_goods_not_let_yet_of_one_name_in_two_projects_are_offered_for_buying_together() -> None:
    lots = [
        lot(90_000_000, Kind.GOODS, "电梯设备", project="P1"),
        lot(80_000_000, Kind.GOODS, "电梯设备 ", project="P2"),  # the same name, a space more
        lot(70_000_000, Kind.GOODS, "电梯设备", project="P3", method=Method.INQUIRY),  # let
        lot(10_000_000, Kind.GOODS, "二次供水设备", project="P1"),
        lot(20_000_000, Kind.GOODS, "二次供水设备", project="P1"),  # two lots, one project
        lot(50_000_000, Kind.WORKS, "电梯设备", project="P4"),  # works, not goods
        lot(5_000_000, Kind.GOODS, "路灯", project="P2"),
        lot(6_000_000, Kind.GOODS, "路灯", project="P5"),
    ]
    found = bulk_goods(lots)
    assert [(b.name, b.projects, b.total) for b in found] == [
        ("电梯设备", 2, 170_000_000),
        ("路灯", 2, 11_000_000),
    ]
