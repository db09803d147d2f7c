"""How the log names what changed, and the one step that saves a record and logs it."""

from __future__ import annotations

import pytest

from anju.audit.models import AuditEntry
from anju.audit.services import audit_record, saved_and_audited
from anju.core.ledger import LedgerBook
from anju.experts.models import Expert
from anju.projects.models import Project
from anju.registry.models import Community
from anju.testing import HUALONG, SYSTEM


@pytest.mark.django_db
def test_an_entry_names_a_record_by_the_key_officials_know_it_by(
    hualong_community: Community,
) -> None:
    project = Project.objects.create(community=hualong_community)
    expert = Expert.objects.create(name="周工", employer="设计院", division_id=HUALONG)

    named = [
        audit_record(actor=SYSTEM, action="a", target=project),
        audit_record(actor=SYSTEM, action="a", target=hualong_community),
        audit_record(actor=SYSTEM, action="a", target=expert),
        audit_record(actor=SYSTEM, action="a", target=Community),
        audit_record(actor=SYSTEM, action="a", target=project, target_id="own/key"),
        audit_record(actor=SYSTEM, action="a", target="backup", target_id="2026-12-05"),
    ]

    assert [(e.target, e.target_id) for e in named] == [
        ("projects.Project", hualong_community.code),
        ("registry.Community", hualong_community.code),
        ("experts.Expert", str(expert.pk)),
        ("registry.Community", ""),
        ("projects.Project", "own/key"),
        ("backup", "2026-12-05"),
    ]


@pytest.mark.django_db
def test_a_record_is_saved_with_its_entry_or_not_at_all(city: LedgerBook) -> None:
    expert = Expert.objects.create(name="周工", employer="设计院", division_id=HUALONG)

    expert.active = False
    saved_and_audited(
        expert, actor=SYSTEM, action="experts.active", after={"active": False}, fields=["active"]
    )
    expert.refresh_from_db()
    entry = AuditEntry.objects.get(action="experts.active")
    assert (expert.active, entry.target_id, entry.after) == (
        False,
        str(expert.pk),
        {"active": False},
    )

    expert.active = True
    with pytest.raises(TypeError):  # an entry the log cannot hold
        saved_and_audited(expert, actor=SYSTEM, action="experts.active", after={"x": object()})
    expert.refresh_from_db()
    assert expert.active is False
    assert AuditEntry.objects.filter(action="experts.active").count() == 1
