"""The tendering check as the command prints it and the web shows it: JSON for machines, a
line per kind of lot for people."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from anju.core.money import yuan_text
from anju.core.procurement import KindCheck, ProjectCheck
from anju.procurement.wording import KIND_LABELS


def checks_json(checks: list[ProjectCheck]) -> dict[str, Any]:
    return {
        "projects": [
            {
                "project_code": project.project,
                "kinds": [
                    {
                        "kind": kind.kind.value,
                        "total_yuan": yuan_text(kind.total),
                        "threshold_yuan": yuan_text(kind.line),
                        "must_tender": kind.must_tender,
                        "split": kind.split,
                        "lots_not_tendered": [lot.name for lot in kind.not_tendered],
                        "citation": kind.citation,
                    }
                    for kind in project.kinds
                ],
            }
            for project in checks
        ]
    }


def verdict(kind: KindCheck) -> str:
    """What the check found for one kind of lot, in a sentence."""
    if not kind.must_tender:
        return _("under the line; need not be tendered")
    if kind.split:
        found = _("must be tendered: the lots are each under the line but count together")
    else:
        found = _("must be tendered")
    if kind.not_tendered:
        found += _("; let without a tender: {lots}").format(
            lots="、".join(lot.name for lot in kind.not_tendered)
        )
    return found


def checks_text(checks: list[ProjectCheck]) -> list[str]:
    return [
        _("{project}\t{kind}\t{total} yuan (line {line} yuan)\t{verdict}\t{citation}").format(
            project=project.project,
            kind=KIND_LABELS[kind.kind],
            total=yuan_text(kind.total),
            line=yuan_text(kind.line),
            verdict=verdict(kind),
            citation=kind.citation,
        )
        for project in checks
        for kind in project.kinds
    ]
