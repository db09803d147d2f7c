"""A select of a district's thousand streets, written in one pass, still escapes every name and
marks the one chosen, as Django's own select does."""

from __future__ import annotations

from html.parser import HTMLParser

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from anju.web.widgets import LongSelect


def test_a_name_that_looks_like_markup_stays_text_and_the_chosen_is_selected() -> None:
    widget = LongSelect(choices=[("", "全部"), ("1", '<script>alert("x")</script>'), ("2&", "b")])
    html = widget.render("street", "2&", attrs={"id": "id_street"})
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<option value="2&amp;" selected>b</option>' in html
    assert html.count(" selected") == 1 and html.startswith('<select name="street" id="id_street">')


@given(
    st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=6), st.text(max_size=4)
)
def test_it_writes_what_django_s_select_writes(choices: list[tuple[str, str]], chosen: str) -> None:
    ours = LongSelect(choices=choices).render("s", chosen)
    theirs = forms.Select(choices=choices).render("s", chosen)
    assert _options(ours) == _options(theirs)


class _Options(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[list[object]] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "option":
            named = dict(attrs)
            self.found.append([named.get("value"), "selected" in named, ""])
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "option"

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found[-1][2] = str(self.found[-1][2]) + data


def _options(html: str) -> list[list[object]]:
    """Each option as a browser reads it: its value, whether it is chosen, its words."""
    parser = _Options()
    parser.feed(html)
    return parser.found
