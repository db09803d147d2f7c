"""In a real browser: a district official walks a project from the reserve to its evaluation on
the project page, its way on closed at each gate, with the gate's clause, until the step is
recorded: training and publicity, consultation, a place in the annual plan, the design review by drawn experts, the
approvals, the contractor and start, a progress photo, an inspection's defect fixed, completion
with the management model and handover agreement, the joint acceptance and the handover
inspection. The evidence kept elsewhere in Anju (the plan signed off, the funding plan, the
satisfaction evaluation) is made by its own services beforehand."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from anju.accounts.models import User
from anju.divisions.models import Division
from anju.experts.models import Expert, Specialty
from anju.policy.library import get_pack
from anju.projects.models import Project, ProjectStage
from anju.projects.services.stages import projects_plan
from anju.projects.tests.evidence import funding_planned, plan_signed_off, satisfaction_closed
from anju.registry.models import Community
from anju.testing import HUALONG, SYSTEM
from tests.browser.test_registry_pages import _assert_local_only, _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _form(page: Page, action: str) -> Locator:
    return page.locator(f"form[action*='{action}']")


def _advance(page: Page) -> None:
    page.locator("form:has(input[name=action][value=advance]) button").click()


def _closed(page: Page, unmet: int) -> Locator:
    """The way on is closed while a gate is unmet: the button says so, and each unmet gate
    stands marked with its clause."""
    expect(page.locator("form:has(input[name=action][value=advance]) button")).to_be_disabled()
    expect(page.locator("#advance-why")).to_contain_text(f"还有 {unmet} 项条件未满足")
    gates = page.locator("ul.gates li.unmet")
    expect(gates).to_have_count(unmet)
    return gates


def _record(page: Page, step: str, day: str) -> None:
    form = page.locator("form:has(input[name=action][value=record])")
    form.locator("select[name=step]").select_option(step)
    form.locator("input[name=done_on]").fill(day)
    form.locator("button[type=submit]").click()
    expect(page.locator(".flash.success")).to_contain_text("步骤已登记")


def _part(page: Page, name: str) -> None:
    """Open one part of the page by its tab; the others are hidden meanwhile."""
    page.locator("nav[data-tabs]").get_by_role("link", name=name).click()
    expect(page.locator("nav[data-tabs] a[aria-current]")).to_have_text(name)


def _stage(page: Page, name: str) -> None:
    expect(page.locator("[data-stage] strong")).to_have_text(name)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (90, 140, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_project_is_walked_from_reserve_to_evaluation_on_its_page(
    page: Page,
    live_server: object,
    hualong_community: Community,
    hualong_user: User,
    requests_seen: list[str],
    settings: object,
    tmp_path: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    plan_signed_off(hualong_community, hualong_user)
    funding_planned(hualong_community)
    satisfaction_closed(hualong_community)
    projects_plan(
        actor=SYSTEM,
        communities=[hualong_community],
        year=timezone.localdate().year,
        listed=True,
        reason="列入年度计划",
        pack=get_pack("puyang-2020"),
    )
    district = Division.objects.get(code=HUALONG)
    for i in range(4):
        Expert.objects.create(
            name=f"专家{i}",
            employer=f"大学{i}",
            specialties=[Specialty.STRUCTURE],
            division=district,
        )
    today = timezone.localdate()
    earlier = (today - timedelta(days=30)).isoformat()
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "hualong")
    page.goto(f"{base}/registry/communities/{hualong_community.code}/")
    page.get_by_role("link", name="项目程序").click()
    _stage(page, "项目储备")

    expect(_closed(page, 2).first).to_contain_text("濮政办〔2020〕31号 三（一）1")
    _record(page, "training", earlier)
    _record(page, "publicity", earlier)
    _advance(page)
    _stage(page, "项目生成")

    expect(_closed(page, 1)).to_contain_text("征求业主意见")
    expect(_closed(page, 1)).to_contain_text("濮政办〔2020〕31号 三（一）3")
    _record(page, "consultation", earlier)
    _advance(page)
    _stage(page, "审批")
    _advance(page)
    _stage(page, "列入年度计划")

    _closed(page, 2)  # approvals, contractor
    expect(_form(page, "/particulars")).to_be_visible()  # the first part, the others hidden
    expect(_form(page, "/draw")).to_be_hidden()
    _part(page, "设计评审")
    draw = _form(page, "/draw")
    draw.locator("input[name=designer]").fill("市设计院")
    draw.locator("input[name=need_structure]").fill("2")
    draw.locator("button[type=submit]").click()
    expect(page.locator("[data-replays=yes]")).to_be_visible()
    for _reviewer in range(2):
        review = _form(page, "/reviews").first
        review.locator("select[name=verdict]").select_option("pass")
        review.locator("textarea[name=opinion]").fill("同意实施。")
        review.locator("input[name=reviewed_on]").fill(today.isoformat())
        review.locator("button[type=submit]").click()
        expect(page.locator(".flash.success")).to_contain_text("评审意见已登记")
    # the builder takes the commitment route (告知承诺制), which spares the drawing review
    _part(page, "项目信息")
    particulars = _form(page, "/particulars")
    particulars.locator("input[name=by_commitment]").check()
    particulars.locator("button[type=submit]").click()
    expect(page.locator(".flash.success")).to_contain_text("项目信息已保存")
    _part(page, "审批手续")
    expect(page.locator("[data-approval=drawing_review]")).to_contain_text("告知承诺制")
    approvals = _form(page, "/approvals")
    approvals.locator("select[name=step]").select_option("joint_review")
    approvals.locator("input[name=granted_on]").fill(earlier)
    approvals.locator("button[type=submit]").click()
    approvals = _form(page, "/approvals")
    approvals.locator("select[name=step]").select_option("construction_permit")
    approvals.locator("input[name=granted_on]").fill(earlier)
    approvals.locator("button[type=submit]").click()
    expect(page.locator("[data-approval=construction_permit]")).to_contain_text("✓")
    _part(page, "项目信息")
    particulars = _form(page, "/particulars")
    particulars.locator("input[name=contractor]").fill("恒达建设")
    particulars.locator("input[name=started_on]").fill(earlier)
    particulars.locator("button[type=submit]").click()
    expect(page.locator(".flash.success")).to_contain_text("项目信息已保存")
    _advance(page)
    _stage(page, "施工")

    _part(page, "施工进度")
    progress = _form(page, "/progress")
    progress.locator("input[name=on]").fill((today - timedelta(days=10)).isoformat())
    progress.locator("input[name=percent]").fill("60")
    progress.locator("input[name=spent_yuan]").fill("1500000")
    progress.locator("input[name=photo_1]").set_input_files(
        files=[{"name": "管网.png", "mimeType": "image/png", "buffer": _png()}]
    )
    progress.locator("input[name=caption_1]").fill("主干道管网开挖")
    progress.locator("button[type=submit]").click()
    expect(page.get_by_role("img", name="主干道管网开挖")).to_be_visible()

    _part(page, "检查与验收")
    inspection = _form(page, "/inspections")
    inspection.locator("select[name=kind]").select_option("quality")
    inspection.locator("input[name=on]").fill((today - timedelta(days=5)).isoformat())
    inspection.locator("input[name=by]").fill("区质监站")
    inspection.locator("textarea[name=defects]").fill("3号楼雨水管渗漏")
    inspection.locator("button[type=submit]").click()
    defect_gate = _closed(page, 4).filter(has_text="整改到位后方可验收")
    expect(defect_gate).to_contain_text("濮政办〔2020〕31号 三（三）")
    fix = page.locator("[data-defect] form")
    fix.locator("input[name=fixed_on]").fill(today.isoformat())
    fix.locator("button[type=submit]").click()
    _part(page, "项目信息")
    particulars = _form(page, "/particulars")
    particulars.locator("input[name=completed_on]").fill(today.isoformat())
    particulars.locator("select[name=management_model]").select_option("professional")
    particulars.locator("input[name=manager]").fill("安家物业")
    particulars.locator("button[type=submit]").click()
    _record(page, "handover_agreement", today.isoformat())
    _advance(page)
    _stage(page, "竣工验收")

    _part(page, "检查与验收")
    acceptance = _form(page, "/inspections")
    acceptance.locator("select[name=kind]").select_option("acceptance")
    acceptance.locator("input[name=on]").fill(today.isoformat())
    acceptance.locator("input[name=by]").fill("区住建局、民政局、城管局、供水公司")
    acceptance.locator("input[name=residents]").fill("王五、赵六")
    acceptance.locator("input[name=passed]").check()
    acceptance.locator("button[type=submit]").click()
    expect(page.locator("[data-inspection=acceptance]")).to_contain_text("75")
    _advance(page)
    _stage(page, "移交")
    _record(page, "handover_inspected", today.isoformat())
    _advance(page)
    _stage(page, "长效管理")
    _advance(page)
    _stage(page, "评价")

    assert Project.objects.get(community=hualong_community).stage == ProjectStage.EVALUATION
    _part(page, "时间线")
    expect(page.locator("#timeline table")).to_contain_text("长效管理 → 评价")
    _assert_local_only(requests_seen, base)
