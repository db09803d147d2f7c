"""The staff pages that run a poll and the residents' pages a ballot code opens."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anju.accounts.models import Role, User
from anju.audit.models import AuditEntry, EntryKind
from anju.core.ballot_codes import grouped
from anju.limits.services import WRONG_CODES_PER_CLIENT
from anju.participation import selectors
from anju.participation.models import Poll, PollKind, Response
from anju.participation.services import ballot_slips_print, elector_by_code
from anju.participation.tests.conftest import MakePoll
from anju.registry.models import Community
from anju.testing import HUALONG, SYSTEM

SignIn = Callable[[str], Client]


def _code(poll: Poll) -> str:
    return _codes(poll)[0]


def _codes(poll: Poll) -> list[str]:
    """The codes as their slips are printed, the one time they can be read."""
    return [code for _elector, code in ballot_slips_print(actor=SYSTEM, poll=poll)]


def _resident(code: str) -> Client:
    """A resident's phone that has scanned its slip: the code held, out of the address bar."""
    phone = Client()
    arrived = phone.get(reverse("ballot:cast", args=[code]))
    assert arrived.status_code == 302 and arrived["Location"] == reverse("ballot:form")
    return phone


def test_a_street_official_drafts_and_publishes_a_vote(
    hualong_user: User, hualong_community: Community, logged_in: SignIn
) -> None:
    client = logged_in("hualong")
    new = reverse("participation:poll_new", args=[hualong_community.code, "vote"])
    page = client.get(new)
    assert page.status_code == 200
    building = hualong_community.buildings.order_by("id").first()
    assert building is not None
    reply = client.post(
        new,
        {
            "title": "加装电梯表决",
            "description": "",
            "opens_at": "2026-12-01T09:00",
            "closes_at": "2026-12-15T18:00",
            "matter": "elevator",
            "building": building.pk,
            "unit": "1",
        },
    )
    poll = Poll.objects.get(title="加装电梯表决")
    assert reply.status_code == 302
    assert poll.is_draft and poll.unit == "1"
    client.post(reverse("participation:poll_publish", args=[poll.pk]))
    poll.refresh_from_db()
    assert not poll.is_draft
    url = reverse("participation:poll_codes", args=[poll.pk])
    status = client.get(url).content.decode()
    assert "<svg" not in status and "尚未打印" in status
    codes = client.post(url, {"action": "print"})
    text = codes.content.decode()
    assert text.count("<svg") == poll.electors.count()
    shown = re.findall(r"data-code>([A-Z0-9-]+)<", text)
    assert {elector_by_code(code).poll_id for code in shown} == {poll.pk}  # type: ignore[union-attr]
    # printed once: no page shows a code again
    assert "<svg" not in client.get(url).content.decode()
    assert "<svg" not in client.post(url, {"action": "print"}, follow=True).content.decode()
    client.get(reverse("participation:poll_roll", args=[poll.pk]))
    reads = AuditEntry.objects.filter(kind=EntryKind.READ, target_id=str(poll.pk))
    assert {(e.action, e.actor_label) for e in reads} == {("personal_data.view", "hualong")}
    printed = AuditEntry.objects.get(action="ballot_slips.print")
    assert (printed.actor_label, printed.after["slips"]) == ("hualong", poll.electors.count())


def test_an_elevator_vote_without_a_unit_is_refused_in_words(
    hualong_user: User, hualong_community: Community, logged_in: SignIn
) -> None:
    client = logged_in("hualong")
    reply = client.post(
        reverse("participation:poll_new", args=[hualong_community.code, "vote"]),
        {
            "title": "x",
            "opens_at": "2026-12-01T09:00",
            "closes_at": "2026-12-15T18:00",
            "matter": "elevator",
        },
    )
    assert reply.status_code == 400
    assert "单元" in reply.content.decode()
    assert not Poll.objects.exists()


def test_a_needs_survey_asks_from_the_pack_menu(
    hualong_user: User, hualong_community: Community, logged_in: SignIn
) -> None:
    client = logged_in("hualong")
    client.post(
        reverse("participation:poll_new", args=[hualong_community.code, "needs"]),
        {
            "title": "改造需求征询",
            "opens_at": "2026-12-01T09:00",
            "closes_at": "2026-12-15T18:00",
            "pack": "puyang-2020",
        },
    )
    poll = Poll.objects.get(kind=PollKind.NEEDS)
    options = [o for q in poll.questions.all() for o in q.options]
    assert "加装电梯" in "".join(options) or len(options) > 10
    assert poll.questions.filter(kind="text").exists()


def test_another_district_sees_no_poll_and_a_department_cannot_run_one(
    make_poll: MakePoll,
    qingfeng_user: User,
    make_user: Callable[..., User],
    hualong_community: Community,
    logged_in: SignIn,
) -> None:
    poll = make_poll()
    outsider = logged_in("qingfeng")
    assert outsider.get(reverse("participation:poll_detail", args=[poll.pk])).status_code == 404
    assert outsider.get(reverse("participation:poll_codes", args=[poll.pk])).status_code == 404
    make_user("dept", HUALONG, Role.CITY_DEPARTMENT)
    department = logged_in("dept")
    assert department.get(reverse("participation:poll_detail", args=[poll.pk])).status_code == 200
    assert department.get(reverse("participation:poll_codes", args=[poll.pk])).status_code == 403
    new = reverse("participation:poll_new", args=[hualong_community.code, "vote"])
    assert department.get(new).status_code == 403


def test_a_committee_enters_a_paper_ballot_marked_as_paper(
    make_poll: MakePoll, make_user: Callable[..., User], logged_in: SignIn
) -> None:
    poll = make_poll()
    clerk = make_user("committee", HUALONG, Role.COMMITTEE)
    client = logged_in("committee")
    elector = poll.electors.order_by("pk").first()
    assert elector is not None
    url = reverse("participation:paper_entry", args=[poll.pk])
    refused = client.post(url, {"elector": elector.pk, "choice": "maybe"})
    assert refused.status_code == 400
    reply = client.post(url, {"elector": elector.pk, "choice": "against"})
    assert reply.status_code == 302
    response = Response.objects.get(elector=elector)
    assert (response.channel, response.entered_by, response.choice) == ("paper", clerk, "against")
    again = client.post(url, {"elector": elector.pk, "choice": "agree"})
    assert again.status_code == 400


def test_a_resident_votes_with_a_code_in_two_steps(make_poll: MakePoll) -> None:
    poll = make_poll()
    code = _code(poll)
    resident = _resident(code)
    url = reverse("ballot:form")
    page = resident.get(url)
    assert page.status_code == 200 and poll.title in page.content.decode()
    confirm = resident.post(url, {"choice": "agree"})
    assert 'data-step="confirm"' in confirm.content.decode()
    assert not Response.objects.exists()
    done = resident.post(url, {"choice": "agree", "step": "confirm"}, follow=True)
    assert 'data-step="done"' in done.content.decode()
    assert Response.objects.get().channel == "code"
    # the spent code takes nothing more and tells when it was used, never the choice
    again = _resident(code).post(url, {"choice": "against", "step": "confirm"})
    told = again.content.decode()
    assert 'data-step="done"' in told and "已于" in told and "使用过" in told
    assert "同意" not in told and "赞成" not in told
    assert Response.objects.get().choice == "agree"


def test_a_typed_code_is_forgiven_its_case_and_dashes_and_a_wrong_one_is_told(
    make_poll: MakePoll,
) -> None:
    poll = make_poll()
    code = _code(poll)
    resident = Client()
    entry = reverse("ballot:entry")
    reply = resident.post(entry, {"code": grouped(code).lower()})
    assert reply.status_code == 302
    assert reply["Location"] == reverse("ballot:form") and code not in reply["Location"]
    wrong = resident.post(entry, {"code": "ABCDE-FGHJK"})
    assert wrong.status_code == 404
    assert "不正确" in wrong.content.decode() or "无法识别" in wrong.content.decode()


def test_a_closed_poll_takes_no_ballot(make_poll: MakePoll) -> None:
    poll = make_poll()
    code = _code(poll)
    Poll.objects.filter(pk=poll.pk).update(
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=1),
    )
    reply = _resident(code).post(reverse("ballot:form"), {"choice": "agree", "step": "confirm"})
    assert 'data-step="closed"' in reply.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize("kind", [PollKind.SATISFACTION])
def test_a_survey_is_answered_checked_and_summarised(make_poll: MakePoll, kind: PollKind) -> None:
    from anju.participation import questionnaires

    poll = make_poll(kind, questions=questionnaires.satisfaction(), building=None)
    questions = list(poll.questions.all())
    codes = _codes(poll)
    full = {q.key: "4" for q in questions if q.kind == "rating"}
    missing = _resident(codes[0]).post(reverse("ballot:form"), {"step": "confirm"})
    assert missing.status_code == 400
    for i, code in enumerate(codes[:4]):
        answers = (
            {**full, questions[-1].key: "很好"}
            if i == 0
            else {k: ("2" if i == 3 else v) for k, v in full.items()}
        )
        _resident(code).post(reverse("ballot:form"), {**answers, "step": "confirm"})
    assert selectors.valid_responses(poll).count() == 4
    summary = selectors.survey_summary(poll)
    first = summary[0]
    assert first.counts["4"] == 3 and first.counts["2"] == 1 and first.answered == 4
    assert summary[-1].texts == ["很好"]


def test_the_ballots_download_is_the_tally_file_format(
    make_poll: MakePoll, hualong_user: User, logged_in: SignIn
) -> None:
    poll = make_poll()
    reply = logged_in("hualong").get(reverse("participation:ballots_csv", args=[poll.pk]))
    rows = list(csv.DictReader(io.StringIO(reply.content.decode())))
    assert len(rows) == poll.electors.count()
    assert {row["choice"] for row in rows} == {"none"}


def test_a_lost_slip_is_reprinted_with_a_new_code_that_voids_the_old_and_names_the_official(
    hualong_user: User, make_poll: MakePoll, logged_in: SignIn
) -> None:
    poll = make_poll()
    old_codes = dict(ballot_slips_print(actor=SYSTEM, poll=poll))
    lost, voted = list(old_codes)[:2]
    holding_the_old_code = _resident(old_codes[lost])
    _resident(old_codes[voted]).post(reverse("ballot:form"), {"choice": "agree", "step": "confirm"})
    client = logged_in("hualong")
    url = reverse("participation:poll_codes", args=[poll.pk])
    reprinted = client.post(url, {"action": "reprint", "elector": lost.pk}).content.decode()
    (new_code,) = re.findall(r"data-code>([A-Z0-9-]+)<", reprinted)
    assert reprinted.count("<svg") == 1 and lost.label in reprinted
    assert elector_by_code(old_codes[lost]) is None
    assert elector_by_code(new_code).pk == lost.pk  # type: ignore[union-attr]
    # a phone that entered the old code before the reprint can no longer answer with it
    stale = holding_the_old_code.post(
        reverse("ballot:form"), {"choice": "against", "step": "confirm"}
    )
    assert stale.status_code == 302 and not Response.objects.filter(elector=lost).exists()
    entry = AuditEntry.objects.get(action="ballot_code.reprint")
    assert (entry.actor_label, entry.target_id) == ("hualong", str(lost.pk))
    refused = client.post(url, {"action": "reprint", "elector": voted.pk}, follow=True)
    assert "无需补发" in refused.content.decode()
    assert AuditEntry.objects.filter(action="ballot_code.reprint").count() == 1


def test_wrong_codes_are_limited_per_client_and_right_codes_never_count(
    make_poll: MakePoll,
) -> None:
    poll = make_poll()
    codes = [code for _e, code in ballot_slips_print(actor=SYSTEM, poll=poll)]
    volunteer = Client(REMOTE_ADDR="10.3.3.3")
    for code in codes * 3:  # many right codes from one tablet
        assert volunteer.post("/v/", {"code": code}).status_code == 302
    guesser = Client(REMOTE_ADDR="10.4.4.4")
    for n in range(WRONG_CODES_PER_CLIENT.count):
        assert guesser.post("/v/", {"code": f"ABCDE-{n:05d}"}).status_code == 404
    blocked = guesser.post("/v/", {"code": codes[0]})
    assert blocked.status_code == 429 and "输错投票码的次数过多" in blocked.content.decode()
    assert guesser.get(f"/v/{codes[0]}/").status_code == 429
    assert Client(REMOTE_ADDR="10.5.5.5").post("/v/", {"code": codes[0]}).status_code == 302
