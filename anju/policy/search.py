"""The city's documents searched for words an official types: a document whose name holds
them, and each clause whose text does, with its place in the document to go to."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from anju.core.clauses import clause_words, numbered_lines
from anju.policy.library import clause_link, document_names, get_pack, source_text, sources

AROUND = 40  # characters of the clause shown on each side of the words found


@dataclass(frozen=True, slots=True)
class Passage:
    name: str
    clause: str
    text: str
    link: str


def passages(query: str, limit: int) -> list[Passage]:
    """Documents by name first, then clauses, the city's own documents (the default pack's)
    before the others; at most ``limit``."""
    wanted = query.strip().casefold()
    if not wanted:
        return []
    names = document_names()
    own = get_pack().model.sources
    documents = sorted(sources().documents, key=lambda d: (d not in own, d))
    found = [
        Passage(names.get(document, document), "", "", reverse("policy:source", args=[document]))
        for document in documents
        if wanted in names.get(document, document).casefold()
    ]
    for document in documents:
        clause = ""
        for begins, line in numbered_lines(source_text(document) or ""):
            clause = begins or clause
            at = line.casefold().find(wanted)
            if at < 0:
                continue
            if len(found) >= limit:
                return found
            found.append(
                Passage(
                    names.get(document, document),
                    clause_words(clause) if clause else "",
                    _excerpt(line, at, len(wanted)),
                    clause_link(document, clause)
                    if clause
                    else reverse("policy:source", args=[document]),
                )
            )
    return found[:limit]


def _excerpt(line: str, at: int, length: int) -> str:
    start, end = max(0, at - AROUND), at + length + AROUND
    return f"{'…' if start else ''}{line[start:end]}{'…' if end < len(line) else ''}"
