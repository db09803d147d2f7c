"""Policy packs: each city's rules as a versioned, human-editable YAML file.

Every rule carries its citation (``puyang-2020 §2.(1)``) and the words it rests on; a pack is
refused, with the file's line named, when a field is unknown, a value is of the wrong kind or
out of place, or a citation points at a clause that does not exist or does not say the quoted
words. Packs are checked against the source documents when they are loaded, so a pack that
loads is a pack whose every rule can be traced to its clause.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from anju.core.clauses import Sources, UnknownCitation

FACTS = Literal["in_shantytown_plan", "mostly_self_built", "is_urban_village", "structure_safe"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(_Strict):
    """A rule's source: the clause, and the words there that the rule rests on."""

    cite: str
    quote: str


class ScopeWindow(Cited):
    """Communities built before ``built_before`` are in scope, in the plan years given (all if
    none are)."""

    built_before: int = Field(ge=1950, le=2100)
    years: tuple[int, ...] = ()
    text: str

    @field_validator("years")
    @classmethod
    def _plan_years(cls, years: tuple[int, ...], info: ValidationInfo) -> tuple[int, ...]:
        built_before = info.data.get("built_before", 0)
        for year in years:
            if not 2000 <= year <= 2100 or year < built_before:
                raise ValueError(
                    f"plan year {year} must lie between 2000 and 2100 and not before the"
                    f" window's built_before year {built_before}"
                )
        return years


class Exclusion(Cited):
    """A fact about a community that takes it out of the program when it has the given value."""

    fact: FACTS
    when: bool
    text: str


class Willingness(Cited):
    minimum_pct: float = Field(ge=0, le=100)
    text: str


class Eligibility(_Strict):
    scope: tuple[ScopeWindow, ...] = Field(min_length=1)
    opt_in: tuple[ScopeWindow, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    willingness: Willingness | None = None


class PackModel(_Strict):
    id: str = Field(pattern=r"^[a-z]+-\d{4}$")
    title: str
    version: str
    eligibility: Eligibility


class PackError(ValueError):
    """A pack that cannot be used, with every problem as (line, message)."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.path = path
        self.problems = sorted(problems)
        super().__init__("\n".join(f"{path}:{line}: {message}" for line, message in self.problems))


@dataclass(frozen=True)
class Pack:
    model: PackModel
    path: str

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def eligibility(self) -> Eligibility:
        return self.model.eligibility


def _plain(node: yaml.Node, lines: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> Any:
    """The node as plain data, noting the line of every value by its path in the document."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node))
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _plain(value_node, lines, (*path, key))
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, lines, (*path, i)) for i, item in enumerate(node.value)]
    return yaml.safe_load(yaml.serialize(node))


def _line(lines: Mapping[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int:
    """The line of the deepest part of ``loc`` that the file has."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _citations(model: PackModel) -> list[tuple[tuple[Any, ...], Cited]]:
    found: list[tuple[tuple[Any, ...], Cited]] = []
    rules = model.eligibility
    for name in ("scope", "opt_in", "exclusions"):
        for i, rule in enumerate(getattr(rules, name)):
            found.append((("eligibility", name, i), rule))
    if rules.willingness is not None:
        found.append((("eligibility", "willingness"), rules.willingness))
    return found


def parse_pack(text: str, path: str, sources: Sources) -> Pack:
    """Parse and check a pack's text; raise PackError naming the line of every problem."""
    lines: dict[tuple[Any, ...], int] = {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise PackError(
            path, [((mark.line + 1) if mark else 1, f"not valid YAML: {error}")]
        ) from None
    if node is None:
        raise PackError(path, [(1, "the file is empty")])
    data = _plain(node, lines, ())
    try:
        model = PackModel.model_validate(data)
    except ValidationError as error:
        located = [tuple(problem["loc"]) for problem in error.errors()]
        raise PackError(
            path,
            [
                (_line(lines, loc), f"{'.'.join(map(str, loc))}: {problem['msg']}")
                for loc, problem in zip(located, error.errors(), strict=True)
                # a container's complaint that follows from a bad item inside it says nothing new
                if not any(other[: len(loc)] == loc and other != loc for other in located)
            ],
        ) from None
    problems: list[tuple[int, str]] = []
    for loc, rule in _citations(model):
        try:
            found = sources.says(rule.cite, rule.quote)
        except UnknownCitation:
            problems.append((_line(lines, (*loc, "cite")), f"no such clause: {rule.cite}"))
            continue
        if not found:
            problems.append(
                (_line(lines, (*loc, "quote")), f"{rule.cite} does not say “{rule.quote}”")
            )
    if problems:
        raise PackError(path, problems)
    return Pack(model, path)


def load_pack(path: Path, sources: Sources) -> Pack:
    return parse_pack(path.read_text(encoding="utf-8"), path.name, sources)
