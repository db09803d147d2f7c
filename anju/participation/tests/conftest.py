from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from anju.participation.models import Poll, PollKind
from anju.participation.services import poll_create, poll_publish
from anju.registry.models import Building, Community
from anju.testing import SYSTEM

MakePoll = Callable[..., Poll]


@pytest.fixture
def make_poll(hualong_community: Community) -> MakePoll:
    """A published poll on the first building of a Hualong community, open now for a week."""

    def make(
        kind: PollKind = PollKind.VOTE,
        *,
        matter: str = "renovate",
        publish: bool = True,
        **terms: object,
    ) -> Poll:
        now = timezone.now()
        building = Building.objects.filter(community=hualong_community).order_by("id").first()
        values: dict[str, object] = {
            "community": hualong_community,
            "kind": kind,
            "title": "改造意见",
            "opens_at": now - timedelta(hours=1),
            "closes_at": now + timedelta(days=7),
            "matter": matter if kind == PollKind.VOTE else "",
            "building": building,
        }
        values.update(terms)
        poll = poll_create(actor=SYSTEM, **values)  # type: ignore[arg-type]
        return (
            poll_publish(actor=SYSTEM, poll=poll, now=now - timedelta(hours=2)) if publish else poll
        )

    return make
