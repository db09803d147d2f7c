"""The audit log for auditors: searched by time, user, kind, action and object, and exported as
a workbook; an export is itself an entry."""

from __future__ import annotations

import io
import json
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.accounts.jurisdiction import may_read_the_log
from anju.audit.context import Actor
from anju.audit.models import AuditEntry, EntryKind
from anju.audit.services import audit_exported
from anju.auditing.selectors import entries
from anju.auditing.wording import ACTION_NAMES, entry_words
from anju.form_fields import DateField
from anju.web.paging import page_of
from anju.workbooks import new_workbook

EXPORT_LIMIT = 1_000_000  # an Excel sheet holds 1,048,576 rows


class LogFilter(forms.Form):
    since = DateField(label=gettext_lazy("From"), required=False)
    until = DateField(label=gettext_lazy("To"), required=False)
    who = forms.CharField(label=gettext_lazy("User"), required=False, max_length=150)
    kind = forms.ChoiceField(
        label=gettext_lazy("kind"),
        required=False,
        choices=[("", gettext_lazy("All")), *EntryKind.choices],
    )
    action = forms.ChoiceField(label=gettext_lazy("action"), required=False, choices=())
    object = forms.CharField(label=gettext_lazy("object"), required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        named = sorted(((key, str(name)) for key, name in ACTION_NAMES.items()), key=lambda c: c[1])
        self.fields["action"].choices = [("", gettext_lazy("All")), *named]  # type: ignore[attr-defined]


def _searched(request: HttpRequest) -> tuple[LogFilter, dict[str, object]]:
    if not may_read_the_log(request.user):
        raise PermissionDenied
    form = LogFilter(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


@login_required
def log(request: HttpRequest) -> HttpResponse:
    form, filters = _searched(request)
    page = page_of(request, entries(filters))
    rows = [(entry, entry_words(entry)) for entry in page]
    return render(request, "audit/log.html", {"form": form, "page": page, "rows": rows})


@login_required
def log_export(request: HttpRequest) -> HttpResponse:
    _form, filters = _searched(request)
    found = entries(filters)[:EXPORT_LIMIT]
    buffer = io.BytesIO()
    book = new_workbook(buffer, constant_memory=True, remove_timezone=True)
    sheet = book.add_worksheet(_("Audit log"))
    headers = [
        _("time"),
        _("kind"),
        _("acting user"),
        _("origin"),
        _("action"),
        _("object type"),
        _("object"),
        _("before"),
        _("after"),
        _("what was done"),
        _("changes"),
    ]
    sheet.write_row(0, 0, headers)
    kinds = dict(EntryKind.choices)
    for row, e in enumerate(found.iterator(chunk_size=5000), start=1):
        sheet.write_row(
            row,
            0,
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                str(kinds.get(e.kind, e.kind)),
                e.actor_label,
                e.origin,
                e.action,
                e.target,
                e.target_id,
                "" if e.before is None else _json(e.before),
                "" if e.after is None else _json(e.after),
                *_in_words(e),
            ],
        )
    book.close()
    audit_exported(actor=Actor.from_request(request), filters=filters)
    answer = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    answer["Content-Disposition"] = (
        f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    return answer


def _in_words(entry: AuditEntry) -> list[str]:
    words = entry_words(entry)
    lines = [
        f"{c.field}：{c.before} → {c.after}"
        if c.before and c.after
        else f"{c.field}：{c.before or c.after}"
        for c in words.changes
    ]
    return [words.action, "\n".join(lines)]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
