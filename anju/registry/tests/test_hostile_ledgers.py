"""Ledgers made to hurt the reader, sent as a careless or hostile official would: by
`anju import-ledger` and by the upload page. Every one is refused in Chinese, saying which
bound and where; the process that read it for Anju stays up and nothing is written."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from anju.audit.models import AuditEntry
from anju.core.file_bounds import GB, MB, FileBounds
from anju.core.ledger import LedgerBook
from anju.registry.models import Community, Dwelling, ImportState
from anju.registry.tests.hostile_files import Hostile, corpus, far_corner, xlsx
from anju.registry.tests.uploads import sent
from anju.sheet_files import SheetFileRefused, read_sheets
from anju.testing import PASSWORD, demo_deployment, free_port

CORPUS = corpus()


def _written() -> tuple[int, int, int]:
    return (
        Community.objects.count(),
        Dwelling.objects.count(),
        AuditEntry.objects.filter(action="ledger.import").count(),
    )


# A name of more than 255 bytes cannot be a file on disk; it arrives only by upload.
ON_DISK = [h for h in CORPUS if len(h.name.encode()) <= 255]


@pytest.mark.parametrize("hostile", ON_DISK, ids=lambda h: h.name[:24])
def test_every_hostile_ledger_is_refused_by_the_command_in_chinese(
    city: LedgerBook, tmp_path: Path, hostile: Hostile
) -> None:
    before = _written()
    path = tmp_path / hostile.name
    path.write_bytes(hostile.content)
    printed = StringIO()  # a book read but rejected lists its bad cells here
    with pytest.raises(CommandError) as refused:
        call_command("import-ledger", str(path), stderr=printed)
    assert hostile.says in str(refused.value) + printed.getvalue()
    assert _written() == before


@pytest.mark.parametrize("hostile", CORPUS, ids=lambda h: h.name[:24])
def test_every_hostile_ledger_is_refused_on_the_upload_page_and_the_server_answers_after(
    client_city: Client, hostile: Hostile, tmp_path: Path
) -> None:
    before = _written()
    state, page = sent(client_city, hostile.name, hostile.content)
    assert state in {"refused", ImportState.REFUSED, ImportState.REJECTED}
    assert hostile.says in page
    assert _written() == before
    assert client_city.get("/registry/communities/").status_code == 200


@pytest.fixture
def client_city(city_user: object) -> Client:
    client = Client()
    assert client.login(username="city", password=PASSWORD)
    return client


def test_the_far_corner_ends_the_command_with_a_chinese_message_not_an_abort(
    tmp_path: Path,
) -> None:
    """The finding as it was met: `anju import-ledger` on a 2 KB sheet with a cell at
    XFD1048576 was killed by SIGABRT; it now exits with an error that names the cell."""
    path = tmp_path / "台账.xlsx"
    path.write_bytes(far_corner())
    environment = {**os.environ, "ANJU_VAR_DIR": str(tmp_path), "LANG": "C.UTF-8"}
    environment["ANJU_DATABASE_URL"] = f"sqlite:///{tmp_path / 'anju.sqlite3'}"
    anju = Path(sys.executable).with_name("anju")
    subprocess.run([anju, "migrate", "--verbosity", "0"], env=environment, check=True)
    finished = subprocess.run(
        [anju, "import-ledger", str(path)], env=environment, capture_output=True, text=True
    )
    assert finished.returncode == 1
    assert "XFD1048576" in finished.stderr and "内存" in finished.stderr


def test_a_reader_that_takes_too_long_is_stopped_and_the_time_named() -> None:
    bounds = FileBounds(max_bytes=GB, seconds=0.01)
    with pytest.raises(SheetFileRefused) as refused:
        read_sheets(xlsx(b"<worksheet/>"), name="慢.xlsx", kind="xlsx", bounds=bounds)
    assert "秒" in refused.value.message and "0.01" in refused.value.message


@override_settings(LEDGER_UPLOAD_MAX_BYTES=MB)
def test_a_ledger_over_its_size_is_refused_before_it_is_read_by_the_command_and_the_page(
    client_city: Client, tmp_path: Path
) -> None:
    before = _written()
    path = tmp_path / "大.xlsx"
    path.write_bytes(far_corner() + b"\0" * MB)
    with pytest.raises(CommandError, match=re.escape("“大.xlsx”未被接受：文件超过 1 MB")):
        call_command("import-ledger", str(path))
    upload = SimpleUploadedFile("大.xlsx", path.read_bytes())
    answer = client_city.post("/registry/ledger/import/", {"file": upload})
    assert (
        answer.status_code == 400 and "“大.xlsx”未被接受：文件超过 1 MB" in answer.content.decode()
    )
    assert _written() == before


CELLS = st.dictionaries(
    st.tuples(st.integers(0, 40), st.integers(0, 12)),
    st.one_of(st.text(min_size=1, max_size=5).filter(str.strip), st.integers(-1000, 1000)),
    max_size=12,
)


@settings(max_examples=12, deadline=None)
@given(cells=CELLS)
def test_the_bounded_reader_gives_exactly_what_the_reader_gives_in_place(
    cells: dict[tuple[int, int], object], tmp_path_factory: pytest.TempPathFactory
) -> None:
    import xlsxwriter

    path = tmp_path_factory.mktemp("sheets") / "s.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("小区")
    for (row, column), value in cells.items():
        sheet.write(row, column, value)
    book.close()
    expected = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("小区")
    read = read_sheets(
        path.read_bytes(), name="s.xlsx", kind="xlsx", bounds=FileBounds(max_bytes=GB)
    )
    assert read == {"小区": expected.to_python(skip_empty_area=False)}


def test_csv_files_are_refused_by_size_before_reading_and_by_a_bad_line_without_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("dwelling_id,owner_id,exclusive_area,choice\n1,1,80," + "x" * 200_000)
    printed = StringIO()
    with pytest.raises(CommandError, match="未进行计票"):
        call_command("tally", str(ballots), "--matter", "renovate", stderr=printed)
    assert "ballots.csv: 第 2 行：不是安居能读取的 CSV 行" in printed.getvalue()
    monkeypatch.setattr("anju.csv_input.CSV_MAX_BYTES", 100)
    with pytest.raises(CommandError, match=re.escape("“ballots.csv”未被接受：文件超过")):
        call_command("tally", str(ballots), "--matter", "renovate")


def test_the_web_server_refuses_the_far_corner_in_chinese_and_keeps_its_worker(
    tmp_path: Path,
) -> None:
    """The finding as it was met on the web: the upload took the serving worker with it. Sent
    to gunicorn with one worker, as deployed, it is now answered by that worker, in Chinese, and
    the same worker serves the next page."""
    with demo_deployment(tmp_path / "bureau", "--communities", "1", "--no-dwellings") as anju:
        anju.run(
            "shell", "--no-imports", "-c",
            "from anju.accounts.services import user_create; from anju.audit.context import Actor;"
            "user_create(actor=Actor.command_line(), username='official', password='Hostile-test-2026',"
            " memberships=[('410900000000', 'city_bureau')], must_change=False)",
        )  # fmt: skip
        imports = "SELECT COUNT(*) FROM audit_auditentry WHERE action = 'ledger.import'"
        before = anju.sql(imports)
        port = free_port()
        with anju.running(anju.gunicorn(port, 1), port, "gunicorn.log"):
            web = _Browser(port)
            web.sign_in("official", "Hostile-test-2026")
            status, _page = web.upload("/registry/ledger/import/", "台账.xlsx", far_corner())
            assert status == 302  # queued: the request returns at once
            anju.run("db_worker", "--batch", "--no-startup-delay", "--no-reload")
            ((job,),) = anju.sql("SELECT id FROM registry_ledgerimport")
            status, page = web.get(f"/registry/ledger/imports/{job}/")
            assert status == 200 and "XFD1048576" in page and "内存" in page
            assert web.get("/registry/communities/")[0] == 200
        said = (anju.root / "gunicorn.log").read_text(encoding="utf-8")
        assert "Worker (pid" not in said and "SIGABRT" not in said, said
        assert anju.sql(imports) == before


class _Browser:
    """Just enough of a browser over plain HTTP: cookies, the CSRF token, a file upload."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def _send(self, method: str, path: str, body: bytes = b"", kind: str = "") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        if kind:
            headers["Content-Type"] = kind
        connection.request(method, path, body=body or None, headers=headers)
        answer = connection.getresponse()
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return answer.status, answer.read().decode("utf-8", "replace")

    def get(self, path: str) -> tuple[int, str]:
        return self._send("GET", path)

    def sign_in(self, username: str, password: str) -> None:
        self.get("/login/")
        form = urlencode(
            {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "username": username,
                "password": password,
            }
        ).encode()
        status, _page = self._send("POST", "/login/", form, "application/x-www-form-urlencoded")
        assert status == 302, "signed in"

    def upload(self, path: str, name: str, data: bytes) -> tuple[int, str]:
        self.get(path)
        boundary = "anju-hostile-boundary"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                f"{self.cookies['csrftoken']}\r\n--{boundary}\r\n"
                f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self._send("POST", path, body, f"multipart/form-data; boundary={boundary}")
