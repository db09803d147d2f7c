"""The monthly bulletin a bureau sends (通报, puyang-2020 §5.(3); wuhan-2021 §4.(3)): where the
program stands, the districts ranked by the month's assessment, the alerts by district and the
districts to be called in — every figure read from Anju, none typed in — as a Word document
that opens in Word and WPS."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from anju.core.alerts import Alert, AlertKind, Laggard, interview_list
from anju.core.policy_pack import Pack
from anju.divisions.models import Division
from anju.supervision.alerts import alerts_for
from anju.supervision.assessment import DistrictRow, assessment, month_end
from anju.supervision.ledger import LedgerTotals, ledger_projects, ledger_totals

FONT = "SimSun"  # 宋体, which Word and WPS have on every Chinese desktop


@dataclass(frozen=True, slots=True)
class Bulletin:
    year: int
    month: int
    issued_by: str
    totals: LedgerTotals
    ranking: list[DistrictRow]
    alerts: dict[str, Counter[AlertKind]]  # district name → kind → count
    laggards: list[tuple[str, Laggard]]


def bulletin_data(user: Any, pack: Pack, year: int, month: int, issued_by: str) -> Bulletin:
    found: list[Alert] = alerts_for(user, pack, month_end(year, month))
    names = dict(Division.objects.values_list("code", "name"))
    by_district: dict[str, Counter[AlertKind]] = {}
    for alert in found:
        by_district.setdefault(names.get(alert.district, alert.district), Counter())[
            alert.kind
        ] += 1
    return Bulletin(
        year,
        month,
        issued_by,
        ledger_totals(ledger_projects(user)),
        assessment(user, pack, year, month),
        dict(sorted(by_district.items())),
        [(names.get(lag.district, lag.district), lag) for lag in interview_list(found)],
    )


def _heading(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(14)


def _table(document: Any, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def write_bulletin_docx(
    target: IO[bytes] | str, bulletin: Bulletin, kind_names: dict[AlertKind, str]
) -> None:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(
        _("Bulletin on the renovation of old residential communities, {year}-{month:02d}").format(
            year=bulletin.year, month=bulletin.month
        )
    )
    run.bold = True
    run.font.size = Pt(18)
    issued = document.add_paragraph(
        _("{issuer}, {day}").format(
            issuer=bulletin.issued_by, day=month_end(bulletin.year, bulletin.month).isoformat()
        )
    )
    issued.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _heading(document, _("1. Where the program stands"))
    t = bulletin.totals
    document.add_paragraph(
        _(
            "{registered} projects are registered in the ledger; {building} have started "
            "building, {accepted} have passed completion acceptance and {closed} are closed."
        ).format(registered=t.registered, building=t.building, accepted=t.accepted, closed=t.closed)
    )

    _heading(document, _("2. The districts ranked by the month's assessment"))
    _table(
        document,
        [_("Rank"), _("District"), _("Score")],
        [
            [
                str(row.ranked.rank or "—"),
                row.district.name,
                "—" if row.ranked.score is None else f"{float(row.ranked.score):.2f}",
            ]
            for row in bulletin.ranking
        ],
    )

    _heading(document, _("3. Alerts by district"))
    kinds = list(AlertKind)
    if bulletin.alerts:
        _table(
            document,
            [_("District"), *(kind_names[k] for k in kinds)],
            [
                [name, *(str(counts.get(k, 0)) for k in kinds)]
                for name, counts in bulletin.alerts.items()
            ],
        )
    else:
        document.add_paragraph(_("No alert."))

    _heading(document, _("4. To be called in for an interview"))
    if bulletin.laggards:
        for name, laggard in bulletin.laggards:
            document.add_paragraph(
                _("{district}: {count} alerts ({kinds}).").format(
                    district=name,
                    count=laggard.alerts,
                    kinds="、".join(
                        f"{kind_names[k]} {n}" for k, n in sorted(laggard.by_kind.items())
                    ),
                )
            )
    else:
        document.add_paragraph(_("No district to call in."))
    document.save(target)
