pytest_plugins = ["anju.testing"]

# The API's dates lie within the program's years (anju/api_fields.py): the OpenAPI document
# says so by a pattern on the year, which generators meet only by filtering, so schemathesis
# is given the days themselves.
import schemathesis  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from anju.core.years import FIRST_DATE, LAST_DATE  # noqa: E402

schemathesis.openapi.format("date", st.dates(FIRST_DATE, LAST_DATE).map(str))
