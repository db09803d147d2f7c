"""The years a renovation program can name: plans from 2000, when the national program's stock
was drawn, to 2100; buildings from 1900. Every form, filter, pack and API field bounds its years
by these, so what one accepts the others do too."""

FIRST_PLAN_YEAR = 2000
LAST_PLAN_YEAR = 2100
FIRST_BUILD_YEAR = 1900
