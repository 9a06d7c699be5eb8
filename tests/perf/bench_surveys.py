"""Importing the answers of 5,000 practices × 30 questions within 20 s."""

from __future__ import annotations

import io
import random

from openpyxl import Workbook

from tests.perf.bench import Result, Timer

N_PRACTICES = 5000
TARGET = 20.0


def _setup():
    from coalition.models import Coalition, MemberOrganisation
    from practices.models import Practice
    from surveys import services
    from surveys.models import Question

    coalition = Coalition.objects.create(name="Bench", slug="bench-surveys", region="x")
    member = MemberOrganisation.objects.create(
        coalition=coalition, name="Bench-lid", kind="zorggroep"
    )
    Practice.objects.bulk_create(
        Practice(
            agb_code=f"09{i:06d}",
            name=f"Praktijk {i}",
            coalition=coalition,
            member_organisation=member,
            list_size=2000 + i % 5000,
        )
        for i in range(N_PRACTICES)
    )
    q = services.questionnaire_create_standard(coalition=coalition, year=2025)
    section = q.sections.last()
    for i in range(4):  # the standard has 26 questions; 30 makes the target's width
        services.question_save(
            question=Question(
                questionnaire=q,
                section=section,
                code=f"extra_{i}",
                text=f"Extra vraag {i}",
                kind=Question.Kind.INTEGER,
                order=100 + i,
            )
        )
    q = services.questionnaire_set_status(questionnaire=q, status="open")
    return q


def _file(questionnaire) -> io.BytesIO:
    rng = random.Random(5)
    questions = list(questionnaire.questions.order_by("pk"))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["agb_code", *(q.code for q in questions)])
    for i in range(N_PRACTICES):
        row = [f"09{i:06d}"]
        for q in questions:
            if q.kind == "yes_no":
                row.append(rng.choice(["ja", "nee", "1", "0"]))
            elif q.kind == "percentage":
                row.append(rng.randint(40, 100))
            elif q.kind == "decimal":
                row.append(round(rng.uniform(10, 900), 1))
            elif q.kind == "text":
                row.append(rng.choice(["", "Tijd", "Geen"]))
            else:
                row.append(rng.randint(1, 9000))
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def run() -> list[Result]:
    from surveys import services
    from surveys.models import Answer

    questionnaire = _setup()
    n_questions = questionnaire.questions.count()
    data = _file(questionnaire).getvalue()
    with Timer() as dry:
        report = services.responses_import(
            questionnaire=questionnaire, file=io.BytesIO(data), commit=False
        )
    assert report.ok, report.errors[:5]
    with Timer() as full:
        report = services.responses_import(
            questionnaire=questionnaire, file=io.BytesIO(data), commit=True
        )
    n_answers = Answer.objects.filter(response__questionnaire=questionnaire).count()
    ok = report.committed and len(report.rows) == N_PRACTICES
    return [
        Result(
            "surveys: check 5,000 practices × 30 questions (dry run)",
            dry.seconds,
            None,
            f"{N_PRACTICES} rows × {n_questions} questions",
        ),
        Result(
            "surveys: import 5,000 practices × 30 questions",
            full.seconds,
            TARGET,
            f"{n_answers} answers written",
            ok=ok and full.seconds <= TARGET,
        ),
    ]
