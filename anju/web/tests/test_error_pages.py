"""Officials and residents who reach a page that is not there, not theirs or broken read why
in Chinese, in Anju's own layout, with a way back."""

from __future__ import annotations

from django.test import Client, RequestFactory
from django.views.defaults import server_error

from anju.registry.models import Community


def _says(page: str, *words: str) -> None:
    assert 'lang="zh-hans"' in page and "安居" in page
    assert 'href="/"' in page and 'href="/v/"' in page
    for word in words:
        assert word in page, word


def test_a_page_that_does_not_exist_says_so_in_chinese_with_a_way_back(db: None) -> None:
    answer = Client().get("/v/nowhere/here/")
    assert answer.status_code == 404
    _says(answer.content.decode(), "找不到这个页面", "返回首页")


def test_a_page_outside_the_officials_jurisdiction_says_so_in_chinese(
    logged_in: object, hualong_user: object, qingfeng_community: Community
) -> None:
    client = logged_in("hualong")  # type: ignore[operator]
    answer = client.get("/audit/")
    assert answer.status_code == 403
    _says(answer.content.decode(), "无权打开这个页面")


def test_a_server_error_says_so_in_chinese_and_asks_to_try_again() -> None:
    answer = server_error(RequestFactory().get("/"))
    assert answer.status_code == 500
    _says(answer.content.decode(), "出了问题", "稍后再试")


def test_a_form_sent_without_its_token_says_the_page_expired(db: None) -> None:
    answer = Client(enforce_csrf_checks=True).post("/login/", {"username": "x", "password": "y"})
    assert answer.status_code == 403
    _says(answer.content.decode(), "页面已过期", "没有保存")
