"""Indexes under a list's sorting header read newest first.

A header sorting newest first puts the rows without a date last (DESC NULLS LAST), and
PostgreSQL reads a page of that order off an index only if the index is built in it; an
ascending index read backwards gives the empty rows first. SQLite puts empty values last in a
descending order by itself, reads its ascending index backwards for it, and takes no NULLS LAST
in an index; so the index is PostgreSQL's alone, and lives in the migrations, not the models.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def newest_first_index(table: str, column: str, name: str) -> migrations.RunPython:
    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'CREATE INDEX "{name}" ON "{table}" ("{column}" DESC NULLS LAST, "id" DESC)'
            )

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)
