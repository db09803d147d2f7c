from __future__ import annotations

from django_tasks import task

from anju.planning.services import scenario_solve


@task()
def solve_scenario(scenario_id: int) -> None:
    scenario_solve(scenario_id)
