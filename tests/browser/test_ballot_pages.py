"""In a real browser: an official drafts and publishes an elevator vote and prints the notices;
a resident opens the ballot from the code on a phone-sized screen, votes in two taps and a
confirmation, and the official sees it counted."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from anju.accounts.models import User
from anju.participation.models import Poll, Response
from anju.registry.models import Community
from tests.browser.test_registry_pages import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}


def test_publish_a_vote_and_a_resident_votes_on_a_phone(
    page: Page,
    browser: Browser,
    live_server: object,
    hualong_user: User,
    hualong_community: Community,
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "hualong")
    page.goto(f"{base}/registry/communities/{hualong_community.code}/")
    page.get_by_role("link", name="征求意见与业主表决").click()
    page.get_by_role("link", name="新建：业主共同决定（表决）").click()
    page.get_by_label("标题").fill("1号楼1单元加装电梯")
    page.get_by_label("开始时间").fill("2020-01-01T08:00")
    page.get_by_label("截止时间").fill("2099-12-31T18:00")
    page.get_by_label("表决事项").select_option(label="既有住宅加装电梯")
    page.get_by_label("楼栋（留空为全小区）").select_option(index=1)
    page.get_by_label("单元（留空为整栋楼）").fill("1")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已发布。请打印带投票码的通知单。")).to_be_visible()

    page.get_by_role("link", name="各户投票码通知单").click()
    poll = Poll.objects.get(title="1号楼1单元加装电梯")
    page.get_by_role("button", name=f"打印尚未打印的 {poll.electors.count()} 张通知单").click()
    slips = page.locator(".slip")
    expect(slips).to_have_count(poll.electors.count())
    expect(slips.first.locator(".qr svg")).to_be_visible()
    code = slips.first.locator("[data-code]").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code)

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    resident = phone.new_page()
    resident.goto(f"{base}/v/")
    resident.get_by_label("投票码").fill(code.lower().replace("-", " "))
    resident.get_by_role("button", name="下一步").click()
    expect(resident.get_by_role("heading", name="1号楼1单元加装电梯")).to_be_visible()
    agree = resident.get_by_role("radio", name="同意")
    agree_box = resident.locator("label.option", has=agree).bounding_box()
    assert agree_box is not None and agree_box["height"] >= 44  # a finger-sized target
    assert agree_box["width"] >= PHONE["width"] * 0.8
    font = resident.evaluate("getComputedStyle(document.body).fontSize")
    assert float(font.removesuffix("px")) >= 18
    fits = resident.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the ballot must not scroll sideways on a phone"
    agree.tap()
    resident.get_by_role("button", name="下一步").tap()
    expect(resident.locator(".chosen")).to_contain_text("同意")
    assert not Response.objects.exists()
    resident.get_by_role("button", name="确认提交").tap()
    expect(resident.get_by_text("本户的意见已经收到，谢谢！")).to_be_visible()
    assert code.replace("-", "") not in resident.url.upper().replace("-", "")
    history = [h for h in resident.evaluate("[location.href, document.referrer]") if h]
    assert all(code.replace("-", "") not in h.upper().replace("-", "") for h in history)
    phone.close()

    response = Response.objects.get()
    assert (response.choice, response.channel) == ("agree", "code")
    page.goto(f"{base}/participation/polls/{poll.pk}/")
    expect(page.locator("[data-progress]")).to_contain_text(f"{poll.electors.count()} 户中已有")
    expect(page.locator("tr[data-measure=consent_area]")).to_contain_text("1/1")
