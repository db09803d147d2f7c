"""The bounds an API number keeps: a row id the database's integers hold, a plan year within
the program's, an amount of yuan to the fen. Past them the API answers 422 naming the field,
never a database error; and the OpenAPI document says so, so a client knows before it asks."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from ninja import Field
from pydantic import WithJsonSchema

from anju.core.years import FIRST_BUILD_YEAR, FIRST_DATE, FIRST_PLAN_YEAR, LAST_DATE, LAST_PLAN_YEAR

LARGEST_ID = 2**63 - 1  # PostgreSQL's bigint and SQLite's integer alike

RowId = Annotated[int, Field(ge=1, le=LARGEST_ID)]
PlanYear = Annotated[int, Field(ge=FIRST_PLAN_YEAR, le=LAST_PLAN_YEAR)]
BuildYear = Annotated[int, Field(ge=FIRST_BUILD_YEAR, le=LAST_PLAN_YEAR)]
# A day within the program's years; the schema says so, so a client knows before it asks.
ProgramDate = Annotated[
    date,
    Field(ge=FIRST_DATE, le=LAST_DATE),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": f"^({FIRST_PLAN_YEAR // 100}[0-9]{{2}}|{LAST_PLAN_YEAR})-",
            "description": f"a day from {FIRST_DATE} to {LAST_DATE}",
        }
    ),
]
# Yuan to the fen, as a number or as the decimal text money is best sent in.
Yuan = Annotated[
    Decimal,
    Field(ge=0, max_digits=14, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 999_999_999_999.99, "multipleOf": 0.01},
                {"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$"},
            ]
        }
    ),
]
