"""Files made to hurt a spreadsheet reader, each built here byte by byte, with the words its
refusal must contain. Anju meets every one as a careless or hostile official would send it."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Hostile:
    name: str
    content: bytes
    says: str  # what the refusal says, in Chinese


def xlsx(sheet_xml: bytes, *, sheet: str = "小区", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal workbook of one sheet whose XML is given whole."""
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship '
            f'Id="rId1" Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{OFFICE}">'
            f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship '
            f'Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": sheet_xml,
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _sheet(rows: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def far_corner() -> bytes:
    """Two cells, at A1 and XFD1048576: 2 KB that ask a reader for half a terabyte."""
    return xlsx(
        _sheet(
            f'<row r="1">{_cell("A1", "小区名称")}</row>'
            f'<row r="1048576">{_cell("XFD1048576", "x")}</row>'
        )
    )


def wide_sheet() -> bytes:
    """A real table with a stray cell 700 columns out: small enough to read, too wide to take."""
    return xlsx(
        _sheet(f'<row r="1">{_cell("A1", "小区名称")}</row><row r="2">{_cell("ZZ2", "x")}</row>')
    )


def zip_bomb() -> bytes:
    """A sheet of 64 MB of white space packed into some 60 KB."""
    return xlsx(_sheet(" " * (64 * 1024 * 1024)))


def entity_expansion() -> bytes:
    """The billion laughs: ten entities each ten times the one before."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return xlsx(
        _sheet(f'<row r="1">{_cell("A1", "&lol9;")}</row>', f"<!DOCTYPE worksheet [{entities}]>")
    )


def deep() -> bytes:
    """A sheet nested 100,000 elements deep."""
    return xlsx(_sheet("<x>" * 100_000 + "</x>" * 100_000))


def ods_repeated() -> bytes:
    """An OpenDocument sheet whose one cell is repeated over every row and column."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="小区">'
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    ).encode()
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        b'"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        b'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def truncated() -> bytes:
    whole = far_corner()
    return whole[: len(whole) // 2]


LONG_NAME = "台账" * 84 + ".xlsx"  # 173 characters, 509 bytes in UTF-8
ASCII_NAME = "l" * 250 + ".xlsx"  # 255 characters, the longest a file system takes


def corpus() -> list[Hostile]:
    """Every hostile file with what its refusal says."""
    return [
        Hostile("far-corner.xlsx", far_corner(), "XFD1048576"),
        Hostile("wide.xlsx", wide_sheet(), "702 列"),
        Hostile("bomb.xlsx", zip_bomb(), "xl/worksheets/sheet1.xml"),
        Hostile("laughs.xlsx", entity_expansion(), "声明了文档类型"),
        Hostile("deep.xlsx", deep(), "工作表为空"),
        Hostile("repeated.ods", ods_repeated(), "17,179,869,184"),
        Hostile("report.xlsx", pdf(), "文件内容与扩展名不符"),
        Hostile("cut.xlsx", truncated(), "无法作为工作簿读取"),
        Hostile("wide.csv", ",".join(["户数"] * 300).encode(), "300 列"),
        Hostile("utf16.csv", "小区名称\n".encode("utf-16"), "文件内容与扩展名不符"),
        Hostile("big5.csv", "小區名稱,戶數\n".encode("big5") + b"\xff\xfe\x80", "UTF-8 或 GB18030"),
        Hostile(ASCII_NAME, far_corner(), "XFD1048576"),
        Hostile(LONG_NAME, wide_sheet(), "702 列"),
    ]
