"""Every route, as everyone who may not see Hualong's records: generated from the URL
configuration, so a route added without its jurisdiction check fails here. Each route is asked
with its parameters pointing at records of one Hualong community — the community, a poll, a
notice, a plan scenario, a budget, an expert, a report — by officials of every role in
Qingfeng, by the street office of a sibling street and the committee of a sibling committee
inside Hualong, and by owners, experts and utilities of Hualong itself (who hold no office);
by GET and by POST; and every API operation that changes something, by its own method with a
body its schema accepts (generated from the OpenAPI document), so the refusal is the
jurisdiction's, not the schema's. None may be shown a foreign record or change anything: a
route that names a record answers 403, 404 or 405, no write reaches the audit log, and no
answer, downloads (workbooks, documents, PDFs) read as their text included, carries a foreign
record's identifying text: its code, name or address, an owner's masked ID, or the mark every
record made here carries. Nobody not signed in opens any but the residents' pages; and
Hualong's own official opens every record named, each route by its own method, so the refusals
are of real records."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, find, settings
from pypdf import PdfReader, PdfWriter

from anju.accounts.jurisdiction import restrict
from anju.accounts.models import Role, User
from anju.accounts.services import user_create
from anju.api import api
from anju.audit.models import AuditEntry
from anju.core.access import Capability
from anju.divisions.services import divisions_load
from anju.experts.models import Expert, ReviewDraw
from anju.finance.models import Budget, Channel, FundingPlan
from anju.participation.models import Notice, NoticeSubject, PlanSignOff
from anju.participation.tests.conftest import make_poll  # noqa: F401  (a fixture)
from anju.planning.models import AnnualPlan, Scenario
from anju.procurement.models import Lot, Monitor, Observation, ObservationPhoto, Variation
from anju.projects.models import (
    BundleMember,
    Defect,
    Inspection,
    ProgressPhoto,
    ProgressReport,
    Project,
    ProjectStage,
)
from anju.registry.models import Community, ImportState, LedgerImport, LedgerWording, Owner
from anju.registry.personal import seal
from anju.stock.models import Resource
from anju.supervision.models import Report
from anju.testing import HUALONG, PASSWORD, QINGFENG, SYSTEM

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
    "works:public",  # who builds what for how much (puyang-2020 §3.(2)2: 向居民公开)
    "site:entry",  # a residents' monitor or a contract's winner, by the code on their slip
    "site:works",  # the project of the code the session holds
    "site:photo",
    "site:leave",
    "home",  # a redirect to the community list
    "login",
    "setup",  # open only before any account exists (to the holder of the set-up code)
    "set_language",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}
# Borne by every record the fixtures make, so that one search finds any of them on a page.
MARK = "甲7Q"
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
    "stock:take": "stock:detail",  # and names the community to take it for, which none here does
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


def _pdf(title: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
    poll = make_poll(title=f"改造意见{MARK}")
    notice = Notice.objects.create(
        community=hualong_community,
        subject=NoticeSubject.OTHER,
        title=f"外墙改造公示{MARK}",
        body=f"内容{MARK}",
        days=7,
        created_by=hualong_user,
    )
    scenario = Scenario.objects.create(
        name=f"华龙区计划{MARK}",
        division_id=HUALONG,
        pack="puyang-2020",
        first_year=2026,
        last_year=2027,
        budgets={"2026": 1000},
        created_by=hualong_user,
    )
    budget = Budget.objects.create(
        name=f"华龙区预算{MARK}",
        channel=Channel.LOCAL_BUDGET,
        year=2026,
        division_id=HUALONG,
        amount=100_000,
        created_by=hualong_user,
    )
    expert = Expert.objects.create(name=f"周{MARK}", employer=f"设计院{MARK}", division_id=HUALONG)
    report = Report.objects.create(
        written_at=now,
        pdf=ContentFile(_pdf(f"月报{MARK}"), name="bulletin.pdf"),
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
        designer=f"设计院{MARK}",
        seed=1,
        library=[],
        chosen=[],
        drawn_by=hualong_user,
    )
    lot = Lot.objects.create(
        project=project, name=f"施工{MARK}", kind="works", estimate=100, winner=f"建工{MARK}"
    )
    variation = Variation.objects.create(
        lot=lot, amount=100, reason=f"增项{MARK}", agreed_on=now.date()
    )
    monitor = Monitor.objects.create(
        project=project, name=f"周{MARK}", code_digest="0" * 64, code_cipher=seal("ABCDEFGHJK")
    )
    observation = Observation.objects.create(project=project, monitor=monitor, text=f"沟{MARK}")
    site_photo = ObservationPhoto.objects.create(
        observation=observation, image=ContentFile(b"\x89PNG\r\n", name="site.png")
    )
    sign_off = PlanSignOff.objects.create(
        community=hualong_community,
        notice=notice,
        signed_on=now.date(),
        body=f"业主委员会{MARK}",
        signatories=f"张三{MARK}",
        scan=ContentFile(_pdf(f"签字页{MARK}"), name="signed.pdf"),
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
        report=progress, image=ContentFile(b"\x89PNG\r\n", name="site.png"), caption=f"现场{MARK}"
    )
    inspection = Inspection.objects.create(
        project=project, kind="quality", on=now.date(), by=f"质监站{MARK}"
    )
    member = BundleMember.objects.create(
        project=project,
        community=Community.objects.filter(division_id=hualong_community.division_id)
        .exclude(pk=hualong_community.pk)
        .earliest("code"),
    )
    FundingPlan.objects.create(project=project, pack="puyang-2020")
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    ledger = LedgerImport.objects.create(
        name=f"台账{MARK}.xlsx",
        size=1,
        requested_by=hualong_user,
        origin="web",
        state=ImportState.REJECTED,
        summary={
            "understood": [
                {
                    "source": "华龙区",
                    "sheet": "小区",
                    "header_row": 1,
                    "columns": [],
                    "unknown": [f"院落{MARK}"],
                    "totals": [],
                    "blanks": 0,
                    "plain": False,
                }
            ]
        },
    )
    settings.LEDGER_IMPORT_DIR.mkdir()
    (settings.LEDGER_IMPORT_DIR / f"{ledger.pk}.fernet").write_bytes(b"sealed")
    wording = LedgerWording.objects.create(
        division_id=HUALONG, sheet="小区", written=f"院落{MARK}", header="小区名称"
    )
    defect = Defect.objects.create(
        project=project, inspection=inspection, description=f"渗水{MARK}"
    )
    official = user_create(
        actor=SYSTEM,
        username="jiaotong-street",
        password=PASSWORD,
        display_name=f"交通街道{MARK}",
        memberships=[("410902001000", Role.STREET)],
    )
    resource = Resource.objects.create(
        code="CL-7Q",
        name=f"闲置楼{MARK}",
        kind="building",
        area_m2=300,
        uses=["elderly_care"],
        state="idle",
        division_id=hualong_community.street_id,
        longitude=hualong_community.longitude,
        latitude=hualong_community.latitude,
    )
    common = {
        "code": hualong_community.code,
        "division": HUALONG,
        "year": "2026",
        "kind": "vote",
        "fmt": "pdf",
        "pack_id": "puyang-2020",
        "source": "puyang-2020",
        "response": "1",
        "document": "1",
        "defect_id": str(defect.pk),
        "draw_id": str(draw.pk),
        "expert_id": str(expert.pk),
        "lot_id": str(lot.pk),
    }
    by_namespace = {
        "participation": {**common, "pk": str(poll.pk)},
        "planning": {**common, "pk": str(scenario.pk)},
        "finance": {**common, "pk": str(budget.pk)},
        "experts": {**common, "pk": str(expert.pk)},
        "procurement": {**common, "pk": str(lot.pk)},
        "site": {**common, "pk": str(site_photo.pk)},
        "supervision": {**common, "pk": str(report.pk)},
        "projects": {**common, "pk": str(photo.pk)},
        "accounts": {**common, "pk": str(official.pk)},
        "stock": {**common, "code": resource.code},
    }
    own_records = {
        "participation:notice_detail": {**common, "pk": str(notice.pk)},
        "participation:sign_off_scan": {**common, "pk": str(sign_off.pk)},
        "experts:review": {**common, "pk": str(draw.pk)},
        "procurement:monitor_slip": {**common, "pk": str(monitor.pk)},
        "procurement:variation_approved": {**common, "pk": str(variation.pk)},
        "procurement:monitor_stand_down": {**common, "pk": str(monitor.pk)},
        "procurement:observation_photo": {**common, "pk": str(site_photo.pk)},
        "projects:bundle_remove": {**common, "pk": str(member.pk)},
        "projects:defect_fixed": {**common, "pk": str(defect.pk)},
        "registry:ledger_import_job": {**common, "pk": str(ledger.pk)},
        "registry:ledger_import_wordings": {**common, "pk": str(ledger.pk)},
        "registry:ledger_wording_forget": {**common, "pk": str(wording.pk)},
    }
    return {"_common": common, **by_namespace, **own_records}


def _values(name: str, records: dict[str, dict[str, str]]) -> dict[str, str]:
    return records.get(name) or records.get(name.split(":")[0]) or records["_common"]


@dataclass(frozen=True)
class Viewer:
    """Someone who may not see the Hualong community's records."""

    name: str
    division: str
    role: Role


# The community's committee (中原社区) has two siblings on Hualong's one street (交通街道); the
# sibling street is added by the fixture below.
SIBLING_STREET = "410902002000"
SIBLING_COMMITTEE = "410902001002"
VIEWERS = [
    *(Viewer(f"qingfeng-{role}", QINGFENG, role) for role in Role),
    Viewer("sibling-street", SIBLING_STREET, Role.STREET),
    Viewer("sibling-committee", SIBLING_COMMITTEE, Role.COMMITTEE),
    *(Viewer(f"hualong-{role}", HUALONG, role) for role in (Role.OWNER, Role.EXPERT, Role.UTILITY)),
]


@pytest.fixture
def viewer(
    request: pytest.FixtureRequest, city: Any, make_user: Callable[..., User]
) -> tuple[User, list[str]]:
    """The viewer signed up, and the texts that identify records they may not see: every
    community outside their jurisdiction by code, name and address (a name also borne by a
    community they see is not searched), its owners' masked IDs, and the mark on every record
    the fixtures make."""
    who: Viewer = request.param
    divisions_load(actor=SYSTEM, rows=[(SIBLING_STREET, "孟轲街道")])
    user = make_user(who.name, who.division, who.role)
    seen = restrict(Community.objects.all(), user, Capability.REGISTRY_VIEW)
    foreign = Community.objects.exclude(pk__in=seen.values("pk"))
    seen_names = set(seen.values_list("name", flat=True)) | set(
        seen.values_list("address", flat=True)
    )
    texts = [MARK]
    for code, name, address in foreign.values_list("code", "name", "address"):
        texts += [code, *({name, address} - seen_names)]

    def masks(communities: Any) -> set[str]:
        owners = Owner.objects.filter(dwellings__building__community__in=communities)
        return set(owners.exclude(id_masked="").values_list("id_masked", flat=True))

    return user, texts + sorted(masks(foreign) - masks(seen))


def text_of(answer: Any) -> str:
    """What a person reads in an answer: a page's text, a workbook's or document's cells and
    paragraphs (their XML parts unzipped), a PDF's text and title."""
    raw = b"".join(answer.streaming_content) if answer.streaming else answer.content
    if raw.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "".join(archive.read(n).decode(errors="replace") for n in archive.namelist())
    if raw.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(raw))
        title = reader.metadata.title if reader.metadata else ""
        return f"{title}" + "".join(page.extract_text() for page in reader.pages)
    return raw.decode("utf-8", errors="replace")


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda v: v.name, indirect=True)
def test_no_route_shows_or_changes_records_outside_the_viewer_s_jurisdiction(
    viewer: tuple[User, list[str]], hualong_records: dict[str, dict[str, str]]
) -> None:
    user, foreign = viewer
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
            client.force_login(user)  # signing out is one of the routes
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
            if answer.status_code == 200:
                body = text_of(answer)
                if shown := [t for t in foreign if t in body]:
                    leaks.append(f"{method.upper()} {address} shows {shown[:3]}")
    assert not leaks, "\n".join(leaks)


def test_the_records_named_are_real_for_their_own_district(
    hualong_records: dict[str, dict[str, str]], hualong_user: User
) -> None:
    """The control: Hualong's own official opens what the outsiders were refused, each route by
    its own method (a route that takes only POST is posted to, and what it does undone), so the
    refusals are of real records, not of addresses that name nothing or a method refused."""
    client = Client()
    client.force_login(hualong_user)
    missing = []
    for name, pattern, params in routes():
        if name in PUBLIC or name in SAME_LOOKUP or not RECORDS & set(params):
            continue
        address = _fill(pattern, _values(name, hualong_records))
        answer = client.get(address)
        if answer.status_code == 405:
            with transaction.atomic():
                answer = client.post(address)
                transaction.set_rollback(True)
        if answer.status_code in REFUSED:
            missing.append(f"{answer.request['REQUEST_METHOD']} {address} {answer.status_code}")
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
# posted, but they read what is sent and write nothing: any official of their kind may send them
CHECKS_ONLY = {"/api/v1/procurement/check"}


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


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda v: v.name, indirect=True)
def test_no_api_write_with_a_valid_body_changes_records_outside_the_viewer_s_jurisdiction(
    viewer: tuple[User, list[str]], hualong_records: dict[str, dict[str, str]]
) -> None:
    client = Client()
    client.force_login(viewer[0])
    values = hualong_records["_common"]
    leaks = []
    for method, path, body in API_WRITES:
        address = _api_address(path, values)
        written = AuditEntry.objects.last_write()
        answer = client.generic(method, address, _api_body(body, values), "application/json")
        if answer.status_code not in REFUSED and path not in CHECKS_ONLY:
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
