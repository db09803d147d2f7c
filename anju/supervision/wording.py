"""How supervision names things, one place for the pages, the reports and the workbooks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from anju.core.alerts import AlertKind

KIND_NAMES = {
    AlertKind.CONSTRUCTION_OVERDUE: gettext_lazy("Works past their due date"),
    AlertKind.SLOW_PROGRESS: gettext_lazy("Works behind schedule"),
    AlertKind.APPROVALS_LATE: gettext_lazy("Approvals past the deadline"),
    AlertKind.CENTRAL_SUBSIDY_YEAR: gettext_lazy("Central-subsidy project outside its year"),
    AlertKind.OBJECTION_UNANSWERED: gettext_lazy("Objections unanswered"),
    AlertKind.FUND_BELOW_LINE: gettext_lazy("Maintenance fund under the line"),
    AlertKind.DEFECT_OPEN: gettext_lazy("Defects still open"),
    AlertKind.TARGET_DEADLINE: gettext_lazy("Year's task not completed by its date"),
    AlertKind.NOT_IN_PLAN: gettext_lazy("Qualifying community left out of the plans"),
    AlertKind.PROCUREMENT: gettext_lazy("Lots let without the tender or publicity the rules ask"),
    AlertKind.OBSERVATION_OPEN: gettext_lazy("Residents' monitors waiting for an answer"),
}


def rank_text(rank: int | None, among: int) -> str:
    """A district's rank among its city's districts, 2/6; — for one with no score."""
    return "—" if rank is None else f"{rank}/{among}"
