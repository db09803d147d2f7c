"""A field in a table's cell is heard by its row and its column, however the table is made: a
formset's rows by their place, a form's own rows by theirs, a list's rows by their line."""

from __future__ import annotations

import re

from django import forms
from django.utils import translation

from anju.assessment.forms import ContentLineFormSet
from anju.web.forms import BareForm


class Payment(BareForm):
    paid = forms.DecimalField(label="金额（元）")
    note = forms.CharField(label="说明", widget=forms.HiddenInput)


def _names(html: str) -> list[str]:
    return re.findall(r'aria-label="([^"]*)"', html)


def test_a_formset_s_fields_are_named_by_their_row_and_column() -> None:
    with translation.override("zh-hans"):
        rows = forms.formset_factory(Payment, extra=2)(prefix="pay")
        assert [_names(str(form)) for form in rows] == [
            ["第1行：金额（元）"],
            ["第2行：金额（元）"],
        ]


def test_a_bare_field_outside_a_table_is_named_by_its_label_alone() -> None:
    assert _names(str(Payment())) == ["金额（元）"]


def test_a_content_line_s_fields_are_named_by_the_line() -> None:
    with translation.override("zh-hans"):
        lines = ContentLineFormSet(
            initial=[{"line": "water", "name": "供水设施维修改造", "unit_cost": 1}], prefix="line"
        )
        assert _names(str(lines[0])) == [
            "供水设施维修改造：纳入",
            "供水设施维修改造：数量",
            "供水设施维修改造：单价（元）",
        ]
