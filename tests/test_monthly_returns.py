"""Reporting level by level without a shared network: a province's Anju, a deployment of its
own, registers the keys of two cities, receives their signed monthly returns and shows their
sum by city; it refuses a return altered after signing, and one received before."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from anju.core.monthly_report import Month, Tally
from anju.core.report_package import read, split
from anju.divisions.models import Division
from anju.policy.library import get_pack
from anju.projects.models import Project
from anju.projects.services.construction import project_update
from anju.projects.services.stages import projects_plan
from anju.registry.models import Community
from anju.supervision import signing
from anju.supervision.services.returns import return_send
from anju.testing import ANYANG, CITY, SYSTEM, anyang_return, deployment_at

pytestmark = [pytest.mark.django_db, pytest.mark.one_database]
SEPTEMBER = Month(2026, 9)


def _figures(values: dict[str, str]) -> Tally:
    return Tally({name: Decimal(value) for name, value in values.items()})


def test_a_province_sums_its_cities_returns_and_refuses_one_altered_or_sent_twice(
    city: object, tmp_path: Path
) -> None:
    # this deployment is Puyang's: two projects of its 2026 plan, one started in May
    pack = get_pack("national-2020")
    communities = list(Community.objects.order_by("code")[:2])
    projects_plan(
        actor=SYSTEM, communities=communities, year=2026, listed=True, reason="计划", pack=pack
    )
    project_update(
        actor=SYSTEM,
        project=Project.objects.get(community=communities[0]),
        contractor="恒达建设工程有限公司",
        started_on=dt.date(2026, 5, 6),
    )
    puyang = return_send(
        actor=SYSTEM, area=Division.objects.get(code=CITY), pack=pack, month=SEPTEMBER
    )
    puyang_whole = read(split(puyang).body).report.whole
    anyang, anyang_key, anyang_whole = anyang_return(SEPTEMBER)
    files = tmp_path / "carried"
    files.mkdir()
    (files / "puyang").write_bytes(puyang)
    (files / "anyang").write_bytes(anyang)
    altered = puyang.replace(b'"plan.projects":"2"', b'"plan.projects":"3"')
    assert altered != puyang
    (files / "altered").write_bytes(altered)

    with deployment_at(tmp_path / "province") as henan:
        henan.run("migrate", "--noinput", "--verbosity", "0")
        henan.run("load-divisions")
        unknown = henan.run("monthly-return", "receive", str(files / "puyang"), ok=False)
        assert unknown.returncode != 0 and signing.fingerprint(signing.public_key()) in (
            unknown.stderr
        )
        henan.run(
            "monthly-return",
            "trust",
            "--sender",
            f"{CITY}={signing.public_key()}",
            "--sender",
            f"{ANYANG}={anyang_key}",
        )
        received = henan.run(
            "monthly-return",
            "receive",
            *(str(files / name) for name in ("puyang", "anyang", "altered", "anyang")),
            ok=False,
        )
        assert received.returncode != 0
        assert received.stdout.count("已收到") == 2
        refusals = received.stderr.splitlines()
        assert any(r.startswith("altered:") and "签名" in r for r in refusals)
        assert any(r.startswith("anyang:") and "已收到过" in r for r in refusals)
        shown = json.loads(
            henan.run(
                "monthly-return", "figures", "--area", "410000000000", "--month", "2026-09"
            ).stdout
        )
    assert sorted(shown["received"]) == [ANYANG, CITY]
    assert _figures(shown["groups"][CITY]) == puyang_whole
    assert _figures(shown["groups"][ANYANG]) == anyang_whole
    assert _figures(shown["whole"]) == puyang_whole + anyang_whole
    assert _figures(shown["whole"])["plan.projects"] == 5
