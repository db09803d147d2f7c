"""Every route, as every role of another district: generated from the URL configuration, so a
route added without its jurisdiction check fails here. Each route is asked with its
parameters pointing at Hualong's records — a community, a poll, a notice, a plan scenario, a
budget, an expert, a report — by officials of every role in Qingfeng, by GET and by POST; and
every API operation that changes something, by its own method with a body its schema accepts
(generated from the OpenAPI document), so the refusal is the jurisdiction's, not the schema's.
None may be shown a Hualong record or change anything: a route that names a record answers
403, 404 or 405, and no write reaches the audit log; a route that names none shows no Hualong
community. Nobody not signed in opens any but the residents' pages; and Hualong's own official
opens every record named, so the refusals are of real records."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, find, settings

from anju.accounts.models import Role, User
from anju.api import api
from anju.audit.models import AuditEntry
from anju.experts.models import Expert, ReviewDraw
from anju.finance.models import Budget, Channel
from anju.participation.models import Notice, NoticeSubject, PlanSignOff
from anju.participation.tests.conftest import make_poll  # noqa: F401  (a fixture)
from anju.planning.models import AnnualPlan, Scenario
from anju.projects.models import (
    Defect,
    Inspection,
    ProgressPhoto,
    ProgressReport,
    Project,
    ProjectStage,
)
from anju.registry.models import Community
from anju.supervision.models import Report
from anju.testing import HUALONG, QINGFENG

pytestmark = pytest.mark.django_db

# Residents' pages, opened by a secret code or public by law (公示); signing in; the API's
# description of itself.
PUBLIC = {
    "ballot:entry",
    "ballot:cast",
    "ballot:form",  # the ballot of the code the session holds
    "share:entry",
    "share:detail",
    "notice:public",
    "notice:document",
    "plan:public",
    "home",  # a redirect to the community list
    "login",
    "set_language",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
REFUSED = {403, 404, 405}
# An API call without a JSON body is refused by its type (415) or its schema before anything
# is looked up.
UNREAD = {400, 415, 422}
# Parameters that name a record of a place; a policy pack's id names a public document.
RECORDS = {"code", "division", "pk", "response", "document", "defect_id", "draw_id"}
# The user's own account: adding an authenticator makes its key on the first visit.
OWN = {"accounts:second_factor"}
# Routes whose record needs a solve or a settled funding plan first; each looks its record up
# through the same helper as the route named, which the control below opens.
SAME_LOOKUP = {
    "planning:scenario_export": "planning:scenario_detail",
    "finance:shares_export": "finance:funding_plan",
    "finance:share_notices": "finance:funding_plan",
}


def routes() -> Iterator[tuple[str, str, list[str]]]:
    """(name, pattern, parameter names) of every route."""

    def walk(
        patterns: list[Any], prefix: str, namespace: str
    ) -> Iterator[tuple[str, str, list[str]]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = (
                    f"{namespace}:{p.namespace}"
                    if namespace and p.namespace
                    else (p.namespace or namespace)
                )
                yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace else (p.name or "")
                yield (
                    name,
                    prefix + str(p.pattern),
                    list(p.pattern.converters) or _ninja_params(str(p.pattern)),
                )

    yield from walk(get_resolver().url_patterns, "/", "")


def _ninja_params(pattern: str) -> list[str]:
    return PARAM.findall(pattern)


def _fill(pattern: str, values: dict[str, str]) -> str:
    return PARAM.sub(lambda m: values[m.group(1)], pattern)


@pytest.fixture
def hualong_records(
    hualong_community: Community,
    hualong_user: User,
    make_poll: Callable[..., Any],  # noqa: F811  (the fixture imported above)
    settings: Any,
    tmp_path: Path,
) -> dict[str, dict[str, str]]:
    """Parameter values, by route namespace, that name Hualong's records."""
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    poll = make_poll()
    notice = Notice.objects.create(
        community=hualong_community,
        subject=NoticeSubject.OTHER,
        title="公示",
        body="内容",
        days=7,
        created_by=hualong_user,
    )
    scenario = Scenario.objects.create(
        name="华龙区计划",
        division_id=HUALONG,
        pack="puyang-2020",
        first_year=2026,
        last_year=2027,
        budgets={"2026": 1000},
        created_by=hualong_user,
    )
    budget = Budget.objects.create(
        name="华龙区预算",
        channel=Channel.LOCAL_BUDGET,
        year=2026,
        division_id=HUALONG,
        amount=100_000,
        created_by=hualong_user,
    )
    expert = Expert.objects.create(name="专家", employer="设计院", division_id=HUALONG)
    report = Report.objects.create(
        written_at=now,
        pdf=ContentFile(b"%PDF-1.4", name="bulletin.pdf"),
        area_id=HUALONG,
        pack="puyang-2020",
        period="2026-11",
        kind="month",
        requested_by=hualong_user,
        requested_at=now,
    )
    project = Project.objects.create(
        community=hualong_community, plan_year=2026, stage=ProjectStage.CONSTRUCTION
    )
    draw = ReviewDraw.objects.create(
        project=project,
        needs={},
        designer="设计院",
        seed=1,
        library=[],
        chosen=[],
        drawn_by=hualong_user,
    )
    sign_off = PlanSignOff.objects.create(
        community=hualong_community,
        notice=notice,
        signed_on=now.date(),
        body="业主委员会",
        signatories="张三",
        scan=ContentFile(b"%PDF-1.4", name="signed.pdf"),
        scan_sha256="0" * 64,
        recorded_by=hualong_user,
    )
    AnnualPlan.objects.create(
        division_id=HUALONG, year=2026, version=1, scenario=scenario, adopted_by=hualong_user
    )
    progress = ProgressReport.objects.create(
        project=project, on=now.date(), percent=10, spent_yuan=0, reported_by=hualong_user
    )
    photo = ProgressPhoto.objects.create(
        report=progress, image=ContentFile(b"\x89PNG\r\n", name="site.png"), caption="现场"
    )
    inspection = Inspection.objects.create(
        project=project, kind="quality", on=now.date(), by="质监站"
    )
    defect = Defect.objects.create(project=project, inspection=inspection, description="渗水")
    common = {
        "code": hualong_community.code,
        "division": HUALONG,
        "year": "2026",
        "kind": "vote",
        "fmt": "pdf",
        "pack_id": "puyang-2020",
        "response": "1",
        "document": "1",
        "defect_id": str(defect.pk),
        "draw_id": str(draw.pk),
        "expert_id": str(expert.pk),
    }
    by_namespace = {
        "participation": {**common, "pk": str(poll.pk)},
        "planning": {**common, "pk": str(scenario.pk)},
        "finance": {**common, "pk": str(budget.pk)},
        "experts": {**common, "pk": str(expert.pk)},
        "supervision": {**common, "pk": str(report.pk)},
        "projects": {**common, "pk": str(photo.pk)},
    }
    own_records = {
        "participation:notice_detail": {**common, "pk": str(notice.pk)},
        "participation:sign_off_scan": {**common, "pk": str(sign_off.pk)},
        "experts:review": {**common, "pk": str(draw.pk)},
    }
    return {"_common": common, **by_namespace, **own_records}


def _values(name: str, records: dict[str, dict[str, str]]) -> dict[str, str]:
    return records.get(name) or records.get(name.split(":")[0]) or records["_common"]


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_no_route_shows_or_changes_another_district_s_records(
    role: Role,
    hualong_records: dict[str, dict[str, str]],
    city: Any,
    make_user: Callable[..., User],
) -> None:
    outsider = make_user(f"outsider-{role}", QINGFENG, role)
    hualong_codes = list(
        Community.objects.filter(district_id=HUALONG).values_list("code", flat=True)
    )
    client = Client()
    leaks: list[str] = []
    for name, pattern, params in routes():
        if name in PUBLIC:
            continue
        values = _values(name, hualong_records)
        missing = [p for p in params if p not in values]
        assert not missing, f"{name}: no Hualong value for {missing}; add one to hualong_records"
        address = _fill(pattern, values)
        for method in ("get", "post"):
            client.force_login(outsider)
            written = AuditEntry.objects.last_write()
            answer = getattr(client, method)(address)
            if AuditEntry.objects.last_write() != written and name not in OWN:
                leaks.append(f"{method.upper()} {address} wrote")
            if RECORDS & set(params):
                refused = REFUSED | (
                    UNREAD if method == "post" and name.startswith("api:") else set()
                )
                if answer.status_code not in refused:
                    leaks.append(f"{method.upper()} {address} answered {answer.status_code}")
            elif answer.status_code == 200 and not answer.streaming:
                body = answer.content.decode(errors="replace")
                shown = [c for c in hualong_codes if c in body]
                if shown:
                    leaks.append(f"{method.upper()} {address} shows {shown[:3]}")
    assert not leaks, "\n".join(leaks)


def test_the_records_named_are_real_for_their_own_district(
    hualong_records: dict[str, dict[str, str]], hualong_user: User
) -> None:
    """The control: Hualong's own official opens what the outsiders were refused, so their
    refusals are of real records, not of addresses that name nothing."""
    client = Client()
    client.force_login(hualong_user)
    missing = []
    for name, pattern, params in routes():
        if name in PUBLIC or name in SAME_LOOKUP or not RECORDS & set(params):
            continue
        address = _fill(pattern, _values(name, hualong_records))
        if client.get(address).status_code == 404:
            missing.append(f"{name} {address}")
    assert not missing, "\n".join(missing)


def test_no_route_but_the_residents_opens_to_someone_not_signed_in(
    hualong_records: dict[str, dict[str, str]],
) -> None:
    client = Client()
    opened = []
    for name, pattern, _params in routes():
        if name in PUBLIC:
            continue
        address = _fill(pattern, _values(name, hualong_records))
        for method in ("get", "post"):
            answer = getattr(client, method)(address)
            to_login = answer.status_code == 302 and answer["Location"].startswith("/login/")
            if not (to_login or answer.status_code in {401, 403, 405}):
                opened.append(f"{method.upper()} {address} answered {answer.status_code}")
    assert not opened, "\n".join(opened)


def api_writes() -> list[tuple[str, str, Any]]:
    """(method, path, the smallest body its schema accepts that is not empty) of every API
    operation that takes a body, generated by schemathesis from the OpenAPI document."""
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET":
            continue
        case = find(
            operation.as_strategy(),
            lambda case: bool(case.body),
            settings=settings(database=None, suppress_health_check=list(HealthCheck)),
        )
        found.append((operation.method.upper(), operation.path, case.body))
    return found


API_WRITES = api_writes()
RECORD_IDS = {"expert_id"}


def _api_address(path: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)


def _api_body(body: Any, values: dict[str, str]) -> str:
    """The generated body, its ids naming Hualong's records (an expert of Hualong's library)."""
    if isinstance(body, dict):
        body = {k: int(values[k]) if k in RECORD_IDS else v for k, v in body.items()}
    return json.dumps(body)


def test_every_api_write_has_a_body_to_send() -> None:
    assert {m for m, _path, _body in API_WRITES} >= {"POST", "PATCH"}
    assert len(API_WRITES) >= 10


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_no_api_write_with_a_valid_body_changes_another_district_s_records(
    role: Role,
    hualong_records: dict[str, dict[str, str]],
    make_user: Callable[..., User],
) -> None:
    client = Client()
    client.force_login(make_user(f"outsider-{role}", QINGFENG, role))
    values = hualong_records["_common"]
    leaks = []
    for method, path, body in API_WRITES:
        address = _api_address(path, values)
        written = AuditEntry.objects.last_write()
        answer = client.generic(method, address, _api_body(body, values), "application/json")
        if answer.status_code not in REFUSED:
            leaks.append(f"{method} {address} {body} answered {answer.status_code}")
        if AuditEntry.objects.last_write() != written:
            leaks.append(f"{method} {address} wrote")
    assert not leaks, "\n".join(leaks)


def test_the_api_writes_reach_real_records_for_their_own_district(
    hualong_records: dict[str, dict[str, str]], hualong_user: User
) -> None:
    """The control: the same bodies from Hualong's own official pass the API's validation and
    find the records (whatever the services then say of them: a refusal names a rule, as a
    422 with one message or a 409), so the outsiders' refusals are the jurisdiction's."""
    client = Client()
    client.force_login(hualong_user)
    values = hualong_records["_common"]
    missing = []
    for method, path, body in API_WRITES:
        address = _api_address(path, values)
        answer = client.generic(method, address, _api_body(body, values), "application/json")
        unread = answer.status_code == 422 and isinstance(answer.json()["detail"], list)
        if answer.status_code == 404 or unread:
            missing.append(f"{method} {address} {body} answered {answer.status_code}")
    assert not missing, "\n".join(missing)
