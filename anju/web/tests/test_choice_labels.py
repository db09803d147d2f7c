"""Every coded field reads the label Django would give it, in either language, from the table
kept once per field (anju.web.choice_labels)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from anju.projects.models import Project
from anju.web.choice_labels import _DJANGOS, _label


def _coded_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and field.choices is not None
    ]


def test_every_coded_field_reads_the_label_django_would_in_either_language() -> None:
    kept = 0
    for model, field in _coded_fields():
        written = model.__dict__.get(f"get_{field.name}_display")
        kept += getattr(written, "func", None) is _label
        for value, _name in field.flatchoices:
            record = model()
            setattr(record, field.attname, value)
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    shown = getattr(record, f"get_{field.name}_display")()
                    assert shown == _DJANGOS(record, field), (model, field.name, value)
    assert kept, "no model reads its labels from the kept table"


def test_a_project_stage_label_is_translated_when_read_not_when_kept() -> None:
    project = Project(stage="construction")
    with translation.override("en"):
        english = project.get_stage_display()
    with translation.override("zh-hans"):
        chinese = project.get_stage_display()
    assert (english, chinese) == ("Construction", "施工")


@given(st.text(max_size=12))
def test_a_value_outside_the_choices_reads_as_itself(value: str) -> None:
    project = Project(stage=value)
    assert project.get_stage_display() == _DJANGOS(project, Project._meta.get_field("stage"))
