"""Widgets the pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class LongSelect(forms.Select):
    """A select of many options — the streets of a large district — written in one pass:
    Django renders every option through the template engine, which for a thousand options
    costs more than the rest of the page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen: str | None = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, attrs)
        # escape() and a join, not format_html per option, which costs four times as much;
        # the first option of the value chosen is the one selected, as in Django's select
        written = []
        for key, label in self.choices:
            selected = chosen is not None and str(key) == chosen
            chosen = None if selected else chosen
            written.append(
                f'<option value="{escape(key)}"{" selected" if selected else ""}>'
                f"{escape(label)}</option>"
            )
        options = "".join(written)
        extra = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),)
                for k, v in final.items()
                if v is not False and v is not None
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, extra, mark_safe(options))
