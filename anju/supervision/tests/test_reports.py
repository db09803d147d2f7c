"""A bureau's bulletins and summaries: asked for on the page or by the schedule, written by the
worker as a Word document, a PDF whose Chinese prints without the fonts installed, and the
workbook of the data behind them — all three from one reading of Anju's figures."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from docx import Document
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from anju.accounts.models import User
from anju.core.report_periods import PeriodKind, due, last_ended
from anju.divisions.models import Division
from anju.policy.library import get_pack
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.supervision.models import Report, ReportStatus
from anju.supervision.services.reports import report_request, report_write, reports_due
from anju.testing import CITY, HUALONG, SYSTEM, WORKER, run_worker
from anju.web.printing import chromium

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
needs_chromium = pytest.mark.skipif(
    not Path(chromium()).exists(), reason="Debian's chromium is not installed (make system-deps)"
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def overdue_works(community: Community, today: date) -> Project:
    return Project.objects.create(
        community=community,
        stage=ProjectStage.CONSTRUCTION,
        plan_year=today.year,
        contractor="恒达建设",
        started_on=today - timedelta(days=90),
        due_on=today - timedelta(days=40),
    )


def downloaded(client: Client, url: str, content_type: str) -> io.BytesIO:
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == content_type
    return io.BytesIO(b"".join(answer.streaming_content))  # type: ignore[attr-defined]


def opened_elsewhere(docx: str, folder: Path) -> PdfReader:
    """The document as another word processor lays it out: LibreOffice, printing it to PDF with
    its headings as the PDF's outline. Word and WPS cannot run here; a file LibreOffice lays
    out is no file of python-docx's own making only."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (make system-deps)")
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'office').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            docx,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return PdfReader(folder / (Path(docx).stem + ".pdf"))


def text_of(printed: PdfReader) -> str:
    text = "".join(page.extract_text() for page in printed.pages)
    return "".join(text.split())  # LibreOffice spaces Latin from Chinese, as Word does


def a4(printed: PdfReader) -> bool:
    """Every page 210 × 297 mm, to the point."""
    return all(
        (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        for page in printed.pages
    )


def fonts(reader: PdfReader) -> list[Any]:
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():  # type: ignore[index]
            found.append(font.get_object())
    return found


def embedded(font: Any) -> bool:
    if font["/Subtype"] == "/Type3":
        return "/CharProcs" in font  # the glyphs are drawn in the file itself
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@needs_chromium
@WORKER
def test_a_month_s_bulletin_is_written_as_word_pdf_and_workbook_saying_the_same(
    hualong_community: Community,
    city_user: User,
    logged_in: Callable[[str], Client],
    media: Path,
    tmp_path_factory: pytest.TempPathFactory,
    django_capture_on_commit_callbacks: Any,
) -> None:
    tmp_path = tmp_path_factory.mktemp("office")
    today = timezone.localdate()
    overdue_works(hualong_community, today)
    month = str(last_ended(PeriodKind.MONTH, today))
    client = logged_in("city")
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/supervision/reports/", {"area": CITY, "period": month})
    assert answer.status_code == 302
    report = Report.objects.get()
    assert report.status == ReportStatus.QUEUED and report.requested_by == city_user
    run_worker()
    report.refresh_from_db()
    assert report.status == ReportStatus.WRITTEN, report.error
    page = client.get("/supervision/reports/").content.decode()
    assert f'data-report="{CITY} {month}"' in page and "已写成" in page

    month_words = f"{int(month[:4])}年{int(month[5:])}月"
    last_day = last_ended(PeriodKind.MONTH, today).end
    cut_off = f"截至{last_day.year}年{last_day.month}月{last_day.day}日"
    reader = PdfReader(downloaded(client, f"/supervision/reports/{report.pk}.pdf", PDF))
    assert fonts(reader) and all(embedded(font) for font in fonts(reader))
    assert a4(reader)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "濮阳市" in text and month_words in text and "华龙区" in text and "约谈名单" in text
    assert cut_off in "".join(text.split()) and "— 1 —" in text
    answer = client.get(f"/supervision/reports/{report.pk}.pdf")
    assert "城镇老旧小区改造工作通报" in unquote(answer["Content-Disposition"])

    document = Document(downloaded(client, f"/supervision/reports/{report.pk}.docx", DOCX))
    sheet = document.sections[0]
    assert (sheet.page_width.mm, sheet.page_height.mm) == pytest.approx((210, 297), abs=0.1)  # type: ignore[union-attr]
    assert (sheet.top_margin.mm, sheet.left_margin.mm) == pytest.approx((37, 28), abs=0.1)  # type: ignore[union-attr]
    styled = {p.style.name: p.text for p in document.paragraphs}
    assert styled["Title"] == f"濮阳市城镇老旧小区改造工作通报（{month_words}）"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、总体进展" and "五、约谈名单" in headings
    assert headings[1] == "二、改造成效"
    assert document.styles["Normal"].font.name == "仿宋_GB2312"
    assert document.styles["Normal"].font.size.pt == 16
    words = "\n".join(p.text for p in document.paragraphs)
    assert cut_off in words and "1个项目已登记" in words
    assert not re.search(r"\d{4}-\d{2}-\d{2}", words), "dates are written 2026年11月30日"
    assert words.count("截至") == 2  # the ledger and the alerts, at the one cut-off day
    assert {f"截至{d}" for d in re.findall(r"截至([^，。的]+)", words)} == {cut_off}
    ranking, alerts = document.tables
    assert ranking.rows[0].cells[1].text == "区县"
    assert {row.cells[1].text for row in ranking.rows[1:]} >= {"华龙区", "清丰县"}
    assert alerts.rows[0].cells[1].text == "逾期未竣工"  # a column for each kind found, only
    assert "标段未依法招标或公示" not in [cell.text for cell in alerts.rows[0].cells]
    assert "以下各类无预警：" in words and "标段未依法招标或公示" in words
    overdue = next(row.cells for row in alerts.rows if row.cells[0].text == "华龙区")
    assert overdue[1].text == "1"  # works past their due date
    assert "华龙区：1条预警" in words
    assert len(document.inline_shapes) == 2  # the two charts the PDF draws
    opened = opened_elsewhere(report.docx.path, tmp_path)
    assert a4(opened)
    assert [item.title for item in opened.outline][:1] == ["一、总体进展"]
    assert "五、约谈名单" in [item.title for item in opened.outline]
    assert "华龙区：1条预警" in text_of(opened) and month_words in text_of(opened)

    book = CalamineWorkbook.from_filelike(
        downloaded(client, f"/supervision/reports/{report.pk}.xlsx", XLSX)
    )
    assert {"排名", "预警", "考核明细", "预警清单", "改造台账"} <= set(book.sheet_names)
    listed = book.get_sheet_by_name("预警清单").to_python()
    assert [hualong_community.code, "逾期未竣工", "恒达建设"] == [
        listed[1][1],
        listed[1][2],
        listed[1][3],
    ]
    figures = book.get_sheet_by_name("考核明细").to_python()
    assert {row[1] for row in figures[1:]} >= {"华龙区", "清丰县"}


@needs_chromium
@WORKER
def test_a_quarter_is_ranked_on_the_mean_of_its_months(city: Any, media: Path) -> None:
    today = timezone.localdate()
    quarter = last_ended(PeriodKind.QUARTER, today)
    report = report_request(
        actor=SYSTEM,
        area=Division.objects.get(code=CITY),
        pack=get_pack("puyang-2020"),
        period=quarter,
        today=today,
        enqueue=False,
    )
    report = report_write(report.pk, today)
    assert report.status == ReportStatus.WRITTEN, report.error
    document = Document(report.docx.path)
    headers = [cell.text for cell in document.tables[0].rows[0].cells]
    assert headers == ["排名", "区县", *(f"{y}年{m}月" for y, m in quarter.months), "平均得分"]


@pytest.mark.django_db
def test_the_schedule_asks_once_for_each_city_s_month_quarter_and_year(city: Any) -> None:
    pack = get_pack("puyang-2020")
    day = date(2027, 1, 3)
    asked = reports_due(actor=SYSTEM, pack=pack, today=day, enqueue=False)
    assert sorted((r.area_id, r.period, r.kind) for r in asked) == sorted(
        (CITY, str(p), p.kind) for p in due(day)
    )
    assert reports_due(actor=SYSTEM, pack=pack, today=day, enqueue=False) == []


@pytest.mark.django_db
def test_a_district_sees_its_own_reports_and_not_the_city_s(
    hualong_user: User, city_user: User, logged_in: Callable[[str], Client], media: Path
) -> None:
    today = timezone.localdate()
    month = last_ended(PeriodKind.MONTH, today)
    pack = get_pack("puyang-2020")
    city_report, district_report = (
        report_request(
            actor=SYSTEM,
            area=Division.objects.get(code=code),
            pack=pack,
            period=month,
            today=today,
            enqueue=False,
        )
        for code in (CITY, HUALONG)
    )
    Report.objects.update(status=ReportStatus.WRITTEN, written_at=timezone.now())
    client = logged_in("hualong")
    page = client.get("/supervision/reports/").content.decode()
    assert f'data-report="{HUALONG} {month}"' in page
    assert f'data-report="{CITY} {month}"' not in page
    assert client.get(f"/supervision/reports/{city_report.pk}.pdf").status_code == 404
    assert '<option value="410900000000"' not in page  # nor may it ask for the city's
    answer = client.post("/supervision/reports/", {"area": CITY, "period": str(month)})
    assert answer.status_code == 200 and "选择一个有效的选项" in answer.content.decode()
    assert Report.objects.count() == 2 and district_report.pk


@pytest.mark.django_db
def test_only_periods_begun_are_offered_and_anything_else_queues_nothing(
    city_user: User, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    next_year = str(timezone.localdate().year + 1)
    for period in (next_year, "十月"):
        answer = client.post("/supervision/reports/", {"area": CITY, "period": period})
        assert answer.status_code == 200 and "选择一个有效的选项" in answer.content.decode()
    offered = client.get("/supervision/reports/").content.decode()
    month = last_ended(PeriodKind.MONTH, timezone.localdate())
    assert f'<option value="{month}" selected>{month.year}年{month.number}月</option>' in offered
    assert "年第一季度</option>" in offered and f'<option value="{next_year}"' not in offered
    assert not Report.objects.exists()


@WORKER
def test_a_report_that_cannot_be_printed_fails_saying_why_and_keeps_the_files_it_had(
    city: Any, media: Path, settings: Any
) -> None:
    today = timezone.localdate()
    report = report_request(
        actor=SYSTEM,
        area=Division.objects.get(code=CITY),
        pack=get_pack("puyang-2020"),
        period=last_ended(PeriodKind.MONTH, today),
        today=today,
        enqueue=False,
    )
    report.pdf.save("kept.pdf", ContentFile(b"%PDF-1.4 kept"), save=False)
    report.status = ReportStatus.WRITTEN
    report.written_at = timezone.now()
    report.save()
    settings.CHROMIUM = str(media / "no-chromium-here")
    failed = report_write(report.pk, today)
    assert failed.status == ReportStatus.FAILED
    assert "Chromium" in failed.error
    assert failed.pdf.read() == b"%PDF-1.4 kept"


@needs_chromium
@WORKER
def test_the_command_writes_one_area_s_report_there_and_then(city: Any, media: Path) -> None:
    month = str(last_ended(PeriodKind.MONTH, timezone.localdate()))
    out = io.StringIO()
    call_command("reports", "--area", HUALONG, "--period", month, "--now", stdout=out)
    assert out.getvalue().split() == [HUALONG, month, "已写成"]
    report = Report.objects.get(area=HUALONG, period=month)
    assert report.requested_by is None and Path(report.pdf.path).read_bytes()[:5] == b"%PDF-"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--area", CITY, "--period", "2026-13"], "2026-13不是一个期间"),
        (["--period", "2026-10"], "须同时给出"),
        (["--area", "419999000000", "--period", "2026-10"], "419999000000"),
        (["--area", CITY, "--period", "2099"], "2099尚未开始"),
        (["--policy", "no-such-pack"], "no-such-pack"),
    ],
)
def test_the_command_refuses_what_it_cannot_report_on_and_queues_nothing(
    city: Any, arguments: list[str], said: str
) -> None:
    with pytest.raises(CommandError, match=said):
        call_command("reports", *arguments)
    assert not Report.objects.exists()
