"""Hostile spreadsheets, generated when a test asks (no binaries in the repository).

Each starts from a small valid workbook written by openpyxl and rewrites one part of
its zip: a shared string of 300 MB (a zip bomb of a few hundred KB), a sheet with many
rows (with an honest or a lying `<dimension>`), a macro part, broken XML, or no zip.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def valid(rows: Iterable[Iterable] = (("agb_code", "q1"), ("01234567", 1))) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(
    base: bytes,
    replace: dict[str, Callable[[zipfile.ZipFile, zipfile.ZipInfo], None]],
    add: dict[str, bytes] | None = None,
) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename in replace:
                replace[info.filename](dst, info)
            else:
                dst.writestr(info, src.read(info))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def zip_bomb(megabytes: int = 300) -> bytes:
    """One cell holding `megabytes` MB of text: a few hundred KB on disk."""

    def sheet(dst: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        chunk = b"A" * (1024 * 1024)
        with dst.open(SHEET, "w", force_zip64=True) as f:
            f.write(
                f'<worksheet xmlns="{NS}"><dimension ref="A1"/><sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>'.encode()
            )
            for _ in range(megabytes):
                f.write(chunk)
            f.write(b"</t></is></c></row></sheetData></worksheet>")

    return _rewrite(valid(), {SHEET: sheet})


def many_rows(n: int, *, declared: str | None = None, columns: int = 2) -> bytes:
    """A sheet of `n` rows; `declared` is the `<dimension ref>` it claims."""
    ref = declared or f"A1:B{n}"

    def sheet(dst: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        with dst.open(SHEET, "w", force_zip64=True) as f:
            f.write(
                f'<worksheet xmlns="{NS}"><dimension ref="{ref}"/><sheetData>'.encode()
            )
            first = "".join(
                f'<c r="{chr(65 + j)}1" t="inlineStr"><is><t>{h}</t></is></c>'
                for j, h in enumerate(["agb_code", "q1", "q2", "q3"][:columns])
            )
            f.write(f'<row r="1">{first}</row>'.encode())
            batch = []
            for i in range(2, n + 1):
                batch.append(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>')
                if len(batch) == 10_000:
                    f.write("".join(batch).encode())
                    batch = []
            f.write("".join(batch).encode())
            f.write(b"</sheetData></worksheet>")

    return _rewrite(valid(), {SHEET: sheet})


def xlsm() -> bytes:
    """A workbook with a macro part (saved as .xlsm by Excel)."""
    return _rewrite(valid(), {}, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})


def broken_xml() -> bytes:
    """The sheet's XML breaks off in the middle of a row."""

    def sheet(dst: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        dst.writestr(
            SHEET,
            f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            "<is><t>agb_code</t></is></c></row><row r='2'><c r=\"A2\"><v>1</v></c"
            "</sheetData>",
        )

    return _rewrite(valid(), {SHEET: sheet})


def not_a_zip() -> bytes:
    return b"agb_code;naam\n01234567;De Linde\n"
