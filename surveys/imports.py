"""Import answers from a spreadsheet: first sheet, header `agb_code` then question codes,
one row per practice. Every row is checked first; only a file without errors is written,
in one transaction (all or nothing)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from coalition.validators import normalize_agb
from coalition.xlsx import read_text
from practices import selectors as practice_selectors
from surveys.models import Answer, Question, Questionnaire, Response, ResponseEvent

if TYPE_CHECKING:
    from coalition.models import User

AGB_HEADER = "agb_code"
STATUS_HEADER = "status"
# What the export writes in the status column, and what the import understands.
STATUS_SUBMITTED = "ingestuurd"
STATUS_DRAFT = "concept"
STATUS_WORDS = {
    STATUS_SUBMITTED: False,
    "submitted": False,
    STATUS_DRAFT: True,
    "draft": True,
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("rij %(row)s") % {"row": self.row}
        if self.column:
            where += ", " + _("kolom %(col)s") % {"col": self.column}
        return f"{where}: {self.message}"


@dataclass
class ParsedRow:
    row: int
    practice_id: int
    agb_code: str
    practice_name: str
    values: dict[int, object]  # question pk → value (None: empty cell)
    draft: bool = (
        False  # the status column says ‘concept’: the practice did not send it
    )

    @property
    def n_answers(self) -> int:
        return sum(v is not None for v in self.values.values())


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    committed: bool = False
    created: int = 0
    updated: int = 0
    has_status: bool = False  # the file says per row: sent (ingestuurd) or draft
    submit_drafts: bool = False  # the lead chose to send the drafts too

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def n_drafts(self) -> int:
        return sum(1 for row in self.rows if row.draft)

    @property
    def n_submitted(self) -> int:
        """Rows that this import turns into (or keeps as) sent responses."""
        return sum(1 for row in self.rows if self.submits(row))

    def submits(self, row: ParsedRow) -> bool:
        return not row.draft or self.submit_drafts


def _read(file, report: ImportReport):
    """Open the workbook after `coalition.uploads.check_xlsx` let it through (size, zip
    bomb, macros, broken XML, at most 10,000 practices); an unreadable file is one
    error with one message, never an exception."""
    from coalition import uploads

    max_rows = 10_000  # practices (rows below the header)
    name = str(file) if isinstance(file, str) else str(getattr(file, "name", "") or "")
    try:
        uploads.check_xlsx(file, max_rows=max_rows, name=name)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except uploads.UploadRefused as exc:
        report.errors.append(RowError(0, "", str(exc)))
        return None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.errors.append(RowError(0, "", uploads.unreadable_message()))
        return None
    return workbook


def responses_import(
    *,
    questionnaire: Questionnaire,
    file: BinaryIO | str,
    commit: bool,
    by: User | None = None,
    submit_drafts: bool = False,
) -> ImportReport:
    """Check (and with `commit`, write) the answers in the file. Nothing is written when
    any row has an error.

    A `status` column after `agb_code` (the export writes it) says per row whether the
    practice sent its answers; a ‘concept’ row stays a draft unless `submit_drafts`.
    A file without that column is the lead's own submission: every row is sent.
    """
    report = ImportReport(submit_drafts=submit_drafts)
    workbook = _read(file, report)
    if workbook is None:
        return report
    try:
        sheet = workbook.worksheets[0]
        rows = _cells(sheet)
        header = next(rows, None)
        questions = {q.code: q for q in questionnaire.questions.all()}
        report.has_status = (
            header is not None
            and len(header) > 1
            and str(header[1] or "").strip().lower() == STATUS_HEADER
        )
        columns = _header(header, questions, report)
        if columns is None:
            return report
        _parse_rows(rows, columns, questionnaire, questions, report)
    finally:
        workbook.close()
    if report.errors or not commit:
        return report
    _write(questionnaire, [questions[c] for c in report.columns], report, by)
    report.committed = True
    return report


@dataclass(frozen=True)
class PercentCell:
    """A number from a cell formatted as a percentage: 54% is stored as 0.54."""

    value: float | int


def _cells(sheet):
    """Each row's values; a percent-formatted number comes wrapped in PercentCell.

    Iterating cells (not `values_only`) keeps the number format in read-only mode.
    """
    for row in sheet.iter_rows():
        yield tuple(_cell_value(cell) for cell in row)


def _cell_value(cell):
    value = cell.value
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", None) or "")
    ):
        return PercentCell(value)
    return value


def _percent_cell(question: Question, cell: PercentCell):
    """On a question in percent, the cell's 0.54 means 54; elsewhere the raw number."""
    if question.is_percent:
        return Decimal(str(cell.value)) * 100
    return cell.value


def _header(header, questions: dict[str, Question], report: ImportReport):
    if not header or str(header[0] or "").strip().lower() != AGB_HEADER:
        report.errors.append(RowError(1, "A", _("De eerste kolom heet ‘agb_code’.")))
        return None
    cells = list(header[2 if report.has_status else 1 :])
    while cells and (cells[-1] is None or str(cells[-1]).strip() == ""):
        cells.pop()
    columns: list[str | None] = []
    seen: set[str] = set()
    for cell in cells:
        code = str(cell or "").strip()
        if not code:
            report.errors.append(RowError(1, "", _("Een kolom heeft geen kop.")))
            columns.append(None)
        elif code not in questions:
            report.errors.append(
                RowError(1, code, _("Onbekende vraagcode ‘%(code)s’.") % {"code": code})
            )
            columns.append(None)
        elif code in seen:
            report.errors.append(
                RowError(1, code, _("Deze vraagcode staat twee keer in de kop."))
            )
            columns.append(None)
        else:
            seen.add(code)
            columns.append(code)
    report.columns = [c for c in columns if c]
    return columns


def _parse_rows(rows, columns, questionnaire, questions, report: ImportReport) -> None:
    practices = practice_selectors.practices_by_agb(questionnaire.coalition_id)
    locked = set(
        Response.objects.filter(
            questionnaire=questionnaire,
            status=Response.Status.SUBMITTED,
            source=Response.Source.FORM,
        ).values_list("practice_id", flat=True)
    )
    by_pk = {q.pk: q for q in questions.values()}
    seen_rows: dict[str, int] = {}
    width = len(columns)
    for number, row in enumerate(rows, start=2):
        if row is None or all(c is None or str(c).strip() == "" for c in row):
            continue
        try:
            first = row[0]
            agb = normalize_agb(
                first.value if isinstance(first, PercentCell) else first
            )
        except ValidationError as exc:
            report.errors.append(RowError(number, AGB_HEADER, " ".join(exc.messages)))
            continue
        if agb not in practices:
            report.errors.append(
                RowError(
                    number,
                    AGB_HEADER,
                    _("Geen praktijk van deze coalitie met AGB-code %(agb)s.")
                    % {"agb": agb},
                )
            )
            continue
        if agb in seen_rows:
            report.errors.append(
                RowError(
                    number,
                    AGB_HEADER,
                    _("Deze praktijk staat al in rij %(row)s.")
                    % {"row": seen_rows[agb]},
                )
            )
            continue
        seen_rows[agb] = number
        practice_id, name = practices[agb]
        if practice_id in locked:
            report.errors.append(
                RowError(
                    number,
                    AGB_HEADER,
                    _(
                        "Deze praktijk heeft de vragenlijst zelf al ingestuurd; "
                        "heropen die eerst."
                    ),
                )
            )
            continue
        draft = False
        if report.has_status:
            word = str(row[1] if len(row) > 1 and row[1] is not None else "")
            word = word.strip().lower()
            if word not in STATUS_WORDS:
                report.errors.append(
                    RowError(
                        number,
                        STATUS_HEADER,
                        _("Vul ‘%(sent)s’ of ‘%(draft)s’ in.")
                        % {"sent": STATUS_SUBMITTED, "draft": STATUS_DRAFT},
                    )
                )
            draft = STATUS_WORDS.get(word, False)
        offset = 2 if report.has_status else 1
        values: dict[int, object] = {}
        cells = row[offset : width + offset]
        for code, cell in zip(columns, cells, strict=False):
            if code is None:
                continue
            question = questions[code]
            if isinstance(cell, PercentCell):
                cell = _percent_cell(question, cell)
            elif isinstance(cell, str):
                cell = read_text(cell)
            try:
                values[question.pk] = question.parse(cell)
            except ValidationError as exc:
                report.errors.append(RowError(number, code, " ".join(exc.messages)))
        from surveys.services import missing_required

        answers = {by_pk[pk].code: v for pk, v in values.items()}
        in_file = [questions[c] for c in report.columns]
        if not draft or report.submit_drafts:  # a draft may still miss answers
            for q in missing_required(in_file, answers):
                report.errors.append(
                    RowError(number, q.code, _("Deze vraag is verplicht."))
                )
        report.rows.append(ParsedRow(number, practice_id, agb, name, values, draft))
    if not report.rows and not report.errors:
        report.errors.append(RowError(2, "", _("Het bestand bevat geen rijen.")))


@transaction.atomic
def _write(
    questionnaire: Questionnaire,
    questions: list[Question],
    report: ImportReport,
    by: User | None,
) -> None:
    now = timezone.now()
    existing = {
        r.practice_id: r
        for r in Response.objects.select_for_update().filter(
            questionnaire=questionnaire,
            practice_id__in=[row.practice_id for row in report.rows],
        )
    }
    if Response.objects.filter(
        pk__in=[r.pk for r in existing.values()],
        status=Response.Status.SUBMITTED,
        source=Response.Source.FORM,
    ).exists():
        raise ValidationError(_("Een praktijk heeft intussen zelf ingestuurd."))
    sending = {row.practice_id for row in report.rows if report.submits(row)}
    Response.objects.filter(
        pk__in=[r.pk for pid, r in existing.items() if pid in sending]
    ).update(
        status=Response.Status.SUBMITTED,
        source=Response.Source.IMPORT,
        submitted_at=now,
        submitted_by=by,
        updated=now,
    )
    # A draft stays a draft: an import never sends what the practice did not send.
    Response.objects.filter(
        pk__in=[r.pk for pid, r in existing.items() if pid not in sending],
        status=Response.Status.INVITED,
    ).update(status=Response.Status.DRAFT, started_at=now, updated=now)
    Response.objects.bulk_create(
        (
            Response(
                questionnaire=questionnaire,
                practice_id=row.practice_id,
                status=Response.Status.SUBMITTED,
                source=Response.Source.IMPORT,
                started_at=now,
                submitted_at=now,
                submitted_by=by,
            )
            if row.practice_id in sending
            else Response(
                questionnaire=questionnaire,
                practice_id=row.practice_id,
                status=Response.Status.DRAFT,
                started_at=now,
            )
            for row in report.rows
            if row.practice_id not in existing
        ),
        batch_size=1000,
    )
    response_ids = dict(
        Response.objects.filter(
            questionnaire=questionnaire,
            practice_id__in=[row.practice_id for row in report.rows],
        ).values_list("practice_id", "pk")
    )
    report.created = len(report.rows) - len(existing)
    report.updated = len(existing)
    ids = list(response_ids.values())
    for start in range(0, len(ids), 500):
        Answer.objects.filter(
            response_id__in=ids[start : start + 500], question__in=questions
        ).delete()
    _insert_answers(report, response_ids, {q.pk: q.kind for q in questions}, now)
    ResponseEvent.objects.bulk_create(
        (
            ResponseEvent(
                response_id=rid, kind=ResponseEvent.Kind.IMPORTED, by=by, at=now
            )
            for rid in ids
        ),
        batch_size=1000,
    )


def _insert_answers(report: ImportReport, response_ids, kinds, now) -> None:
    """Many rows per INSERT statement: the ORM's bulk_create spends most of its time
    building SQL per object, which the 5,000 × 30 target cannot afford. The values go
    through the same field adapters the ORM uses, so both SQLite and PostgreSQL get
    what they expect."""
    table = Answer._meta.db_table
    field = Answer._meta.get_field
    ops = connection.ops
    empty_choices = field("choices").get_db_prep_save([], connection)
    updated = field("updated").get_db_prep_save(now, connection)
    columns = ["response_id", "question_id", "number", "boolean", "text", "date",
               "choices", "updated"]  # fmt: skip
    head = "INSERT INTO {} ({}) VALUES ".format(
        ops.quote_name(table), ", ".join(ops.quote_name(c) for c in columns)
    )
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    limit = connection.features.max_query_params or 8000
    per_statement = max(1, min(1000, limit // len(columns)))
    numeric = Question.NUMERIC

    def rows():
        for row in report.rows:
            rid = response_ids[row.practice_id]
            for qpk, value in row.values.items():
                if value is None:
                    continue
                kind = kinds[qpk]
                number = boolean = date = None
                text = ""
                choices = empty_choices
                if kind in numeric:
                    number = ops.adapt_decimalfield_value(value, 14, 4)
                elif kind == Question.Kind.YES_NO:
                    boolean = value
                elif kind == Question.Kind.DATE:
                    date = ops.adapt_datefield_value(value)
                elif kind == Question.Kind.MULTIPLE:
                    choices = field("choices").get_db_prep_save(list(value), connection)
                else:
                    text = value
                yield (rid, qpk, number, boolean, text, date, choices, updated)

    if connection.vendor == "postgresql":
        # COPY: no SQL text to build or parse for 150,000 rows.
        copy_sql = "COPY {} ({}) FROM STDIN".format(
            ops.quote_name(table), ", ".join(ops.quote_name(c) for c in columns)
        )
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for item in rows():
                copy.write_row(item)
        return

    def flush(cursor, batch: list[tuple]) -> None:
        sql = head + ", ".join([one] * len(batch))
        cursor.execute(sql, [v for item in batch for v in item])

    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for item in rows():
            batch.append(item)
            if len(batch) >= per_statement:
                flush(cursor, batch)
                batch = []
        if batch:
            flush(cursor, batch)
