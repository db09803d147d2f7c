"""What waits for a user, read from the apps that hold it: votes and consultations closing
soon in their area, residents' opinions waiting for an answer, approvals coming due, the
supervision alerts there (those that call a district in first), and the ledger imports and
plan scenarios they asked for that have finished. Each source is read
within the user's jurisdiction and bounded, so the page costs the same in a street and a
nation: alerts come from the kept standings, the rest from indexed, limited queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import scopes
from anju.core.access import Capability
from anju.core.alerts import INTERVIEW_KINDS, SEVERITY
from anju.core.report_periods import Period, PeriodKind, date_words, period_words
from anju.core.standing import alerts_added
from anju.participation.models import CommentKind, Notice, NoticeComment, Poll
from anju.planning.models import Scenario, ScenarioState
from anju.policy.library import get_pack
from anju.projects.models import Project
from anju.projects.selectors import approvals_due
from anju.registry.models import Community, ImportState, LedgerImport
from anju.supervision.selectors.returns import returns_owed
from anju.supervision.selectors.standing import user_standings
from anju.supervision.wording import KIND_NAMES

SOON = dt.timedelta(days=7)  # a poll closing within a week waits for its officials
RECENT = dt.timedelta(days=14)  # a finished job is news for two weeks
APPROVALS_AHEAD = dt.timedelta(days=30)  # a month to get what is still missing granted
SHOWN = 20  # items of one kind on the page; the link leads to the rest


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    link: str
    detail: str = ""
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    title: str
    items: list[Item]


def desk(user: Any, now: dt.datetime | None = None) -> list[Group]:
    now = now or timezone.now()
    groups = [
        Group(_("Votes and consultations closing soon"), _closing_polls(user, now)),
        Group(_("Residents' opinions waiting for an answer"), _opinions_waiting(user)),
        Group(_("Approvals coming due"), _approvals_coming(user, timezone.localdate(now))),
        Group(_("Alerts in your area"), _alerts(user)),
        Group(_("Monthly returns owed upward"), _returns_owed(user, timezone.localdate(now))),
        Group(_("Your imports and plans that finished"), _finished_jobs(user, now)),
    ]
    return [group for group in groups if group.items]


def _closing_polls(user: Any, now: dt.datetime) -> list[Item]:
    polls = (
        Poll.objects.visible_to(user)
        .filter(published_at__isnull=False, closes_at__gt=now, closes_at__lte=now + SOON)
        .order_by("closes_at")
        .values(
            "pk",
            "title",
            "closes_at",
            "community__name",
            "community__code",
            "community__district__name",
        )
        .annotate(
            answered=Count("responses", filter=Q(responses__voided_at__isnull=True), distinct=True),
            roll=Count("electors", distinct=True),
        )[:SHOWN]
    )
    return [
        Item(
            _("“%(title)s” closes on %(day)s")
            % {
                "title": poll["title"],
                "day": timezone.localtime(poll["closes_at"]).strftime("%m-%d %H:%M"),
            },
            reverse("participation:poll_detail", args=[poll["pk"]]),
            _("%(community)s (%(code)s, %(district)s): %(answered)s of %(electors)s answered")
            % {
                "community": poll["community__name"],
                "code": poll["community__code"],
                "district": poll["community__district__name"],
                "answered": poll["answered"],
                "electors": poll["roll"],
            },
            urgent=poll["closes_at"] <= now + dt.timedelta(days=2),
        )
        for poll in polls
    ]


def _opinions_waiting(user: Any) -> list[Item]:
    """Each posted notice with opinions not yet answered, the one waiting longest first; a
    notice with an objection among them is marked, as an objection unanswered becomes an
    alert. The notices are found from the unanswered opinions, oldest first off an index that
    holds only those, so the desk reads twenty notices, not every notice of the jurisdiction."""
    unanswered = (
        NoticeComment.objects.filter(
            answered_at__isnull=True,
            notice__in=Notice.objects.visible_to(user).filter(posted_at__isnull=False),
        )
        .order_by("created_at", "id")
        .values_list("notice_id", flat=True)
    )
    longest: dict[int, None] = {}  # the notices in the order their first opinion came
    read = 0
    while len(longest) < SHOWN:
        batch = list(unanswered[read : read + SHOWN * 5])
        longest.update(dict.fromkeys(batch))
        if len(batch) < SHOWN * 5:
            break
        read += len(batch)
    notices = (
        Notice.objects.filter(
            pk__in=list(longest)[:SHOWN],
            comments__created_at__isnull=False,  # a comment there, not the outer join's blank
            comments__answered_at__isnull=True,
        )
        .values("pk", "title", "community__name", "community__code", "community__district__name")
        .annotate(
            waiting=Count("comments", distinct=True),
            objections=Count("comments", filter=Q(comments__kind=CommentKind.OBJECTION)),
            since=Min("comments__created_at"),
        )
        .order_by("since", "pk")
    )
    return [
        Item(
            _("“%(title)s”: %(n)s opinions waiting for an answer")
            % {"title": notice["title"], "n": notice["waiting"]},
            reverse("participation:notice_detail", args=[notice["pk"]]),
            _("%(community)s (%(code)s, %(district)s), the first received on %(day)s")
            % {
                "community": notice["community__name"],
                "code": notice["community__code"],
                "district": notice["community__district__name"],
                "day": date_words(timezone.localtime(notice["since"]).date()),
            },
            urgent=notice["objections"] > 0,
        )
        for notice in notices
    ]


def _approvals_coming(user: Any, today: dt.date) -> list[Item]:
    """Projects whose approvals fall due within a month with steps still open: once the day
    has passed they are an alert, which is late."""
    if scopes(user, Capability.REGISTRY_VIEW) == ():
        return []
    visible = Project.objects.filter(
        community__in=Community.objects.visible_to(user).values("pk")
    ).select_related("community__district")
    coming = approvals_due(
        visible, get_pack(), today, today + APPROVALS_AHEAD, candidates=SHOWN * 5
    )
    return [
        Item(
            _("%(community)s: approvals due on %(day)s")
            % {"community": due.project.community.name, "day": due.due.strftime("%Y-%m-%d")},
            reverse("projects:detail", args=[due.project.community.code]),
            _("%(code)s, %(district)s; still open: %(steps)s")
            % {
                "code": due.project.community.code,
                "district": due.project.community.district.name,
                "steps": "、".join(due.open_steps),
            },
            urgent=due.due <= today + dt.timedelta(days=7),
        )
        for due in sorted(coming, key=lambda d: (d.due, d.project.community.code))[:SHOWN]
    ]


def _alerts(user: Any) -> list[Item]:
    if scopes(user, Capability.REGISTRY_VIEW) == ():
        return []
    pack = get_pack()
    counts = alerts_added(s.standing for s in user_standings(user, pack, timezone.localdate()))
    link = reverse("supervision:alerts")
    return [
        Item(
            _("%(kind)s: %(n)s") % {"kind": KIND_NAMES[kind], "n": counts[kind]},
            f"{link}?policy={pack.id}&kind={kind.value}",
            _("grounds to call a district in") if kind in INTERVIEW_KINDS else "",
            urgent=kind in INTERVIEW_KINDS,
        )
        for kind in SEVERITY
        if counts[kind]
    ]


def _returns_owed(user: Any, today: dt.date) -> list[Item]:
    pack = get_pack()
    link = reverse("supervision:monthly")
    return [
        Item(
            _("{area}: the return for {month}").format(
                area=owed.area.name,
                month=period_words(Period(PeriodKind.MONTH, owed.month.year, owed.month.month)),
            ),
            f"{link}?policy={pack.id}&area={owed.area.code}"
            f"&month={owed.month.year}-{owed.month.month:02d}",
            _("due by {day}").format(day=date_words(owed.due_on)),
            urgent=owed.late(today),
        )
        for owed in returns_owed(user, pack, today)
    ]


def _finished_jobs(user: Any, now: dt.datetime) -> list[Item]:
    if not getattr(user, "is_authenticated", False):
        return []
    since = now - RECENT
    imports = LedgerImport.objects.filter(requested_by=user, finished_at__gte=since).order_by(
        "-finished_at"
    )[:SHOWN]
    scenarios = Scenario.objects.filter(created_by=user, finished_at__gte=since).order_by(
        "-finished_at"
    )[:SHOWN]
    found = [
        (
            job.finished_at,
            _finished(
                _("Ledger “%(name)s”: %(state)s"),
                job,
                job.state == ImportState.DONE,
                "registry:ledger_import_job",
            ),
        )
        for job in imports
    ] + [
        (
            scenario.finished_at,
            _finished(
                _("Plan scenario “%(name)s”: %(state)s"),
                scenario,
                scenario.state == ScenarioState.DONE,
                "planning:scenario_detail",
            ),
        )
        for scenario in scenarios
    ]
    return [item for _at, item in sorted(found, key=lambda pair: pair[0] or now, reverse=True)]


def _finished(words: str, job: Any, done: bool, route: str) -> Item:
    """A job the user asked for, by its name and how it ended; one that did not end well first
    catches the eye."""
    return Item(
        words % {"name": job.name, "state": job.get_state_display()},
        reverse(route, args=[job.pk]),
        urgent=not done,
    )
