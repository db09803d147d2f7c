"""The city bureau's first official opens a district's account; the district official signs
in with the issued password, chooses their own, and opens a street official's account beneath
them — never one in another district."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.core.ledger import LedgerBook
from anju.testing import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

HUALONG_STREET = "410902001000"
QINGFENG_STREET = "410922001000"


def _sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def _open_account(page: Page, username: str, name: str, post: str, division: str) -> str:
    """Open an account on the page; the password it issues."""
    page.get_by_role("navigation").get_by_role("link", name="人员账号").click()
    page.get_by_role("link", name="开设账号").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("姓名及单位").fill(name)
    page.get_by_label("岗位").select_option(label=post)
    page.get_by_label("行政区划").select_option(value=division)
    page.get_by_role("button", name="开设账号").click()
    expect(page.get_by_role("heading", name="账号已开设")).to_be_visible()
    expect(page.locator(f"tr[data-person='{username}']")).to_contain_text(name)
    return page.locator("code.password").inner_text()


def test_the_city_opens_a_district_which_opens_a_street_and_nothing_beside_it(
    page: Page, live_server, city: LedgerBook, city_user: User
) -> None:
    base = live_server.url
    _sign_in(page, base, "city", PASSWORD)
    issued = _open_account(page, "hl-zhang", "张伟（华龙区住建局）", "区县", "410902000000")

    page.get_by_role("button", name="退出").click()
    _sign_in(page, base, "hl-zhang", issued)
    expect(page.get_by_role("heading", name="修改密码")).to_be_visible()
    page.locator("#id_old_password").fill(issued)
    page.locator("#id_new_password1").fill("Hualong-own-2026")
    page.locator("#id_new_password2").fill("Hualong-own-2026")
    page.get_by_role("button", name="修改密码").click()
    expect(page.get_by_text("密码已修改")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="人员账号").click()
    page.get_by_role("link", name="开设账号").click()
    places = page.get_by_label("行政区划").locator("option")
    values = places.evaluate_all("options => options.map(o => o.value)")
    assert HUALONG_STREET in values and QINGFENG_STREET not in values
    assert all(v.startswith("410902") for v in values)
    posts = page.get_by_label("岗位").locator("option").all_inner_texts()
    assert "区县" not in posts and "审计员" not in posts and "街道办事处/乡镇" in posts

    street = _open_account(page, "jt-wang", "王芳（交通街道）", "街道办事处/乡镇", HUALONG_STREET)
    assert street != issued
    page.get_by_role("link", name="返回人员账号").click()
    expect(page.locator("tr[data-person='jt-wang']")).to_contain_text("尚未登录")

    # Another district's street, sent as a page that offered it would send it: refused.
    page.get_by_role("link", name="开设账号").click()
    page.get_by_label("用户名").fill("qf-li")
    page.get_by_label("岗位").select_option(label="街道办事处/乡镇")
    page.get_by_label("行政区划").evaluate(
        "(select, code) => select.add(new Option('龙都街道', code, true, true))", QINGFENG_STREET
    )
    page.get_by_role("button", name="开设账号").click()
    expect(page.locator(".error")).to_contain_text(QINGFENG_STREET)
    assert not User.objects.filter(username="qf-li").exists()
    assert User.objects.get(username="jt-wang").memberships.get().division_id == HUALONG_STREET
