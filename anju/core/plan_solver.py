"""The plan as a mixed-integer programme, solved by HiGHS with a certificate.

One binary per (unit, allowed start year), at most one year per unit; rows for each year's
budget by funding source, the yearly targets, the stock deadlines and the district shares
(through two continuous totals, so a share costs two entries per column instead of one per
district). HiGHS returns the plan and the proven bound; the gap between them is the
certificate that no plan within the rules is better by more than that.

When the rules cannot all be met, the same model is solved again with the requirements made
elastic — every target, deadline, share and hand-fixed start may fall short at a price, the
budgets may not — so the answer says which requirement fails and by how much with the money
there is, instead of a bare "infeasible".
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import highspy
import numpy as np
import numpy.typing as npt

from anju.core.plans import (
    Assignment,
    Breach,
    Candidate,
    DistrictShare,
    PlanFigures,
    PlanProblem,
    Unit,
    breaches,
    deadline_counts,
    deadline_key,
    evaluate,
    units_of,
)

Status = Literal["optimal", "feasible", "infeasible"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

WAN_YUAN_PER_FEN = 0.000001
"""The model counts money in 万元, keeping its coefficients near one where HiGHS is most exact;
one fen (10⁻⁶ 万元) is still ten times its feasibility tolerance, and every plan is checked to
the fen afterwards in any case."""

FLOAT_TOLERANCE = 1e-9
"""HiGHS's bound is a float: a plan within this share of it is as good as it, exactly."""


@dataclass(frozen=True, slots=True)
class SolveOptions:
    time_limit: float = 300.0
    relative_gap: float = 1e-4
    """A plan is called optimal when no plan within the rules can be better by more than this
    share of its value: HiGHS's own default for a proven optimum (0.01 %). 0 asks for an exact
    proof, which small instances get in milliseconds and city ones may not get in hours."""
    shadow_prices: bool = True
    threads: int = 0
    explain: bool = True
    """Whether an infeasible problem is solved again, elastically, to say which requirement
    fails and by how much; a forecast asking only "can it be done" does without."""


@dataclass(frozen=True, slots=True)
class Binding:
    """A rule the plan runs up against: where more money or a softer target would pay."""

    rule: str  # budget | target_communities | target_area | deadline | share_min | share_max
    subject: str
    limit: Fraction
    used: Fraction
    shadow_price: float | None = None
    """Priority points gained per extra 万元 of this budget (the model's unit of money), from
    the LP relaxation's dual."""


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A requirement that no plan within the budgets meets: what is asked, the most that can be
    done, the money the years concerned have, and a first estimate of what would close it."""

    breach: Breach
    budget: int
    """Fen available in the years the requirement concerns."""
    candidates: int
    """Candidates that could start in those years at all."""
    extra_cost: int | None
    """Fen the cheapest candidates not started would cost to close the gap; None when there are
    not enough candidates to close it whatever the money."""


@dataclass(frozen=True, slots=True)
class GreedyResult:
    assignment: dict[str, int]
    figures: PlanFigures
    breaches: list[Breach]


@dataclass(frozen=True, slots=True)
class PlanResult:
    status: Status
    units: list[Unit]
    assignment: dict[str, int]
    figures: PlanFigures
    bound: Fraction | None
    binding: list[Binding] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    greedy: GreedyResult | None = None
    seconds: float = 0.0

    @property
    def objective(self) -> Fraction:
        return self.figures.objective

    @property
    def gap(self) -> Fraction | None:
        """(bound − objective) / bound, the share of the best possible value the plan might miss."""
        if self.bound is None or self.status == "infeasible":
            return None
        if self.bound <= 0:
            return Fraction(0)
        return max(Fraction(0), (self.bound - self.objective) / self.bound)

    def selected(self) -> list[tuple[str, int]]:
        """(community code, start year) of every community in the plan, by year then code."""
        return [(c.code, year) for c, year in self.starts()]

    def starts(self) -> list[tuple[Candidate, int]]:
        """Every candidate in the plan with its start year, by year then code."""
        chosen = [
            (c, year)
            for unit in self.units
            if (year := self.assignment.get(unit.key)) is not None
            for c in unit.members
        ]
        return sorted(chosen, key=lambda pair: (pair[1], pair[0].code))


class _QuietHighs(highspy.Highs):
    """highspy's ``Highs`` prints a banner on stdout as it sets up its callbacks, before any
    option can be set, which would corrupt a plan written to stdout as JSON. Anju uses no
    callbacks, so this one is silenced first and sets none up."""

    def __init__(self) -> None:
        super(highspy.Highs, self).__init__()
        self.setOptionValue("output_flag", False)
        self.callbacks = []


@dataclass
class _Model:
    """The programme in HiGHS's column-wise form, with the row ranges each rule family holds."""

    col_unit: IntArray
    col_year: IntArray  # index into problem.years
    cost: FloatArray
    lower: FloatArray
    upper: FloatArray
    integral: npt.NDArray[np.int32]
    row_lower: FloatArray
    row_upper: FloatArray
    rows: list[tuple[str, str]]  # (rule, subject) per row
    entries: tuple[IntArray, IntArray, FloatArray]  # (row, col, value)
    budget_rows: dict[tuple[int, str], int] = field(default_factory=dict)
    totals: dict[int, FloatArray] = field(default_factory=dict)
    """Continuous columns that carry a sum of spending, with each unit's part of it."""

    @property
    def num_col(self) -> int:
        return len(self.cost)

    def add_rows(self, rule: str, subjects: Sequence[str], lower: float, upper: float) -> int:
        first = len(self.rows)
        self.rows.extend((rule, s) for s in subjects)
        n = len(subjects)
        self.row_lower = np.concatenate([self.row_lower, np.full(n, lower)])
        self.row_upper = np.concatenate([self.row_upper, np.full(n, upper)])
        return first

    def add_columns(self, n: int, cost: float, integral: bool = False) -> int:
        first = self.num_col
        self.cost = np.concatenate([self.cost, np.full(n, cost)])
        self.lower = np.concatenate([self.lower, np.zeros(n)])
        self.upper = np.concatenate([self.upper, np.full(n, highspy.kHighsInf)])
        self.integral = np.concatenate([self.integral, np.full(n, int(integral), np.int32)])
        return first

    def add_entries(self, rows: IntArray, cols: IntArray, values: FloatArray) -> None:
        keep = values != 0
        r, c, v = self.entries
        self.entries = (
            np.concatenate([r, rows[keep]]),
            np.concatenate([c, cols[keep]]),
            np.concatenate([v, values[keep]]),
        )

    def highs(
        self,
        options: SolveOptions,
        relax: bool = False,
        lower: FloatArray | None = None,
        upper: FloatArray | None = None,
    ) -> highspy.Highs:
        rows, cols, values = self.entries
        order = np.lexsort((rows, cols))
        rows, cols, values = rows[order], cols[order], values[order]
        starts = np.zeros(self.num_col + 1, dtype=np.int64)
        np.cumsum(np.bincount(cols, minlength=self.num_col), out=starts[1:])
        h = _QuietHighs()
        h.setOptionValue("time_limit", float(options.time_limit))
        h.setOptionValue("mip_rel_gap", float(options.relative_gap))
        if options.threads:
            h.setOptionValue("threads", int(options.threads))
        h.passModel(
            self.num_col,
            len(self.rows),
            len(values),
            int(highspy.MatrixFormat.kColwise),
            int(highspy.ObjSense.kMaximize),
            0.0,
            self.cost,
            self.lower if lower is None else lower,
            self.upper if upper is None else upper,
            self.row_lower,
            self.row_upper,
            starts[:-1].astype(np.int32),
            rows.astype(np.int32),
            values,
            np.zeros(self.num_col, np.int32) if relax else self.integral,
        )
        return h


def _build(problem: PlanProblem, units: Sequence[Unit], elastic: bool) -> _Model:
    years = list(problem.years)
    year_index = {y: k for k, y in enumerate(years)}
    col_unit_list: list[int] = []
    col_year_list: list[int] = []
    for u, unit in enumerate(units):
        for y in unit.years:
            col_unit_list.append(u)
            col_year_list.append(year_index[y])
    col_unit = np.asarray(col_unit_list, dtype=np.int64)
    col_year = np.asarray(col_year_list, dtype=np.int64)
    n = len(col_unit)
    score = np.asarray([float(u.score) for u in units])
    weight = np.asarray([float(problem.weight(y)) for y in years])
    fixed = np.asarray([u.fixed_year is not None for u in units], dtype=bool)
    lower = np.zeros(n)
    if not elastic:
        lower[fixed[col_unit]] = 1.0
    model = _Model(
        col_unit=col_unit,
        col_year=col_year,
        cost=score[col_unit] * weight[col_year] if not elastic else np.zeros(n),
        lower=lower,
        upper=np.ones(n),
        integral=np.ones(n, np.int32),
        row_lower=np.zeros(0),
        row_upper=np.zeros(0),
        rows=[],
        entries=(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)),
    )
    cols = np.arange(n, dtype=np.int64)
    first = model.add_rows("one_year", [u.key for u in units], -highspy.kHighsInf, 1.0)
    model.add_entries(first + col_unit, cols, np.ones(n))

    def elastic_slack(row: int, scale: float) -> None:
        slack = model.add_columns(1, -1.0 / max(scale, 1.0))
        model.add_entries(np.asarray([row]), np.asarray([slack]), np.asarray([1.0]))

    if elastic:
        for hand_fixed in np.flatnonzero(fixed).tolist():
            row = model.add_rows("fixed", [units[hand_fixed].key], 1.0, highspy.kHighsInf)
            on = cols[col_unit == hand_fixed]
            model.add_entries(np.full(len(on), row), on, np.ones(len(on)))
            elastic_slack(row, 1.0)

    for source in problem.sources:
        unit_cost = np.asarray([u.cost_from(source) * WAN_YUAN_PER_FEN for u in units])
        for k, y in enumerate(years):
            budget = problem.budgets.get((y, source), 0) * WAN_YUAN_PER_FEN
            row = model.add_rows("budget", [f"{y}:{source}"], -highspy.kHighsInf, budget)
            model.budget_rows[y, source] = row
            on = cols[col_year == k]
            model.add_entries(np.full(len(on), row), on, unit_cost[col_unit[on]])

    count = np.asarray([len(u.members) for u in units], dtype=np.float64)
    area = np.asarray([float(u.area_m2) for u in units])
    for target in problem.targets:
        if target.year not in year_index:
            continue
        on = cols[col_year == year_index[target.year]]
        for rule, need, per_unit in (
            ("target_communities", float(target.communities), count),
            ("target_area", float(target.area_m2), area),
        ):
            if need <= 0:
                continue
            row = model.add_rows(rule, [str(target.year)], need, highspy.kHighsInf)
            model.add_entries(np.full(len(on), row), on, per_unit[col_unit[on]])
            if elastic:
                elastic_slack(row, need)

    for deadline in problem.deadlines:
        needed, _ = deadline_counts(deadline, units, {})
        if needed <= 0:
            continue
        stock = np.asarray([u.count_built_before(deadline.built_before) for u in units], float)
        on = cols[np.asarray(years)[col_year] <= deadline.by_year]
        row = model.add_rows("deadline", [deadline_key(deadline)], float(needed), highspy.kHighsInf)
        model.add_entries(np.full(len(on), row), on, stock[col_unit[on]])
        if elastic:
            elastic_slack(row, float(needed))

    if problem.shares:
        total_cost = np.asarray([u.cost * WAN_YUAN_PER_FEN for u in units])
        total_col = model.add_columns(1, 0.0)
        model.totals[total_col] = total_cost
        total_row = model.add_rows("total", ["total"], 0.0, 0.0)
        model.add_entries(np.full(n, total_row), cols, total_cost[col_unit])
        model.add_entries(np.asarray([total_row]), np.asarray([total_col]), np.asarray([-1.0]))
        scale = sum(problem.budgets.values()) * WAN_YUAN_PER_FEN
        for share in problem.shares:
            district_cost = np.asarray(
                [u.cost_in(share.district) * WAN_YUAN_PER_FEN for u in units]
            )
            district_col = model.add_columns(1, 0.0)
            model.totals[district_col] = district_cost
            spend_row = model.add_rows("district", [share.district], 0.0, 0.0)
            model.add_entries(np.full(n, spend_row), cols, district_cost[col_unit])
            model.add_entries(
                np.asarray([spend_row]), np.asarray([district_col]), np.asarray([-1.0])
            )
            for rule, bound in (("share_min", share.minimum), ("share_max", share.maximum)):
                if bound is None:
                    continue
                low, high = (
                    (0.0, highspy.kHighsInf) if rule == "share_min" else (-highspy.kHighsInf, 0.0)
                )
                row = model.add_rows(rule, [share.district], low, high)
                model.add_entries(
                    np.asarray([row, row]),
                    np.asarray([district_col, total_col]),
                    np.asarray([1.0, -float(bound)]),
                )
                if elastic:
                    slack = model.add_columns(1, -1.0 / max(scale, 1.0))
                    sign = 1.0 if rule == "share_min" else -1.0
                    model.add_entries(np.asarray([row]), np.asarray([slack]), np.asarray([sign]))
    return model


def _assignment(
    model: _Model, values: FloatArray, units: Sequence[Unit], years: Sequence[int]
) -> dict[str, int]:
    chosen = np.flatnonzero(values[: len(model.col_unit)] > 0.5)
    return {units[model.col_unit[c]].key: years[model.col_year[c]] for c in chosen}


def solve(
    problem: PlanProblem,
    options: SolveOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> PlanResult:
    """The best plan within the rules, its proven bound, what binds, and the greedy plan beside
    it; or, when no plan meets every requirement, the requirements that fail and why.

    The LP relaxation gives the bound and, rounded and filled, a plan usually within a few
    millionths of it; HiGHS's branch and bound, started from that plan, is needed only when the
    two are further apart than the tolerance asked for.
    """
    options = options or SolveOptions()
    started = time.perf_counter()
    notify = on_progress or (lambda _step: None)
    units = units_of(problem)
    greedy = greedy_plan(problem, units)
    notify("model")
    model = _build(problem, units, elastic=False)
    notify("relaxation")
    relaxed = model.highs(options, relax=True)
    relaxed.setOptionValue("solver", "ipm")
    relaxed.run()
    status = relaxed.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible or (
        status == highspy.HighsModelStatus.kModelEmpty and breaches(problem, units, {})
    ):
        notify("explain")
        return _infeasible(problem, units, options, greedy, time.perf_counter() - started)
    if status not in (
        highspy.HighsModelStatus.kOptimal,
        highspy.HighsModelStatus.kModelEmpty,
    ):
        raise TimeoutError("HiGHS did not solve the relaxation within the time limit")
    lp = relaxed.getSolution()
    bound = Fraction(relaxed.getInfo().objective_function_value)
    prices = (
        {key: abs(float(lp.row_dual[row])) for key, row in model.budget_rows.items()}
        if options.shadow_prices
        else {}
    )
    assignment = _round(problem, units, model, np.asarray(lp.col_value))
    if (
        assignment is not None
        and len(model.col_unit) > NEIGHBOURHOOD
        and _gap(evaluate(problem, units, assignment).objective, bound) > options.relative_gap
    ):
        notify("improve")
        assignment = _improve(problem, units, model, lp, options, assignment)
    if assignment is None or _gap(evaluate(problem, units, assignment).objective, bound) > (
        options.relative_gap
    ):
        notify("branch")
        assignment, bound = _branch(problem, units, model, lp, options, assignment, bound)
        if assignment is None:
            notify("explain")
            return _infeasible(problem, units, options, greedy, time.perf_counter() - started)
    wrong = breaches(problem, units, assignment)
    if wrong:
        raise ArithmeticError(f"the solver returned a plan that breaks its rules: {wrong[:3]}")
    figures = evaluate(problem, units, assignment)
    bound = max(bound, figures.objective)  # a float bound, within tolerance of an exact value
    proven = _gap(figures.objective, bound) <= options.relative_gap + FLOAT_TOLERANCE
    notify("binding")
    return PlanResult(
        status="optimal" if proven else "feasible",
        units=units,
        assignment=assignment,
        figures=figures,
        bound=bound,
        binding=_binding(problem, units, assignment, figures, prices),
        greedy=greedy,
        seconds=time.perf_counter() - started,
    )


NEIGHBOURHOOD = 6_000
"""Start-year choices the improvement step reopens: those the relaxation was least sure of. A
plan with no more choices than this goes straight to branch and bound over all of them."""

IMPROVE_SECONDS = 20.0


def _improve(
    problem: PlanProblem,
    units: Sequence[Unit],
    model: _Model,
    lp: highspy.HighsSolution,
    options: SolveOptions,
    rounded: dict[str, int],
) -> dict[str, int]:
    """A better plan near the rounded one: every choice stays as rounded except the few
    thousand whose reduced cost is smallest, which a short branch and bound reconsiders.
    Rounding leaves a little money idle in each year; this puts it to work, which is most of
    what separates the rounded plan from the optimum."""
    n = len(model.col_unit)
    start = _column_values(model, units, problem.years, rounded)
    values = np.asarray(lp.col_value)[:n]
    reduced = np.abs(np.asarray(lp.col_dual)[:n])
    free = np.abs(values - np.round(values)) > 1e-9
    per_year = NEIGHBOURHOOD // max(len(problem.years), 1)
    for k in range(len(problem.years)):
        in_year = np.flatnonzero(model.col_year == k)
        free[in_year[np.argsort(reduced[in_year], kind="stable")[:per_year]]] = True
    fixed = np.flatnonzero(~free)
    lower, upper = model.lower.copy(), model.upper.copy()
    lower[fixed] = start[fixed]
    upper[fixed] = start[fixed]
    quick = SolveOptions(
        time_limit=min(options.time_limit, IMPROVE_SECONDS),
        relative_gap=options.relative_gap / 10,
        threads=options.threads,
    )
    found, _status, _bound = _run_mip(problem, units, model, quick, rounded, lower, upper)
    if found is not None and (
        evaluate(problem, units, found).objective > evaluate(problem, units, rounded).objective
    ):
        return found
    return rounded


def _run_mip(
    problem: PlanProblem,
    units: Sequence[Unit],
    model: _Model,
    options: SolveOptions,
    start: Assignment | None,
    lower: FloatArray | None = None,
    upper: FloatArray | None = None,
) -> tuple[dict[str, int] | None, highspy.HighsModelStatus, float]:
    """HiGHS's branch and bound within the given bounds, started from a plan when there is one:
    the plan it ends with, its status and its dual bound."""
    h = model.highs(options, lower=lower, upper=upper)
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = _column_values(model, units, problem.years, start).tolist()
        solution.value_valid = True
        h.setSolution(solution)
    h.run()
    info = h.getInfo()
    found = (
        _assignment(model, np.asarray(h.getSolution().col_value), units, problem.years)
        if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
        else None
    )
    if start is not None and found is not None:
        # HiGHS may report a better objective than the plan it hands back, which is then the
        # start unchanged (seen when presolve fixes a free candidate in): solve again without it.
        claimed = info.objective_function_value
        value = float(evaluate(problem, units, found).objective)
        if claimed - value > 1e-7 * max(1.0, abs(claimed)):
            return _run_mip(problem, units, model, options, None, lower, upper)
    return found, h.getModelStatus(), float(info.mip_dual_bound)


def _branch(
    problem: PlanProblem,
    units: Sequence[Unit],
    model: _Model,
    lp: highspy.HighsSolution,
    options: SolveOptions,
    rounded: dict[str, int] | None,
    bound: Fraction,
) -> tuple[dict[str, int] | None, Fraction]:
    """Branch and bound from the plan in hand over the columns whose choice is still open;
    the better plan and the tighter bound, or no plan when the rules admit none."""
    if rounded is None:
        found, status, dual = _run_mip(problem, units, model, options, None)
        if status == highspy.HighsModelStatus.kInfeasible:
            return None, bound
        floor = Fraction(0)
        best = found
    else:
        incumbent = evaluate(problem, units, rounded).objective
        start = _column_values(model, units, problem.years, rounded)
        lower, upper, floor = _fix_by_reduced_cost(model, lp, start, bound, incumbent)
        found, status, dual = _run_mip(problem, units, model, options, rounded, lower, upper)
        best = rounded
        if found is not None and evaluate(problem, units, found).objective > incumbent:
            best = found
    if np.isfinite(dual):
        bound = min(bound, max(Fraction(dual), floor))
    if best is None:
        raise TimeoutError("HiGHS found no plan within the time limit")
    return best, bound


def _fix_by_reduced_cost(
    model: _Model, lp: highspy.HighsSolution, plan: FloatArray, bound: Fraction, incumbent: Fraction
) -> tuple[FloatArray, FloatArray, Fraction]:
    """Bounds that fix every start the relaxation proves cannot change in a better plan.

    A column at a bound of the LP optimum with reduced cost d can only move at a loss of |d|
    from the LP bound z; when |d| exceeds z minus the plan in hand, no better plan moves it
    (reduced-cost fixing). What is left free is the small core where the choice is close, and
    solving that core to optimality proves the whole plan optimal. Returns the bounds and the
    value no plan that moves a fixed column can exceed.
    """
    n = len(model.col_unit)
    values = np.asarray(lp.col_value)[:n]
    reduced = np.abs(np.asarray(lp.col_dual)[:n])
    margin = float(bound - incumbent) * (1 + 1e-6) + 1e-6
    free = (
        (reduced <= margin)
        | (np.abs(values - plan[:n]) > 1e-9)
        | (np.abs(values - np.round(values)) > 1e-9)
    )
    lower, upper = model.lower.copy(), model.upper.copy()
    fixed = np.flatnonzero(~free)
    lower[fixed] = plan[fixed]
    upper[fixed] = plan[fixed]
    floor = bound - Fraction(float(reduced[fixed].min())) if len(fixed) else Fraction(0)
    return lower, upper, floor


def _gap(objective: Fraction, bound: Fraction) -> Fraction:
    return Fraction(0) if bound <= 0 else max(Fraction(0), (bound - objective) / bound)


def _column_values(
    model: _Model, units: Sequence[Unit], years: Sequence[int], assignment: Assignment
) -> FloatArray:
    """The plan as a full HiGHS column vector, continuous totals included."""
    values = np.zeros(model.num_col)
    keys = np.asarray([units[u].key for u in model.col_unit], dtype=object)
    chosen = np.asarray(
        [assignment.get(k) == years[t] for k, t in zip(keys, model.col_year, strict=True)],
        dtype=bool,
    )
    values[: len(model.col_unit)][chosen] = 1.0
    for col, weights in model.totals.items():
        values[col] = float(weights[model.col_unit[chosen]].sum())
    return values


def _round(
    problem: PlanProblem, units: Sequence[Unit], model: _Model, relaxed: FloatArray
) -> dict[str, int] | None:
    """A plan from the relaxation: keep what it starts whole, then fill what money is left,
    year by year, with the units worth most per yuan; None when that breaks a requirement."""
    assignment = _assignment(model, np.where(relaxed > 1 - 1e-6, 1.0, 0.0), units, problem.years)
    for unit in units:
        if unit.fixed_year is not None:
            assignment[unit.key] = unit.fixed_year
    spent: dict[tuple[int, str], int] = defaultdict(int)
    for unit in units:
        if (year := assignment.get(unit.key)) is not None:
            for source in problem.sources:
                spent[year, source] += unit.cost_from(source)
    if any(v > problem.budgets.get(key, 0) for key, v in spent.items()):
        return None
    mass = np.zeros(len(units))
    np.add.at(mass, model.col_unit, relaxed[: len(model.col_unit)])
    order = sorted(
        (i for i, u in enumerate(units) if u.key not in assignment),
        key=lambda i: (-mass[i], -units[i].score / max(units[i].cost, 1), units[i].key),
    )
    left = [units[i] for i in order]
    capped = [s for s in problem.shares if s.maximum is not None or s.minimum is not None]
    by_district: dict[str, int] = defaultdict(int)
    for unit in units:
        if unit.key in assignment:
            for c in unit.members:
                by_district[c.district] += c.cost
    total = sum(by_district.values())
    for unit in left:
        for year in unit.years:
            if any(
                spent[year, source] + unit.cost_from(source)
                > problem.budgets.get((year, source), 0)
                for source in problem.sources
                if unit.cost_from(source)
            ):
                continue
            after = total + unit.cost
            if (
                capped
                and after
                and not all(
                    _share_holds(s, by_district[s.district] + unit.cost_in(s.district), after)
                    for s in capped
                )
            ):
                break
            assignment[unit.key] = year
            for source in problem.sources:
                spent[year, source] += unit.cost_from(source)
            for c in unit.members:
                by_district[c.district] += c.cost
            total = after
            break
    if breaches(problem, units, assignment):
        return None
    return assignment


def _share_holds(share: DistrictShare, spent: int, total: int) -> bool:
    ratio = Fraction(spent, total)
    return (share.minimum is None or ratio >= share.minimum) and (
        share.maximum is None or ratio <= share.maximum
    )


def _binding(
    problem: PlanProblem,
    units: Sequence[Unit],
    assignment: Assignment,
    figures: PlanFigures,
    prices: dict[tuple[int, str], float],
) -> list[Binding]:
    """Budgets whose rest fits none of the candidates that could have used them (left out, or
    started later), and requirements met with nothing to spare; a budget's shadow price says
    what more of it would be worth. A budget no such candidate wants does not bind, however
    little of it is spent."""
    found: list[Binding] = []
    for year in problem.years:
        for source in problem.sources:
            budget = problem.budgets.get((year, source), 0)
            spent = figures.spend.get((year, source), 0)
            wanting = [
                u
                for u in units
                if year in u.years
                and u.cost_from(source) > 0
                and assignment.get(u.key, year + 1) > year
            ]
            fits = any(u.cost_from(source) <= budget - spent for u in wanting)
            price = prices.get((year, source))
            if budget and wanting and not fits:
                found.append(
                    Binding("budget", f"{year}:{source}", Fraction(budget), Fraction(spent), price)
                )
    for target in problem.targets:
        if target.communities and figures.communities.get(target.year) == target.communities:
            found.append(
                Binding(
                    "target_communities",
                    str(target.year),
                    Fraction(target.communities),
                    Fraction(target.communities),
                )
            )
        area = figures.area_m2.get(target.year, Decimal(0))
        if target.area_m2 and area - target.area_m2 < _smallest_area(units):
            found.append(
                Binding("target_area", str(target.year), Fraction(target.area_m2), Fraction(area))
            )
    for deadline in problem.deadlines:
        needed, started = deadline_counts(deadline, units, assignment)
        if needed and started == needed:
            found.append(
                Binding("deadline", deadline_key(deadline), Fraction(needed), Fraction(started))
            )
    total = sum(figures.spend_by_district.values())
    for share in problem.shares:
        if not total:
            continue
        spent = sum(v for (_, d), v in figures.spend_by_district.items() if d == share.district)
        ratio = Fraction(spent, total)
        for rule, limit in (("share_min", share.minimum), ("share_max", share.maximum)):
            if limit is not None and abs(ratio - limit) <= Fraction(1, 1000):
                found.append(Binding(rule, share.district, limit, ratio))
    return found


def _smallest_area(units: Sequence[Unit]) -> Decimal:
    areas = [u.area_m2 for u in units if u.area_m2 > 0]
    return min(areas) if areas else Decimal(1)


def _infeasible(
    problem: PlanProblem,
    units: list[Unit],
    options: SolveOptions,
    greedy: GreedyResult,
    seconds: float,
) -> PlanResult:
    if not options.explain:
        return PlanResult(
            "infeasible",
            units,
            {},
            evaluate(problem, units, {}),
            None,
            greedy=greedy,
            seconds=seconds,
        )
    model = _build(problem, units, elastic=True)
    h = model.highs(options)
    h.run()
    closest = _assignment(model, np.asarray(h.getSolution().col_value), units, problem.years)
    figures = evaluate(problem, units, closest)
    shortfalls = [
        _shortfall(problem, units, closest, breach)
        for breach in breaches(problem, units, closest)
        if breach.rule != "budget"
    ]
    return PlanResult(
        status="infeasible",
        units=units,
        assignment=closest,
        figures=figures,
        bound=None,
        shortfalls=shortfalls,
        greedy=greedy,
        seconds=seconds,
    )


def _shortfall(
    problem: PlanProblem, units: Sequence[Unit], closest: Assignment, breach: Breach
) -> Shortfall:
    """Money and candidates of the years a failed requirement concerns, and the cheapest way
    candidates left out could close it — a figure a director can take to the finance bureau."""
    years: list[int]
    if breach.rule in ("target_communities", "target_area"):
        years = [int(breach.subject)]
    elif breach.rule == "deadline":
        by_year = int(breach.subject.split("@")[1])
        years = [y for y in problem.years if y <= by_year]
    else:
        years = list(problem.years)
    budget = sum(v for (y, _), v in problem.budgets.items() if y in years)
    open_units = [u for u in units if set(u.years) & set(years)]
    left = sorted((u for u in open_units if u.key not in closest), key=lambda u: u.cost)
    missing = breach.required - breach.achieved
    extra: int | None = None
    if breach.rule in ("target_communities", "deadline", "target_area"):
        gained = Fraction(0)
        spent = 0
        for unit in left:
            if gained >= missing:
                break
            if breach.rule == "target_communities":
                gain = Fraction(len(unit.members))
            elif breach.rule == "target_area":
                gain = Fraction(unit.area_m2)
            else:
                built_before = int(breach.subject.split("@")[0])
                gain = Fraction(unit.count_built_before(built_before))
            if gain:
                gained += gain
                spent += unit.cost
        extra = spent if gained >= missing else None
    return Shortfall(breach, budget, sum(len(u.members) for u in open_units), extra)


def greedy_plan(problem: PlanProblem, units: Sequence[Unit]) -> GreedyResult:
    """The ranked sheet filled from the top, as bureaus do today: hand-fixed starts first, then
    year by year the highest scores that still fit that year's money. Targets, deadlines and
    shares are not looked at — which is why it is shown beside the optimum."""
    left: dict[tuple[int, str], int] = dict(problem.budgets)
    assignment: dict[str, int] = {}

    def take(unit: Unit, year: int) -> None:
        assignment[unit.key] = year
        for source in problem.sources:
            left[year, source] = left.get((year, source), 0) - unit.cost_from(source)

    for unit in units:
        if unit.fixed_year is not None:
            take(unit, unit.fixed_year)
    ranked = sorted(
        (u for u in units if u.fixed_year is None), key=lambda u: (-u.score, u.cost, u.key)
    )
    for year in problem.years:
        for unit in ranked:
            if unit.key in assignment or year not in unit.years:
                continue
            if all(
                unit.cost_from(source) <= left.get((year, source), 0)
                for source in problem.sources
                if unit.cost_from(source)
            ):
                take(unit, year)
    return GreedyResult(
        assignment=assignment,
        figures=evaluate(problem, units, assignment),
        breaches=breaches(problem, units, assignment),
    )
