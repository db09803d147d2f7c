"""Reading the CSV files a bureau keeps, every bad cell named with its file, row and column.

Files are read whole before anything is done with them, so that one error message lists every
problem and nothing is half-done; the callers raise ``CsvInputError`` with all of them.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from anju.core.file_bounds import MB
from anju.core.money import MAX_YUAN_DIGITS, NotAnAmount, fen_of
from anju.uploads import UploadRefused, bounded_bytes

T = TypeVar("T")
CSV_MAX_BYTES = 100 * MB  # a national candidate list or division table is a fifth of this
NOT_UTF8 = _lazy("{file}: is not UTF-8 text; save it from Excel as “CSV UTF-8”.")


class CsvInputError(ValueError):
    """Every problem found in the files, one line each, in the user's language."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass
class Row:
    """One CSV row, whose cells are read with the row and column named in any error."""

    path: Path
    number: int
    cells: dict[str, str]
    problems: list[str]

    def text(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def read(self, column: str, parse: Callable[[str], T], required: bool = True) -> T | None:
        value = self.text(column)
        if not value:
            if required:
                self.problems.append(
                    _("{file}, row {row}, column {column}: the value is missing.").format(
                        file=self.path.name, row=self.number, column=column
                    )
                )
            return None
        try:
            return parse(value)
        except InvalidOperation:
            reason = _("is not a number.")
        except ValueError as error:
            reason = str(error)
        self.problems.append(
            _("{file}, row {row}, column {column}: “{value}” {reason}").format(
                file=self.path.name, row=self.number, column=column, value=value, reason=reason
            )
        )
        return None


def yuan_to_fen(text: str) -> int:
    amount = Decimal(text.replace(",", ""))
    if not amount.is_finite() or amount < 0:
        raise ValueError(_("is not an amount of yuan of zero or more."))
    if amount and amount.adjusted() >= MAX_YUAN_DIGITS:
        raise ValueError(_("is more than any budget: a thousand trillion yuan or over."))
    try:
        return fen_of(amount)
    except NotAnAmount:
        raise ValueError(_("has more than two decimal places.")) from None


def area_value(text: str) -> Decimal:
    value = Decimal(text.replace(",", ""))
    if not value.is_finite() or value < 0:
        raise ValueError(_("is not a floor area of zero or more."))
    return value


def whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(_("is not a whole number.")) from None
    if value < 0:
        raise ValueError(_("is not a whole number of zero or more."))
    return value


def csv_text(path: Path) -> str:
    """A CSV file's text, refused by its size before any of it is read (UploadRefused) and
    by its encoding after."""
    data = bounded_bytes(path, CSV_MAX_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(NOT_UTF8.format(file=path.name)) from None


def rows(
    path: Path,
    needed: Sequence[str],
    problems: list[str],
    aliases: Mapping[str, str] | None = None,
) -> Iterator[Row]:
    """The file's rows by their columns; a header found in ``aliases`` (as people write it, in
    any width of brackets) stands for the column it names."""
    try:
        handle = io.StringIO(csv_text(path), newline="")
    except UploadRefused as refused:
        problems.append(refused.message)
        return
    with handle:
        try:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            if aliases:
                header = [aliases.get(unicodedata.normalize("NFKC", h), h) for h in header]
            reader.fieldnames = header
            missing = [c for c in needed if c not in header]
            if missing:
                problems.append(
                    _("{file}: the columns {columns} are missing.").format(
                        file=path.name, columns="、".join(missing)
                    )
                )
                return
            for cells in reader:
                yield Row(path, reader.line_num, cells, problems)
        except csv.Error as error:  # a field past the csv module's limit, a quote left open
            problems.append(
                _("{file}, row {row}: not a CSV line Anju can read ({reason}).").format(
                    file=path.name, row=reader.line_num + 1, reason=error
                )
            )
