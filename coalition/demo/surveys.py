"""Demo questionnaires for Rijnmond: the last four years closed, with answers that grow
year on year (response about 70%), and this year's open with some drafts.

Deterministic (a fixed seed per year) and idempotent: past years are rebuilt the same
way on every run; this year's responses are made only when its questionnaire is new, so
what someone typed in the demo stays.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from coalition.demo.rows import clean_all
from coalition.models import Coalition, Service
from practices.models import Practice
from practices.selectors import live_services_on
from surveys import services
from surveys.models import Answer, Question, Questionnaire, Response, ResponseEvent
from surveys.selectors import last_list_sizes

RESPONSE_RATE = 0.7
TZ = timezone.get_default_timezone()


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TZ)


def _questionnaire(
    coalition: Coalition, year: int, opens: dt.date, closes: dt.date, status: str
) -> tuple[Questionnaire, bool]:
    q = Questionnaire.objects.filter(
        coalition=coalition, year=year, quarter__isnull=True
    ).first()
    created = q is None
    if created:
        q = services.questionnaire_create_standard(
            coalition=coalition, year=year, opens=opens, closes=closes
        )
    q = services.questionnaire_update(
        questionnaire=q,
        title=q.title,
        intro=q.intro,
        opens=opens,
        closes=closes,
        reminder_days=q.reminder_days,
    )
    if q.status == Questionnaire.Status.DRAFT:
        q = services.questionnaire_set_status(
            questionnaire=q, status=Questionnaire.Status.OPEN
        )
    if status == Questionnaire.Status.CLOSED and q.status == Questionnaire.Status.OPEN:
        q = services.questionnaire_set_status(
            questionnaire=q, status=Questionnaire.Status.CLOSED
        )
    return q, created


# The questions on a service that the go-live tracker follows: a practice offers it in
# a year's questionnaire only when its rollout was live by that questionnaire's close.
OFFERS_SERVICE = {
    "offers_record_access": Service.RECORD_ACCESS,
    "offers_econsult": Service.ECONSULT,
    "offers_online_appointments": Service.APPOINTMENTS,
    "offers_repeat_prescriptions": Service.REPEAT_PRESCRIPTIONS,
    "offers_lab_results": Service.LAB_RESULTS,
    "offers_home_measurements": Service.HOME_MEASUREMENTS,
}


def _answers(
    rng: random.Random, practice: Practice, t: int, live: set[str]
) -> dict[str, object]:
    """Plausible answers for step t (0 = four years ago) of one practice; `live` holds
    the services it had live by the questionnaire's close."""

    def clip(x, low, high):
        return max(low, min(high, x))

    size = round(practice.list_size * (0.97 + 0.01 * t))
    offers = lambda p: rng.random() < clip(p, 0, 0.98)  # noqa: E731
    a: dict[str, object] = {"list_size": size}
    for code, service in OFFERS_SERVICE.items():
        a[code] = service in live
    a["offers_video_consult"] = offers(0.05 + 0.1 * t)
    a["offers_app"] = offers(0.3 + 0.15 * t)
    a["offers_proxy_access"] = offers(0.02 + 0.06 * t)
    a["login_digid"] = offers(0.4 + 0.15 * t)
    a["login_sms"] = offers(0.5 + 0.1 * t)
    a["login_password"] = offers(0.6 - 0.1 * t)
    registered = clip(rng.gauss(0.16 + 0.11 * t, 0.06), 0.02, 0.85)
    a["portal_registered"] = round(size * registered)
    visits = round(size * rng.uniform(0.9, 1.2))
    a["appointments_total_q4"] = visits
    if a["offers_online_appointments"]:
        a["appointments_online_q4"] = round(
            visits * clip(rng.gauss(0.05 + 0.1 * t, 0.04), 0.0, 0.7)
        )
    if a["offers_econsult"]:
        per_1000 = clip(rng.gauss(50 + 170 * t, 40 + 30 * t), 5, 1200)
        a["econsults_q4"] = round(per_1000 * size / 4000)
    if a["offers_repeat_prescriptions"]:
        per_1000 = clip(rng.gauss(320 + 110 * t, 90), 20, 1500)
        a["repeat_prescriptions_online_q4"] = round(per_1000 * size / 4000)
    if rng.random() < 0.9:
        a["calls_per_week"] = Decimal(
            round(size / 9.5 * (1.04 - 0.05 * t) * rng.uniform(0.85, 1.15))
        )
        a["calls_answered_2min_pct"] = Decimal(
            round(clip(rng.gauss(70 + 6 * t, 8), 25, 100))
        )
        a["call_wait_seconds"] = Decimal(
            round(clip(rng.gauss(105 - 17 * t, 20), 15, 400))
        )
    a["online_only_slots"] = offers(0.1 + 0.12 * t)
    a["next_day_slots_at_17"] = offers(0.05 + 0.08 * t)
    a["econsult_within_one_day"] = offers(0.5 + 0.1 * t)
    if rng.random() < 0.3:
        a["barriers"] = rng.choice(
            [
                "Inloggen met DigiD is voor oudere patiënten lastig.",
                "Te weinig tijd om patiënten op het portaal te wijzen.",
                "Assistentes zijn nog niet allemaal geschoold.",
                "Patiënten weten niet dat het portaal er is.",
            ]
        )
    if rng.random() < 0.25:
        a["support_needs"] = rng.choice(
            [
                "Posters en flyers voor de wachtkamer.",
                "Scholing voor de assistentes over e-consulten.",
                "Hulp bij het instellen van online afspraken.",
            ]
        )
    return a


def _fill(
    q: Questionnaire,
    practices: list[Practice],
    *,
    seed: int,
    t: int,
    status_for,
    invited_at: dt.datetime,
    submitted_at,
) -> None:
    """Make the responses and answers in bulk; status_for(i, rng) → status or None.

    Responses the questionnaire already holds are replaced, unless they are what this
    fill would write (then nothing is written: a second run of the demo leaves four
    years of answers and their history alone)."""
    rng = random.Random(seed)
    # Answers draw from their own sequence, so who responds does not shift with them.
    answer_rng = random.Random(seed + 500)
    questions = {qq.code: qq for qq in q.questions.all()}
    live = live_services_on([p.pk for p in practices], q.closes)
    plan = []
    for i, practice in enumerate(practices):
        status = status_for(i, rng)
        answers = _answers(answer_rng, practice, t, live.get(practice.pk, set()))
        if status is not None:
            plan.append((practice, status, answers))
    # Four years of answers in bulk: the services stamp "now" (started, submitted)
    # and refuse closed questionnaires, so the rows are cleaned here (rows.clean_all).
    responses = [
        Response(
            questionnaire=q,
            practice=p,
            status=status,
            invited_at=invited_at,
            started_at=None if status == Response.Status.INVITED else invited_at,
            submitted_at=submitted_at(p)
            if status == Response.Status.SUBMITTED
            else None,
        )
        for p, status, _a in plan
    ]
    by_practice = {r.practice_id: r for r in responses}
    rows = []
    events = []
    for p, status, answers in plan:
        response = by_practice[p.pk]
        events.append(
            ResponseEvent(
                response=response, kind=ResponseEvent.Kind.INVITED, at=invited_at
            )
        )
        if status == Response.Status.SUBMITTED:
            events.append(
                ResponseEvent(
                    response=response,
                    kind=ResponseEvent.Kind.SUBMITTED,
                    at=response.submitted_at,
                )
            )
        if status == Response.Status.INVITED:
            answers = {}  # last period's list size is prefilled below, as on invitation
        elif status == Response.Status.DRAFT:
            keep = list(answers)[: 1 + (p.pk % 12)]
            answers = {k: answers[k] for k in keep}
        for code, value in answers.items():
            question = questions[code]
            answer = Answer(response=response, question=question)
            answer.set_value(question.kind, value)
            rows.append(answer)
    if _written(q, responses, events, rows):
        return
    Response.objects.filter(questionnaire=q).delete()
    Response.objects.bulk_create(
        clean_all(responses, exclude=["questionnaire", "practice"])
    )
    if responses and responses[0].pk is None:  # a database that returns no ids
        saved = dict(
            Response.objects.filter(questionnaire=q).values_list("practice_id", "pk")
        )
        for r in responses:
            r.pk = saved[r.practice_id]
    Answer.objects.bulk_create(
        clean_all(rows, exclude=["response", "question"]), batch_size=2000
    )
    ResponseEvent.objects.bulk_create(
        clean_all(events, exclude=["response"]), batch_size=2000
    )
    # The same prefill as a real invitation: last period's submitted list size, so the
    # form and 'last period' agree.
    services.prefill_answers(
        questionnaire=q,
        responses=list(
            Response.objects.filter(questionnaire=q, status=Response.Status.INVITED)
        ),
    )


def _comparable(value):
    """A column as read back, as something to count: a list of choices (or any other
    JSON) as its text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True, default=str)
    return value


_RESPONSE = ("status", "source", "invited_at", "started_at", "submitted_at")
_RESPONSE_DB = (*_RESPONSE, "submitted_by_id")
_EVENT = ("kind", "at", "reason", "by_id")
_ANSWER = ("question_id", "number", "boolean", "text", "date", "choices")


def _written(
    q: Questionnaire,
    responses: list[Response],
    events: list[ResponseEvent],
    answers: list[Answer],
) -> bool:
    """Whether the questionnaire holds exactly these responses, their events and
    answers, and the list size an invitation prefills into those only invited (the
    period before's, as services.prefill_answers writes it)."""
    have = {
        r["practice_id"]: r
        for r in Response.objects.filter(questionnaire=q).values(
            "pk", "practice_id", *_RESPONSE_DB
        )
    }
    if len(have) != len(responses):
        return False
    for r in responses:
        row = have.get(r.practice_id)
        if row is None or tuple(row[f] for f in _RESPONSE_DB) != (
            *(getattr(r, f) for f in _RESPONSE),
            None,
        ):
            return False
    practice_of = {row["pk"]: practice for practice, row in have.items()}
    events_had = Counter(
        (practice_of[e[0]], *e[1:])
        for e in ResponseEvent.objects.filter(response__questionnaire=q).values_list(
            "response_id", *_EVENT
        )
    )
    if events_had != Counter(
        (e.response.practice_id, *(getattr(e, f) for f in _EVENT)) for e in events
    ):
        return False
    expected = Counter(
        (a.response.practice_id, *(_comparable(getattr(a, f)) for f in _ANSWER))
        for a in answers
    )
    invited = [r.practice_id for r in responses if r.status == Response.Status.INVITED]
    list_size = q.questions.filter(code="list_size").first()
    if list_size is not None and invited:
        for practice_id, number in last_list_sizes(q, invited).items():
            prefill = Answer(question=list_size, number=number)
            expected[
                (practice_id, *(_comparable(getattr(prefill, f)) for f in _ANSWER))
            ] += 1
    answers_had = Counter(
        (practice_of[a[0]], *map(_comparable, a[1:]))
        for a in Answer.objects.filter(response__questionnaire=q).values_list(
            "response_id", *_ANSWER
        )
    )
    return answers_had == expected


def load(*, today: dt.date, stdout=None) -> None:
    coalition = Coalition.objects.get(slug="rijnmond")
    practices = list(
        Practice.objects.filter(coalition=coalition, is_active=True).order_by(
            "agb_code"
        )
    )
    first_year = today.year - 4
    for t, year in enumerate(range(first_year, today.year)):
        opens = dt.date(year + 1, 1, 8)
        closes = dt.date(year + 1, 2, 28)
        q, _created = _questionnaire(
            coalition, year, opens, closes, Questionnaire.Status.CLOSED
        )
        _fill(
            q,
            practices,
            seed=7000 + year,
            t=t,
            status_for=lambda i, rng: (
                Response.Status.SUBMITTED
                if rng.random() < RESPONSE_RATE + 0.02 * (i % 3)
                else Response.Status.INVITED
            ),
            invited_at=_aware(opens),
            submitted_at=lambda p, opens=opens: _aware(
                opens + dt.timedelta(days=3 + p.pk % 40)
            ),
        )
    q, created = _questionnaire(
        coalition,
        today.year,
        today - dt.timedelta(days=14),
        today + dt.timedelta(days=21),
        Questionnaire.Status.OPEN,
    )
    if created:
        demo_first = {practices[0].pk} if practices else set()

        def current(i, rng):
            if practices[i].pk in demo_first:
                return Response.Status.INVITED
            r = rng.random()
            if r < 0.12:
                return Response.Status.SUBMITTED
            if r < 0.35:
                return Response.Status.DRAFT
            return Response.Status.INVITED

        _fill(
            q,
            practices,
            seed=7000 + today.year,
            t=4,
            status_for=current,
            invited_at=_aware(today - dt.timedelta(days=14)),
            submitted_at=lambda p: _aware(today - dt.timedelta(days=1 + p.pk % 10)),
        )
    if stdout is not None:
        stdout.write(
            f"  vragenlijsten: {Questionnaire.objects.filter(coalition=coalition).count()}, "
            f"antwoorden: {Answer.objects.filter(response__questionnaire__coalition=coalition).count()}"
        )


__all__ = ["load", "Question"]
