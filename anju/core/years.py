"""The years a renovation program can name: plans and the days things happen on from 2000,
when the national program's stock was drawn, to 2100; buildings from 1900. Every form,
filter, pack and API field bounds its years by these, so what one accepts the others do too."""

from datetime import date

FIRST_PLAN_YEAR = 2000
LAST_PLAN_YEAR = 2100
FIRST_BUILD_YEAR = 1900
FIRST_DATE = date(FIRST_PLAN_YEAR, 1, 1)
LAST_DATE = date(LAST_PLAN_YEAR, 12, 31)
