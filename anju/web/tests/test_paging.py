"""Every long list pages alike: numbered pages with the far ones elided, the current one marked,
and a choice of page size kept in the address; a size not offered is the list's own."""

from __future__ import annotations

from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from anju.web.paging import page_of, sorted_by

NAV = Template('{% include "web/_pages.html" %}')


def _nav(query: dict[str, str]) -> tuple[int, int, str]:
    request = RequestFactory().get("/list/", query)
    page = page_of(request, list(range(1000)))
    with translation.override("zh-hans"):
        html = NAV.render(RequestContext(request, {"page": page}))
    return page.number, page.paginator.per_page, html


def test_pages_are_numbered_with_the_far_ones_elided_and_the_current_marked() -> None:
    number, size, html = _nav({"page": "10", "per": "20", "q": "龙都"})
    assert (number, size) == (10, 20)
    assert '<span aria-current="page">10</span>' in html
    for near in (8, 9, 11, 12, 1, 50):
        assert f'href="?page={near}&amp;per=20&amp;q=%E9%BE%99%E9%83%BD"' in html
    assert html.count("…") == 2 and "page=30" not in html


def test_a_page_size_is_chosen_from_those_offered_and_starts_again_at_page_one() -> None:
    _number, size, html = _nav({"page": "3", "per": "100"})
    assert size == 100 and '<span aria-current="true">100</span>' in html
    assert "per=200" in html and "每页" in html
    link = html.split("per=20")[0].rsplit('href="', 1)[1]
    assert "page=" not in link
    assert _nav({"per": "100000"})[1] == 50
    assert _nav({"per": "-20"})[1] == 50


@given(
    st.lists(st.one_of(st.none(), st.integers(-50, 50))),
    st.sampled_from(["value", "-value", "", "-", "nonsense", "-nonsense"]),
)
def test_rows_sort_by_the_asked_key_either_way_with_unknown_figures_last(
    values: list[int | None], asked: str
) -> None:
    request = RequestFactory().get("/", {"sort": asked})
    rows = list(enumerate(values))
    keys = {"value": lambda row: row[1], "order": lambda row: row[0]}
    shown = sorted_by(request, rows, keys, "order")
    assert sorted(shown) == sorted(rows)
    known = [row[1] for row in shown if row[1] is not None]
    if asked in ("value", "-value"):
        assert known == sorted(known, reverse=asked == "-value")
        assert all(row[1] is None for row in shown[len(known) :])
    else:
        assert shown == rows  # the list's own order, whatever else was asked
