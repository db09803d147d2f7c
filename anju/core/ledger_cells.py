"""How the ledger's cells are typed: one cell at a time, and a whole column at once.

A national ledger has five and a half million cells, and typing them one call at a time costs
as much as reading the file. So each column is first offered whole to ``typed_column``, which
types it in a few passes of the interpreter's own loops where its cells have the shape a clean
ledger gives them: text in a text column, numbers in a number column, a few distinct words in
a column of choices. Any other column, and any column with a bad cell, is typed cell by cell,
so that every problem is named with its row. Both ways give the same values; the whole-column
forms are property-tested against the cell parsers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import compress, repeat
from typing import Any

from anju.core.datum import DATUM_WORDS, Datum
from anju.core.divisions import InvalidDivisionCode, normalize_code
from anju.core.identity import InvalidIdNumber, is_masked, normalize_id_number
from anju.core.registry import NO_WORDS, YES_WORDS

EARLIEST_BUILD_YEAR = 1900


class CellRefused(Exception):
    """A cell that cannot be read as its column's value: ``code`` and ``params`` say why."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params


Parser = Callable[[Any], Any]


class Cells:
    """A cell parser that can also type a whole column of a common shape at once."""

    def __call__(self, value: Any) -> Any:
        raise NotImplementedError

    def column(self, values: list[Any]) -> list[Any] | None:
        """Filled cells, all of one type (text stripped), typed at once; None sends the column
        cell by cell."""
        return None


def as_text(value: Any) -> str:
    if value.__class__ is str:
        return str(value.strip())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


class Text(Cells):
    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def __call__(self, value: Any) -> str:
        result = as_text(value)
        if len(result) > self.max_length:
            raise CellRefused("too_long", max_length=self.max_length)
        return result

    def column(self, values: list[Any]) -> list[Any] | None:
        if values[0].__class__ is not str or max(map(len, values)) > self.max_length:
            return None
        return values


_CODE_CHARS = re.compile(r"^[0-9A-Za-z\-]+$")
_CODE_SET = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")


class _CommunityCode(Cells):
    def __call__(self, value: Any) -> str:
        result = as_text(value)
        if len(result) > 32 or not _CODE_CHARS.match(result):
            raise CellRefused("bad_community_code")
        return result

    def column(self, values: list[Any]) -> list[Any] | None:
        if values[0].__class__ is not str or max(map(len, values)) > 32:
            return None
        return values if _CODE_SET.issuperset("".join(values)) else None


community_code = _CommunityCode()


class Integer(Cells):
    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum, self.maximum = minimum, maximum

    def __call__(self, value: Any) -> int:
        if value.__class__ is float and value.is_integer():
            result = int(value)
        elif isinstance(value, bool):
            raise CellRefused("not_integer")
        elif isinstance(value, int):
            result = value
        else:
            raw = as_text(value)
            if not raw.lstrip("-").isdecimal():
                raise CellRefused("not_integer")
            result = int(raw)
        if not self.minimum <= result <= self.maximum:
            raise CellRefused("out_of_range", minimum=self.minimum, maximum=self.maximum)
        return result

    def column(self, values: list[Any]) -> list[Any] | None:
        if values[0].__class__ is float:
            if not all(map(float.is_integer, values)):
                return None
            values = list(map(int, values))
        elif values[0].__class__ is not int:
            return None
        if not self.minimum <= min(values) <= max(values) <= self.maximum:
            return None
        return values


class _FloorNumber(Integer):
    """Floors run from -5 (basements) to 200; there is no floor zero."""

    def __init__(self) -> None:
        super().__init__(-5, 200)

    def __call__(self, value: Any) -> int:
        result = super().__call__(value)
        if result == 0:
            raise CellRefused("floor_zero")
        return result

    def column(self, values: list[Any]) -> list[Any] | None:
        typed = super().column(values)
        return None if typed is None or 0 in typed else typed


floor_number = _FloorNumber()


class Number(Cells):
    def __init__(
        self, minimum: Decimal, maximum: Decimal, places: int = 2, *, percent: bool = False
    ) -> None:
        self.minimum, self.maximum, self.places, self.percent = minimum, maximum, places, percent
        self.low, self.high = float(minimum), float(maximum)

    def __call__(self, value: Any) -> Decimal:
        if value.__class__ is float:
            if round(value, self.places) != value:
                raise CellRefused("too_many_decimals", places=self.places)
            if not self.low <= value <= self.high:
                raise CellRefused("out_of_range", minimum=self.minimum, maximum=self.maximum)
            return Decimal(repr(value))
        if isinstance(value, bool):
            raise CellRefused("not_number")
        raw = as_text(value).replace(",", "")
        if self.percent and raw.endswith("%"):
            raw = raw[:-1].strip()
        try:
            result = Decimal(raw)
        except InvalidOperation:
            raise CellRefused("not_number") from None
        if not result.is_finite():
            raise CellRefused("not_number")
        exponent = result.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -self.places:
            raise CellRefused("too_many_decimals", places=self.places)
        if not self.minimum <= result <= self.maximum:
            raise CellRefused("out_of_range", minimum=self.minimum, maximum=self.maximum)
        return result

    def column(self, values: list[Any]) -> list[Any] | None:
        # a NaN is unequal to its rounding, so a column holding one goes cell by cell
        if (
            values[0].__class__ is not float
            or list(map(round, values, repeat(self.places))) != values
            or not self.low <= min(values) <= max(values) <= self.high
        ):
            return None
        return list(map(Decimal, map(repr, values)))


_YES_NO = {**dict.fromkeys(YES_WORDS, True), **dict.fromkeys(NO_WORDS, False)}


class _YesNo(Cells):
    def __call__(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        answer = _YES_NO.get(value) if value.__class__ is str else None
        if answer is None:
            answer = _YES_NO.get(as_text(value).upper())
        if answer is None:
            raise CellRefused("not_yes_no")
        return answer

    def column(self, values: list[Any]) -> list[Any] | None:
        return _looked_up(_YES_NO, values)


yes_no = _YesNo()


class Choice(Cells):
    def __init__(self, words: Mapping[str, Any]) -> None:
        self.words = words
        self.allowed = "、".join(words)

    def __call__(self, value: Any) -> Any:
        found = self.words.get(as_text(value))
        if found is None:
            raise CellRefused("not_choice", choices=self.allowed)
        return found

    def column(self, values: list[Any]) -> list[Any] | None:
        return _looked_up(self.words, values)


def _looked_up(words: Mapping[str, Any], values: list[Any]) -> list[Any] | None:
    if values[0].__class__ is not str:
        return None
    typed = list(map(words.get, values))
    return None if None in typed else typed


def datum(value: Any) -> Datum:
    """The datum a row's coordinates are in, however it is written (GCJ-02, gcj02, 高德…)."""
    text = as_text(value).casefold().replace(" ", "").replace("-", "").replace("_", "")
    found = DATUM_WORDS.get(text)
    if found is None:
        raise CellRefused("not_choice", choices="CGCS2000、WGS-84、GCJ-02")
    return found


def division_code(value: Any) -> str:
    try:
        return normalize_code(as_text(value))
    except InvalidDivisionCode:
        raise CellRefused("bad_division_code") from None


# 1991, 1991年, 1991年5月, 1991.05, 1991-05-20: bureaus write the year a community was built
# with or without its month and day; the year is what eligibility reads
_MONTH, _DAY = r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR_WRITTEN = re.compile(
    rf"^(?P<year>\d{{4}})(?:年(?:{_MONTH}月(?:{_DAY}日)?)?|[.\-/]{_MONTH}(?:[.\-/]{_DAY})?)?$"
)


def build_year(value: Any) -> int:
    """The year a community was built, however the ledger writes it. A decade (90年代) or a
    range is not a year: it is refused rather than guessed, since the year decides eligibility."""
    if isinstance(value, date):
        value = value.year
    elif value.__class__ is float and not value.is_integer() and 1000 <= value < 10000:
        value = int(value)  # 1991.05 typed as a number: year and month
    elif isinstance(value, str):
        match = _YEAR_WRITTEN.match(value.strip().replace(" ", ""))
        if match is None and not value.strip().lstrip("-").isdecimal():
            raise CellRefused("not_year")
        value = match.group("year") if match else value
    result: int = Integer(EARLIEST_BUILD_YEAR, date.today().year)(value)
    return result


def id_number(value: Any) -> str:
    raw = as_text(value)
    if is_masked(raw):
        return raw
    try:
        return normalize_id_number(raw)
    except InvalidIdNumber as error:
        raise CellRefused("bad_id_number", reason=error.code) from None


# a column with no more than this share of distinct values is typed once per value
FEW_DISTINCT = 0.5


def typed_column(parse: Parser, required: bool, values: Sequence[Any]) -> list[Any] | None:
    """A column's cells typed as the cell parser types them, blanks as None; or None where a
    cell is bad or the column is of no shape typed at once, for the caller to type it cell by
    cell and name every problem."""
    if not values:
        return []
    cells: list[Any]
    kinds = set(map(type, values))
    if kinds == {str}:
        cells = list(map(str.strip, values))
        if "" not in cells:
            return _filled(parse, cells)
        present = list(map(bool, cells))
    elif len(kinds) == 1 and str not in kinds and None.__class__ not in kinds:
        return _filled(parse, list(values))
    else:  # numbers, or dates, with empty cells among them
        kinds -= {str, None.__class__}
        kind = kinds.pop() if len(kinds) == 1 else None
        cells = list(values)
        present = [value.__class__ is kind for value in cells]
        if kind is None or present.count(True) + cells.count("") + cells.count(None) < len(cells):
            return None
    if required:
        return None
    typed = _filled(parse, list(compress(cells, present))) if any(present) else []
    if typed is None:
        return None
    given = iter(typed)
    return [next(given) if there else None for there in present]


def _filled(parse: Parser, values: list[Any]) -> list[Any] | None:
    """Filled cells of one type typed at once: by the parser's own column form, else once per
    distinct value where there are few. Equal values are then equal cells (as 1 == 1.0 == True
    would not be), but for 0.0 and -0.0, kept apart."""
    if isinstance(parse, Cells):
        typed = parse.column(values)
        if typed is not None:
            return typed
    distinct = set(values)
    if len(distinct) > len(values) * FEW_DISTINCT or (
        values[0].__class__ is float and 0.0 in distinct
    ):
        return None
    try:
        each = {value: parse(value) for value in distinct}
    except CellRefused:
        return None
    return list(map(each.__getitem__, values))
