"""The regional report of a coalition of 400 practices over five years within 1 s."""

from __future__ import annotations

import random

from tests.perf.bench import Result, Timer

N_PRACTICES = 400
YEARS = range(2021, 2026)
TARGET = 1.0
XLSX_TARGET = 5.0


def _setup():
    from django.utils import timezone

    from coalition.models import Coalition, MemberOrganisation
    from practices.models import Practice
    from surveys import services
    from surveys.models import Answer, Question, Response

    rng = random.Random(13)
    coalition = Coalition.objects.create(name="Bench", slug="bench-reports", region="x")
    members = [
        MemberOrganisation.objects.create(
            coalition=coalition, name=f"Lid {i}", kind="zorggroep"
        )
        for i in range(3)
    ]
    practices = Practice.objects.bulk_create(
        Practice(
            agb_code=f"07{i:06d}",
            name=f"Praktijk {i}",
            coalition=coalition,
            member_organisation=members[i % 3],
            cohort=f"golf {i % 4}",
            list_size=2000 + i * 7,
        )
        for i in range(N_PRACTICES)
    )
    now = timezone.now()
    last = None
    for year in YEARS:
        q = services.questionnaire_create_standard(coalition=coalition, year=year)
        q = services.questionnaire_set_status(questionnaire=q, status="open")
        questions = list(q.questions.all())
        responses = Response.objects.bulk_create(
            Response(
                questionnaire=q,
                practice=p,
                status=Response.Status.SUBMITTED,
                invited_at=now,
                submitted_at=now,
            )
            for p in practices
            if rng.random() < 0.8
        )
        answers = []
        for r in responses:
            for question in questions:
                if question.kind == Question.Kind.YES_NO:
                    answers.append(
                        Answer(
                            response=r, question=question, boolean=rng.random() < 0.7
                        )
                    )
                elif question.kind in Question.NUMERIC and rng.random() < 0.9:
                    answers.append(
                        Answer(
                            response=r, question=question, number=rng.randint(50, 3000)
                        )
                    )
        Answer.objects.bulk_create(answers, batch_size=5000)
        last = q
    return last


def run() -> list[Result]:
    from surveys.report.aggregate import LEAD, build_report
    from surveys.report.exporters import ReportXlsxExporter

    questionnaire = _setup()
    build_report(questionnaire, audience=LEAD)  # warm up (imports, caches)
    with Timer() as t:
        report = build_report(questionnaire, audience=LEAD)
    with Timer() as x:
        ReportXlsxExporter(report).render()
    detail = f"{N_PRACTICES} practices, {len(YEARS)} years"
    return [
        Result("report: 400-practice coalition, 5 years", t.seconds, TARGET, detail),
        Result("report: xlsx of that report", x.seconds, XLSX_TARGET, detail),
    ]
