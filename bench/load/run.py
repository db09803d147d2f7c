"""A load test of Anju as deployed: gunicorn serving a demo city while locust's owners vote with
their codes and officials browse (bench/load/locustfile.py), then the database counted: every
vote the server took is there once, none is lost or doubled. The short form runs in the test
suite (tests/test_load.py), the long one in bench/load_bench.py."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from anju.testing import Deployment, free_port

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
PASSWORD = "Load-test-pass-2026"

# Run inside the deployment (`anju shell`): officials to sign in, and every code of the open
# votes whose dwelling has not answered, with its elector.
SETUP = """
import json, sys
from anju.accounts.models import Role
from anju.accounts.services import user_create
from anju.audit.context import Actor
from anju.participation.models import Poll, PollKind
from anju.participation.selectors import unanswered
from anju.participation.services import ballot_slips_print
from anju.registry.models import Community
actor = Actor.command_line()
officials = []
districts = sorted(set(Community.objects.values_list("district_id", flat=True)))
for n in range({officials}):
    district = districts[n % len(districts)]
    city = n % 2 == 0
    name = f"load{{n}}"
    user_create(actor=actor, username=name, password="{password}", must_change=False, memberships=[
        (district[:4] + "00000000" if city else district, Role.CITY_BUREAU if city else Role.DISTRICT)
    ])
    community = Community.objects.filter(district_id=district).order_by("code").first()
    officials.append([name, "{password}", district, community.code])
from datetime import timedelta
from django.db.models import Count
from django.utils import timezone
from anju.participation.services import poll_create, poll_publish
now = timezone.now()
for community in Community.objects.annotate(n=Count("buildings__dwellings")).order_by("-n")[:{votes}]:
    poll = poll_create(actor=actor, community=community, kind=PollKind.VOTE, matter="renovate",
        title=community.name + "改造业主表决", opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=14))
    poll_publish(actor=actor, poll=poll, now=now - timedelta(hours=2))
codes = {{}}
for poll in Poll.objects.filter(kind=PollKind.VOTE):
    if poll.is_open():
        waiting = set(unanswered(poll).values_list("pk", flat=True))
        codes |= {{code: elector.pk for elector, code in ballot_slips_print(actor=actor, poll=poll) if elector.pk in waiting}}
json.dump({{"codes": list(codes), "electors": codes, "officials": officials}}, sys.stdout)
"""


@dataclass
class Page:
    name: str
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    per_second: float


@dataclass
class LoadResult:
    users: int
    seconds: float
    pages: list[Page]
    total: Page
    taken: int
    refused: int
    codes: int
    lost: list[str] = field(default_factory=list)
    doubled: list[int] = field(default_factory=list)
    # The dwellings newly answered, and those the votes taken speak for: the dwelling of each
    # code and the other dwellings of its owner on the same roll.
    answered: set[int] = field(default_factory=set)
    spoken_for: set[int] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)


def prepare(anju: Deployment, officials: int, votes: int) -> dict[str, object]:
    """Officials, and a renovation vote published in each of the ``votes`` largest communities."""
    script = SETUP.format(officials=officials, password=PASSWORD, votes=votes)
    setup: dict[str, object] = json.loads(anju.run("shell", "--no-imports", "-c", script).stdout)
    return setup


def _valid_ballots(anju: Deployment) -> dict[int, int]:
    rows = anju.sql(
        "SELECT elector_id, COUNT(*) FROM participation_response WHERE voided_at IS NULL "
        "GROUP BY elector_id"
    )
    return {int(elector): int(count) for elector, count in rows}


def _owners_dwellings(anju: Deployment, electors: list[int]) -> set[int]:
    if not electors:
        return set()
    rows = anju.sql(
        "SELECT other.id FROM participation_elector one JOIN participation_elector other "
        "ON other.poll_id = one.poll_id AND (other.id = one.id OR (one.owner_key <> '' "
        f"AND other.owner_key = one.owner_key)) WHERE one.id IN ({','.join(map(str, electors))})"
    )
    return {int(row[0]) for row in rows}


def _page(row: dict[str, str]) -> Page:
    return Page(
        name=row["Name"],
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        p50_ms=float(row["50%"]),
        p95_ms=float(row["95%"]),
        p99_ms=float(row["99%"]),
        max_ms=float(row["Max Response Time"]),
        per_second=float(row["Requests/s"]),
    )


def load(
    anju: Deployment, *, users: int, seconds: int, workers: int, officials: int = 10, votes: int = 3
) -> LoadResult:
    """Serve, prepare, run locust for ``seconds`` with ``users`` at once, and count."""
    setup = prepare(anju, officials, votes)
    electors: dict[str, int] = setup["electors"]  # type: ignore[assignment]
    work = anju.root / "load"
    work.mkdir(exist_ok=True)
    (work / "setup.json").write_text(json.dumps(setup), encoding="utf-8")
    before = _valid_ballots(anju)
    port = free_port()
    anju.env["ANJU_ALLOWED_HOSTS"] = "127.0.0.1"
    with anju.running(anju.gunicorn(port, workers), port, "load/server.log"):
        locust = subprocess.run(
            [
                str(Path(sys.executable).with_name("locust")),
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                # An owner stopped mid-vote would leave a ballot the server took but nobody
                # recorded as sent; each finishes the vote in hand before the run ends.
                "--stop-timeout",
                "15",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(work / "run"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=anju.env
            | {"LOAD_SETUP": str(work / "setup.json"), "LOAD_OUT": str(work / "out.json")},
            cwd=anju.root,
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        )
    with (work / "run_stats.csv").open(encoding="utf-8") as stats:
        rows = [_page(row) for row in csv.DictReader(stats)]
    failures = []
    if (work / "run_failures.csv").exists():
        with (work / "run_failures.csv").open(encoding="utf-8") as failed:
            failures = [
                f"{r['Method']} {r['Name']}: {r['Error']} ×{r['Occurrences']}"
                for r in csv.DictReader(failed)
            ]
    if locust.returncode not in (0, 1):
        failures.append(f"locust exited {locust.returncode}: {locust.stderr[-2000:]}")
    out = json.loads((work / "out.json").read_text(encoding="utf-8"))
    after = _valid_ballots(anju)
    taken = [electors[code] for code in out["taken"]]
    return LoadResult(
        users=users,
        seconds=seconds,
        pages=[r for r in rows if r.name != "Aggregated"],
        total=next(r for r in rows if r.name == "Aggregated"),
        taken=len(taken),
        refused=len(out["refused"]),
        codes=len(electors),
        lost=[code for code in out["taken"] if after.get(electors[code], 0) != 1],
        doubled=[e for e, count in after.items() if count > 1],
        answered=set(after) - set(before),
        spoken_for=_owners_dwellings(anju, taken),
        failures=failures,
    )
