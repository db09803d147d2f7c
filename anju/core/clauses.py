"""Clauses of the source documents, so that every rule Anju applies can cite where it comes from
and a citation to a clause that does not exist is caught.

The documents number their parts the same way: 一、 for sections, （一） for subsections and 1.
for items, with an optional 附件 (annex) of numbered items. A clause's text includes everything
beneath it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_NUMERALS = "一二三四五六七八九"
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
_SUBSECTION = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_ITEM = re.compile(r"^(\d+)[.．、]")
_ANNEX = re.compile(r"^附\s*件$")
_CITATION = re.compile(r"^(?P<document>[a-z0-9\-]+) §(?P<clause>[0-9a-z.()]+)$")


class UnknownCitation(ValueError):
    pass


class DuplicateSource(ValueError):
    def __init__(self, document: str, first: Path, second: Path) -> None:
        super().__init__(f"{document} is both {first} and {second}")
        self.document = document


def document_of(citation: str) -> str | None:
    """The document a citation such as ``puyang-2020 §2.(1)`` names; None if it names none."""
    parts = citation_parts(citation)
    return parts[0] if parts else None


def citation_parts(citation: str) -> tuple[str, str] | None:
    """(document, clause) of a citation such as ``puyang-2020 §2.(1)``; None if it is none."""
    match = _CITATION.match(citation.strip())
    return (match["document"], match["clause"]) if match else None


_CLAUSE = re.compile(r"^(?P<section>\d+|annex)(?:\.(?:\((?P<sub>\d+)\))?(?P<item>\d+)?)?$")


def clause_words(clause: str) -> str:
    """A clause named as its document numbers it: 5.(3) is 五（三）, 3.(2)3 is 三（二）3, 2.1 is
    二、1, annex.3 is 附件3 — what an official finds on the page, not Anju's identifier."""
    match = _CLAUSE.match(clause)
    if match is None:
        return clause
    section, sub, item = match["section"], match["sub"], match["item"]
    words = "附件" if section == "annex" else chinese_numeral(int(section))
    if sub:
        words += f"（{chinese_numeral(int(sub))}）"
    if item:
        words += item if sub or section == "annex" else f"、{item}"
    return words


def cited(citation: str, documents: Mapping[str, str]) -> str:
    """A citation as an official reads it: ``puyang-2020 §5.(3)`` becomes 濮政办〔2020〕31号
    五（三）, the document by the name ``documents`` gives it (its 文号) and the clause by its
    own numbering. A citation of another form (国办发〔2020〕23号, 参考做法) is already words."""
    parts = citation_parts(citation)
    if parts is None:
        return citation
    document, clause = parts
    return f"{documents.get(document, document)} {clause_words(clause)}"


def chinese_numeral(number: int) -> str:
    """1 … 99 as the documents number their sections: 一, 十, 十一, 二十, 二十一."""
    tens, ones = divmod(number, 10)
    if not 0 < number < 100:
        raise ValueError(number)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def chinese_number(text: str) -> int:
    """一 … 九十九, as the documents number their sections."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.index(text[1]) + 1
    if text.endswith("十"):
        return (_NUMERALS.index(text[0]) + 1) * 10
    if "十" in text:
        tens, ones = text.split("十")
        return (_NUMERALS.index(tens) + 1) * 10 + _NUMERALS.index(ones) + 1
    return _NUMERALS.index(text) + 1


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    text: str


def numbered_lines(text: str) -> list[tuple[str | None, str]]:
    """The document's lines, each with the clause it begins ("2", "2.(1)", "2.(1)3",
    "annex.5") or None: the numbering a citation names, read the way the document numbers."""
    found: list[tuple[str | None, str]] = []
    section: str | None = None
    subsection: str | None = None
    for raw in text.splitlines():
        line = raw.strip().strip("\u3000")
        begins: str | None = None
        if not line:
            pass
        elif _ANNEX.match(line):
            section, subsection = "annex", None
            begins = section
        elif match := _SECTION.match(line):
            section, subsection = str(chinese_number(match.group(1))), None
            begins = section
        elif section is not None and section != "annex" and (match := _SUBSECTION.match(line)):
            subsection = begins = f"{section}.({chinese_number(match.group(1))})"
        elif section is not None and (match := _ITEM.match(line)):
            begins = f"{subsection or section}{'' if subsection else '.'}{match.group(1)}"
        found.append((begins, line))
    return found


def parse_clauses(text: str) -> dict[str, Clause]:
    """Every numbered clause of a document by its identifier, with everything beneath it."""
    bodies: dict[str, list[str]] = {}
    open_clauses: list[str] = []
    for begins, line in numbered_lines(text):
        if not line:
            continue
        if begins is not None:
            depth = _depth(begins)
            open_clauses = [c for c in open_clauses if _depth(c) < depth] + [begins]
        for clause in open_clauses:
            bodies.setdefault(clause, []).append(line)
    return {clause: Clause(clause, "\n".join(lines)) for clause, lines in bodies.items()}


def _depth(clause: str) -> int:
    """A section 0 (二、, 附件), a subsection or a section's item 1, a subsection's item 2."""
    if "." not in clause:
        return 0
    return 2 if ")" in clause and not clause.endswith(")") else 1


@dataclass(frozen=True)
class Sources:
    """The source documents by identifier, each as its clauses."""

    documents: dict[str, dict[str, Clause]]

    @classmethod
    def load(cls, *folders: Path) -> Sources:
        """The documents of each folder (Anju's own, a deployment's); one identifier in two
        folders is refused, since a citation must name one text."""
        documents: dict[str, dict[str, Clause]] = {}
        where: dict[str, Path] = {}
        for folder in folders:
            for path in sorted(folder.glob("*.txt")):
                if path.stem in where:
                    raise DuplicateSource(path.stem, where[path.stem], path)
                where[path.stem] = path
                documents[path.stem] = parse_clauses(path.read_text(encoding="utf-8"))
        return cls(documents)

    def clause(self, citation: str) -> Clause:
        """The clause a citation such as ``puyang-2020 §2.(1)`` names; UnknownCitation if none."""
        match = _CITATION.match(citation.strip())
        if match is None:
            raise UnknownCitation(citation)
        clauses = self.documents.get(match["document"])
        if clauses is None or match["clause"] not in clauses:
            raise UnknownCitation(citation)
        return clauses[match["clause"]]

    def says(self, citation: str, quote: str) -> bool:
        """Whether the cited clause contains ``quote`` (punctuation widths aside)."""
        return contains(self.clause(citation).text, quote)


def contains(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text``, whatever the width of its punctuation or spacing."""
    return _plain(words) in _plain(text)


_WIDTH = str.maketrans("（），：；", "(),:;")


def _plain(text: str) -> str:
    return "".join(text.split()).translate(_WIDTH)
