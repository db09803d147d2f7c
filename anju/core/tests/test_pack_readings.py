"""Each city is governed by its own words: no other city's clause reaches it, and each reading
the documents' words decide is held to those words, quoted here from the seeds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.approvals import Traits, all_done, complete, states
from anju.core.clauses import Sources, document_of
from anju.core.eligibility import Status, assess
from anju.core.funding import Allocation, Channels, CostLine, check
from anju.core.pack_compare import rules_of
from anju.core.policy_pack import Pack, PackError, Provenance, load_pack, parse_pack
from anju.core.tests.test_policy_packs import facts as community
from anju.policy import SOURCES_DIR

SOURCES = Sources.load(SOURCES_DIR)
PACKS = Path(SOURCES_DIR).parent / "packs"
CITIES = {
    "chongqing-2021": {"chongqing-2021", "chongqing-2021-explanation"},
    "puyang-2020": {"puyang-2020"},
    "hangjin-2021": {"hangjin-2021"},
    "wuhan-2021": {"wuhan-2021"},
}


def pack(pack_id: str) -> Pack:
    return load_pack(PACKS / f"{pack_id}.yaml", SOURCES)


HANGJIN = pack("hangjin-2021")


@pytest.mark.parametrize("city", sorted(CITIES))
def test_every_rule_a_city_is_governed_by_is_its_own_clause_national_or_reference(
    city: str,
) -> None:
    rules = list(rules_of(pack(city)))
    assert rules
    for _, topic, side in rules:
        if side.provenance is Provenance.OWN:
            assert document_of(side.citation) in CITIES[city], (topic, side.citation)
        elif side.provenance is Provenance.NATIONAL:
            assert side.citation.startswith(
                (
                    "国办发〔2020〕23号",
                    "建设部财政部令第165号",
                    "国家发展改革委令第16号",
                    "国务院令第613号",
                )
            )
            assert side.basis, topic
        else:
            assert side.citation == "参考做法" and side.basis, topic
    # every city's own document governs at least its scope, funding and targets
    own = {section for section, _, side in rules if side.provenance is Provenance.OWN}
    assert {"funding", "targets"} <= {s.value for s in own}


def test_the_national_base_holds_no_city_clause() -> None:
    for _, topic, side in rules_of(pack("national-2020")):
        assert side.provenance is not Provenance.OWN, topic


def test_a_clause_of_another_citys_document_is_refused_naming_its_line() -> None:
    text = (PACKS / "wuhan-2021.yaml").read_text(encoding="utf-8")
    borrowed = text.replace(
        "    cite: wuhan-2021 §2.(3)1\n    quote: 积极申报中央财政补助资金和中央预算内投资资金",
        "    cite: puyang-2020 §4.(1)\n    quote: 积极争取、统筹使用中央财政预算内投资和城镇老旧小区改造专项补助资金",
        1,
    )
    assert borrowed != text
    with pytest.raises(PackError) as refused:
        parse_pack(borrowed, "wuhan-2021.yaml", SOURCES, pack)
    ((line, message),) = refused.value.problems
    assert borrowed.splitlines()[line - 1].strip() == "cite: puyang-2020 §4.(1)"
    assert "not a clause of this pack's own documents" in message


def test_a_base_that_cites_a_city_cannot_pass_that_clause_on() -> None:
    base = (
        (PACKS / "national-2020.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "      text: 满足居民安全需要和基本生活需求，需要的全部列入\n      cite: 参考做法\n"
            "      basis: &categories",
            "      text: 基础类应改尽改\n      cite: hangjin-2021 §2.(2)\n      quote: 基础类应改尽改\n"
            "      basis: &categories",
            1,
        )
    )
    with pytest.raises(PackError, match="not a clause of this pack's own documents"):
        parse_pack(base, "national-2020.yaml", SOURCES)


@pytest.mark.parametrize(("plan_year", "focus"), [(2022, False), (2024, True)])
def test_a_2007_hangjin_community_is_in_the_programme_in_focus_only_from_2024(
    plan_year: int, focus: bool
) -> None:
    # hangjin-2021 §2.(1): “十四五”前三年，重点改造2005年前建成的城镇老旧小区；“十四五”后两年，
    # 重点改造2010年前建成的城镇老旧小区
    verdict = assess(community(build_year=2007), pack("hangjin-2021"), plan_year)
    assert verdict.status is Status.ELIGIBLE
    assert verdict.focus is focus
    assert not verdict.obstacles


@given(built=st.integers(1950, 2025), plan_year=st.integers(2021, 2025))
def test_hangjins_focus_follows_its_two_windows_and_only_the_reference_line_excludes(
    built: int, plan_year: int
) -> None:
    verdict = assess(community(build_year=built), HANGJIN, plan_year)
    assert verdict.focus is (built < (2005 if plan_year <= 2023 else 2010))
    assert (verdict.status is Status.EXCLUDED) is (built >= 2010)


def test_hangjins_residents_willingness_ranks_and_does_not_exclude() -> None:
    # hangjin-2021 §2.(1): 优先改造建设时间较早、小区失修失管严重、居民要求改造意愿强烈且积极参与
    # 配合的城镇老旧小区 — 优先 gives priority; the document gives no figure at all
    hangjin = pack("hangjin-2021")
    assert hangjin.eligibility.willingness is None
    assert assess(community(willingness_pct=Decimal(10)), hangjin, 2022).status is Status.ELIGIBLE
    assert hangjin.model.priority is not None
    assert hangjin.model.priority.weights["willingness"] > 0


def test_where_willingness_is_a_condition_its_figure_is_a_labelled_reference_value() -> None:
    # puyang-2020 §2.(1) defines the scope as communities 居民改造意愿强烈, with no figure
    puyang = pack("puyang-2020")
    rule = puyang.eligibility.willingness
    assert rule is not None and rule.cite == "puyang-2020 §2.(1)" and "参考值" in rule.basis
    verdict = assess(community(willingness_pct=Decimal(60)), puyang, 2020)
    assert verdict.status is Status.EXCLUDED
    assert any("参考值66.67%" in r.text for r in verdict.obstacles)


def test_hangjin_budgets_for_the_programme_from_its_own_finances() -> None:
    # hangjin-2021 §3.(2)1: 可统筹整合与城镇老旧小区改造和社区服务提升相关的资金用于城镇老旧小区改造;
    # §5.(2): 旗财政部门负责城镇老旧小区改造专项资金的筹措和年度预算编制
    roads = CostLine("roads", "小区道路改造", "basic", 360_015_00)
    paid = [
        Allocation("roads", "local_budget", 200_000_00),
        Allocation("roads", "residents", 160_015_00),
    ]
    assert check([roads], paid, Channels.of(pack("hangjin-2021").model.funding)) == []
    (rule,) = [f for f in pack("hangjin-2021").model.funding if f.channel == "local_budget"]
    assert rule.cite == "hangjin-2021 §3.(2)1"


def test_puyangs_heating_company_pays_for_its_own_network() -> None:
    # puyang-2020 §4.(2): 供水、供电、燃气、热力、通信等管线单位要将老旧小区中属于自身产权管线、
    # 缆线的迁改或规整等工作…同步完成相关改造工作
    (utilities,) = [f for f in pack("puyang-2020").model.funding if f.channel == "utilities"]
    assert utilities.pays_for is not None
    assert set(utilities.pays_for.items) == {"water_supply", "power", "gas", "heating", "telecom"}


@pytest.mark.parametrize(
    ("city", "year", "measure"),
    [
        ("chongqing-2021", 2021, "started"),  # 2021年新开工改造城镇老旧小区831个
        ("chongqing-2021", 2025, "completed"),  # 力争基本完成2000年底前建成的…改造提升任务
        ("wuhan-2021", 2021, "completed"),  # 到2021年末,完成300个老旧小区改造
        ("wuhan-2021", 2025, "completed"),  # 全面完成2000年前建成需改造的老旧小区改造任务
        ("hangjin-2021", 2025, "completed"),  # 到“十四五”末，基本完成2005年前建成的老旧小区改造
        ("puyang-2020", 2020, "completed"),  # 2020年12月底前完成2020年度251个老旧小区改造任务
    ],
)
def test_a_completion_target_counts_completions_and_a_start_target_starts(
    city: str, year: int, measure: str
) -> None:
    (target,) = [t for t in pack(city).model.targets if t.year == year]
    assert target.measure == measure


def test_households_rank_as_reference_practice_and_no_target_cites_the_explanations_figure() -> (
    None
):
    # hangjin-2021 §3.(1) lists 小区户数 among facts to survey, not as a ranking; 约1亿平方米 is said
    # only in the explanation of the Chongqing notice
    for city in CITIES:
        priority = pack(city).model.priority
        assert priority is not None
        for criterion in priority.criteria:
            assert not (criterion.key == "households" and criterion.provenance is Provenance.OWN)
    for city in CITIES:
        for target in pack(city).model.targets:
            assert "1亿" not in target.text


def test_the_commitment_skips_the_drawing_review_in_hangjin_and_defers_it_in_chongqing() -> None:
    # hangjin-2021 §3.(3): 实行项目建设单位告知承诺制的，可不进行施工图审查
    # chongqing-2021 §5.(1): 实行项目建设单位告知承诺制的，…各项行政许可不应以施工图审查合格作为前置条件
    chosen = Traits(commitment=True)
    hangjin = states(pack("hangjin-2021").model.approvals.core(), chosen, {})
    assert [s.step.key for s in hangjin if s.waived] == ["land", "drawing_review"]
    chongqing = states(pack("chongqing-2021").model.approvals.core(), chosen, {})
    review = next(s for s in chongqing if s.step.key == "drawing_review")
    assert not review.waived and review.deferred and review.owed
    granted = {s.step.key: s for s in chongqing if not s.waived and not s.deferred}
    done = dict.fromkeys(granted, dt.date(2026, 3, 1))
    found = states(pack("chongqing-2021").model.approvals.core(), chosen, done)
    assert complete(found) and not all_done(found)
    # without the builder's choice nothing is spared but the land procedures
    for city in CITIES:
        found = states(pack(city).model.approvals.core(), Traits(commitment=False), {})
        assert {s.step.key for s in found if s.waived or s.deferred} == {"land"}


def test_every_rule_resting_on_a_figure_anju_supplies_says_so() -> None:
    for city in (*CITIES, "national-2020"):
        for _, topic, side in rules_of(pack(city)):
            if "参考" in side.text:
                assert side.reference or side.basis, (city, topic)


def test_a_practice_from_one_citys_document_is_reference_practice_in_every_other() -> None:
    # the expert draw comes from chongqing-2021 §3.(2)3 (实行设计分级评审、专家审查制度)
    assert pack("chongqing-2021").authority("chongqing-2021 §3.(2)3") == "chongqing-2021 §3.(2)3"
    for city in ("puyang-2020", "hangjin-2021", "wuhan-2021"):
        assert pack(city).authority("chongqing-2021 §3.(2)3") == "参考做法"
