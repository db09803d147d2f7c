"""The bounds an API number keeps: a row id the database's integers hold, a plan year within
the program's. Past them the API answers 422 naming the field, never a database error."""

from typing import Annotated

from ninja import Field

from anju.core.years import FIRST_BUILD_YEAR, FIRST_PLAN_YEAR, LAST_PLAN_YEAR

LARGEST_ID = 2**63 - 1  # PostgreSQL's bigint and SQLite's integer alike

RowId = Annotated[int, Field(ge=1, le=LARGEST_ID)]
PlanYear = Annotated[int, Field(ge=FIRST_PLAN_YEAR, le=LAST_PLAN_YEAR)]
BuildYear = Annotated[int, Field(ge=FIRST_BUILD_YEAR, le=LAST_PLAN_YEAR)]
