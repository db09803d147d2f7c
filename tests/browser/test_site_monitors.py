"""In a real browser: the housing bureau names a residents' monitor and prints the slip; the
monitor, on a phone, reports what they saw with a photo; the bureau gives the contract's
winner a code; the winner, on a phone, answers; the monitor reads the answer, and the report
left the supervision alerts when it was answered."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from anju.accounts.models import User
from anju.core.alerts import AlertKind
from anju.core.procurement import Kind, Method
from anju.policy.library import get_pack
from anju.procurement.models import Observation
from anju.procurement.services import lot_add, lot_change
from anju.projects.models import Project
from anju.registry.models import Community
from anju.supervision.selectors.alerts import alerts_for
from anju.testing import SYSTEM
from tests.browser.test_registry_pages import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}


def _open_reports(user: User) -> list[str]:
    return [
        a.community
        for a in alerts_for(user, get_pack("puyang-2020"), timezone.localdate())
        if a.kind is AlertKind.OBSERVATION_OPEN
    ]


def _code(page: Page) -> str:
    code = page.locator("[data-code]").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code)
    expect(page.locator(".qr svg")).to_be_visible()
    return code


def test_a_monitor_reports_from_a_phone_and_the_winner_answers(
    page: Page,
    browser: Browser,
    live_server: object,
    hualong_user: User,
    hualong_community: Community,
    tmp_path: object,
    settings: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    base = live_server.url  # type: ignore[attr-defined]
    project = Project.objects.create(community=hualong_community)
    lot = lot_add(
        actor=SYSTEM,
        project=project,
        name="施工",
        kind=Kind.WORKS,
        estimate=300_000_000,
        method=Method.COMPETITIVE_CONSULTATION,
    )
    lot_change(
        actor=SYSTEM,
        lot=lot,
        changes={
            "winner": "恒达建设工程有限公司",
            "price": 290_000_000,
            "awarded_on": dt.date(2026, 10, 6),
        },
    )
    _log_in(page, base, "hualong")
    page.goto(f"{base}/projects/communities/{hualong_community.code}/#procurement")
    page.get_by_label("居民姓名").fill("周建国")
    page.get_by_label("专业特长（如有）").fill("退休电工")
    page.get_by_role("button", name="聘任监督员").click()
    monitor_code = _code(page)

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    monitor = phone.new_page()
    monitor.goto(f"{base}/m/")
    monitor.get_by_label("码").fill(monitor_code.lower())
    monitor.get_by_role("button", name="进入").click()
    expect(monitor.get_by_text("居民监督员：周建国")).to_be_visible()
    photo = tmp_path / "现场.png"  # type: ignore[operator]
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 120, 120)).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    monitor.get_by_label("看到了什么情况？").fill("3号楼北侧电缆沟未盖板，有孩子在旁边玩")
    monitor.get_by_label("照片1").set_input_files(str(photo))
    monitor.get_by_role("button", name="提交").click()
    expect(monitor.get_by_text("已发送")).to_be_visible()
    expect(monitor.locator("[data-observation] img")).to_be_visible()
    assert _open_reports(hualong_user) == [hualong_community.code]

    page.goto(f"{base}/procurement/lots/{lot.pk}/")
    page.get_by_role("button", name="为中标单位生成答复码").click()
    winner_code = _code(page)

    other = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    winner = other.new_page()
    winner.goto(f"{base}/m/?code={winner_code.replace('-', '')}")  # as the slip's QR code opens it
    expect(winner.get_by_text("恒达建设工程有限公司（“施工”中标单位）")).to_be_visible()
    expect(winner.get_by_text("3号楼北侧电缆沟未盖板")).to_be_visible()
    winner.get_by_label("您的答复").fill("已于当日加盖钢板并设围挡，感谢监督")
    winner.get_by_role("button", name="发送答复").click()
    expect(winner.get_by_text("答复已发送")).to_be_visible()

    monitor.reload()
    expect(monitor.locator("[data-answer]")).to_contain_text("已于当日加盖钢板并设围挡")
    observation = Observation.objects.get()
    assert observation.answered_by == lot and observation.photos.count() == 1
    assert _open_reports(hualong_user) == []
    page.goto(f"{base}/projects/communities/{hualong_community.code}/#procurement")
    expect(page.locator(f'[data-observation="{observation.pk}"]')).to_contain_text("加盖钢板")
    phone.close()
    other.close()
