"""A hundred ballots for one dwelling at the same instant, each on its own database connection:
exactly one lands. Run on PostgreSQL, where writers truly race (SQLite serialises them)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from anju.participation.models import Channel, Elector, Response
from anju.participation.services import AlreadyAnswered, response_submit
from anju.participation.tests.conftest import MakePoll
from anju.registry.models import Building, Community, Dwelling, Owner
from anju.testing import SYSTEM

pytestmark = pytest.mark.django_db(transaction=True)

SUBMISSIONS = 100


def _race(targets: list[Elector]) -> Counter[str]:
    """Submit SUBMISSIONS ballots at once, alternating targets and choices."""
    barrier = threading.Barrier(SUBMISSIONS)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def cast(i: int) -> None:
        try:
            barrier.wait()
            response_submit(
                actor=SYSTEM,
                elector=targets[i % len(targets)],
                choice=("agree", "against", "abstain")[i % 3],
                channel=Channel.CODE,
            )
            outcome = "landed"
        except AlreadyAnswered:
            outcome = "refused"
        except Exception as failure:
            outcome = type(failure).__name__
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=cast, args=(i,)) for i in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers race only on PostgreSQL")


@pytest.mark.usefixtures("postgres_only")
def test_a_hundred_concurrent_ballots_for_one_dwelling_leave_exactly_one(
    make_poll: MakePoll,
) -> None:
    poll = make_poll()
    elector = poll.electors.order_by("pk").first()
    assert elector is not None
    outcomes = _race([elector])
    assert outcomes == Counter(landed=1, refused=SUBMISSIONS - 1)
    assert Response.objects.filter(elector=elector).count() == 1


@pytest.mark.usefixtures("postgres_only")
def test_concurrent_ballots_for_two_dwellings_of_one_owner_give_one_voice(
    make_poll: MakePoll, hualong_community: Community
) -> None:
    building = Building.objects.filter(community=hualong_community).order_by("id").first()
    two = list(Dwelling.objects.filter(building=building).order_by("pk")[:2])
    owner = Owner.objects.create(name="王建国")
    Dwelling.objects.filter(pk__in=[d.pk for d in two]).update(owner=owner)
    poll = make_poll()
    mine = list(poll.electors.filter(dwelling__in=two))
    outcomes = _race(mine)
    assert outcomes == Counter(landed=1, refused=SUBMISSIONS - 1)
    choices = list(Response.objects.filter(elector__in=mine).values_list("choice", flat=True))
    assert len(choices) == 2 and len(set(choices)) == 1
