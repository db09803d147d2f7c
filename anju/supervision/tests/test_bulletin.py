"""The monthly bulletin is a Word document whose figures are Anju's: the ledger totals, the
assessment's ranking, the alerts by district and the districts to call in."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone
from docx import Document

from anju.accounts.models import User
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community


def test_the_bulletin_opens_as_a_word_document_with_the_month_s_figures(
    hualong_community: Community, city_user: User, logged_in: Callable[[str], Client]
) -> None:
    today = timezone.localdate()
    Project.objects.create(
        community=hualong_community,
        stage=ProjectStage.CONSTRUCTION,
        plan_year=today.year,
        contractor="恒达建设",
        started_on=today - timedelta(days=60),
        due_on=today - timedelta(days=1),
    )
    month = f"{today.year}-{today.month:02d}"
    answer = logged_in("city").get(f"/supervision/bulletin.docx?month={month}")
    assert answer.status_code == 200
    assert answer["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(answer.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{today.year}-{today.month:02d}" in text and "濮阳市" in text
    assert "1个项目已登记入台账" in text and "1个已开工" in text
    ranking, alerts = document.tables[0], document.tables[1]
    assert ranking.rows[0].cells[1].text == "区县"
    assert {row.cells[1].text for row in ranking.rows[1:]} >= {"华龙区", "清丰县"}
    overdue = next(row.cells for row in alerts.rows if row.cells[0].text == "华龙区")
    assert overdue[1].text == "1"  # works past their due date
    assert "华龙区：1条预警" in text
