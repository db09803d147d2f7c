"""The short load test: for twenty seconds, owners vote with their codes while officials browse a
demo city served by gunicorn as in production; no request fails, and every vote the server took
is in the database exactly once. The long run and its figures: bench/load_bench.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from anju.testing import DEMO_CITY, Deployment, demo_deployment
from bench.load.run import load


@pytest.fixture
def anju(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    with demo_deployment(tmp_path_factory.mktemp("bureau"), *DEMO_CITY) as deployment:
        yield deployment


def test_owners_vote_while_officials_browse_and_no_ballot_is_lost_or_doubled(
    anju: Deployment,
) -> None:
    result = load(anju, users=12, seconds=20, workers=2, officials=4)

    assert result.failures == []
    assert result.total.failures == 0
    assert result.total.requests > 100
    assert {p.name for p in result.pages} >= {"/v/ballot/ confirm", "supervision dashboard"}
    assert result.taken > 20
    assert result.lost == []
    assert result.doubled == []
    assert result.answered == result.spoken_for
