"""A project moves one stage at a time, and only through gates whose facts hold."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anju.core.lifecycle import Gate, MoveProblem, Requirement, next_stage, refusals
from anju.core.project_stages import ORDER, Stage

GATES = [
    Gate(Stage.GENERATION, Requirement.TRAINING, "组织培训", "puyang-2020 §3.(1)1"),
    Gate(Stage.APPROVAL, Requirement.PLAN_SIGNED_OFF, "业主签字确认", "puyang-2020 §3.(1)3"),
    Gate(
        Stage.HANDOVER,
        Requirement.MANAGEMENT_ARRANGED,
        "物业管理长效运营机制",
        "puyang-2020 §3.(3)",
    ),
    Gate(Stage.ACCEPTANCE, Requirement.HANDOVER_AGREEMENT, "物业移交协议", "puyang-2020 §3.(3)"),
]

stages = st.sampled_from(ORDER)
facts = st.dictionaries(st.sampled_from(list(Requirement)), st.booleans())


@given(stages, stages, facts)
def test_a_move_is_allowed_exactly_to_the_next_stage_with_every_gate_met(
    current: Stage, to: Stage, known: dict[Requirement, bool]
) -> None:
    found = refusals(current, to, known, GATES)
    if next_stage(current) != to:
        assert [r.problem for r in found] == [MoveProblem.NOT_NEXT]
        return
    unmet = [g for g in GATES if g.stage == to and not known.get(g.requirement, False)]
    assert [r.gate for r in found] == unmet


def test_every_unmet_gate_is_named_with_its_clause() -> None:
    found = refusals(
        Stage.ACCEPTANCE, Stage.HANDOVER, {Requirement.HANDOVER_AGREEMENT: True}, GATES
    )
    assert [(r.problem, r.gate.requirement, r.gate.cite) for r in found if r.gate] == [
        (MoveProblem.GATE, Requirement.MANAGEMENT_ARRANGED, "puyang-2020 §3.(3)")
    ]


def test_the_stages_follow_puyang_s_procedure_and_the_last_has_no_next() -> None:
    """项目生成、审批、实施、验收、移交, then 长效管理 and evaluation (puyang-2020 §3), from the
    reserve; written out here, not read from the order the code keeps."""
    procedure = [
        "reserve",
        "generation",
        "approval",
        "planned",
        "construction",
        "acceptance",
        "handover",
        "management",
        "evaluation",
    ]
    for stage, following in zip(procedure, [*procedure[1:], None], strict=True):
        assert next_stage(Stage(stage)) == following
