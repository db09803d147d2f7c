"""A report as a Word document that opens in Word and WPS: 宋体 for the text, which every
Chinese desktop has, the tables as Word tables and the charts as the pictures the printed page
drew."""

from __future__ import annotations

import io
from typing import IO, Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from anju.supervision.report_document import ReportDocument, Table

FONT = "SimSun"  # 宋体


def _heading(document: Any, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.bold = True
    run.font.size = Pt(14)


def _row_property(row: Any, name: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(name))


def _table(document: Any, table: Table) -> None:
    """Its header row repeated on every page it runs over, and no row split between pages."""
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = text
    _row_property(grid.rows[0], "w:tblHeader")
    for row in table.rows:
        added = grid.add_row()
        _row_property(added, "w:cantSplit")
        for cell, value in zip(added.cells, row, strict=True):
            cell.text = str(value)
    document.add_paragraph()


def write_report_docx(
    target: IO[bytes] | str, report: ReportDocument, charts: dict[str, bytes]
) -> None:
    """``charts`` holds each chart's picture (PNG) by its key; a chart without one is left out."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title)
    run.bold = True
    run.font.size = Pt(18)
    document.add_paragraph(report.issued).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in report.sections:
        _heading(document, section.heading)
        for text in section.paragraphs:
            document.add_paragraph(text)
        if section.table is not None:
            _table(document, section.table)
        if section.chart is not None and section.chart.key in charts:
            document.add_picture(io.BytesIO(charts[section.chart.key]), width=Cm(15))
            caption = document.add_paragraph(section.chart.caption)
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(target)
