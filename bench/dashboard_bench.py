"""Supervision dashboards and lists on a national-size PostgreSQL database, under 20 officials
at once (DESIGN.md: p95 under 300 ms with 20 concurrent users on 2 cores).

    scripts/with-postgres .venv/bin/python bench/dashboard_bench.py [--communities 220000]
        [--users 20] [--seconds 120] [--workers 3]

On the database ANJU_DATABASE_URL names (PostgreSQL; the command above makes a throwaway one):
loads the demo registry of N communities with `anju demo-data --no-dwellings`, writes a
program six years under way over it (bench/program_data.py: projects in every stage,
approvals, progress, inspections, defects, grants, payments, objections, evaluations,
closings, publicity), reads every district's standing with `anju refresh-supervision`, and
serves Anju with gunicorn. Then N officials — half of them the city bureau, who oversees all N
communities, half district officials — open pages in turn: their desk, the dashboard, the
alerts, the longest standing first and a far page of one kind of them, the ledger with and
without filters, by stage and a far page of it, the district assessment, the money overview, the community list, a district's
communities, a far page of them and the list sorted by households, and a search. Three runs:
each official reading every page for 1 to 3 seconds before the next (what 20 officials at work
do), and none of them waiting at all (the most the machine serves); then none waiting while an
official elsewhere writes every few seconds (--writes-every), since every write dates what
pages keep. Every response is timed
from the client; every one must be 200.

Prints the latencies per page and overall (p50, p95, p99, max), requests per second and
errors, as Markdown for BENCHMARKS.md. With a registry already loaded (--reuse), goes straight
to the runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import math
import os
import platform
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ANJU = [sys.executable, "-m", "anju.cli"]
CITY = "410900000000"
SEARCHED = ["家属院", "花园", "4109020", "建设路", "小区"]  # a name, a code's start, an address
DISTRICTS = ["410902000000", "410928000000", "410922000000", "410923000000", "410926000000"]


def pages(district: str, rng: random.Random) -> list[tuple[str, str]]:
    """(name, address) of what an official opens, one of each in turn."""
    return [
        ("desk", "/"),
        ("dashboard", "/supervision/"),
        ("alerts", "/supervision/alerts/"),
        (
            "alerts, one kind, far page",
            f"/supervision/alerts/?kind=fund_below_line&page={rng.randint(2, 200)}",
        ),
        ("ledger", "/supervision/ledger/"),
        ("ledger, filtered", "/supervision/ledger/?year=2026&stage=construction"),
        ("ledger, far page", f"/supervision/ledger/?page={rng.randint(2, 100)}"),
        ("ledger by stage", "/supervision/ledger/?sort=-stage"),
        ("alerts longest standing", "/supervision/alerts/?sort=since"),
        ("assessment", "/supervision/assessment/"),
        ("money", "/finance/money/"),
        ("communities", "/registry/communities/"),
        ("communities of a district", f"/registry/communities/?district={district}"),
        ("communities, far page", f"/registry/communities/?page={rng.randint(2, 100)}"),
        ("communities by households", "/registry/communities/?sort=-households&per=100"),
        ("search", f"/search/?q={quote(rng.choice(SEARCHED))}"),
    ]


def build(communities: int) -> None:
    env = dict(os.environ)
    steps = [
        [*ANJU, "migrate", "--noinput", "-v", "0"],
        [*ANJU, "demo-data", "--communities", str(communities), "--seed", "1", "--no-dwellings"],
    ]
    for step in steps:
        started = time.perf_counter()
        subprocess.run(step, check=True, env=env, stdout=subprocess.DEVNULL)
        print(f"{' '.join(step[3:5])}: {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    from django.utils import timezone

    from bench.program_data import program_load

    written = program_load(seed=1, today=timezone.localdate())
    print(f"program: {written} in {time.perf_counter() - started:.0f} s", flush=True)


def officials(count: int) -> list[tuple[str, str]]:
    """(session cookie, district shown) of each official; users are made before the standings
    are read, so that nothing is written after."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from anju.accounts.models import Role, User
    from anju.accounts.services import user_create
    from anju.accounts.signin import SEEN, SIGNED_IN
    from anju.audit.context import Actor

    actor = Actor.command_line()
    made = []
    created = not User.objects.filter(username=f"bench{count - 1}").exists()
    for n in range(count):
        division = CITY if n % 2 == 0 else DISTRICTS[(n // 2) % len(DISTRICTS)]
        name = f"bench{n}"
        user = User.objects.filter(username=name).first() or user_create(
            actor=actor,
            username=name,
            password=f"Bench-{n}-pass-2026",
            must_change=False,
            memberships=[(division, Role.CITY_BUREAU if division == CITY else Role.DISTRICT)],
        )
        made.append((user, division))
    if created:  # making users is a write, after which the standings are read again
        started = time.perf_counter()
        subprocess.run([*ANJU, "refresh-supervision"], check=True, stdout=subprocess.DEVNULL)
        print(f"refresh-supervision: {time.perf_counter() - started:.0f} s", flush=True)
    cookies = []
    for n, (user, division) in enumerate(made):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SIGNED_IN] = session[SEEN] = int(time.time())  # as a sign-in leaves them
        session.create()
        shown = DISTRICTS[n % len(DISTRICTS)] if division == CITY else division
        cookies.append((f"{settings.SESSION_COOKIE_NAME}={session.session_key}", shown))
    return cookies


def serve(workers: int) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "anju.wsgi:application",
            "--workers",
            str(workers),
            "--preload",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env={**os.environ, "ANJU_ALLOWED_HOSTS": "127.0.0.1"},
    )
    for _attempt in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def writer(deadline: float, every: float) -> None:
    """An official elsewhere correcting a community's address every ``every`` seconds, through
    the service as the form does: each write dates every kept count and part of a page."""
    from django.db import connection

    from anju.audit.context import Actor
    from anju.registry.models import Community
    from anju.registry.services import community_update

    rng = random.Random(99)
    codes = list(Community.objects.filter(district_id=DISTRICTS[1]).values_list("code", flat=True))
    try:
        while time.perf_counter() + every < deadline:
            time.sleep(every)
            community = Community.objects.get(code=rng.choice(codes))
            community_update(
                actor=Actor.command_line(),
                community=community,
                values={"address": f"{community.address.split('#')[0]}#{rng.randrange(1000)}"},
            )
    finally:
        connection.close()


def run(
    port: int,
    cookies: list[tuple[str, str]],
    seconds: float,
    think: tuple[float, float],
    writes_every: float = 0,
) -> tuple[dict[str, list[float]], int, float]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    def official(n: int, cookie: str, district: str) -> None:
        rng = random.Random(n)
        time.sleep(rng.uniform(*think))  # officials come in one by one, not all at once
        skip = rng.randrange(len(pages(district, rng)))  # each starting on a page of their own
        while time.perf_counter() < deadline:
            for name, address in pages(district, rng)[skip:]:
                if time.perf_counter() >= deadline:
                    return
                started = time.perf_counter()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                try:
                    connection.request("GET", address, headers={"Cookie": cookie})
                    answer = connection.getresponse()
                    answer.read()
                    status = answer.status
                except OSError as error:
                    status = f"{error}"
                finally:
                    connection.close()
                timings[name].append(time.perf_counter() - started)
                if status != 200:
                    errors.append(f"{address}: {status}")
                if think[1]:
                    time.sleep(rng.uniform(*think))
            skip = 0

    threads = [
        threading.Thread(target=official, args=(n, cookie, district))
        for n, (cookie, district) in enumerate(cookies)
    ]
    if writes_every:
        threads.append(threading.Thread(target=writer, args=(deadline, writes_every)))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for error in errors[:5]:
        print("error:", error)
    return timings, len(errors), time.perf_counter() - started


def quantile(values: list[float], q: float) -> float:
    """The nearest-rank quantile: the smallest value at least ``q`` of them do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def report(title: str, timings: dict[str, list[float]], errors: int, seconds: float) -> None:
    every = [t for values in timings.values() for t in values]
    print(f"\n### {title}\n")
    print(
        f"{len(every)} requests in {seconds:.0f} s: {len(every) / seconds:.1f} per second, {errors} errors\n"
    )
    print("| page | requests | p50 | p95 | p99 | max |")
    print("|---|---|---|---|---|---|")
    for name, values in [*timings.items(), ("every page", every)]:
        cells = [f"{quantile(values, q) * 1000:.0f} ms" for q in (0.5, 0.95, 0.99, 1.0)]
        print(f"| {name} | {len(values)} | {' | '.join(cells)} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communities", type=int, default=220_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="the registry is loaded already")
    parser.add_argument(
        "--writes-every",
        type=float,
        default=5.0,
        help="seconds between writes during a third run of officials who do not wait (0: none)",
    )
    args = parser.parse_args()
    if not os.environ.get("ANJU_DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run it on PostgreSQL: scripts/with-postgres .venv/bin/python " + __file__)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
    import django

    django.setup()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {dt.date.today()}",
        flush=True,
    )
    if not args.reuse:
        build(args.communities)
    cookies = officials(args.users)
    server, port = serve(args.workers)
    try:
        # every worker sees every page first; not counted, but a page that fails stops the run
        if run(port, cookies, 30, (0.0, 0.0))[1]:
            raise SystemExit("pages failed while warming up; nothing measured")
        report(
            f"{args.users} officials, each reading a page 1–3 s before the next",
            *run(port, cookies, args.seconds, (1.0, 3.0)),
        )
        report(
            f"{args.users} officials, none waiting between pages",
            *run(port, cookies, args.seconds, (0.0, 0.0)),
        )
        if args.writes_every:
            report(
                f"{args.users} officials, none waiting, and a write every {args.writes_every:g} s",
                *run(port, cookies, args.seconds, (0.0, 0.0), args.writes_every),
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
