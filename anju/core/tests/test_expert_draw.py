"""The expert draw never picks a conflicted expert and replays from its seed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.expert_draw import (
    Conflict,
    Expert,
    NotEnoughExperts,
    Parties,
    conflicts,
    draw,
)

SPECIALTIES = ("structure", "water", "power", "landscape")
EMPLOYERS = ("市设计院", "安居建工", "高校", "规划所", "")


@st.composite
def libraries(draw_: st.DrawFn) -> list[Expert]:
    count = draw_(st.integers(min_value=0, max_value=40))
    return [
        Expert(
            f"E{i:03d}",
            frozenset(draw_(st.sets(st.sampled_from(SPECIALTIES), min_size=1))),
            draw_(st.sampled_from(EMPLOYERS)),
        )
        for i in range(count)
    ]


parties = st.builds(
    Parties,
    designer=st.sampled_from(EMPLOYERS),
    contractor=st.sampled_from(EMPLOYERS),
    reviewed_before=st.frozensets(st.sampled_from([f"E{i:03d}" for i in range(40)]), max_size=8),
)
needs = st.dictionaries(st.sampled_from(SPECIALTIES), st.integers(1, 3), min_size=1)


@given(libraries(), needs, parties, st.integers(min_value=0, max_value=2**63))
def test_no_conflicted_expert_is_ever_drawn_and_the_seed_replays_it(
    library: list[Expert], wanted: dict[str, int], who: Parties, seed: int
) -> None:
    try:
        result = draw(library, wanted, who, seed)
    except NotEnoughExperts as short:
        eligible = [
            e for e in library if short.specialty in e.specialties and not conflicts(e, who)
        ]
        assert len(eligible) < sum(wanted.values())
        return
    by_key = {e.key: e for e in library}
    keys = [key for _specialty, key in result.chosen]
    assert len(keys) == len(set(keys)) == sum(wanted.values())
    for specialty, key in result.chosen:
        assert specialty in by_key[key].specialties
        assert not conflicts(by_key[key], who)
    assert draw(reversed(library), wanted, who, seed) == result


def test_the_reasons_for_leaving_an_expert_out_are_recorded() -> None:
    library = [
        Expert("A", frozenset({"structure"}), "市设计院"),
        Expert("B", frozenset({"structure"}), "安居建工"),
        Expert("C", frozenset({"structure"}), "高校"),
        Expert("D", frozenset({"structure"}), "规划所"),
    ]
    who = Parties(designer="市设计院", contractor="安居建工", reviewed_before=frozenset({"C"}))
    result = draw(library, {"structure": 1}, who, seed=7)
    assert result.chosen == (("structure", "D"),)
    assert result.excluded == {
        "A": (Conflict.DESIGNER,),
        "B": (Conflict.CONTRACTOR,),
        "C": (Conflict.REVIEWED_BEFORE,),
    }
    with pytest.raises(NotEnoughExperts) as short:
        draw(library, {"structure": 2}, who, seed=7)
    assert (short.value.needed, short.value.eligible) == (2, 1)


def test_different_seeds_draw_different_panels_over_a_large_library() -> None:
    library = [Expert(f"E{i:03d}", frozenset({"water"}), "高校") for i in range(50)]
    panels = {draw(library, {"water": 3}, Parties(), seed).chosen for seed in range(20)}
    assert len(panels) > 15
