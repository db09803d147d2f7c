"""A district official's first week, on the demo city, in a real browser and without typing a
format: what waits today, finding a community, putting right a figure the ledger has wrong,
taking a project through its next gate, and reading the month's ranking and bulletin. Each
step is reached by the links and pickers an official sees, never by an address typed in."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document
from docx.shared import Mm
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.accounts.services import user_set_password
from anju.core.report_periods import PeriodKind, last_ended, period_of, period_words
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.testing import PASSWORD, SYSTEM, run_worker
from tests.test_demo_walk import DEMO

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_district_official_s_first_week(
    page: Page, live_server: object, tmp_path: Path, settings: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    call_command("demo-data", *DEMO, stdout=StringIO())
    official = User.objects.get(username="hualong")
    user_set_password(actor=SYSTEM, user=official, password=PASSWORD, must_change=False)
    base = live_server.url  # type: ignore[attr-defined]

    page.goto(base)
    page.get_by_label("用户名").fill("hualong")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    # what waits today: the residents' opinions come first, each a link to where it is answered
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()
    waiting = page.locator("section", has=page.get_by_role("heading", name="待答复的居民意见"))
    expect(waiting).to_contain_text("邮电宿舍（410902001001001，华龙区）")
    waiting.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text("邮电宿舍老旧小区改造方案公示")
    answers = page.locator("form:has(input[name=action][value=answer])")
    expect(answers).to_have_count(2)
    while answers.count():
        answers.first.get_by_label("答复").fill("已记录，施工方案中一并考虑。")
        answers.first.get_by_role("button", name="答复").click()
        expect(page.locator(".flash.success")).to_be_visible()
    expect(page.locator("p.answer")).to_have_count(2)

    # finding a community by a word of its name, told apart by its district and code
    page.get_by_role("searchbox").first.fill("钢厂")
    page.get_by_role("searchbox").first.press("Enter")
    found = page.locator("[data-found=communities] li").filter(has_text="钢厂新村")
    expect(found).to_contain_text("华龙区")
    expect(found).to_contain_text("410902001001002")
    found.get_by_role("link", name="钢厂新村").click()
    expect(page.get_by_role("heading", name="钢厂新村")).to_contain_text("410902001001002")

    # the ledger has the household count wrong: the official puts it right on the page
    community = Community.objects.get(code="410902001001002")
    right = community.household_count + 6
    page.get_by_role("link", name="编辑").click()
    page.get_by_label("户数").fill(str(right))
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".flash.success")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text(f"{right:,}")
    community.refresh_from_db()
    assert community.household_count == right

    # the project of 邮电宿舍, a step from approval: the official records the consultation held
    # and the concept plan drawn up, and the way on stays closed, saying why, on the one gate left — the owners sign the plan
    # once its notice period is over
    page.get_by_role("searchbox").first.fill("邮电宿舍")
    page.get_by_role("searchbox").first.press("Enter")
    page.locator("[data-found=communities]").get_by_role("link", name="项目阶段").first.click()
    expect(page.locator("ol.stages [aria-current=step]")).to_have_text("项目生成")
    advance = page.locator("form:has(input[name=action][value=advance]) button")
    unmet = page.locator("ul.gates li.unmet")
    expect(unmet).to_have_count(2)
    record = page.locator("form:has(input[name=action][value=record])")
    for step in ("已书面征求业主意见", "已形成概念性方案"):
        record.get_by_label("程序步骤").select_option(label=step)
        record.locator("input[type=date]").fill(timezone.localdate().isoformat())
        record.get_by_role("button", name="登记").click()
        expect(page.locator(".flash.success")).to_contain_text("步骤已登记")
    expect(unmet).to_have_count(1)
    expect(unmet).to_contain_text("业主代表签字确认")
    expect(advance).to_be_disabled()
    expect(page.locator("#advance-why")).to_contain_text("还有 1 项条件未满足")
    expect(page.locator("#advance-why")).to_contain_text("审批")
    assert Project.objects.get(community__code="410902001001001").stage == ProjectStage.GENERATION

    # the month's ranking of the districts, then its bulletin asked for by picking the month
    page.get_by_role("link", name="监管").first.click()
    page.get_by_role("link", name="区县考核").first.click()
    today = timezone.localdate()
    expect(page.locator("h1")).to_contain_text(period_words(period_of(PeriodKind.MONTH, today)))
    ranking = page.locator("table.grid tbody tr", has_text="华龙区")
    expect(ranking).to_have_count(1)
    expect(ranking.locator("td").first).to_have_text(re.compile(r"^\d+/\d+$|不参与排名"))
    page.get_by_role("link", name="通报与总结").first.click()
    month = last_ended(PeriodKind.MONTH, today)
    expect(page.get_by_label("期间")).to_have_value(str(month))
    page.get_by_role("button", name="生成").click()
    run_worker()
    page.reload()
    row = page.locator("[data-reports] tbody tr", has_text=period_words(month))
    with page.expect_download() as download:
        row.locator("[data-file=docx]").click()
    assert "通报" in download.value.suggested_filename
    path = tmp_path / "bulletin.docx"
    download.value.save_as(path)
    bulletin = Document(str(path))
    section = bulletin.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    heads = [p.text for p in bulletin.paragraphs if p.style.name.startswith("Heading")]
    assert heads and period_words(month) in bulletin.paragraphs[0].text + "".join(heads)
