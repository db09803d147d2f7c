"""Every rule a pack governs a city by, with where its authority comes from, and two packs side
by side — the first questions a city asks when it sets up its own pack.

Each section of a pack is flattened to topics (a scope's plan years, an item's key, a funding
channel…) so that the same topic in both packs lines up, whatever order the files give. Each
topic says whether it rests on the city's own clause, a national document or Anju's reference
practice, and which of its figures are reference values (参考值) and on what basis.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from anju.core.conditions import FACILITY_WORDS
from anju.core.eligibility import FACT_NAMES
from anju.core.outcomes import INDICATOR_WORDS as OUTCOME_WORDS
from anju.core.policy_pack import CATEGORIES, Cited, Deadline, Pack, Provenance, ScopeWindow

PER_WORDS = {
    "area": "元/平方米",
    "household": "元/户",
    "building": "元/栋",
    "unit": "元/单元",
    "lump_sum": "元（总价）",
}
CHANNEL_WORDS = {
    "central_subsidy": "中央补助",
    "local_budget": "地方财政",
    "special_bonds": "专项债券",
    "residents": "居民出资",
    "maintenance_fund": "住宅专项维修资金",
    "provident_fund": "住房公积金",
    "public_revenue": "小区公共收益",
    "utilities": "专业经营单位",
    "original_owner_unit": "原产权单位",
    "social_capital": "社会资本",
    "finance": "金融支持",
    "tax_relief": "税费优惠",
    "donation": "捐资捐物",
}


STAGE_WORDS = {
    "generation": "项目生成",
    "approval": "审批",
    "planned": "列入年度计划",
    "construction": "施工",
    "acceptance": "竣工验收",
    "handover": "承接查验",
    "management": "长效管理",
    "evaluation": "评价",
}
WAIVER_WORDS = {"commitment": "告知承诺制可免", "no_land_procedures": "不涉及土地权属变化可免"}
DEFERRAL_WORDS = {
    "commitment": "须办理；告知承诺制的不作为开工前置条件",
    "no_land_procedures": "须办理；不涉及土地权属变化的不作为开工前置条件",
}
INDICATOR_WORDS = {
    "progress": "进度",
    "disbursement": "资金拨付",
    "quality": "质量安全",
    "satisfaction": "居民满意度",
    "publicity": "宣传信息",
    "deadlines": "按时限完成任务",
}

CRITERION_WORDS = {
    "age": "建成年代",
    "risk": "失养失修失管程度",
    "households": "受益户数",
    "willingness": "居民改造意愿",
    "participation": "居民参与积极性",
    "market": "市场主体参与",
    "readiness": "改造内容已征求意见",
}


PROVENANCE_WORDS = {
    Provenance.OWN: "本地文件条文",
    Provenance.NATIONAL: "国家文件（原文未收录，未经核对）",
    Provenance.REFERENCE: "参考做法（本地可采用、修改或删除）",
}
MEASURE_WORDS = {"started": "按开工计", "completed": "按完成（竣工验收）计"}


class Section(enum.StrEnum):
    SCOPE = "scope"
    EXCLUSIONS = "exclusions"
    WILLINGNESS = "willingness"
    CATEGORIES = "categories"
    ITEMS = "items"
    OUTCOMES = "outcomes"
    LOW_RISK = "low_risk"
    APPROVALS = "approvals"
    FUNDING = "funding"
    COST_SHARING = "cost_sharing"
    MONEY = "money"
    LIFECYCLE = "lifecycle"
    SUPERVISION = "supervision"
    ASSESSMENT = "assessment"
    DEADLINES = "deadlines"
    TARGETS = "targets"
    RESPONSIBILITIES = "responsibilities"
    TASKS = "tasks"
    PRIORITY = "priority"
    PROCUREMENT = "procurement"
    NEARBY = "nearby"


@dataclass(frozen=True, slots=True)
class Side:
    text: str
    citation: str
    provenance: Provenance = Provenance.OWN
    basis: str = ""
    """Why a national or reference rule applies."""
    reference: str = ""
    """The basis of the figures in ``text`` that Anju supplies (参考值), if any."""

    @property
    def provenance_words(self) -> str:
        return PROVENANCE_WORDS[self.provenance]


def _side(rule: Cited, text: str, reference: str = "") -> Side:
    """A rule whose figure shares its one ``basis`` with the rule says it once."""
    return Side(
        text, rule.cite, rule.provenance, rule.basis, "" if reference == rule.basis else reference
    )


@dataclass(frozen=True, slots=True)
class Row:
    section: Section
    topic: str
    left: Side | None
    right: Side | None

    @property
    def same(self) -> bool:
        return (
            self.left is not None and self.right is not None and self.left.text == self.right.text
        )


def _window(window: ScopeWindow, kind: str) -> tuple[str, Side]:
    years = f"{window.years[0]}–{window.years[-1]}年度" if window.years else "各年度"
    text = f"{window.built_before - 1}年及以前建成（{window.text}）"
    return f"{kind}·{years}", _side(window, text)


def _when(deadline: Deadline) -> str:
    if deadline.date is not None:
        return f"{deadline.date:%Y-%m-%d}前"
    if deadline.yearly is not None:
        month, day = deadline.yearly.split("-")
        return f"每年{int(month)}月{int(day)}日前"
    return "每月" + "、".join(f"{day}日" for day in deadline.monthly_days)


def disbursement_side(pack: Pack) -> Side | None:
    """The schedule of payments, as the money pages and the pack page both show it."""
    paid = pack.model.money.disbursement
    if paid is None:
        return None
    shares = "、".join(f"{STAGE_WORDS[m.stage]}{m.share_pct:g}%" for m in paid.milestones)
    return _side(paid, f"{paid.text}：{shares}", paid.basis)


def by_floor_side(pack: Pack) -> Side | None:
    """The floor coefficients of the works shared by floor, as the funding plan and the pack
    page both show them."""
    rule = pack.model.cost_sharing.by_floor
    if rule is None:
        return None
    floors = "、".join(f"{f}层{c:g}" for f, c in sorted(rule.coefficients.items()))
    return _side(rule, f"{rule.text}；参考系数：{floors}", rule.basis)


def rules_of(pack: Pack) -> Iterator[tuple[Section, str, Side]]:
    """Every rule the pack applies, by section and topic, with its authority."""
    model = pack.model
    rules = model.eligibility
    for window in rules.scope:
        yield Section.SCOPE, *_window(window, "改造范围（不在其内的不纳入）")
    for window in rules.opt_in:
        yield Section.SCOPE, *_window(window, "区县可选择纳入")
    for window in rules.focus:
        yield Section.SCOPE, *_window(window, "重点（排序在先，不排除其他）")
    for exclusion in rules.exclusions:
        yield Section.EXCLUSIONS, FACT_NAMES[exclusion.fact], _side(exclusion, exclusion.text)
    if rules.willingness is not None:
        w = rules.willingness
        text = f"≥{w.minimum_pct:g}%（参考值；{w.text}）"
        yield Section.WILLINGNESS, "居民改造意愿", _side(w, text, w.basis)
    for category in CATEGORIES:
        rule = getattr(model.content.categories, category)
        how = "需要的全部纳入" if rule.proposal == "include" else "视条件纳入"
        yield Section.CATEGORIES, rule.name, _side(rule, f"{rule.text}（{how}）")
    for item in model.content.items:
        price = f"{item.cost.yuan:,f}{PER_WORDS[item.cost.per]}"
        category = getattr(model.content.categories, item.category).name
        text = f"{item.name}；{category}；参考单价{price}"
        yield Section.ITEMS, item.key, _side(item, text, item.cost.basis)
    low_risk = model.low_risk
    yield Section.LOW_RISK, "告知承诺制", _side(low_risk.commitment, low_risk.commitment.text)
    yield (
        Section.LOW_RISK,
        "用地手续",
        _side(low_risk.no_land_procedures, low_risk.no_land_procedures.text),
    )
    for step in model.approvals.steps:
        terms = [WAIVER_WORDS[step.waived_by]] if step.waived_by else ["须办理"]
        if step.deferred_by:
            terms = [DEFERRAL_WORDS[step.deferred_by]]
        if step.joint_review:
            terms.append("可经联合审查直接办理")
        yield Section.APPROVALS, step.text, _side(step, "；".join(terms))
    if model.approvals.joint_review is not None:
        joint = model.approvals.joint_review
        yield Section.APPROVALS, "联合审查", _side(joint, joint.text)
    for funding in model.funding:
        yield Section.FUNDING, CHANNEL_WORDS[funding.channel], _side(funding, funding.text)
    sharing = model.cost_sharing
    if (floors := by_floor_side(pack)) is not None:
        yield Section.COST_SHARING, "按楼层分摊", floors
    if sharing.maintenance_fund is not None:
        fund = sharing.maintenance_fund
        text = f"{fund.text}；续筹界线{fund.top_up_below * 100:g}%，补建每平方米{fund.establish_yuan_per_m2:g}元"
        yield Section.COST_SHARING, "住宅专项维修资金", _side(fund, text, fund.basis)
    money = model.money
    if (schedule := disbursement_side(pack)) is not None:
        yield Section.MONEY, "分期拨付", schedule
    if money.subsidy_adjustment is not None:
        adjust = money.subsidy_adjustment
        text = (
            f"{adjust.text}：前{adjust.band_pct:g}%上调{adjust.reward_pct:g}%，"
            f"后{adjust.band_pct:g}%下调{adjust.penalty_pct:g}%"
        )
        yield Section.MONEY, "奖罚划拨", _side(adjust, text, adjust.basis)
    for gate in model.lifecycle:
        yield Section.LIFECYCLE, f"进入{STAGE_WORDS[gate.stage]}前", _side(gate, gate.text)
    supervision = model.supervision
    if supervision.slow_progress is not None:
        slow = supervision.slow_progress
        text = f"{slow.text}：落后均匀进度{slow.behind_points}个百分点"
        yield Section.SUPERVISION, "进度缓慢", _side(slow, text, slow.basis)
    if supervision.interviews is not None:
        yield (
            Section.SUPERVISION,
            "约谈",
            _side(supervision.interviews, supervision.interviews.text),
        )
    if supervision.statistics is not None:
        stats = supervision.statistics
        text = f"{stats.text}（每月{stats.due_day}日前）"
        yield Section.SUPERVISION, "统计月报", _side(stats, text, stats.basis)
    for item in model.content.items:
        if item.outcome is not None:
            text = f"{item.name}计入“{OUTCOME_WORDS[item.outcome.indicator]}”"
            yield Section.OUTCOMES, item.key, _side(item.outcome, text)
    for indicator in model.assessment.indicators:
        text = f"权重{indicator.weight}（{indicator.text}）"
        yield (
            Section.ASSESSMENT,
            INDICATOR_WORDS[indicator.key],
            _side(indicator, text, model.assessment.basis),
        )
    for deadline in model.deadlines:
        yield Section.DEADLINES, deadline.what, _side(deadline, _when(deadline))
    for target in model.targets:
        figures = [f"{target.communities}个小区"] if target.communities is not None else []
        if target.area_10k_m2 is not None:
            figures.append(f"{target.area_10k_m2:f}万平方米")
        text = "、".join(figures) + ("：" if figures else "") + target.text
        text += f"（{MEASURE_WORDS[target.measure]}）"
        yield Section.TARGETS, f"{target.year}年", _side(target, text)
    for duty in model.responsibilities:
        yield Section.RESPONSIBILITIES, duty.unit, _side(duty, duty.duties)
    for task in model.tasks:
        text = f"牵头：{'、'.join(task.lead)}；责任：{'、'.join(task.responsible) or '—'}"
        yield Section.TASKS, task.task, _side(task, text)
    procurement = model.procurement
    if procurement.must_tender is not None:
        rule = procurement.must_tender
        yield Section.PROCUREMENT, "必须招标", _side(rule, rule.text, rule.basis)
    if procurement.candidate_publicity is not None:
        shown = procurement.candidate_publicity
        text = f"{shown.text}：不少于{shown.days}日"
        yield Section.PROCUREMENT, "中标候选人公示", _side(shown, text, shown.basis)
    if procurement.variations is not None:
        changes = procurement.variations
        text = f"{changes.text}：累计超过合同价的{changes.share_pct:g}%"
        yield Section.PROCUREMENT, "合同变更", _side(changes, text, changes.basis)
    if procurement.disclosure is not None:
        told = procurement.disclosure
        reference = "（参考值）" if told.reference else ""
        text = f"{told.text}：中标之日起{told.days}日内{reference}"
        yield Section.PROCUREMENT, "中标结果公开", _side(told, text, told.basis)
    if procurement.central_purchasing is not None:
        bulk = procurement.central_purchasing
        yield Section.PROCUREMENT, "集中招标采购", _side(bulk, bulk.text)
    if procurement.no_splitting is not None:
        yield (
            Section.PROCUREMENT,
            "严禁拆分规避招标",
            _side(procurement.no_splitting, procurement.no_splitting.text),
        )
    if model.stock is not None:
        stock = model.stock
        reference = "（参考值）" if stock.reference else ""
        for circle in stock.circles:
            text = f"{stock.text}：{circle.name}，直线{circle.metres}米以内{reference}"
            facilities = "、".join(FACILITY_WORDS[f] for f in circle.facilities)
            yield Section.NEARBY, f"存量资源：{facilities}", _side(stock, text, stock.basis)
    if model.areas is not None:
        areas = model.areas
        reference = "（参考值）" if areas.reference else ""
        text = f"{areas.text}：同一街道、距最大小区{areas.metres}米以内、至多{areas.most}个小区{reference}"
        yield Section.NEARBY, "片区", _side(areas, text, areas.basis)
    if model.priority is not None:
        for criterion in model.priority.criteria:
            text = f"权重{criterion.weight}（{criterion.text}）"
            yield (
                Section.PRIORITY,
                CRITERION_WORDS[criterion.key],
                _side(criterion, text, model.priority.basis),
            )


def compare(left: Pack, right: Pack) -> list[Row]:
    """Every topic of either pack, by section in a fixed order, left's topics first."""
    sides: dict[tuple[Section, str], list[Side | None]] = {}
    for index, pack in enumerate((left, right)):
        counts: dict[tuple[Section, str], int] = {}
        for section, topic, side in rules_of(pack):
            # a topic given twice (two deadlines with one name) keeps both, numbered
            n = counts[(section, topic)] = counts.get((section, topic), 0) + 1
            key = (section, topic if n == 1 else f"{topic} ({n})")
            sides.setdefault(key, [None, None])[index] = side
    order = list(Section)
    return [
        Row(section, topic_words(section, topic, left, right), pair[0], pair[1])
        for (section, topic), pair in sorted(sides.items(), key=lambda kv: order.index(kv[0][0]))
    ]


def topic_words(section: Section, topic: str, *packs: Pack) -> str:
    """A topic as officials read it: an item by its name in the first pack that has it
    (供水设施改造), not by the key the packs pair it on (water_supply)."""
    if section in (Section.ITEMS, Section.OUTCOMES):
        for pack in packs:
            for item in pack.model.content.items:
                if item.key == topic:
                    return item.name
    return topic
