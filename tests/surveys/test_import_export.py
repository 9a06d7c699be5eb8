"""xlsx in and out: the round trip, each bad input (nothing written), the commands."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from surveys import services
from surveys.exports import ResponsesExporter
from surveys.models import Answer, Response, ResponseEvent
from tests.factories import PracticeFactory
from tests.surveys.factories import answer_all, open_standard, submitted

pytestmark = pytest.mark.django_db


def xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def required(yes="ja"):
    return [yes, yes, yes, yes]


HEAD = ["agb_code", "list_size", "offers_record_access", "offers_econsult",
        "offers_online_appointments", "offers_repeat_prescriptions"]  # fmt: skip


@pytest.fixture
def practices(coalition):
    return [
        PracticeFactory(coalition=coalition, agb_code=f"0110000{i}") for i in range(3)
    ]


def test_import_yes_no_words_empty_cells_and_marks_imported(
    questionnaire, practices, lead
):
    rows = [
        [*HEAD, "offers_app", "econsults_q4", "barriers"],
        ["01100000", 2500, "ja", "yes", "1", "true", "nee", 120, "'=geen"],
        [1100001, "3.000", "nee", "no", "0", "false", "TRUE", None, ""],
    ]
    dry = services.responses_import(
        questionnaire=questionnaire, file=xlsx(rows), commit=False, by=lead
    )
    assert dry.ok, dry.errors
    assert [r.n_answers for r in dry.rows] == [8, 6]
    assert not Response.objects.exists()
    report = services.responses_import(
        questionnaire=questionnaire, file=xlsx(rows), commit=True, by=lead
    )
    assert report.committed and report.created == 2
    first = Response.objects.get(practice=practices[0])
    assert (first.status, first.source) == ("submitted", "import")
    assert first.events.filter(kind=ResponseEvent.Kind.IMPORTED).exists()
    values = {
        a.question.code: a.value for a in first.answers.select_related("question")
    }
    assert values["offers_econsult"] is True and values["offers_app"] is False
    assert values["barriers"] == "=geen"  # the export's escape is undone
    second = {
        a.question.code: a.value
        for a in Response.objects.get(practice=practices[1]).answers.select_related(
            "question"
        )
    }
    assert second["list_size"] == 3000
    assert "offers_app" in second and "econsults_q4" not in second  # empty: no answer
    assert "barriers" not in second


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([[*HEAD, "bogus"], ["01100000", 100, *required(), 1]],
         (1, "bogus", "Onbekende vraagcode")),
        ([HEAD, ["09999999", 100, *required()]], (2, "agb_code", "Geen praktijk")),
        ([HEAD, ["01100000", 100, *required()], ["01100000", 200, *required()]],
         (3, "agb_code", "staat al in rij 3")),
        ([HEAD, ["01100000", "veel", *required()]], (2, "list_size", "geheel getal")),
        ([HEAD, ["01100000", 0, *required()]], (2, "list_size", "niet kleiner")),
        ([HEAD, ["01100000", 100, "misschien", "ja", "ja", "ja"]],
         (2, "offers_record_access", "ja of nee")),
        ([[*HEAD, "calls_answered_2min_pct"], ["01100000", 100, *required(), 130]],
         (2, "calls_answered_2min_pct", "tussen 0 en 100")),
        ([HEAD, ["01100000", None, *required()]], (2, "list_size", "verplicht")),
        ([["praktijk", "list_size"], ["01100000", 1]], (1, "A", "agb_code")),
        ([[*HEAD, "list_size"], ["01100000", 1, *required(), 1]],
         (1, "list_size", "twee keer")),
    ],
)  # fmt: skip
def test_bad_rows_are_reported_and_nothing_is_written(
    questionnaire, practices, rows, expected
):
    # one valid row first: all or nothing means it is not written either
    good = ["01100002", 500, *required()]
    rows = [rows[0], good, *rows[1:]] if rows[0][0] == "agb_code" else rows
    report = services.responses_import(
        questionnaire=questionnaire, file=xlsx(rows), commit=True
    )
    assert not report.ok and not report.committed
    row, column, message = expected
    if row > 1 and rows[0][0] == "agb_code":
        row += 1  # the valid row pushed it down
    assert any(
        e.row == row and e.column == column and message in e.message
        for e in report.errors
    ), report.errors
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_not_an_xlsx(questionnaire):
    report = services.responses_import(
        questionnaire=questionnaire, file=io.BytesIO(b"agb_code;list_size"), commit=True
    )
    assert [e.message for e in report.errors] == ["Dit is geen leesbaar xlsx-bestand."]


def test_import_does_not_overwrite_a_practice_submission(questionnaire, practices):
    submitted(questionnaire, practices[0], {"list_size": 1234})
    report = services.responses_import(
        questionnaire=questionnaire,
        file=xlsx([HEAD, ["01100000", 999, *required()]]),
        commit=True,
    )
    assert "zelf al ingestuurd" in report.errors[0].message
    assert Answer.objects.get(question__code="list_size").number == 1234


def test_submission_time_is_exported_in_amsterdam_time(coalition, practices):
    q = open_standard(coalition)
    r = submitted(q, practices[0], {"list_size": "2000"})
    # 22:30 UTC on 1 July is 00:30 on 2 July in Amsterdam (summer time).
    Response.objects.filter(pk=r.pk).update(
        submitted_at=dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)
    )
    wb = load_workbook(io.BytesIO(ResponsesExporter(q).render()), read_only=True)
    rows = list(wb["praktijken"].iter_rows(values_only=True))
    wb.close()
    row = next(r for r in rows[1:] if r[0] == practices[0].agb_code)
    assert row[-1] == dt.datetime(2026, 7, 2, 0, 30)  # noqa: DTZ001 - a cell is naive


def test_round_trip_export_import_export(coalition, practices):
    q = open_standard(coalition)
    submitted(
        q,
        practices[0],
        {"list_size": "12500", "portal_registered": "6750", "calls_per_week": "1033,5",
         "calls_answered_2min_pct": "86", "offers_app": "nee",
         "barriers": "=HYPERLINK(\"http://x\")", "support_needs": "+31 10 123"},
    )  # fmt: skip
    submitted(q, practices[1], {"list_size": "2000", "econsults_q4": "40"})
    services.response_start(questionnaire=q, practice=practices[2])  # invited only
    first = ResponsesExporter(q).render()
    wb = load_workbook(io.BytesIO(first), read_only=True)
    assert wb.sheetnames == ["antwoorden", "praktijken", "codeboek"]
    answers = list(wb["antwoorden"].iter_rows(values_only=True))
    assert answers[0][0] == "agb_code" and len(answers) == 3
    assert answers[0][1] == "status" and answers[1][1] == "ingestuurd"
    codes = answers[0][2:]
    row = dict(zip(codes, answers[1][2:], strict=True))
    assert row["barriers"].startswith("'=")  # formula injection escaped
    assert row["support_needs"] == "'+31 10 123"
    assert row["offers_app"] == "nee" and row["calls_per_week"] == 1033.5
    codebook = list(wb["codeboek"].iter_rows(values_only=True))
    assert [r[0] for r in codebook[1:]] == list(codes)
    wb.close()

    # into next year's copy: every answer arrives as it was
    copy = services.questionnaire_copy(source=q, year=2026)
    services.questionnaire_set_status(questionnaire=copy, status="open")
    report = services.responses_import(
        questionnaire=copy, file=io.BytesIO(first), commit=True
    )
    assert report.ok, report.errors

    def values(questionnaire):
        return {
            (a.response.practice.agb_code, a.question.code): a.value
            for a in Answer.objects.filter(
                response__questionnaire=questionnaire
            ).select_related("question", "response__practice")
        }

    assert values(copy) == values(q)
    assert values(copy)[("01100000", "calls_per_week")] == Decimal("1033.5")
    # and the same file again into the same questionnaire replaces, not duplicates
    again = services.responses_import(
        questionnaire=copy, file=io.BytesIO(first), commit=True
    )
    assert again.updated == 2 and values(copy) == values(q)
    second = load_workbook(io.BytesIO(ResponsesExporter(copy).render()), read_only=True)
    assert list(second["antwoorden"].iter_rows(values_only=True)) == answers


def test_import_command_exit_codes(coalition, practices, tmp_path, capsys):
    open_standard(coalition, year=2024)
    good = tmp_path / "goed.xlsx"
    good.write_bytes(xlsx([HEAD, ["01100000", 100, *required()]]).getvalue())
    bad = tmp_path / "fout.xlsx"
    bad.write_bytes(xlsx([HEAD, ["01100000", "x", *required()]]).getvalue())
    args = ["--coalition", coalition.slug, "--year", "2024"]
    call_command("import_responses", str(good), *args)
    assert "Niets opgeslagen" in capsys.readouterr().out
    assert not Response.objects.exists()
    with pytest.raises(SystemExit) as exc:
        call_command("import_responses", str(bad), *args, "--commit")
    assert exc.value.code == 1
    assert "rij 2, kolom list_size" in capsys.readouterr().err
    assert not Response.objects.exists()
    call_command("import_responses", str(good), *args, "--commit")
    assert Response.objects.get().source == "import"


def test_create_questionnaire_command(coalition):
    call_command("create_questionnaire", "--coalition", coalition.slug, "--year", "2024",
                 "--standard", "--opens", "2025-01-05", "--closes", "2025-02-28")  # fmt: skip
    call_command("create_questionnaire", "--coalition", coalition.slug, "--year", "2025",
                 "--quarter", "1", "--copy-from", "2024")  # fmt: skip
    from surveys.models import Questionnaire

    q1 = Questionnaire.objects.get(year=2025, quarter=1)
    assert q1.questions.count() == 27 and q1.period == "2025-K1"
    assert Questionnaire.objects.get(year=2024).opens == dt.date(2025, 1, 5)
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="al een vragenlijst"):
        call_command("create_questionnaire", "--coalition", coalition.slug,
                     "--year", "2024", "--standard")  # fmt: skip
    with pytest.raises(CommandError, match="Geen vragenlijst van 2019"):
        call_command("create_questionnaire", "--coalition", coalition.slug,
                     "--year", "2026", "--copy-from", "2019")  # fmt: skip


def test_import_page_previews_then_commits(questionnaire, practices, lead, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_for(lead)
    url = reverse("surveys:import", kwargs={"pk": questionnaire.pk})

    def upload(rows):
        data = xlsx(rows).getvalue()
        return client.post(url, {"file": SimpleUploadedFile("a.xlsx", data)})

    bad = upload([HEAD, ["01100000", "x", *required()]]).content.decode()
    assert "er is niets opgeslagen" in bad and "list_size" in bad
    page = upload([HEAD, ["01100000", 100, *required()]])
    assert "Het bestand is in orde: 1 praktijk" in page.content.decode()
    assert not Response.objects.exists()
    token = page.context["token"]
    assert client.post(url, {"confirm": "1", "token": "wrong"}).status_code == 302
    assert not Response.objects.exists()
    page = upload([HEAD, ["01100000", 100, *required()]])
    done = client.post(url, {"confirm": "1", "token": page.context["token"]})
    assert done.status_code == 302 and token != page.context["token"]
    assert Response.objects.get().source == "import"
    export = client.get(reverse("surveys:export", kwargs={"pk": questionnaire.pk}))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(export.content), read_only=True)
    assert list(wb["antwoorden"].iter_rows(values_only=True))[1][:3] == (
        "01100000",
        "ingestuurd",
        100,
    )


def test_percent_formatted_cells_and_percent_text(questionnaire, practices):
    """A cell formatted as 0% holds 0.54 for 54%; text '54%' and '54,0 %' mean 54."""
    wb = Workbook()
    ws = wb.active
    ws.append([*HEAD, "calls_answered_2min_pct", "calls_per_week"])
    ws.append(["01100000", 100, *required(), 0.54, 12])
    ws.append(["01100001", 100, *required(), "54%", 12])
    ws.append(["01100002", 100, *required(), "54,0 %", 0.5])
    ws["G2"].number_format = "0%"
    ws["G3"].number_format = "0%"  # a text cell keeps its text, whatever the format
    ws["H4"].number_format = "0%"  # a percent format on a question not in %: as is
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    report = services.responses_import(
        questionnaire=questionnaire, file=out, commit=True
    )
    assert report.ok, report.errors
    stored = {
        (a.response.practice.agb_code, a.question.code): a.number
        for a in Answer.objects.filter(
            question__code__in=["calls_answered_2min_pct", "calls_per_week"]
        ).select_related("question", "response__practice")
    }
    assert stored[("01100000", "calls_answered_2min_pct")] == Decimal("54")
    assert stored[("01100001", "calls_answered_2min_pct")] == Decimal("54")
    assert stored[("01100002", "calls_answered_2min_pct")] == Decimal("54")
    assert stored[("01100002", "calls_per_week")] == Decimal("0.5")


def test_round_trip_keeps_drafts_drafts_and_the_indicator(coalition, practices, lead):
    """The export holds unsent drafts; importing it again must not send them."""
    from surveys import indicators

    q = open_standard(coalition)
    # a paper round the lead typed in earlier: sent by import
    services.responses_import(
        questionnaire=q,
        file=xlsx([[*HEAD, "portal_registered"], ["01100000", 1000, *required(), 425]]),
        commit=True,
        by=lead,
    )
    draft = services.response_start(questionnaire=q, practice=practices[1])
    answer_all(
        draft,
        {
            "list_size": "1000",
            "portal_registered": "900",
            **dict(zip(HEAD[2:], required(), strict=True)),
        },
    )
    sent = Response.objects.submitted().filter(questionnaire=q)

    def registered():
        return indicators.compute(sent)["registered_pct"]

    before = registered()
    exported = ResponsesExporter(q).render()
    sheet = list(
        load_workbook(io.BytesIO(exported), read_only=True)["antwoorden"].iter_rows(
            values_only=True
        )
    )
    assert sheet[0][:2] == ("agb_code", "status")
    assert [r[1] for r in sheet[1:]] == ["ingestuurd", "concept"]

    dry = services.responses_import(
        questionnaire=q, file=io.BytesIO(exported), commit=False
    )
    assert dry.ok, dry.errors
    assert (dry.has_status, dry.n_drafts, dry.n_submitted) == (True, 1, 1)
    report = services.responses_import(
        questionnaire=q, file=io.BytesIO(exported), commit=True, by=lead
    )
    assert report.ok, report.errors
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT and draft.submitted_at is None
    assert registered() == before
    assert (
        Answer.objects.get(response=draft, question__code="portal_registered").number
        == 900
    )

    # only when the import says so explicitly is the draft sent
    chosen = services.responses_import(
        questionnaire=q, file=io.BytesIO(exported), commit=True, submit_drafts=True
    )
    assert chosen.committed and chosen.n_submitted == 2
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED and draft.source == "import"


def test_a_new_practice_in_a_concept_row_gets_a_draft(questionnaire, practices):
    rows = [["agb_code", "status", "list_size"], ["01100002", "concept", 700]]
    report = services.responses_import(
        questionnaire=questionnaire, file=xlsx(rows), commit=True
    )
    assert report.ok, report.errors
    response = Response.objects.get(practice=practices[2])
    assert response.status == Response.Status.DRAFT
    bad = services.responses_import(
        questionnaire=questionnaire,
        file=xlsx([["agb_code", "status", "list_size"], ["01100001", "misschien", 1]]),
        commit=False,
    )
    assert any(e.column == "status" and "concept" in e.message for e in bad.errors)


def test_import_page_says_what_happens_to_drafts(
    questionnaire, practices, lead, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_for(lead)
    url = reverse("surveys:import", kwargs={"pk": questionnaire.pk})

    def upload(rows, **extra):
        data = xlsx(rows).getvalue()
        return client.post(
            url, {"file": SimpleUploadedFile("a.xlsx", data), **extra}
        ).content.decode()

    with_status = [
        ["agb_code", "status", *HEAD[1:]],
        ["01100000", "ingestuurd", 100, *required()],
        ["01100001", "concept", 100, *required()],
    ]
    html = upload(with_status)
    assert "1 praktijk wordt ingestuurd." in html
    assert "1 concept blijft een concept." in html
    html = upload(with_status, submit_drafts="on")
    assert "2 praktijken worden ingestuurd." in html
    assert "u stuurt het nu in" in html
    page = client.post(
        url,
        {"file": SimpleUploadedFile("a.xlsx", xlsx(with_status).getvalue()),
         "submit_drafts": "on"},
    )  # fmt: skip
    client.post(url, {"confirm": "1", "token": page.context["token"]})
    assert Response.objects.submitted().count() == 2
    html = upload([HEAD, ["01100002", 100, *required()]])
    assert "geen statuskolom" in html and "uw eigen invoer" in html
