"""A city's first pack, written from its document's text: the pack extends the national base,
lists the document's clauses as citations name them, and points at the sentences that look
like rules — for the official to read and take up, never taken up for them, since the words
of each sentence decide a rule's strength (重点 ranks, 范围 excludes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from anju.core.clauses import numbered_lines, parse_clauses

PACK_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
FIRST_WORDS = 28

# Sentences that often carry a rule, and what kind of rule each may be.
HINTS = (
    (
        re.compile(r"\d{4}年(?:底)?(?:以)?前(?:建成|竣工)|建成于\d{4}年(?:底)?(?:以)?前"),
        "a year of building: the scope (范围) or the focus (重点)?",
    ),
    (
        re.compile(r"三分之二|过半数|半数以上|\d+(?:\.\d+)?%以上"),
        "a share: of owners who must agree, or of money?",
    ),
    (
        re.compile(r"\d+(?:\.\d+)?万平方米|\d+个(?:老旧)?小区"),
        "a target: communities or floor area",
    ),
    (
        re.compile(r"不得|严禁|不纳入"),
        "a prohibition (不得, 严禁, 不纳入): an exclusion or a gate?",
    ),
)


class ScaffoldRefused(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Hint:
    citation: str
    words: str
    what: str


def hints(pack_id: str, text: str) -> list[Hint]:
    """Each numbered clause's sentences that look like a rule, once per clause and kind."""
    found: list[Hint] = []
    current: str | None = None
    for begins, line in numbered_lines(text):
        current = begins or current
        if current is None:
            continue
        for pattern, what in HINTS:
            match = pattern.search(line)
            citation = f"{pack_id} §{current}"
            if match and not any(h.citation == citation and h.what == what for h in found):
                found.append(Hint(citation, match.group(0), what))
    return found


def scaffold(
    *, pack_id: str, title: str, document: str, text: str, extends: str = "national-2020"
) -> str:
    """The pack's YAML: valid as it stands (it governs by the base until the city's own rules
    are added), with the document's clauses and hints as comments."""
    if not PACK_ID.match(pack_id):
        raise ScaffoldRefused(
            f"{pack_id!r} cannot name a pack: use lower-case letters, digits and hyphens, "
            "as zhengzhou-2022"
        )
    clauses = parse_clauses(text)
    if not clauses:
        raise ScaffoldRefused(
            "the document has no numbered clauses (一、 （一） 1.): a pack cites clauses, so "
            "give the document's text as published"
        )
    width = max(len(f"{pack_id} §{c}") for c in clauses) + 2
    listed = [
        f"#   {f'{pack_id} §{begins}':<{width}}{_first_words(line)}"
        for begins, line in numbered_lines(text)
        if begins is not None
    ]
    found = hints(pack_id, text)
    hinted = [f"#   {h.citation} says “{h.words}”: {h.what}" for h in found]
    built = [h.citation for h in found if h.what == HINTS[0][1]]
    example = built[0] if built else f"{pack_id} §{next(iter(clauses))}"
    lines = [
        f"# {title} — {document}",
        "#",
        f"# Made by `anju new-pack` from sources/{pack_id}.txt. It extends {extends}: until this",
        "# file gives a rule of the city's own, the city is governed by the base, each rule marked",
        "# on the pack's page as a national document or Anju's reference practice. Give a rule by",
        "# citing the clause that says it, with words the clause says; `anju check-pack` checks",
        "# both. For example:",
        "#",
        "# eligibility:",
        "#   scope:",
        "#     - built_before: 2001",
        "#       text: 2000年底前建成的老旧小区",
        f"#       cite: {example}",
        "#       quote: 2000年底前建成",
        "#",
        "# docs/policy-packs.md says what each section holds and how the words decide a rule's",
        "# strength (应、必须 a rule; 重点、优先 an order; 鼓励、可 an option).",
        f"id: {pack_id}",
        f"title: {_scalar(title)}",
        'version: "1"',
        f"document: {_scalar(document)}",
        f"sources: [{pack_id}]",
        f"extends: {extends}",
        "",
        "# The document's clauses, as citations name them:",
        *listed,
    ]
    if hinted:
        lines += [
            "#",
            "# Sentences that look like rules (read the clause before taking one up):",
            *hinted,
        ]
    return "\n".join(lines) + "\n"


def _first_words(line: str) -> str:
    return line if len(line) <= FIRST_WORDS else line[:FIRST_WORDS] + "…"


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as ``value``."""
    plain = value.strip()
    if not plain or re.search(r"[:#\[\]{}&*!|>'\"%@`,]|^[-?]", plain):
        return '"' + plain.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return plain
