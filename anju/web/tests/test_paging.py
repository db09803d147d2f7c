"""Every long list pages alike: numbered pages with the far ones elided, the current one marked,
and a choice of page size kept in the address; a size not offered is the list's own."""

from __future__ import annotations

from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from anju.web.paging import page_of

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
