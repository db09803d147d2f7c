"""What a page or the API is sent is bounded before it reaches a model: the API reads a body
only as JSON; dates lie within the program's years; a long Chinese file name is kept to be
shown, never used to store the file. Each was once a server error or a NUL in the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from anju.accounts.models import User
from anju.form_fields import DateField
from anju.participation.models import Notice, NoticeDocument, NoticeSubject, Poll
from anju.projects.models import Record, Step
from anju.registry.models import Community

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_the_api_takes_a_body_only_as_json_and_writes_nothing_else(
    hualong_user: User,
    hualong_community: Community,
    logged_in: Callable[[str], Client],
    content_type: str,
) -> None:
    client = logged_in("hualong")
    url = f"/api/v1/projects/{hualong_community.code}/records"
    body = json.dumps({"step": Step.TRAINING.value, "done_on": "2026-03-01", "note": "a\x00b"})
    answer = client.generic("POST", url, body, content_type=content_type)
    assert answer.status_code == 415
    assert "application/json" in answer.json()["detail"]
    assert not Record.objects.exists()


def test_an_api_date_outside_the_program_is_refused_naming_the_field(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    url = f"/api/v1/projects/{hualong_community.code}/records"
    for day in ("0001-01-01", "9999-12-31"):
        body = {"step": Step.TRAINING.value, "done_on": day}
        answer = client.post(url, json.dumps(body), content_type="application/json")
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"][-1] == "done_on"
    assert not Record.objects.exists()


def test_a_poll_opening_in_year_one_is_refused_on_the_form_in_chinese(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    new = reverse("participation:poll_new", args=[hualong_community.code, "vote"])
    reply = client.post(
        new,
        {
            "title": "元年表决",
            "opens_at": "0001-01-01T00:00",
            "closes_at": "0001-01-02T00:00",
            "matter": "renovate",
        },
    )
    assert reply.status_code in (200, 400)
    assert "请输入 2000-01-01 至 2100-12-31 之间的日期" in reply.content.decode()
    assert not Poll.objects.exists()


def test_a_document_with_a_long_chinese_name_is_kept_and_downloads_under_its_name(
    hualong_user: User,
    hualong_community: Community,
    logged_in: Callable[[str], Client],
    settings: object,
    tmp_path: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    client = logged_in("hualong")
    title = "关于华龙区老旧小区改造" * 8 + "实施方案征求意见稿附件"  # 99 characters
    reply = client.post(
        reverse("participation:notice_new", args=[hualong_community.code]),
        {
            "subject": NoticeSubject.PLAN,
            "title": "改造方案公示",
            "body": "改造内容",
            "days": 7,
            "documents": [SimpleUploadedFile(f"{title}.pdf", PDF)],
        },
    )
    assert reply.status_code == 302
    document = NoticeDocument.objects.get()
    assert document.name.endswith(".pdf") and len(document.name) <= 120
    assert document.name.startswith(title[:60])
    assert len(document.file.name.rsplit("/", 1)[-1].encode()) < 100
    notice = Notice.objects.get()
    page = client.get(reverse("participation:notice_detail", args=[notice.pk]))
    assert document.name in page.content.decode()


def test_a_json_body_nested_past_reading_is_a_bad_request_not_a_server_error(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    url = f"/api/v1/projects/{hualong_community.code}/records"
    answer = client.post(url, "[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert answer.status_code == 400
    assert not Record.objects.exists()


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("supervision:dashboard", "year=²"),
        ("supervision:ledger", "year=²&district=¹²"),
        ("finance:money", "year=³"),
    ],
)
def test_a_superscript_digit_in_a_number_parameter_is_not_a_server_error(
    hualong_user: User, logged_in: Callable[[str], Client], name: str, query: str
) -> None:
    # "²".isdigit() holds but int("²") raises: numbers are read only where isdecimal() holds
    answer = logged_in("hualong").get(f"{reverse(name)}?{query}")
    assert answer.status_code == 200


def test_a_date_kept_on_a_form_is_shown_in_the_calendar_in_chinese_too() -> None:
    class Dated(forms.Form):
        day = DateField()

    with translation.override(
        "zh-hans"
    ):  # its own format writes 2026/09/03, which no calendar reads
        assert 'value="2026-09-03"' in str(Dated(initial={"day": date(2026, 9, 3)})["day"])
