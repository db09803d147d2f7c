"""The pack's tasks are shown with their lead and responsible units; the city's office records
what the units report; a lead unit silent past a reporting date is named."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from anju.accounts.models import User
from anju.supervision.models import TaskReport


def test_the_city_records_reports_and_the_silent_lead_units_are_named(
    city_user: User, hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    city = logged_in("city")
    url = "/supervision/tasks/?policy=wuhan-2021"
    page = city.get(url).content.decode()
    alerts = city.get("/supervision/alerts/?policy=wuhan-2021").content.decode()
    assert "市民政局：2021-03-31前未报送“动员居民参与”" in alerts
    # wuhan-2021 §2.(1)2: 动员居民参与, led by 市民政局; both reporting dates of 2021 have passed
    assert "动员居民参与" in page and "市民政局：2021-03-31前未报送" in page
    for day in ("2021-03-25", "2021-06-10"):
        city.post(
            url,
            {
                "task": "动员居民参与",
                "unit": "市民政局",
                "reported_on": day,
                "summary": "已开展共同缔造活动",
            },
        )
    after = city.get(url).content.decode()
    assert "市民政局：2021-03-31前未报送" not in after and "已开展共同缔造活动" in after
    stranger = city.post(
        url,
        {"task": "动员居民参与", "unit": "市水务局", "reported_on": "2021-06-10", "summary": "x"},
        follow=True,
    )
    assert "既不是" in stranger.content.decode() and TaskReport.objects.count() == 2
    district = logged_in("hualong")
    assert "动员居民参与" in district.get(url).content.decode()
    assert district.post(url, {"task": "动员居民参与"}).status_code == 403
