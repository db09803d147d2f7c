"""A record's label for a coded value (``get_stage_display()``) read from a table made once per
field.

Django makes that table again on every call and, to hash it, translates every label the field
has: on a ledger page of twenty rows a tenth of the page's writing went there. The table kept
here maps each value to its label untranslated, so the label is still translated into the
language of the request that reads it.
"""

from __future__ import annotations

from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_DJANGOS = models.Model.__dict__["_get_FIELD_display"]
_tables: dict[models.Field[Any, Any], dict[Any, Any]] = {}


def _label(record: models.Model, field: models.Field[Any, Any]) -> Any:
    table = _tables.get(field)
    if table is None:
        table = _tables[field] = dict(make_hashable(field.flatchoices))
    value = getattr(record, field.attname)
    return force_str(table.get(make_hashable(value), value), strings_only=True)


def keep_choice_tables() -> None:
    """Give every model's ``get_FOO_display`` the kept table, where Django wrote its own and
    the field's choices are fixed (choices a callable gives are read on every call still)."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.Field) or field.choices is None:
                continue
            if isinstance(field.choices, CallableChoiceIterator):
                continue
            name = f"get_{field.name}_display"
            written = model.__dict__.get(name)
            if isinstance(written, partialmethod) and written.func is _DJANGOS:
                setattr(model, name, partialmethod(_label, field=field))
