"""Packs load, validate and cite; a pack with a mistake is refused naming its line."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from anju.core.clauses import Sources
from anju.core.eligibility import CommunityFacts, Status, assess
from anju.core.lifecycle import Requirement, refusals
from anju.core.policy_pack import Pack, PackError, load_pack, parse_pack
from anju.core.project_stages import Stage
from anju.policy import SOURCES_DIR

SOURCES = Sources.load(SOURCES_DIR)
PACKS = Path(SOURCES_DIR).parent / "packs"
PUYANG_TEXT = (PACKS / "puyang-2020.yaml").read_text(encoding="utf-8")
PUYANG = load_pack(PACKS / "puyang-2020.yaml", SOURCES)


def facts(**changes: object) -> CommunityFacts:
    values: dict[str, object] = {
        "code": "C1",
        "build_year": 1995,
        "in_shantytown_plan": False,
        "mostly_self_built": False,
        "is_urban_village": False,
        "structure_safe": True,
        "willingness_pct": Decimal(80),
    }
    values.update(changes)
    return CommunityFacts(**values)  # type: ignore[arg-type]


def test_every_pack_in_the_folder_loads_and_cites() -> None:
    for path in PACKS.glob("*.yaml"):
        pack = load_pack(path, SOURCES)
        assert pack.id == path.stem


def _refused(text: str) -> PackError:
    with pytest.raises(PackError) as refused:
        parse_pack(text, "broken.yaml", SOURCES)
    return refused.value


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_an_unknown_field_is_refused_naming_its_line() -> None:
    text = PUYANG_TEXT.replace("      when: true\n", "      when: true\n      colour: red\n", 1)
    error = _refused(text)
    assert [line for line, _ in error.problems] == [_line_of(text, "colour: red")]
    assert "broken.yaml:" in str(error)


def test_a_year_in_the_wrong_place_is_refused_naming_its_line() -> None:
    text = PUYANG_TEXT.replace(
        "    - built_before: 2000\n", "    - built_before: 2000\n      years: [1998]\n", 1
    )
    error = _refused(text)
    ((line, message),) = error.problems
    assert line == _line_of(text, "years: [1998]") or line == _line_of(text, "built_before: 2000")
    assert "1998" in message


def test_a_citation_to_a_clause_that_does_not_exist_is_refused_naming_its_line() -> None:
    text = PUYANG_TEXT.replace("cite: puyang-2020 §2.(1)", "cite: puyang-2020 §2.(7)", 1)
    error = _refused(text)
    assert error.problems == [(_line_of(text, "§2.(7)"), "no such clause: puyang-2020 §2.(7)")]


def test_a_quote_the_clause_does_not_say_is_refused() -> None:
    text = PUYANG_TEXT.replace("quote: 建成于2000年以前", "quote: 建成于2005年以前", 1)
    ((line, message),) = _refused(text).problems
    assert line == _line_of(text, "建成于2005年以前")
    assert "does not say" in message


def test_a_pre_2000_willing_safe_community_is_eligible_with_cited_reasons() -> None:
    verdict = assess(facts(), PUYANG, 2020)
    assert verdict.status is Status.ELIGIBLE
    assert {r.citation for r in verdict.reasons} == {"puyang-2020 §2.(1)"}
    assert any("1995年建成" in r.text for r in verdict.reasons)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"in_shantytown_plan": True}, "棚户区"),
        ({"mostly_self_built": True}, "自建住房"),
        ({"is_urban_village": True}, "城中村"),
        ({"structure_safe": False}, "房屋结构不安全"),
        ({"build_year": 2003}, "不在改造范围"),
        ({"willingness_pct": Decimal(40)}, "低于"),
    ],
)
def test_each_exclusion_excludes_with_its_reason(change: dict[str, object], words: str) -> None:
    verdict = assess(facts(**change), PUYANG, 2020)
    assert verdict.status is Status.EXCLUDED
    assert any(words in r.text for r in verdict.reasons)


def test_missing_data_is_needs_data_never_a_guess() -> None:
    verdict = assess(facts(is_urban_village=None, willingness_pct=None), PUYANG, 2020)
    assert verdict.status is Status.NEEDS_DATA
    assert sum("缺少数据" in r.text for r in verdict.reasons) == 2


def test_an_exclusion_outweighs_missing_data() -> None:
    verdict = assess(facts(is_urban_village=None, in_shantytown_plan=True), PUYANG, 2020)
    assert verdict.status is Status.EXCLUDED


@given(st.integers(1950, 2025))
def test_puyang_scope_is_built_before_2000(year: int) -> None:
    verdict = assess(facts(build_year=year), PUYANG, 2020)
    assert (verdict.status is Status.ELIGIBLE) == (year < 2000)


CHONGQING = load_pack(PACKS / "chongqing-2021.yaml", SOURCES)
HANGJIN = load_pack(PACKS / "hangjin-2021.yaml", SOURCES)


@given(st.integers(1950, 2025))
def test_chongqing_scope_is_end_2000_and_a_district_may_opt_in_to_end_2005(year: int) -> None:
    status = assess(facts(build_year=year), CHONGQING, 2022).status
    if year <= 2000:
        assert status is Status.ELIGIBLE
    elif year <= 2005:
        assert status is Status.OPT_IN
    else:
        assert status is Status.EXCLUDED


@pytest.mark.parametrize(
    ("built", "plan_year", "status", "focus"),
    [
        (2004, 2021, Status.ELIGIBLE, True),
        (2005, 2023, Status.ELIGIBLE, False),
        (2007, 2022, Status.ELIGIBLE, False),
        (2005, 2024, Status.ELIGIBLE, True),
        (2009, 2025, Status.ELIGIBLE, True),
        (2010, 2025, Status.EXCLUDED, False),
        (1990, 2026, Status.ELIGIBLE, None),
    ],
)
def test_hangjin_focus_moves_with_the_plan_year_and_never_excludes(
    built: int, plan_year: int, status: Status, focus: bool | None
) -> None:
    # hangjin-2021 §2.(1): “十四五”前三年，重点改造2005年前建成的城镇老旧小区；“十四五”后两年，
    # 重点改造2010年前建成的城镇老旧小区 — 重点 says what comes first, not what is left out. Only
    # the reference line at 2010 (the latest year the plan reaches) excludes, and says it is one.
    verdict = assess(facts(build_year=built), HANGJIN, plan_year)
    assert verdict.status is status
    assert verdict.focus is focus
    cited = {r.citation for r in verdict.reasons}
    assert cited <= {"hangjin-2021 §2.(1)", "参考做法"}
    if status is Status.EXCLUDED:
        assert cited == {"参考做法"}


NATIONAL_TEXT = (PACKS / "national-2020.yaml").read_text(encoding="utf-8")
WUHAN_TEXT = (PACKS / "wuhan-2021.yaml").read_text(encoding="utf-8")


def _resolve(pack_id: str) -> Pack:
    return load_pack(PACKS / f"{pack_id}.yaml", SOURCES)


def _refused_overlay(text: str) -> PackError:
    with pytest.raises(PackError) as refused:
        parse_pack(text, "broken.yaml", SOURCES, _resolve)
    return refused.value


def test_every_seed_city_has_its_pack_and_each_extends_the_national_one() -> None:
    packs = {path.stem: load_pack(path, SOURCES) for path in PACKS.glob("*.yaml")}
    assert {"national-2020", "chongqing-2021", "puyang-2020", "hangjin-2021", "wuhan-2021"} <= set(
        packs
    )
    for pack_id, pack in packs.items():
        if pack_id != "national-2020":
            assert pack.model.extends == "national-2020"


def test_a_city_pack_overrides_what_it_sets_and_keeps_the_rest() -> None:
    national = _resolve("national-2020")
    # Wuhan sets its own scope and keeps the national willingness rule and content menu
    assert [w.built_before for w in WUHAN.eligibility.scope] == [2000]
    assert WUHAN.eligibility.willingness == national.eligibility.willingness
    assert WUHAN.content == national.content
    # Puyang replaces items by key (keeping the national price where it gives none), drops two
    # and adds its own
    water = PUYANG.item("water_supply")
    assert water is not None and water.cite == "puyang-2020 §2.(2)1"
    assert water.cost == national.item("water_supply").cost  # type: ignore[union-attr]
    assert PUYANG.item("age_friendly") is None and PUYANG.item("property_rooms") is None
    assert PUYANG.item("heating") is not None and national.item("heating") is None
    # Hangjin's categories follow its own clause
    assert HANGJIN.content.categories.basic.cite == "hangjin-2021 §2.(2)"


WUHAN = _resolve("wuhan-2021")


def test_the_transcribed_targets_duties_and_tasks_match_the_seeds() -> None:
    chongqing = {t.year: t for t in CHONGQING.model.targets}
    assert chongqing[2021].communities == 831 and chongqing[2021].area_10k_m2 == 2662
    assert {t.year: t.communities for t in PUYANG.model.targets} == {2019: 48, 2020: 251}
    assert [t.communities for t in HANGJIN.model.targets if t.year == 2021] == [18]
    assert [t.communities for t in WUHAN.model.targets if t.year == 2021] == [300]
    assert len(PUYANG.model.responsibilities) == 16
    assert PUYANG.model.responsibilities[0].unit == "住房城乡建设部门"
    assert len(WUHAN.model.tasks) == 11
    assert all(task.lead for task in WUHAN.model.tasks)
    yearly = {d.yearly for d in HANGJIN.model.deadlines}
    assert "05-31" in yearly
    assert [d.monthly_days for d in WUHAN.model.deadlines if d.monthly_days] == [(10, 25)]


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("communities: 300", "communities: 320", "does not name “320”"),
        ("lead: [市民政局]", "lead: [市旅游局]", "does not name “市旅游局”"),
        ("monthly_days: [10, 25]", 'monthly_days: [10, 25]\n    yearly: "06-15"', "exactly one"),
        ("extends: national-2020", "extends: national-1999", "no such pack: national-1999"),
    ],
)
def test_a_mistranscribed_figure_or_name_is_refused_naming_its_line(
    old: str, new: str, complaint: str
) -> None:
    text = WUHAN_TEXT.replace(old, new, 1)
    assert text != WUHAN_TEXT
    error = _refused_overlay(text)
    assert any(complaint in message for _line, message in error.problems), error.problems
    ((line, _message),) = error.problems
    assert line in range(
        _line_of(text, new.splitlines()[0]) - 3, _line_of(text, new.splitlines()[0]) + 2
    )


def test_an_override_of_an_item_the_base_lacks_is_refused() -> None:
    text = WUHAN_TEXT.replace(
        "\ntargets:",
        "\ncontent:\n  remove: [gondola]\n  items:\n    - {key: sauna, name: 桑拿, category: basic,"
        " facility: health, cite: wuhan-2021 §1, quote: 老旧小区}\n\ntargets:",
        1,
    )
    problems = _refused_overlay(text).problems
    assert [message for _line, message in problems] == [
        "national-2020 has no item gondola",
        "item sauna is new and needs a cost",
    ]
    assert [line for line, _message in problems] == [
        _line_of(text, "remove: [gondola]"),
        _line_of(text, "key: sauna"),
    ]


def test_packs_that_extend_each_other_in_a_circle_are_refused(tmp_path: Path) -> None:
    (tmp_path / "alpha-2020.yaml").write_text(
        WUHAN_TEXT.replace("id: wuhan-2021", "id: alpha-2020").replace(
            "extends: national-2020", "extends: beta-2020"
        ),
        encoding="utf-8",
    )
    (tmp_path / "beta-2020.yaml").write_text(
        WUHAN_TEXT.replace("id: wuhan-2021", "id: beta-2020").replace(
            "extends: national-2020", "extends: alpha-2020"
        ),
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="circle"):
        load_pack(tmp_path / "alpha-2020.yaml", SOURCES)


def test_a_funding_rule_or_floor_sharing_naming_an_item_the_pack_lacks_is_refused() -> None:
    text = WUHAN_TEXT.replace(
        "pays_for: {items: [elevators, parking]}", "pays_for: {items: [elevators, gondola]}", 1
    )
    assert _refused_overlay(text).problems == [
        (_line_of(text, "[elevators, gondola]"), "no content item gondola")
    ]
    national = (PACKS / "national-2020.yaml").read_text(encoding="utf-8")
    text = national.replace("    items: [elevators]\n", "    items: [lifts]\n", 1)
    assert _refused(text).problems == [(_line_of(text, "items: [lifts]"), "no content item lifts")]


def test_the_channels_limited_by_their_clause_pay_only_for_what_it_names() -> None:
    national = load_pack(PACKS / "national-2020.yaml", SOURCES)
    limits = {f.channel: f.pays_for for f in national.model.funding if f.pays_for is not None}
    assert limits["provident_fund"].admits("improvement", "elevators")
    assert not limits["provident_fund"].admits("improvement", "greening")
    assert limits["maintenance_fund"].admits("basic", "roads")
    assert not limits["maintenance_fund"].admits("enhancement", "elderly_care")
    assert limits["utilities"].items == ("water_supply", "power", "gas", "telecom")
    sharing = national.model.cost_sharing
    assert sharing.by_floor is not None and sharing.by_floor.coefficients[1] == 0
    assert sharing.maintenance_fund is not None
    assert sharing.maintenance_fund.top_up_below == Decimal("0.30")


def test_no_completion_acceptance_without_the_handover_agreement_under_puyangs_gates() -> None:
    # puyang-2020 §3.(3): 物业管理长效运营机制及物业移交协议作为项目竣工验收时必要条件
    every = dict.fromkeys(Requirement, True)
    assert refusals(Stage.CONSTRUCTION, Stage.ACCEPTANCE, every, PUYANG.gates) == []
    missing = {**every, Requirement.HANDOVER_AGREEMENT: False}
    (refused,) = refusals(Stage.CONSTRUCTION, Stage.ACCEPTANCE, missing, PUYANG.gates)
    assert refused.gate is not None and refused.gate.cite == "puyang-2020 §3.(3)"
    assert {g.stage for g in PUYANG.gates} <= set(Stage) - {Stage.RESERVE}
    # no other city asks for Puyang's handover agreement
    for other in (CHONGQING, HANGJIN, WUHAN, load_pack(PACKS / "national-2020.yaml", SOURCES)):
        assert Requirement.HANDOVER_AGREEMENT not in {g.requirement for g in other.gates}


@given(st.decimals(min_value=0, max_value=100, places=2))
@example(Decimal("66.67"))
@example(Decimal("66.66"))
def test_willingness_at_the_packs_figure_qualifies_and_a_hundredth_below_it_excludes(
    pct: Decimal,
) -> None:
    # puyang-2020 §2.(1) asks that residents want it strongly; the pack's figure is 66.67 %
    assert PUYANG.eligibility.willingness is not None
    assert PUYANG.eligibility.willingness.minimum_pct == 66.67
    status = assess(facts(willingness_pct=pct), PUYANG, 2020).status
    assert status is (Status.ELIGIBLE if pct >= Decimal("66.67") else Status.EXCLUDED)


@given(st.integers(min_value=1949, max_value=2030))
@example(1999)
@example(2000)
def test_a_community_built_before_2000_is_in_puyangs_scope_and_one_built_in_2000_is_not(
    year: int,
) -> None:
    # puyang-2020 §2.(1): 建成于2000年以前
    status = assess(facts(build_year=year), PUYANG, 2020).status
    assert status is (Status.ELIGIBLE if year < 2000 else Status.EXCLUDED)
