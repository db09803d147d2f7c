"""The log reads to an auditor in words: each action Anju records has its name, a change is
字段：旧值 → 新值 with the field's own name and a choice's label, and the workbook says the same
beside the entry as stored."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

import anju
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.auditing.wording import ACTION_NAMES
from anju.projects.models import Project
from anju.registry.models import Community

pytestmark = pytest.mark.django_db
RECORDED = re.compile(
    r"""(?:action=|_Updates\(\w+, |if passed else |action=")"([a-z_]+(?:\.[a-z_]+)*)\""""
)


def test_every_action_anju_records_has_a_name() -> None:
    source = Path(anju.__file__).parent
    keys = set()
    for path in source.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "audit" not in text:
            continue
        keys |= {k for k in RECORDED.findall(text) if "." in k or k in ("login", "logout")}
    assert keys and keys <= set(ACTION_NAMES), sorted(keys - set(ACTION_NAMES))


def test_a_change_reads_as_field_old_and_new_value_in_words(
    auditor: Client, hualong_community: Community
) -> None:
    audit_record(
        actor=Actor(user=None, origin="test", name="hualong"),
        action="community.update",
        target=hualong_community,
        before={"household_count": 96, "has_elevator": False},
        after={"household_count": 103, "has_elevator": True},
    )
    project = Project.objects.create(community=hualong_community, plan_year=2026)
    audit_record(
        actor=Actor(user=None, origin="test", name="hualong"),
        action="project.stage",
        target=project,
        before={"stage": "planned"},
        after={"stage": "generation", "reason": "培训宣传完成"},
    )
    page = auditor.get("/audit/").content.decode()
    assert "更新小区" in page and "户数：96 → 103" in page and "有无电梯：否 → 是" in page
    assert "阶段：列入年度计划 → 项目生成" in page and "原因：培训宣传完成" in page
    assert "community.update" not in re.sub(r'="[^"]*"', "", page)  # but in attributes
    sheet = load_workbook(io.BytesIO(auditor.get("/audit/log.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("所做操作", "变更内容")
    update = next(row for row in rows if row[4] == "community.update")
    assert update[-2] == "更新小区" and "户数：96 → 103" in update[-1]
