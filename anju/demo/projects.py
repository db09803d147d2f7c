"""Demo projects walked by their gates, so the project page has something to show: one under
construction with its approvals, a progress report, an inspection whose defect is still open
and utilities' plans that would dig the same road twice; one just starting out. Every step
goes through the same services a clerk uses, so a gate the demo could not pass would stop it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from anju.audit.context import Actor
from anju.core.divisions import Level
from anju.core.policy_pack import Pack
from anju.core.procurement import Kind, Method
from anju.divisions.models import Division
from anju.experts.models import Expert, Specialty, Verdict
from anju.experts.services import expert_add, review_record, reviewers_draw
from anju.participation.models import NoticeSubject
from anju.participation.notices.services import notice_create, notice_post, sign_off_record
from anju.policy.library import get_pack
from anju.procurement.services import (
    lot_add,
    lot_change,
    monitor_appoint,
    observation_add,
    observation_answer,
)
from anju.projects.models import (
    InspectionKind,
    OwnerModel,
    Project,
    ProjectStage,
    Step,
    UtilityNetwork,
)
from anju.projects.services.approvals import JOINT_REVIEW, approval_grant
from anju.projects.services.construction import (
    inspection_record,
    progress_report_add,
    project_update,
)
from anju.projects.services.stages import project_advance, project_of, projects_plan, record_step
from anju.projects.services.utility_works import utility_work_add
from anju.registry.models import Community

SCAN = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


LIBRARY = (
    ("周明华", "郑州大学", [Specialty.STRUCTURE, Specialty.ARCHITECTURE]),
    ("陈立新", "省建筑设计研究院", [Specialty.STRUCTURE]),
    ("刘晓燕", "市城乡规划设计研究院", [Specialty.PLANNING, Specialty.LANDSCAPE]),
    ("王建军", "恒达建设工程有限公司", [Specialty.STRUCTURE]),
    ("赵红梅", "市政设计院", [Specialty.WATER, Specialty.GAS]),
    ("孙海涛", "省电力设计院", [Specialty.ELECTRICAL]),
    ("李文博", "濮阳职业技术学院", [Specialty.WATER, Specialty.HEATING]),
    ("张丽娟", "市消防救援支队", [Specialty.FIRE]),
    ("吴国强", "华信造价咨询公司", [Specialty.COST]),
    ("郭志远", "河南理工大学", [Specialty.STRUCTURE, Specialty.ELEVATOR]),
)


def _design_review(clerk: Actor, project: Project, *, designer: str, contractor: str) -> None:
    """The city's expert library, and a panel drawn from it that passes the design."""
    city = Division.objects.filter(level=Level.CITY).order_by("code").first()
    if city is None:
        return
    for name, employer, specialties in LIBRARY:
        expert_add(
            actor=clerk, division=city, name=name, employer=employer, specialties=specialties
        )
    draw = reviewers_draw(
        actor=clerk,
        project=project,
        needs={Specialty.STRUCTURE: 2, Specialty.WATER: 1},
        designer=designer,
        contractor=contractor,
    )
    verdicts = [Verdict.PASS, Verdict.PASS, Verdict.PASS_WITH_CHANGES]
    opinions = ["结构安全，同意实施。", "同意。", "雨污分流节点需细化后实施。"]
    for (_specialty, key), verdict, opinion in zip(draw.chosen, verdicts, opinions, strict=True):
        review_record(
            actor=clerk,
            draw=draw,
            expert=Expert.objects.get(pk=int(key)),
            verdict=verdict,
            opinion=opinion,
            reviewed_on=timezone.localdate(),
        )


# (lot, kind, method, estimate and price in yuan, winner, named lead); under every line, so let by
# government procurement and inquiry as the rule allows
LOTS = (
    (
        "施工",
        Kind.WORKS,
        Method.COMPETITIVE_CONSULTATION,
        3_280_000,
        3_196_500,
        "恒达建设工程有限公司",
        "马志刚",
    ),
    ("设计", Kind.SERVICES, Method.DIRECT, 180_000, 176_000, "市城乡规划设计研究院", "刘晓燕"),
    ("监理", Kind.SERVICES, Method.INQUIRY, 98_000, 95_200, "正信工程监理有限公司", "张卫东"),
)


def _procurement(clerk: Actor, project: Project, today: date) -> None:
    lots = []
    for n, (name, kind, method, estimate, price, winner, lead) in enumerate(LOTS):
        lot = lot_add(
            actor=clerk,
            project=project,
            name=name,
            kind=kind,
            estimate=estimate * 100,
            method=method,
        )
        lot_change(
            actor=clerk,
            lot=lot,
            changes={
                "announced_on": today - timedelta(days=85 - n),
                "opened_on": today - timedelta(days=70 - n),
                "awarded_on": today - timedelta(days=62 - n),
                "winner": winner,
                "price": price * 100,
                "named_lead": lead,
            },
            now=timezone.now() - timedelta(days=60 - n),  # told residents two days after
        )
        lots.append(lot)
    lot_add(actor=clerk, project=project, name="电梯设备", kind=Kind.GOODS, estimate=100_000_000)
    # a resident watches the works; the contractor answered one report, the other waits
    monitor, _code = monitor_appoint(actor=clerk, project=project, name="周建国", skill="退休电工")
    site = Actor(user=None, origin="demo", name=f"monitor:{monitor.pk}")
    answered = observation_add(
        actor=site, monitor=monitor, text="2号楼东侧开挖后未设围挡，夜间无警示灯"
    )
    observation_answer(
        actor=Actor(user=None, origin="demo", name=f"winner:{lots[0].pk}"),
        lot=lots[0],
        observation=answered,
        answer="当天已补设围挡和警示灯，安排专人夜间巡查",
    )
    observation_add(actor=site, monitor=monitor, text="5号楼单元门禁安装后门关不严")


def walked_to_approval(clerk: Actor, project: Project, pack: Pack, ready_on: date) -> Project:
    """Walked from the reserve to approval before ``ready_on``: training and publicity, the
    owners consulted, the plan posted and signed off (its funding plan is drawn already)."""
    for step, days in (
        (Step.TRAINING, 90),
        (Step.PUBLICITY, 80),
        (Step.CONSULTATION, 70),
        (Step.CONCEPT_PLAN, 65),
    ):
        record_step(
            actor=clerk, project=project, step=step, done_on=ready_on - timedelta(days=days)
        )
    project = project_advance(
        actor=clerk, project=project, to_stage=ProjectStage.GENERATION, pack=pack
    )
    community = project.community
    notice = notice_create(
        actor=clerk,
        community=community,
        subject=NoticeSubject.PLAN,
        title=f"{community.name}老旧小区改造方案公示",
        body="改造内容：供水、排水管网更新，道路修缮，加装电梯。",
        days=7,
    )
    posted = timezone.make_aware(datetime.combine(ready_on - timedelta(days=60), time(9)))
    notice = notice_post(actor=clerk, notice=notice, now=posted)
    sign_off_record(
        actor=clerk,
        notice=notice,
        signed_on=ready_on - timedelta(days=50),
        body="业主委员会",
        signatories=["周建国", "李秀英"],
        scan=SimpleUploadedFile("签字确认.pdf", SCAN, content_type="application/pdf"),
    )
    return project_advance(actor=clerk, project=project, to_stage=ProjectStage.APPROVAL, pack=pack)


def approved_on_commitment(
    clerk: Actor, project: Project, pack: Pack, joint_on: date, permit_on: date
) -> None:
    """The builder takes the commitment route (no structural work, so the drawing review is
    spared), the joint review grants the rest, and the construction permit follows."""
    project_update(actor=clerk, project=project, by_commitment=True)
    approval_grant(
        actor=clerk,
        project=project,
        pack=pack,
        step=JOINT_REVIEW,
        granted_on=joint_on,
        reference="区改造办联审〔演示〕",
    )
    approval_grant(
        actor=clerk,
        project=project,
        pack=pack,
        step="construction_permit",
        granted_on=permit_on,
        reference="施工许可〔演示〕",
    )


def demo_projects(actor: Actor, clerk: Actor | None) -> int:
    """Returns how many projects were walked; none without a clerk to sign for the owners'
    sign-off, or when the demo already has projects moving."""
    communities = list(Community.objects.order_by("code")[:2])
    if clerk is None or len(communities) < 2 or Project.objects.exclude(stage="reserve").exists():
        return 0
    pack = get_pack()
    today = timezone.localdate()
    starting, building = communities
    first = project_of(actor=clerk, community=starting)
    for step in (Step.TRAINING, Step.PUBLICITY):
        record_step(actor=clerk, project=first, step=step, done_on=today - timedelta(days=20))
    project_advance(
        actor=clerk,
        project=first,
        to_stage=ProjectStage.GENERATION,
        pack=pack,
        reason="培训、宣传完成",
    )
    # lifts to buy here and next door: goods a city may buy together (chongqing-2021 §5.(1))
    lot_add(actor=clerk, project=first, name="电梯设备", kind=Kind.GOODS, estimate=120_000_000)

    project = walked_to_approval(
        clerk, project_of(actor=clerk, community=building), pack, today - timedelta(days=60)
    )
    projects_plan(
        actor=clerk,
        communities=[building],
        year=today.year,
        listed=True,
        reason=f"列入{today.year}年度改造计划",
        pack=pack,
    )
    project.refresh_from_db()
    approved_on_commitment(
        clerk, project, pack, today - timedelta(days=60), today - timedelta(days=50)
    )
    _design_review(
        clerk, project, designer="市城乡规划设计研究院", contractor="恒达建设工程有限公司"
    )
    _procurement(clerk, project, today)
    project_update(
        actor=clerk,
        project=project,
        owner_model=OwnerModel.GOVERNMENT,
        builder="华龙区住房和城乡建设局",
        contractor="恒达建设工程有限公司",
        supervisor="正信工程监理有限公司",
        started_on=today - timedelta(days=40),
        due_on=today + timedelta(days=60),
    )
    project_advance(
        actor=clerk, project=project, to_stage=ProjectStage.CONSTRUCTION, pack=pack, reason="开工"
    )
    progress_report_add(
        actor=clerk,
        project=project,
        on=today - timedelta(days=7),
        percent=35,
        spent_yuan=Decimal("1250000.00"),
        note="供水管网完成过半，道路尚未开工",
    )
    inspection_record(
        actor=clerk,
        project=project,
        kind=InspectionKind.QUALITY,
        on=today - timedelta(days=14),
        by="区建设工程质量监督站",
        passed=False,
        defects=["2号楼单元门禁线路未穿管"],
    )
    for network, utility, ground, start, end in (
        (UtilityNetwork.WATER, "市自来水公司", ["主干道A段", "1号楼北侧"], 10, 40),
        (UtilityNetwork.GAS, "市燃气公司", ["主干道A段"], 75, 95),
        (UtilityNetwork.TELECOM, "通信公司", ["2号楼南侧"], 20, 30),
    ):
        utility_work_add(
            actor=clerk,
            community=building,
            network=network,
            utility=utility,
            ground=ground,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
        )
    return 2
