"""Two packs side by side: what differs in scope, exclusions, content, approvals, funding,
the gates of a project's life, deadlines, targets and duties — the first question a city asks when it sets up its own pack.

Each section of a pack is flattened to topics (a scope's plan years, an item's key, a funding
channel…) so that the same topic in both packs lines up, whatever order the files give.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from anju.core.eligibility import FACT_NAMES
from anju.core.policy_pack import CATEGORIES, Deadline, Pack, ScopeWindow

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

CRITERION_WORDS = {
    "age": "建成年代",
    "risk": "失养失修失管程度",
    "households": "受益户数",
    "willingness": "居民改造意愿",
    "participation": "居民参与积极性",
    "market": "市场主体参与",
    "readiness": "改造内容已征求意见",
}


class Section(enum.StrEnum):
    SCOPE = "scope"
    EXCLUSIONS = "exclusions"
    WILLINGNESS = "willingness"
    CATEGORIES = "categories"
    ITEMS = "items"
    LOW_RISK = "low_risk"
    APPROVALS = "approvals"
    FUNDING = "funding"
    LIFECYCLE = "lifecycle"
    DEADLINES = "deadlines"
    TARGETS = "targets"
    RESPONSIBILITIES = "responsibilities"
    TASKS = "tasks"
    PRIORITY = "priority"


@dataclass(frozen=True, slots=True)
class Side:
    text: str
    citation: str


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
    return f"{kind}·{years}", Side(text, window.cite)


def _when(deadline: Deadline) -> str:
    if deadline.date is not None:
        return f"{deadline.date:%Y-%m-%d}前"
    if deadline.yearly is not None:
        month, day = deadline.yearly.split("-")
        return f"每年{int(month)}月{int(day)}日前"
    return "每月" + "、".join(f"{day}日" for day in deadline.monthly_days)


def _facets(pack: Pack) -> Iterator[tuple[Section, str, Side]]:
    model = pack.model
    rules = model.eligibility
    for window in rules.scope:
        yield Section.SCOPE, *_window(window, "改造范围")
    for window in rules.opt_in:
        yield Section.SCOPE, *_window(window, "区县可选择纳入")
    for exclusion in rules.exclusions:
        yield Section.EXCLUSIONS, FACT_NAMES[exclusion.fact], Side(exclusion.text, exclusion.cite)
    if rules.willingness is not None:
        w = rules.willingness
        yield Section.WILLINGNESS, "居民改造意愿", Side(f"≥{w.minimum_pct:g}%（{w.text}）", w.cite)
    for category in CATEGORIES:
        rule = getattr(model.content.categories, category)
        how = "需要的全部纳入" if rule.proposal == "include" else "视条件纳入"
        yield Section.CATEGORIES, rule.name, Side(f"{rule.text}（{how}）", rule.cite)
    for item in model.content.items:
        price = f"{item.cost.yuan:,f}{PER_WORDS[item.cost.per]}"
        category = getattr(model.content.categories, item.category).name
        text = f"{item.name}；{category}；{price}"
        yield Section.ITEMS, item.key, Side(text, item.cite)
    low_risk = model.low_risk
    yield Section.LOW_RISK, "告知承诺制", Side(low_risk.commitment.text, low_risk.commitment.cite)
    yield (
        Section.LOW_RISK,
        "用地手续",
        Side(low_risk.no_land_procedures.text, low_risk.no_land_procedures.cite),
    )
    for step in model.approvals.steps:
        terms = [WAIVER_WORDS[step.waived_by]] if step.waived_by else ["须办理"]
        if step.joint_review:
            terms.append("可经联合审查直接办理")
        yield Section.APPROVALS, step.text, Side("；".join(terms), step.cite)
    if model.approvals.joint_review is not None:
        joint = model.approvals.joint_review
        yield Section.APPROVALS, "联合审查", Side(joint.text, joint.cite)
    for funding in model.funding:
        yield Section.FUNDING, CHANNEL_WORDS[funding.channel], Side(funding.text, funding.cite)
    for gate in model.lifecycle:
        yield Section.LIFECYCLE, f"进入{STAGE_WORDS[gate.stage]}前", Side(gate.text, gate.cite)
    for deadline in model.deadlines:
        yield Section.DEADLINES, deadline.what, Side(_when(deadline), deadline.cite)
    for target in model.targets:
        figures = [f"{target.communities}个小区"] if target.communities is not None else []
        if target.area_10k_m2 is not None:
            figures.append(f"{target.area_10k_m2:f}万平方米")
        text = "、".join(figures) + ("：" if figures else "") + target.text
        yield Section.TARGETS, f"{target.year}年", Side(text, target.cite)
    for duty in model.responsibilities:
        yield Section.RESPONSIBILITIES, duty.unit, Side(duty.duties, duty.cite)
    for task in model.tasks:
        text = f"牵头：{'、'.join(task.lead)}；责任：{'、'.join(task.responsible) or '—'}"
        yield Section.TASKS, task.task, Side(text, task.cite)
    if model.priority is not None:
        for criterion in model.priority.criteria:
            text = f"权重{criterion.weight}（{criterion.text}）"
            yield Section.PRIORITY, CRITERION_WORDS[criterion.key], Side(text, criterion.cite)


def compare(left: Pack, right: Pack) -> list[Row]:
    """Every topic of either pack, by section in a fixed order, left's topics first."""
    sides: dict[tuple[Section, str], list[Side | None]] = {}
    for index, pack in enumerate((left, right)):
        counts: dict[tuple[Section, str], int] = {}
        for section, topic, side in _facets(pack):
            # a topic given twice (two deadlines with one name) keeps both, numbered
            n = counts[(section, topic)] = counts.get((section, topic), 0) + 1
            key = (section, topic if n == 1 else f"{topic} ({n})")
            sides.setdefault(key, [None, None])[index] = side
    order = list(Section)
    return [
        Row(section, topic, pair[0], pair[1])
        for (section, topic), pair in sorted(sides.items(), key=lambda kv: order.index(kv[0][0]))
    ]
