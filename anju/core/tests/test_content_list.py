"""The proposed content list follows each category's rule; estimates add up; the approval path
follows the chosen work."""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from anju.core.clauses import Sources
from anju.core.conditions import NEEDS_WORK, Condition, Facility
from anju.core.content_list import (
    Proposal,
    Quantities,
    approval_path,
    estimate,
    propose,
    wan,
)
from anju.core.policy_pack import load_pack
from anju.policy import SOURCES_DIR

SOURCES = Sources.load(SOURCES_DIR)
PACKS = Path(SOURCES_DIR).parent / "packs"
HANGJIN = load_pack(PACKS / "hangjin-2021.yaml", SOURCES)
CHONGQING = load_pack(PACKS / "chongqing-2021.yaml", SOURCES)
SIZE = Quantities(area_m2=Decimal("12000.50"), households=120, buildings=6, units=18)

conditions = st.dictionaries(st.sampled_from(list(Facility)), st.sampled_from(list(Condition)))


@given(conditions)
def test_the_proposal_follows_each_categorys_rule(found: dict[Facility, Condition]) -> None:
    lines = {line.key: line for line in propose(HANGJIN, found, SIZE)}
    for item in HANGJIN.content.items:
        condition = found.get(item.facility)
        line = lines.get(item.key)
        if condition is None:
            assert line is not None and not line.selected
            assert line.proposal is Proposal.UNASSESSED
        elif condition not in NEEDS_WORK:
            assert line is None
        else:
            assert line is not None
            # basic: 应改尽改, improvement: 能改多改 — in; enhancement: 积极推进 — offered
            assert line.selected == (item.category != "enhancement")
            assert line.reason is not None and line.reason.citation == "hangjin-2021 §2.(2)"


def test_a_line_is_priced_by_the_community_size_its_unit_names() -> None:
    found = dict.fromkeys(Facility, Condition.POOR)
    lines = {line.key: line for line in propose(HANGJIN, found, SIZE)}
    assert lines["water_supply"].quantity == 120  # per household
    assert lines["building_common_parts"].cost_yuan == Decimal("720030.00")  # 12000.50 m² × 60
    assert lines["elevators"].quantity == 18  # per stairway unit
    assert lines["security"].quantity == 1  # lump sum


def test_an_unrecorded_quantity_leaves_the_line_unpriced_and_named() -> None:
    found = {Facility.ELEVATORS: Condition.MISSING, Facility.ROADS: Condition.POOR}
    lines = propose(HANGJIN, found, replace(SIZE, units=None))
    result = estimate(lines)
    assert result.unpriced == ("加装电梯",)
    assert result.total_yuan == Decimal("360015.00")  # roads only: 12000.50 m² × 30


@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(0, 10_000), st.integers(1, 10_000_000)), max_size=30
    )
)
def test_the_estimate_is_the_sum_of_the_selected_lines(
    picks: list[tuple[bool, int, int]],
) -> None:
    found = dict.fromkeys(Facility, Condition.POOR)
    template = propose(CHONGQING, found, SIZE)
    lines = [
        replace(template[i % len(template)], selected=on, quantity=Decimal(q), unit_cost_yuan=c)
        for i, (on, q, c) in enumerate(picks)
    ]
    result = estimate(lines)
    assert result.total_yuan == sum((Decimal(q) * c for on, q, c in picks if on), Decimal(0))
    assert sum(result.by_category.values()) == result.total_yuan


@given(st.decimals(min_value=0, max_value=10**12, places=2))
def test_wan_is_yuan_over_ten_thousand_rounded_to_the_cent(yuan: Decimal) -> None:
    assert abs(wan(yuan) * 10_000 - yuan) <= 50


def test_work_without_structural_change_takes_the_commitment_path_elevators_included() -> None:
    found = {Facility.ELEVATORS: Condition.MISSING, Facility.WATER_SUPPLY: Condition.POOR}
    path = approval_path(CHONGQING, propose(CHONGQING, found, SIZE))
    assert path.commitment and path.no_land_procedures
    assert {reason.citation for reason in path.reasons} == {"chongqing-2021 §5.(1)"}
    assert "告知承诺制" in path.reasons[0].text


def test_structural_or_land_work_leaves_the_fast_path_naming_the_items() -> None:
    lines = propose(HANGJIN, {Facility.PARKING: Condition.MISSING}, SIZE)
    lines = [replace(line, changes_structure=True, changes_land_ownership=True) for line in lines]
    path = approval_path(HANGJIN, lines)
    assert not path.commitment and not path.no_land_procedures
    assert all("停车场" in reason.text for reason in path.reasons)
    assert {reason.citation for reason in path.reasons} == {"hangjin-2021 §3.(3)"}
