"""A report as a Word document in the form government documents take (GB/T 9704—2012 党政机关
公文格式): A4 with its margins, the title in 2号 小标宋, headings in 3号 黑体 as the word
processor's own heading styles (so the navigation pane and a table of contents find them), the
text in 3号 仿宋 at 22 lines a page with two characters' indent, the page number as "— 1 —"
and the issuer with the day it was written closing the text. The fonts are the bureau's
(settings.DOCUMENT_FONTS); Word and WPS put their own in for one the reader lacks. Tables are
Word tables, charts the pictures the printed page drew."""

from __future__ import annotations

import io
from typing import IO, Any

from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from anju.supervision.report_document import ReportDocument, Table

SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)  # 2号, 3号, 4号
LINE = Pt(28.95)  # 22 lines in the 225 mm type area
TABLE_SIZE = Pt(12)  # 小四: a table of many columns in 3号 would not fit the page


def _font(style_or_run: Any, family: str, size: Pt, bold: bool = False) -> None:
    font = style_or_run.font
    font.name, font.size, font.bold = family, size, bold
    font.color.rgb = RGBColor(0, 0, 0)
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), family)


def _styles(document: Any) -> None:
    fonts = settings.DOCUMENT_FONTS
    styles = document.styles
    body = styles["Normal"]
    _font(body, fonts["body"], SIZE_3)
    body.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.paragraph_format.line_spacing = LINE
    body.paragraph_format.first_line_indent = SIZE_3 * 2
    body.paragraph_format.space_before = body.paragraph_format.space_after = Pt(0)
    title = styles["Title"]
    _font(title, fonts["title"], SIZE_2)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    title.paragraph_format.space_after = LINE
    _no_border(title)
    heading = styles["Heading 1"]
    _font(heading, fonts["heading"], SIZE_3)
    heading.paragraph_format.space_before = heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    heading.paragraph_format.line_spacing = LINE
    heading.paragraph_format.first_line_indent = SIZE_3 * 2
    table_text = styles.add_style("Anju Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = body
    _font(table_text, fonts["body"], TABLE_SIZE)
    table_text.paragraph_format.first_line_indent = Pt(0)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _no_border(style: Any) -> None:
    """Word's Title style draws a rule under the title; a government document has none."""
    properties = style.element.get_or_add_pPr()
    for border in properties.findall(qn("w:pBdr")):
        properties.remove(border)


def _page(document: Any) -> None:
    """A4, 天头 37 mm, 订口 28 mm, leaving the 156 × 225 mm type area; the page number below."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Pt(14)
    number = section.footer.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    for part in ("— ", None, " —"):
        run = number.add_run(part or "")
        _font(run, "SimSun", SIZE_4)
        if part is None:
            _page_field(run)


def _page_field(run: Any) -> None:
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)


def _row_property(row: Any, name: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(name))


def _cell(cell: Any, text: str) -> None:
    cell.text = text
    cell.paragraphs[0].style = "Anju Table Text"


def _table(document: Any, table: Table) -> None:
    """Its header row repeated on every page it runs over, and no row split between pages."""
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _cell(cell, text)
    _row_property(grid.rows[0], "w:tblHeader")
    for row in table.rows:
        added = grid.add_row()
        _row_property(added, "w:cantSplit")
        for cell, value in zip(added.cells, row, strict=True):
            _cell(cell, str(value))


def write_report_docx(
    target: IO[bytes] | str, report: ReportDocument, charts: dict[str, bytes]
) -> None:
    """``charts`` holds each chart's picture (PNG) by its key; a chart without one is left out."""
    document = Document()
    _styles(document)
    _page(document)
    document.add_paragraph(report.title, style="Title")
    for section in report.sections:
        document.add_paragraph(section.heading, style="Heading 1")
        for text in section.paragraphs:
            document.add_paragraph(text)
        if section.table is not None:
            _table(document, section.table)
        if section.chart is not None and section.chart.key in charts:
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.first_line_indent = Pt(0)
            picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            picture.add_run().add_picture(io.BytesIO(charts[section.chart.key]), width=Cm(15))
            caption = document.add_paragraph(section.chart.caption, style="Anju Table Text")
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()
    for text in (report.issuer, report.written):
        # 成文日期 右空四字: the signature ends four characters from the right margin
        closing = document.add_paragraph(text)
        closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        closing.paragraph_format.right_indent = SIZE_3 * 4
    document.save(target)
