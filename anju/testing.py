"""Fixtures shared by the apps' tests: a small demo city and one user per role and place."""

from __future__ import annotations

import base64
import datetime as dt
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from decimal import Decimal
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import call_command
from django.test import Client

from anju.accounts.models import Role, User
from anju.accounts.services import user_create
from anju.audit.context import Actor
from anju.core.demo_city import generate_city
from anju.core.ledger import LedgerBook
from anju.core.monthly_report import Month, ProjectFacts, Tally, monthly_report
from anju.core.report_package import body, canonical, signed_file
from anju.divisions.services import divisions_load
from anju.registry.models import Community
from anju.registry.services import ledger_write

CITY = "410900000000"
HUALONG = "410902000000"
QINGFENG = "410922000000"
PASSWORD = "Anju-test-pass-2026"
SYSTEM = Actor(user=None, origin="test")

# The worker closes a connection left in a transaction, as a test's would be: tests that run
# it commit for real.
WORKER = pytest.mark.django_db(transaction=True)


def _missing_system_parts() -> list[str]:
    from django.conf import settings

    missing = []
    if not Path(settings.CHROMIUM).exists():
        missing.append(f"Chromium ({settings.CHROMIUM})")
    if shutil.which("soffice") is None:
        missing.append("LibreOffice (soffice)")
    return missing


def pytest_sessionstart(session: pytest.Session) -> None:
    """Outside CI a test whose browser or word processor is missing is skipped and says why;
    under CI (CI set) the run fails instead, so that it cannot go green with half the suite
    off."""
    if os.environ.get("CI") and (missing := _missing_system_parts()):
        pytest.exit(
            "CI runs the whole suite, and the system lacks "
            + ", ".join(missing)
            + " (make system-deps)",
            returncode=1,
        )


def run_worker() -> None:
    """Run every queued task once, as the deployed worker would, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def city(db: None) -> LedgerBook:
    """Eighteen communities over all six districts, with every building, dwelling and owner."""
    generated = generate_city(18, 5)
    divisions_load(actor=SYSTEM, rows=((d.code, d.name) for d in generated.divisions))
    book = LedgerBook(
        tuple(c.community for c in generated.communities),
        tuple(b for c in generated.communities for b in c.buildings),
        tuple(d for c in generated.communities for d in c.dwellings),
    )
    ledger_write(actor=SYSTEM, book=book, source="fixture")
    return book


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(username: str, division: str, role: Role) -> User:
        return user_create(
            actor=SYSTEM,
            username=username,
            password=PASSWORD,
            memberships=[(division, role)],
            must_change=False,
        )

    return make


@pytest.fixture
def city_user(city: LedgerBook, make_user: Callable[..., User]) -> User:
    return make_user("city", CITY, Role.CITY_BUREAU)


@pytest.fixture
def hualong_user(city: LedgerBook, make_user: Callable[..., User]) -> User:
    return make_user("hualong", HUALONG, Role.DISTRICT)


@pytest.fixture
def qingfeng_user(city: LedgerBook, make_user: Callable[..., User]) -> User:
    return make_user("qingfeng", QINGFENG, Role.DISTRICT)


@pytest.fixture
def hualong_community(city: LedgerBook) -> Community:
    return Community.objects.filter(district_id=HUALONG).order_by("code").first()  # type: ignore[return-value]


@pytest.fixture
def qingfeng_community(city: LedgerBook) -> Community:
    return Community.objects.filter(district_id=QINGFENG).order_by("code").first()  # type: ignore[return-value]


@pytest.fixture
def logged_in(db: None) -> Callable[[str], Client]:
    """A test client signed in as the named user (made by one of the user fixtures)."""

    def sign_in(username: str) -> Client:
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        return client

    return sign_in


class Deployment:
    """An Anju of its own, driven as its operators drive it: the `anju` command in processes of
    its own, on a database and folders no test shares. On PostgreSQL (when the suite runs on it)
    the database is a new one on the same server, dropped afterwards."""

    def __init__(self, root: Path, database_url: str) -> None:
        self.root = root
        self.database_url = database_url
        keep = ("ANJU_PG_BIN_DIR", "ANJU_CHROMIUM")
        # Nothing of the suite's own set-up (its database, DJANGO_ALLOW_ASYNC_UNSAFE for the
        # browser tests) reaches the deployment.
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("ANJU_", "DJANGO_")) or k in keep
        }
        self.env |= {
            "ANJU_VAR_DIR": str(root / "var"),
            "ANJU_DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "anju.settings",
            "PYTHONUNBUFFERED": "1",
        }

    @property
    def var(self) -> Path:
        return self.root / "var"

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "anju.cli", *args]

    def run(self, *args: str, ok: bool = True, timeout: float = 600) -> CompletedProcess[str]:
        done = subprocess.run(
            self.command(*args),
            env=self.env,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if ok and done.returncode != 0:
            raise AssertionError(
                f"anju {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
            )
        return done

    def start(self, *args: str) -> subprocess.Popen[str]:
        """A long-running `anju` (a worker, a server) in a process group of its own, so that
        killing it kills whatever it started too."""
        return subprocess.Popen(
            self.command(*args),
            env=self.env,
            cwd=self.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def gunicorn(self, port: int, workers: int) -> list[str]:
        """The web unit's command (deploy/systemd/anju-web.service), on ``port``."""
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        return [gunicorn, "anju.wsgi:application", "--preload", "--workers", str(workers),
                "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]  # fmt: skip

    @contextmanager
    def running(self, command: list[str], port: int, log: str) -> Iterator[None]:
        """A server of the deployment (gunicorn, nginx) for the block, once it listens on
        ``port``; what it says goes to ``log`` under the deployment's folder."""
        said = self.root / log
        said.parent.mkdir(parents=True, exist_ok=True)
        with said.open("w") as out:
            process = subprocess.Popen(
                command,
                env=self.env,
                cwd=self.root,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            for _attempt in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None:
                        raise AssertionError(
                            f"{command[0]} exited {process.returncode}: {said.read_text()[-2000:]}"
                        ) from None
                    time.sleep(0.1)
            else:
                raise AssertionError(f"nothing listens on {port}")
            yield
        finally:
            process.terminate()
            process.wait(timeout=30)

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        """Read the deployment's database directly, as an operator's SQL client would."""
        if self.database_url.startswith("sqlite"):
            with closing(sqlite3.connect(self.database_url.removeprefix("sqlite:///"))) as db:
                return db.execute(query).fetchall()
        with psycopg.connect(self.database_url) as db:
            return db.execute(query).fetchall()  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def deployment_at(root: Path) -> Iterator[Deployment]:
    root.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("ANJU_DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield Deployment(root, f"sqlite:///{root / 'anju.sqlite3'}")
        return
    name = f"anju_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    try:
        yield Deployment(root, f"{url.rsplit('/', 1)[0]}/{name}")
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')  # type: ignore[arg-type]


DEMO_CITY = ("--communities", "12", "--seed", "1")


@contextmanager
def demo_deployment(root: Path, *demo: str) -> Iterator[Deployment]:
    """A deployment migrated and, given `anju demo-data` arguments, holding that demo city."""
    with deployment_at(root) as anju:
        anju.run("migrate", "--noinput", "--verbosity", "0")
        if demo:
            anju.run("demo-data", *demo)
        yield anju


ANYANG = "410500000000"


def anyang_return(month: Month) -> tuple[bytes, str, Tally]:
    """Another city's return for ``month`` (Anyang's, three projects), signed with a key of
    its own as its deployment would: the file, the public key, its figures."""
    key = Ed25519PrivateKey.generate()
    public = base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    facts = [
        ProjectFacts(
            code=f"AY{n}",
            name=f"安阳第{n}小区",
            district=district,
            communities=1 + n % 2,
            buildings=6,
            households=120 + n,
            area=Decimal("8000.50"),
            plan_year=2026,
            started_on=dt.date(2026, 3 + n, 1),
            completed_on=None,
            planned=3_000_000_00,
        )
        for n, district in enumerate(("410502000000", "410502000000", "410522000000"))
    ]
    report = monthly_report(facts, month, lambda f: f.district)
    signed = body(
        area_code=ANYANG,
        area_name="安阳市",
        pack_id="national-2020",
        pack_version="1",
        written_at=dt.datetime(2026, 10, 3, tzinfo=dt.UTC),
        report=report,
    )
    data = signed_file(
        signed, public.decode(), base64.b64encode(key.sign(canonical(signed))).decode()
    )
    return data, public.decode(), report.whole
