"""Workbooks Anju writes. Every one is made here, so that text a user typed (a name, an
address, a comment) is written as text and read back as typed: xlsxwriter would otherwise
write "=HYPERLINK(…)" as a live formula and "http://…" as a link into the file an auditor or
a bureau opens."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import xlsxwriter

TEXT_AS_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def new_workbook(target: str | Path | IO[bytes], **options: Any) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook whose strings are only ever strings."""
    return xlsxwriter.Workbook(target, {**options, **TEXT_AS_TEXT})
