"""Widgets the pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class LongSelect(forms.Select):
    """A select of many options — the streets of a large district — written in one pass:
    Django renders every option through the template engine, which for a thousand options
    costs more than the rest of the page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, attrs)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), " selected" if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        extra = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),)
                for k, v in final.items()
                if v is not False and v is not None
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, extra, options)
