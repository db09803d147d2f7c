"""How much of a file Anju will read before it refuses it.

A spreadsheet is a zip of XML that says nothing true about its size until it is read: a 2 KB
sheet with one cell at A1 and one at XFD1048576 asks a reader for half a terabyte, a member of
1 MB can expand to gigabytes, an XML prolog can declare entities that expand without end. So
every file is measured against these bounds before and while it is read, and the first bound
it passes is named with where it was passed, what was found and what is allowed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

KB = 1024
MB = 1024 * KB
GB = 1024 * MB
EXCEL_ROWS = 1_048_576


class Bound(enum.StrEnum):
    SIZE = "size"  # the file's bytes
    MEMBERS = "members"  # files inside a zip
    EXPANDED = "expanded"  # the zip's bytes once decompressed, all members together
    RATIO = "ratio"  # how many times one member expands
    DTD = "dtd"  # a document type declaration, which can define entities
    ROWS = "rows"
    COLUMNS = "columns"
    CELLS = "cells"  # rows × columns of one sheet's rectangle
    MEMORY = "memory"  # what the reader may allocate
    TIME = "time"  # seconds the reader may take


@dataclass(frozen=True, slots=True)
class FileBounds:
    """The bounds of one kind of file. A ratio is only a danger in a large member: a small
    one that expands 200 times is still small."""

    max_bytes: int
    max_members: int = 10_000
    max_expanded: int = 1 * GB
    max_ratio: int = 100
    ratio_from: int = 1 * MB
    max_rows: int = EXCEL_ROWS
    max_columns: int = 256
    max_cells: int = 30_000_000
    seconds: float = 100
    memory: int = 4 * GB


@dataclass(frozen=True, slots=True)
class Exceeded:
    """A bound passed: which, where (a member, a sheet or a cell), what was found, the limit."""

    bound: Bound
    where: str
    found: float
    limit: float


@dataclass(frozen=True, slots=True)
class Member:
    """One file inside a zip as its central directory declares it."""

    name: str
    compressed: int
    expanded: int


def archive_exceeded(members: Iterable[Member], bounds: FileBounds) -> Exceeded | None:
    """The first bound a zip's declared members pass. The declarations may lie; the reader is
    also held to its memory and time, which do not."""
    expanded = 0
    for count, member in enumerate(members, start=1):
        if count > bounds.max_members:
            return Exceeded(Bound.MEMBERS, member.name, count, bounds.max_members)
        expanded += member.expanded
        if expanded > bounds.max_expanded:
            return Exceeded(Bound.EXPANDED, member.name, expanded, bounds.max_expanded)
        if member.expanded >= bounds.ratio_from and member.expanded > bounds.max_ratio * max(
            member.compressed, 1
        ):
            ratio = member.expanded // max(member.compressed, 1)
            return Exceeded(Bound.RATIO, member.name, ratio, bounds.max_ratio)
    return None


def extent_exceeded(sheet: str, rows: int, columns: int, bounds: FileBounds) -> Exceeded | None:
    """The first bound a sheet's rectangle (from A1 to its farthest cell) passes."""
    corner = f"{sheet}!{cell_name(rows - 1, columns - 1)}" if rows and columns else sheet
    if rows > bounds.max_rows:
        return Exceeded(Bound.ROWS, corner, rows, bounds.max_rows)
    if columns > bounds.max_columns:
        return Exceeded(Bound.COLUMNS, corner, columns, bounds.max_columns)
    if rows * columns > bounds.max_cells:
        return Exceeded(Bound.CELLS, corner, rows * columns, bounds.max_cells)
    return None


def declares_dtd(head: bytes) -> bool:
    """Whether an XML document's opening bytes declare a document type. Office files never
    do; a declaration is how entity expansion (the "billion laughs") begins. UTF-16 text is
    read by dropping its zero bytes."""
    text = head.replace(b"\x00", b"")
    return b"<!DOCTYPE" in text or b"<!ENTITY" in text


def column_letters(index: int) -> str:
    """A zero-based column index as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA."""
    if index < 0:
        raise ValueError(index)
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """The zero-based index of a column named by letters: A → 0, XFD → 16383."""
    if not letters or not letters.isascii() or not letters.isalpha():
        raise ValueError(letters)
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def cell_name(row: int, column: int) -> str:
    """A zero-based cell as a spreadsheet names it: (0, 0) → A1."""
    return f"{column_letters(column)}{row + 1}"
