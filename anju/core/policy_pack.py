"""Policy packs: each city's rules as a versioned, human-editable YAML file.

Every rule carries its citation (``puyang-2020 §2.(1)``) and the words it rests on; a pack is
refused, with the file's line named, when a field is unknown, a value is of the wrong kind or
out of place, or a citation points at a clause that does not exist or does not say the quoted
words. Packs are checked against the source documents when they are loaded, so a pack that
loads is a pack whose every rule can be traced to its clause.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from anju.core import approvals, outcomes, responsibilities
from anju.core.approvals import Waiver
from anju.core.clauses import Sources, UnknownCitation, contains, document_of
from anju.core.conditions import Facility
from anju.core.deadlines import due_date
from anju.core.district_assessment import Indicator
from anju.core.lifecycle import Gate, Requirement
from anju.core.money import fen_of
from anju.core.priority import Criterion, Scale
from anju.core.procurement import TenderLines
from anju.core.project_stages import Stage
from anju.core.stock import Kind
from anju.core.years import FIRST_BUILD_YEAR, FIRST_PLAN_YEAR, LAST_PLAN_YEAR

PACK_ID = r"^[a-z]+-\d{4}$"

FACTS = Literal["in_shantytown_plan", "mostly_self_built", "is_urban_village", "structure_safe"]
Category = Literal["basic", "improvement", "enhancement"]
CATEGORIES: tuple[Category, ...] = ("basic", "improvement", "enhancement")
Per = Literal["area", "household", "building", "unit", "lump_sum"]
Channel = Literal[
    "central_subsidy",
    "local_budget",
    "special_bonds",
    "residents",
    "maintenance_fund",
    "provident_fund",
    "public_revenue",
    "utilities",
    "original_owner_unit",
    "social_capital",
    "finance",
    "tax_relief",
    "donation",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_M = TypeVar("_M", bound=_Strict)


REFERENCE = "参考做法"
NATIONAL_DOCUMENTS = {
    "国办发〔2020〕23号": "国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见",
    "建设部财政部令第165号": "住宅专项维修资金管理办法",
    "国家发展改革委令第16号": "必须招标的工程项目规定",
    "国务院令第613号": "中华人民共和国招标投标法实施条例",
}


class Provenance(enum.StrEnum):
    """Where a rule's authority comes from. A city is governed by its own clauses (quoted and
    checked against its document), by a national document (named as the basis; its text is not
    among the sources, so the words cannot be checked), or by Anju's reference practice, which
    the city may adopt, change or drop."""

    OWN = "own"
    NATIONAL = "national"
    REFERENCE = "reference"


def provenance_of(cite: str) -> Provenance:
    if cite == REFERENCE:
        return Provenance.REFERENCE
    if any(cite.startswith(document) for document in NATIONAL_DOCUMENTS):
        return Provenance.NATIONAL
    return Provenance.OWN


class Cited(_Strict):
    """A rule's source: a clause of the city's own document and the words there that the rule
    rests on; or a national document, or ``参考做法``, with the basis in ``basis``."""

    cite: str
    quote: str = ""
    basis: str = ""

    @property
    def provenance(self) -> Provenance:
        return provenance_of(self.cite)

    @model_validator(mode="after")
    def _grounded(self) -> Cited:
        if self.provenance is Provenance.OWN:
            if not self.quote:
                raise ValueError("a rule from a clause quotes the words it rests on (quote)")
        elif self.quote:
            raise ValueError(
                f"only a clause of a source document can be quoted; {self.cite} gives its basis"
            )
        elif not self.basis:
            raise ValueError(f"a rule from {self.cite} says its basis (basis)")
        return self

    def named(self) -> dict[str, tuple[str, ...]]:
        """Words of this rule, by field, that the cited clause must contain as well: the names
        and figures a transcription could get wrong."""
        return {}


class ScopeWindow(Cited):
    """Communities built before ``built_before`` are in scope, in the plan years given (all if
    none are)."""

    built_before: int = Field(ge=1950, le=LAST_PLAN_YEAR)
    years: tuple[int, ...] = ()
    text: str

    @field_validator("years")
    @classmethod
    def _plan_years(cls, years: tuple[int, ...], info: ValidationInfo) -> tuple[int, ...]:
        built_before = info.data.get("built_before", 0)
        for year in years:
            if not FIRST_PLAN_YEAR <= year <= LAST_PLAN_YEAR or year < built_before:
                raise ValueError(
                    f"plan year {year} must lie between {FIRST_PLAN_YEAR} and {LAST_PLAN_YEAR} and not"
                    f" before the window's built_before year {built_before}"
                )
        return years


class Exclusion(Cited):
    """A fact about a community that takes it out of the program when it has the given value."""

    fact: FACTS
    when: bool
    text: str


class Willingness(Cited):
    """Residents' willingness a community needs. No document gives a figure, so the figure is
    always a reference value and ``basis`` says where it comes from."""

    minimum_pct: float = Field(ge=0, le=100)
    basis: str = Field(min_length=1)
    text: str


class Eligibility(_Strict):
    """``scope``: outside it a community is not in the program (a hard rule: 范围、不纳入);
    ``opt_in``: a district may choose to include (可); ``focus``: what comes first (重点、优先),
    which ranks and is shown but never excludes."""

    scope: tuple[ScopeWindow, ...] = ()
    opt_in: tuple[ScopeWindow, ...] = ()
    focus: tuple[ScopeWindow, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    willingness: Willingness | None = None


class UnitCost(_Strict):
    """A reference price. The seeds set no prices, so each says where its figure comes from and
    staff may change it on a community's list."""

    per: Per
    yuan: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    basis: str


class Outcome(Cited):
    """The indicator an item's works count toward when reported upward (core.outcomes)."""

    indicator: outcomes.Indicator


class Item(Cited):
    """One line of the content menu (菜单式改造内容), proposed when its facility needs work."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    category: Category
    facility: Facility
    cost: UnitCost
    changes_structure: bool = False
    changes_land_ownership: bool = False
    outcome: Outcome | None = None

    @property
    def counted_by_quantity(self) -> bool:
        """Whether the line's own quantity already counts its outcome (a lift per unit)."""
        return self.outcome is not None and outcomes.counts_from_quantity(
            self.outcome.indicator, self.cost.per
        )


class CategoryRule(Cited):
    """How a category's needed items enter the proposed list: all of them (``include``) or
    offered for staff to choose where conditions allow (``offer``)."""

    name: str
    proposal: Literal["include", "offer"]
    text: str


class Categories(_Strict):
    basic: CategoryRule
    improvement: CategoryRule
    enhancement: CategoryRule


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


_K = TypeVar("_K", bound=_Keyed)


def _unique_keys(items: Sequence[_K]) -> tuple[_K, ...]:
    seen: set[str] = set()
    for item in items:
        if item.key in seen:
            raise ValueError(f"key {item.key} appears twice")
        seen.add(item.key)
    return tuple(items)


class Content(_Strict):
    categories: Categories
    items: tuple[Item, ...] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _unique(cls, items: tuple[Item, ...]) -> tuple[Item, ...]:
        return _unique_keys(items)


class FastPath(Cited):
    text: str


class LowRisk(_Strict):
    """The approval fast path: work that leaves the main structure alone goes by commitment
    (告知承诺制); work that leaves land ownership alone needs no land procedures."""

    commitment: FastPath
    no_land_procedures: FastPath


class ApprovalStep(Cited):
    """An approval a project needs before building, and the fast path that may spare it
    (``waived_by``) or let the works start before it (``deferred_by``)."""

    key: str = Field(pattern=r"^[a-z_]+$")
    text: str
    waived_by: Waiver | None = None
    deferred_by: Waiver | None = None
    joint_review: bool = False

    @model_validator(mode="after")
    def _one_path(self) -> ApprovalStep:
        if self.waived_by is not None and self.deferred_by is not None:
            raise ValueError("a step is waived or deferred by a fast path, not both")
        return self


class Approvals(_Strict):
    steps: tuple[ApprovalStep, ...] = ()
    joint_review: FastPath | None = None

    @field_validator("steps")
    @classmethod
    def _unique(cls, steps: tuple[ApprovalStep, ...]) -> tuple[ApprovalStep, ...]:
        return _unique_keys(steps)

    def core(self) -> list[approvals.Step]:
        return [
            approvals.Step(s.key, s.text, s.cite, s.waived_by, s.joint_review, s.deferred_by)
            for s in self.steps
        ]


class PaysFor(_Strict):
    """What a channel may pay for where its source limits it: content categories, or items by
    key; a line qualifies if either admits it."""

    categories: tuple[Category, ...] = ()
    items: tuple[str, ...] = ()

    def admits(self, category: str, key: str) -> bool:
        return category in self.categories or key in self.items


class Funding(Cited):
    channel: Channel
    text: str
    pays_for: PaysFor | None = None  # None: any item of the content list


class FloorSharing(Cited):
    """Items shared within the stairway unit they serve, by floor: a dwelling weighs its
    floor's coefficient times its exclusive area. The seeds give the principle, not the
    figures; each pack's coefficients say where they come from."""

    items: tuple[str, ...] = Field(min_length=1)
    coefficients: dict[int, Decimal]
    basis: str
    text: str

    @field_validator("coefficients")
    @classmethod
    def _non_negative(cls, coefficients: dict[int, Decimal]) -> dict[int, Decimal]:
        if not coefficients or any(c < 0 for c in coefficients.values()):
            raise ValueError("give a coefficient of zero or more for each floor")
        return coefficients


class MaintenanceFundRule(Cited):
    """When a community's housing maintenance fund must be topped up (续筹) or set up (补建):
    a balance below ``top_up_below`` of the initial amount, or no fund at all. A fund set up
    anew is reckoned at ``establish_yuan_per_m2`` of floor area."""

    top_up_below: Decimal = Field(gt=0, le=1)
    establish_yuan_per_m2: Decimal = Field(gt=0)
    basis: str
    text: str


class MilestoneShare(_Strict):
    stage: Literal["construction", "acceptance", "handover", "management", "evaluation"]
    share_pct: Decimal = Field(gt=0, le=100)


class Disbursement(Cited):
    """How allocated money is paid out as the project reaches its milestones."""

    milestones: tuple[MilestoneShare, ...] = Field(min_length=1)
    basis: str
    text: str

    @field_validator("milestones")
    @classmethod
    def _whole(cls, milestones: tuple[MilestoneShare, ...]) -> tuple[MilestoneShare, ...]:
        if sum(m.share_pct for m in milestones) != 100:
            raise ValueError("the milestones' shares must add up to 100 %")
        return milestones


class SubsidyAdjustment(Cited):
    """Reward and penalty in the subsidy allocation by the district assessment."""

    reward_pct: Decimal = Field(ge=0, le=100)
    penalty_pct: Decimal = Field(ge=0, le=100)
    band_pct: Decimal = Field(gt=0, le=50)
    basis: str
    text: str


class SlowProgress(Cited):
    """How far behind a straight line from start to due date the works may fall before they
    count as slow (项目建设进度缓慢); the seeds give no figure."""

    behind_points: int = Field(ge=1, le=100)
    basis: str
    text: str


class Interviews(Cited):
    """Who is called in for an interview (约谈)."""

    text: str


class AssessmentIndicator(Cited):
    key: Indicator
    weight: int = Field(ge=0, le=100)
    text: str


class Assessment(_Strict):
    """The indicators of the monthly district assessment and their weights; the seeds name
    what is assessed, not how much each counts."""

    basis: str = ""
    indicators: tuple[AssessmentIndicator, ...] = ()

    @property
    def weights(self) -> dict[Indicator, int]:
        return {i.key: i.weight for i in self.indicators}


class MustTender(Cited):
    """The estimates at which a contract must be tendered, by kind; lots of one project that
    could be let together count together (core.procurement)."""

    works_yuan: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    goods_yuan: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    services_yuan: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    basis: str = Field(min_length=1)
    text: str


class NoSplitting(Cited):
    """A city's own words forbidding a project cut into lots to stay under the line; cited
    beside the national rule where lots are found so cut."""

    text: str


class CandidatePublicity(Cited):
    """How many days the winning candidates of a lot that must be tendered are published
    before the award, the first and last day counted."""

    days: int = Field(ge=1, le=30)
    basis: str = Field(min_length=1)
    text: str


class VariationApproval(Cited):
    """The share of a contract's price its changes (变更) may add up to before each needs
    approval."""

    share_pct: Decimal = Field(gt=0, le=100)
    basis: str = Field(min_length=1)
    text: str


class Disclosure(Cited):
    """The days from an award within which residents are told who won it and for how much."""

    days: int = Field(ge=1, le=90)
    reference: bool  # the days are Anju's reference figure (参考值), not a document's
    basis: str = Field(min_length=1)
    text: str


class CentralPurchasing(Cited):
    """Where a city encourages buying equipment and materials for many projects at once: goods
    lots of one name in several projects are offered for it, never required."""

    text: str


class Circle(_Strict):
    """A life circle (生活圈): the facilities residents should reach within a walk of
    ``metres``."""

    name: str
    metres: int = Field(ge=50, le=5000)
    facilities: tuple[Facility, ...] = Field(min_length=1)


class Stock(Cited):
    """Idle rooms, buildings, plots and 存房 offered to the communities within walking distance
    of them that lack a facility they could house; an offer, never a finding."""

    text: str
    reference: bool  # the distances are reference figures (参考值), not a document's
    circles: tuple[Circle, ...] = Field(min_length=1)
    # the kinds a project may use only once the residents have agreed (chongqing-2021 §5.(2):
    # 在征得居民同意的前提下，可利用小区及周边空地…)
    consent: tuple[Kind, ...] = ()

    @field_validator("circles")
    @classmethod
    def _once(cls, circles: tuple[Circle, ...]) -> tuple[Circle, ...]:
        listed = [f for circle in circles for f in circle.facilities]
        twice = sorted({f.value for f in listed if listed.count(f) > 1})
        if twice:
            raise ValueError(f"a facility belongs to one circle: {', '.join(twice)}")
        return circles

    @property
    def reach(self) -> dict[Facility, int]:
        return {f: circle.metres for circle in self.circles for f in circle.facilities}


class Areas(Cited):
    """Neighbouring communities of one street suggested as one project (片区): within
    ``metres`` of the largest, at most ``most`` together."""

    text: str
    reference: bool
    metres: int = Field(ge=50, le=5000)
    most: int = Field(ge=2, le=20)


class Procurement(_Strict):
    must_tender: MustTender | None = None
    no_splitting: NoSplitting | None = None
    candidate_publicity: CandidatePublicity | None = None
    variations: VariationApproval | None = None
    disclosure: Disclosure | None = None
    central_purchasing: CentralPurchasing | None = None


class ProcurementOverlay(_Strict):
    must_tender: MustTender | None = None
    no_splitting: NoSplitting | None = None
    candidate_publicity: CandidatePublicity | None = None
    variations: VariationApproval | None = None
    disclosure: Disclosure | None = None
    central_purchasing: CentralPurchasing | None = None


class Statistics(Cited):
    """When a month's statistical return is due upward: by ``due_day`` of the month after
    (the reporting calendar)."""

    due_day: int = Field(ge=1, le=28)
    text: str

    def due_on(self, year: int, month: int) -> dt.date:
        """The day the return of ``month`` is due."""
        return dt.date(year + month // 12, month % 12 + 1, self.due_day)


class Supervision(_Strict):
    slow_progress: SlowProgress | None = None
    interviews: Interviews | None = None
    statistics: Statistics | None = None


class LifecycleGate(Cited):
    """A fact that must hold before a project enters ``stage``."""

    stage: Literal[
        "generation",
        "approval",
        "planned",
        "construction",
        "acceptance",
        "handover",
        "management",
        "evaluation",
    ]
    requires: Requirement
    text: str


class Money(_Strict):
    disbursement: Disbursement | None = None
    subsidy_adjustment: SubsidyAdjustment | None = None


class CostSharing(_Strict):
    by_floor: FloorSharing | None = None
    maintenance_fund: MaintenanceFundRule | None = None


class Deadline(Cited):
    """A date the program must meet: once (``date``), every year (``yearly``, "MM-DD") or on
    days of every month."""

    what: str
    applies_to: (
        Literal["approvals", "central_subsidy_year", "task_reports", "targets", "inclusion", "task"]
        | None
    ) = None
    plan_year: int | None = Field(default=None, ge=FIRST_PLAN_YEAR, le=LAST_PLAN_YEAR)
    """For ``targets``: the plan year whose projects must be completed by ``date``. For
    ``inclusion``: the last plan year an eligible community may be left for once the communities
    are registered by ``date`` (puyang-2020 §5.(3): 新增老旧小区一律纳入2021年改造计划)."""
    task: str | None = None
    """For ``task``: the pack's task whose lead units owe its result by ``date``."""
    date: dt.date | None = None
    yearly: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
    monthly_days: tuple[int, ...] = ()

    @model_validator(mode="after")
    def _one_kind(self) -> Deadline:
        kinds = [self.date is not None, self.yearly is not None, bool(self.monthly_days)]
        if sum(kinds) != 1:
            raise ValueError("give exactly one of date, yearly or monthly_days")
        if any(not 1 <= day <= 31 for day in self.monthly_days):
            raise ValueError("monthly_days are days of the month, 1 to 31")
        if (self.applies_to in ("targets", "inclusion")) != (
            self.plan_year is not None and self.date is not None
        ):
            raise ValueError(
                "a deadline for a year's targets or for inclusion gives its plan_year and a date"
            )
        if (self.applies_to == "task") != (self.task is not None and self.date is not None):
            raise ValueError("a deadline for a task names the task and gives a date")
        return self


class Target(Cited):
    """What is to be done by the end of ``year``: communities and floor area (万平方米) in the
    year, or the whole stock built before ``stock_built_before`` by then. ``measure`` is what
    the document's words count: 开工 (started) or 完成 (completed, i.e. accepted)."""

    measure: Literal["started", "completed"]
    year: int = Field(ge=FIRST_PLAN_YEAR, le=LAST_PLAN_YEAR)
    communities: int | None = Field(default=None, ge=0)
    area_10k_m2: Decimal | None = Field(default=None, ge=0)
    stock_built_before: int | None = Field(default=None, ge=FIRST_BUILD_YEAR, le=LAST_PLAN_YEAR)
    text: str

    def named(self) -> dict[str, tuple[str, ...]]:
        figures: dict[str, tuple[str, ...]] = {}
        if self.communities is not None:
            figures["communities"] = (f"{self.communities}",)
        if self.area_10k_m2 is not None:
            figures["area_10k_m2"] = (f"{self.area_10k_m2.normalize():f}",)
        return figures


class Duty(Cited):
    """A department's share of the work (部门责任分工)."""

    unit: str
    duties: str

    def named(self) -> dict[str, tuple[str, ...]]:
        return {"unit": (self.unit,)}


class Task(Cited):
    """A task with its lead unit(s) and responsible units (牵头单位、责任单位)."""

    task: str
    lead: tuple[str, ...] = Field(min_length=1)
    responsible: tuple[str, ...] = ()

    def named(self) -> dict[str, tuple[str, ...]]:
        return {"task": (self.task,), "lead": self.lead, "responsible": self.responsible}


class PriorityCriterion(Cited):
    """One thing the seeds say comes first, and how much it counts."""

    key: Criterion
    weight: int = Field(ge=0, le=100)
    text: str


class Priority(_Strict):
    """How the pack ranks candidates for the plan (轻重缓急): weighted criteria, and the scale
    that turns a build year and a household count into a rating. No document gives weights, so
    ``basis`` says whose they are."""

    basis: str = Field(min_length=1)
    criteria: tuple[PriorityCriterion, ...] = Field(min_length=1)
    oldest_year: int = Field(ge=FIRST_BUILD_YEAR, le=LAST_PLAN_YEAR)
    newest_year: int = Field(ge=FIRST_BUILD_YEAR, le=LAST_PLAN_YEAR)
    households_full: int = Field(gt=0)

    @field_validator("criteria")
    @classmethod
    def _unique(cls, criteria: tuple[PriorityCriterion, ...]) -> tuple[PriorityCriterion, ...]:
        keys = [c.key for c in criteria]
        if len(set(keys)) != len(keys):
            raise ValueError("each criterion once")
        if not any(c.weight for c in criteria):
            raise ValueError("at least one criterion needs a weight above 0")
        return criteria

    @model_validator(mode="after")
    def _years(self) -> Priority:
        if self.oldest_year >= self.newest_year:
            raise ValueError("oldest_year must come before newest_year")
        return self

    @property
    def weights(self) -> dict[Criterion, int]:
        return {c.key: c.weight for c in self.criteria}

    @property
    def scale(self) -> Scale:
        return Scale(self.oldest_year, self.newest_year, self.households_full)


class Sections(_Strict):
    """The parts of a pack a city may set, each replaced whole by an extending pack except the
    content list, whose items are replaced, added or removed one by one."""

    eligibility: Eligibility
    content: Content
    low_risk: LowRisk
    approvals: Approvals = Approvals()
    funding: tuple[Funding, ...] = ()
    cost_sharing: CostSharing = CostSharing()
    money: Money = Money()
    lifecycle: tuple[LifecycleGate, ...] = ()
    supervision: Supervision = Supervision()
    assessment: Assessment = Assessment()
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()
    responsibilities: tuple[Duty, ...] = ()
    tasks: tuple[Task, ...] = ()
    priority: Priority | None = None
    procurement: Procurement = Procurement()
    stock: Stock | None = None
    areas: Areas | None = None


class PackModel(Sections):
    id: str = Field(pattern=PACK_ID)
    title: str
    version: str
    document: str
    sources: tuple[str, ...] = ()
    extends: str | None = None


class ItemOverlay(Item):
    """An item of an extending pack; one that replaces an item of its base may keep its price
    and the outcome it counts toward."""

    cost: UnitCost | None = None  # type: ignore[assignment]


class ContentOverlay(_Strict):
    categories: Categories | None = None
    items: tuple[ItemOverlay, ...] = ()
    remove: tuple[str, ...] = ()

    @field_validator("items")
    @classmethod
    def _unique(cls, items: tuple[ItemOverlay, ...]) -> tuple[ItemOverlay, ...]:
        _unique_keys(items)
        return items


class EligibilityOverlay(_Strict):
    scope: tuple[ScopeWindow, ...] | None = None
    opt_in: tuple[ScopeWindow, ...] | None = None
    focus: tuple[ScopeWindow, ...] | None = None
    exclusions: tuple[Exclusion, ...] | None = None
    willingness: Willingness | None = None


Droppable = Literal[
    "eligibility.willingness",
    "eligibility.focus",
    "eligibility.opt_in",
    "eligibility.exclusions",
    "cost_sharing.by_floor",
    "cost_sharing.maintenance_fund",
    "money.disbursement",
    "money.subsidy_adjustment",
    "supervision.slow_progress",
    "supervision.interviews",
    "supervision.statistics",
    "approvals.joint_review",
]
"""Parts of the base a city may drop where its own words read otherwise (Hangjin makes
residents' willingness a priority, not a condition) or where it does not take up Anju's
reference practice."""


class OverlayModel(_Strict):
    """An extending pack: its own identity, and only the parts it changes."""

    id: str = Field(pattern=PACK_ID)
    title: str
    version: str
    document: str
    sources: tuple[str, ...] = ()
    extends: str = Field(pattern=PACK_ID)
    eligibility: EligibilityOverlay | None = None
    content: ContentOverlay | None = None
    low_risk: LowRisk | None = None
    approvals: Approvals | None = None
    funding: tuple[Funding, ...] | None = None
    cost_sharing: CostSharing | None = None
    money: Money | None = None
    lifecycle: tuple[LifecycleGate, ...] | None = None
    supervision: Supervision | None = None
    assessment: Assessment | None = None
    deadlines: tuple[Deadline, ...] | None = None
    targets: tuple[Target, ...] | None = None
    responsibilities: tuple[Duty, ...] | None = None
    tasks: tuple[Task, ...] | None = None
    priority: Priority | None = None
    procurement: ProcurementOverlay | None = None
    stock: Stock | None = None
    areas: Areas | None = None
    drop: tuple[Droppable, ...] = ()


class PackError(ValueError):
    """A pack that cannot be used, with every problem as (line, message)."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.path = path
        self.problems = sorted(problems)
        super().__init__("\n".join(f"{path}:{line}: {message}" for line, message in self.problems))


@dataclass(frozen=True)
class Pack:
    model: PackModel
    path: str

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def eligibility(self) -> Eligibility:
        return self.model.eligibility

    @property
    def content(self) -> Content:
        return self.model.content

    def item(self, key: str) -> Item | None:
        return _item(self.model, key)

    def authority(self, cite: str) -> str:
        """How a rule Anju applies in every city (the expert draw, the ledger, digging once)
        cites its authority here: the clause if it is this city's own, else 参考做法 — the
        practice came from one city's document and is no other city's authority."""
        return cite if document_of(cite) in self.model.sources else REFERENCE

    def deadline(self, applies_to: str) -> Deadline | None:
        return next((d for d in self.model.deadlines if d.applies_to == applies_to), None)

    def due_in(self, applies_to: str, year: int) -> dt.date | None:
        """The day a yearly deadline falls in ``year`` (每年5月底前 → 31 May); None where the pack
        sets no yearly deadline for it."""
        deadline = self.deadline(applies_to)
        if deadline is None or deadline.yearly is None:
            return None
        return due_date(deadline.yearly, year)

    def deadlines_for(self, applies_to: str) -> list[Deadline]:
        return [d for d in self.model.deadlines if d.applies_to == applies_to]

    @property
    def duties(self) -> list[responsibilities.Duty]:
        return [
            responsibilities.Duty(t.task, t.lead, t.responsible, t.cite) for t in self.model.tasks
        ]

    def report_dates(self, task: str) -> list[dt.date]:
        """The dates by which the lead units report on ``task``: those set for every task and
        those set for this one (wuhan-2021 §2.(2)1: 2021年内完成…“十四五”规划编制工作)."""
        return [
            d.date
            for d in self.model.deadlines
            if d.date is not None
            and (d.applies_to == "task_reports" or (d.applies_to == "task" and d.task == task))
        ]

    @property
    def gates(self) -> list[Gate]:
        return [Gate(Stage(g.stage), g.requires, g.text, g.cite) for g in self.model.lifecycle]

    @property
    def tender_lines(self) -> TenderLines | None:
        """The lines at which lots must be tendered, in fen, cited by the national rule and, where
        the city forbids cutting a project to stay under them, by its own clause too."""
        rule = self.model.procurement.must_tender
        if rule is None:
            return None
        own = self.model.procurement.no_splitting
        return TenderLines(
            fen_of(rule.works_yuan),
            fen_of(rule.goods_yuan),
            fen_of(rule.services_yuan),
            rule.cite,
            own.cite if own is not None else "",
        )


def _plain(node: yaml.Node, lines: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> Any:
    """The node as plain data, noting the line of every value by its path in the document."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node))
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _plain(value_node, lines, (*path, key))
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, lines, (*path, i)) for i, item in enumerate(node.value)]
    return yaml.safe_load(yaml.serialize(node))


def _line(lines: Mapping[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int:
    """The line of the deepest part of ``loc`` that the file has."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _cited(value: object, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Cited]]:
    """Every cited rule inside a model, with where it sits in the file."""
    if isinstance(value, Cited):
        yield loc, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _cited(getattr(value, name), (*loc, name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _cited(item, (*loc, i))


def _citation_problems(
    model: BaseModel, lines: Mapping[tuple[Any, ...], int], sources: Sources
) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    for loc, rule in _cited(model, ()):
        if rule.provenance is not Provenance.OWN:
            continue
        try:
            clause = sources.clause(rule.cite)
        except UnknownCitation:
            problems.append((_line(lines, (*loc, "cite")), f"no such clause: {rule.cite}"))
            continue
        if not sources.says(rule.cite, rule.quote):
            problems.append(
                (_line(lines, (*loc, "quote")), f"{rule.cite} does not say “{rule.quote}”")
            )
        for field, words in rule.named().items():
            for i, word in enumerate(words):
                if not contains(clause.text, word):
                    where = (
                        (*loc, field, i)
                        if isinstance(getattr(rule, field), tuple)
                        else (
                            *loc,
                            field,
                        )
                    )
                    problems.append(
                        (_line(lines, where), f"{rule.cite} does not name “{word}” ({field})")
                    )
    return problems


def _foreign_problems(
    model: PackModel, lines: Mapping[tuple[Any, ...], int], sources: Sources
) -> list[tuple[int, str]]:
    """Clauses of a document that is not the pack's own. A city is governed by its own words,
    the national documents and Anju's reference practice; a clause of another city's document,
    given directly or inherited from a base, would show that city's words as its authority."""
    problems = [
        (_line(lines, ("sources", i)), f"no source document {document}")
        for i, document in enumerate(model.sources)
        if document not in sources.documents
    ]
    for loc, rule in _cited(model, ()):
        document = document_of(rule.cite)
        if rule.provenance is Provenance.OWN and document not in model.sources:
            problems.append(
                (
                    _line(lines, (*loc, "cite")),
                    f"{rule.cite} is not a clause of this pack's own documents"
                    f" ({', '.join(model.sources) or 'none'}); cite the city's own clause,"
                    f" a national document or {REFERENCE}",
                )
            )
    return problems


def _validated(kind: type[_M], data: Any, lines: Mapping[tuple[Any, ...], int], path: str) -> _M:
    try:
        return kind.model_validate(data)
    except ValidationError as error:
        located = [tuple(problem["loc"]) for problem in error.errors()]
        raise PackError(
            path,
            [
                (_line(lines, loc), f"{'.'.join(map(str, loc))}: {problem['msg']}")
                for loc, problem in zip(located, error.errors(), strict=True)
                # a container's complaint that follows from a bad item inside it says nothing new
                if not any(other[: len(loc)] == loc and other != loc for other in located)
            ],
        ) from None


def _overlaid(base: _M, overlay: BaseModel) -> _M:
    """``base`` with every field the overlay sets in place of its own."""
    return base.model_copy(
        update={
            name: getattr(overlay, name)
            for name in type(overlay).model_fields
            if getattr(overlay, name) is not None
        }
    )


def _extended(base: PackModel, overlay: OverlayModel) -> PackModel:
    """The base pack with the overlay's parts in place of its own. Items are matched by key: a
    replacing item without a price keeps the base's."""
    changes: dict[str, Any] = {
        name: getattr(overlay, name)
        for name in (
            *Sections.model_fields,
            "id",
            "title",
            "version",
            "document",
            "sources",
            "extends",
        )
        if name not in ("eligibility", "content", "procurement", "supervision")
        and getattr(overlay, name) is not None
    }
    if overlay.eligibility is not None:
        changes["eligibility"] = _overlaid(base.eligibility, overlay.eligibility)
    if overlay.procurement is not None:  # a city adds its own words to the national rule
        changes["procurement"] = _overlaid(base.procurement, overlay.procurement)
    if overlay.supervision is not None:  # a city's own rules, the base's where it has none
        changes["supervision"] = _overlaid(base.supervision, overlay.supervision)
    for path in overlay.drop:
        section, field = path.split(".")
        current = changes.get(section, getattr(base, section))
        default = type(current).model_fields[field].default
        changes[section] = current.model_copy(update={field: default})
    if overlay.content is not None:
        replaced: dict[str, Item] = {}
        for change in overlay.content.items:
            original = _item(base, change.key)
            cost = change.cost or (original.cost if original else None)
            assert cost is not None  # checked by the caller
            outcome = change.outcome or (original.outcome if original else None)
            replaced[change.key] = Item(**{**change.model_dump(), "cost": cost, "outcome": outcome})
        kept = [
            replaced.pop(item.key, item)
            for item in base.content.items
            if item.key not in overlay.content.remove
        ]
        changes["content"] = Content(
            categories=overlay.content.categories or base.content.categories,
            items=(*kept, *replaced.values()),
        )
    return base.model_copy(update=changes)


def _item(model: PackModel, key: str) -> Item | None:
    return next((item for item in model.content.items if item.key == key), None)


def _reference_problems(
    model: PackModel, lines: Mapping[tuple[Any, ...], int]
) -> list[tuple[int, str]]:
    """Items that funding and cost-sharing rules name but the content list does not have, and
    tasks a deadline names that the pack does not list."""
    keys = {item.key for item in model.content.items}
    named: list[tuple[tuple[Any, ...], str]] = [
        (("funding", i, "pays_for", "items", j), key)
        for i, funding in enumerate(model.funding)
        if funding.pays_for is not None
        for j, key in enumerate(funding.pays_for.items)
    ]
    if model.cost_sharing.by_floor is not None:
        named += [
            (("cost_sharing", "by_floor", "items", j), key)
            for j, key in enumerate(model.cost_sharing.by_floor.items)
        ]
    found = [(_line(lines, loc), f"no content item {key}") for loc, key in named if key not in keys]
    tasks = {task.task for task in model.tasks}
    return found + [
        (_line(lines, ("deadlines", i, "task")), f"no task {deadline.task}")
        for i, deadline in enumerate(model.deadlines)
        if deadline.task is not None and deadline.task not in tasks
    ]


Resolve = Callable[[str], Pack]


def parse_pack(text: str, path: str, sources: Sources, resolve: Resolve | None = None) -> Pack:
    """Parse and check a pack's text; raise PackError naming the line of every problem.

    An extending pack names its base by id; ``resolve`` finds it.
    """
    lines: dict[tuple[Any, ...], int] = {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise PackError(
            path, [((mark.line + 1) if mark else 1, f"not valid YAML: {error}")]
        ) from None
    if node is None:
        raise PackError(path, [(1, "the file is empty")])
    data = _plain(node, lines, ())
    if isinstance(data, dict) and "extends" in data:
        overlay = _validated(OverlayModel, data, lines, path)
        if problems := _citation_problems(overlay, lines, sources):
            raise PackError(path, problems)
        if resolve is None:
            raise PackError(path, [(_line(lines, ("extends",)), "no packs to extend from")])
        try:
            base = resolve(overlay.extends)
        except FileNotFoundError:
            raise PackError(
                path, [(_line(lines, ("extends",)), f"no such pack: {overlay.extends}")]
            ) from None
        content = overlay.content or ContentOverlay()
        problems = [
            (_line(lines, ("content", "remove", i)), f"{overlay.extends} has no item {key}")
            for i, key in enumerate(content.remove)
            if base.item(key) is None
        ] + [
            (_line(lines, ("content", "items", i)), f"item {item.key} is new and needs a cost")
            for i, item in enumerate(content.items)
            if item.cost is None and base.item(item.key) is None
        ]
        if problems:
            raise PackError(path, problems)
        extended = _extended(base.model, overlay)
        if problems := _reference_problems(extended, lines) + _foreign_problems(
            extended, lines, sources
        ):
            raise PackError(path, problems)
        return Pack(extended, path)
    model = _validated(PackModel, data, lines, path)
    if problems := (
        _citation_problems(model, lines, sources)
        + _reference_problems(model, lines)
        + _foreign_problems(model, lines, sources)
    ):
        raise PackError(path, problems)
    return Pack(model, path)


def load_pack(
    path: Path, sources: Sources, search: Sequence[Path] = (), _chain: tuple[str, ...] = ()
) -> Pack:
    """Load a pack file; the pack it extends is looked up by id beside it, then in the
    ``search`` folders (a deployment's pack extends the packs Anju ships)."""

    def resolve(pack_id: str) -> Pack:
        if pack_id in (*_chain, path.stem):
            raise PackError(path.name, [(1, f"packs extend each other in a circle: {pack_id}")])
        found = [
            f / f"{pack_id}.yaml"
            for f in (path.parent, *search)
            if (f / f"{pack_id}.yaml").exists()
        ]
        base = found[0] if found else path.parent / f"{pack_id}.yaml"
        return load_pack(base, sources, search, (*_chain, path.stem))

    return parse_pack(path.read_text(encoding="utf-8"), path.name, sources, resolve)
