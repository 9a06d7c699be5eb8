"""Downloads of the training app: the attendee list (xlsx) and certificates (PDF)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook

from coalition.xlsx import escape_formula
from training.models import Registration


def safe_cell(value):
    """Text a spreadsheet would run as a formula is prefixed with a quote."""
    return escape_formula(value) if isinstance(value, str) else value


class TableXlsxExporter:
    """One sheet from a django-tables2 table: the same columns as on screen, minus the
    ones marked `exclude_from_export` (buttons), plus hidden ones such as notes."""

    def __init__(self, table: tables.Table, *, title: str):
        self.table = table
        self.title = title[:31]

    def rows(self) -> Iterator[list]:
        columns = [
            c for c in self.table.columns.iterall() if not c.column.exclude_from_export
        ]
        yield [str(c.header) for c in columns]
        for row in self.table.rows:
            out = []
            for c in columns:
                value = row.get_cell_value(c.name)
                if hasattr(value, "tzinfo") and value.tzinfo is not None:
                    value = timezone.localtime(value).replace(tzinfo=None)
                out.append(safe_cell("" if value is None else value))
            yield out

    def render(self) -> bytes:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(self.title)
        for row in self.rows():
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def certificate_pdf(registration: Registration, *, base_url: str) -> bytes:
    """A certificate of attendance, rendered by WeasyPrint from an HTML template."""
    from weasyprint import HTML

    session = registration.session
    html = render_to_string(
        "training/certificate.html",
        {
            "registration": registration,
            "session": session,
            "course": session.course,
            "coalition": session.course.coalition,
            "starts": timezone.localtime(session.starts_at),
            "ends": timezone.localtime(session.ends_at),
            "trainers": list(session.trainers.all()),
            "issued": timezone.localdate(),
        },
    )
    return HTML(string=html, base_url=base_url).write_pdf()
