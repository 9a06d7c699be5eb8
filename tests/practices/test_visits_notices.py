"""Weekly digest and action reminders: sent once, recorded, idempotent on a second run."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from coalition.models import EmailMessage, Role
from practices.visits import services, tasks
from practices.visits.models import FollowUpAction, VisitNotice
from tests.factories import PracticeFactory, user_with_role
from tests.practices.visits_factories import (
    BottleneckFactory,
    FollowUpActionFactory,
    VisitFactory,
)

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 7):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, tzinfo=AMS), tick=False
    )


@pytest.fixture
def busy_coalition(coalition, lead):
    with at(dt.date(2024, 1, 1)):
        overdue = PracticeFactory(coalition=coalition, name="Huisartsen Te Laat")
        due = PracticeFactory(coalition=coalition, name="Praktijk Bijna")
    VisitFactory(
        practice=due, planned_on=dt.date(2025, 7, 1), held_on=dt.date(2025, 7, 1)
    )
    visit = VisitFactory(
        practice=overdue, planned_on=dt.date(2025, 5, 1), held_on=dt.date(2025, 5, 1)
    )
    FollowUpActionFactory(
        visit=visit, description="Posters ophangen", due_on=dt.date(2025, 6, 1)
    )
    with at(dt.date(2026, 4, 1)):
        BottleneckFactory(practice=overdue, description="DigiD-storing")
    return coalition


@pytest.mark.django_db(transaction=True)
def test_digest_runs_twice_sends_once(busy_coalition, lead):
    with at(MONDAY):
        tasks.send_weekly_digests.delay()
        tasks.send_weekly_digests.delay()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [lead.email]
    body = message.body
    assert "Huisartsen Te Laat" in body
    assert "Praktijk Bijna" in body
    assert "Posters ophangen" in body
    assert "DigiD" in body or "inloggen" in body
    notice = VisitNotice.objects.get()
    assert notice.kind == VisitNotice.Kind.DIGEST
    assert notice.to == lead.email
    assert notice.summary[str(busy_coalition.pk)] == {
        "due": 1,
        "overdue": 1,
        "actions": 1,
        "bottlenecks": 1,
    }
    assert EmailMessage.objects.filter(status=EmailMessage.Status.SENT).count() == 1
    # the next week there is a new digest
    with at(MONDAY + dt.timedelta(days=7)):
        assert services.digests_send_weekly() == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_digest_for_two_leads_of_one_coalition(busy_coalition, lead):
    second = user_with_role(
        Role.LEAD, coalition=busy_coalition, email="lead2@a.example.test"
    )
    with at(MONDAY):
        assert services.digests_send_weekly() == 2
    notices = VisitNotice.objects.filter(kind=VisitNotice.Kind.DIGEST)
    assert sorted(n.to for n in notices) == sorted([lead.email, second.email])
    for notice in notices:
        assert notice.summary[str(busy_coalition.pk)] == {
            "due": 1,
            "overdue": 1,
            "actions": 1,
            "bottlenecks": 1,
        }


@pytest.mark.django_db
def test_no_digest_when_there_is_nothing_to_report(coalition, lead):
    with at(MONDAY):
        assert services.digests_send_weekly() == 0
    assert not VisitNotice.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_action_reminder_three_days_before_once(
    coalition, lead, practice_user, practice
):
    visit = VisitFactory(
        practice=practice,
        planned_on=dt.date(2026, 5, 1),
        held_on=dt.date(2026, 5, 1),
        feedback="Tekst",
        feedback_shared_at=dt.datetime(2026, 5, 2, tzinfo=AMS),
    )
    practice_action = FollowUpActionFactory(
        visit=visit,
        description="Wachtkamerscherm",
        due_on=MONDAY + dt.timedelta(days=3),
    )
    lead_action = FollowUpActionFactory(
        visit=visit,
        description="Leverancier bellen",
        owner=FollowUpAction.Owner.LEAD,
        owner_user=lead,
        due_on=MONDAY + dt.timedelta(days=3),
    )
    FollowUpActionFactory(
        visit=visit, description="Later", due_on=MONDAY + dt.timedelta(days=10)
    )
    FollowUpActionFactory(
        visit=visit,
        description="Al klaar",
        due_on=MONDAY + dt.timedelta(days=2),
        done_on=dt.date(2026, 6, 1),
    )
    with at(MONDAY - dt.timedelta(days=1)):
        assert services.action_reminders_send() == 0
    with at(MONDAY):
        tasks.send_action_reminders.delay()
        tasks.send_action_reminders.delay()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [lead.email, practice_user.email]
    )
    assert any("Wachtkamerscherm" in m.body for m in mail.outbox)
    assert VisitNotice.objects.filter(kind=VisitNotice.Kind.REMINDER).count() == 2
    practice_action.refresh_from_db()
    lead_action.refresh_from_db()
    assert practice_action.reminder_sent_on == MONDAY
    # the next days up to the due date: nothing again
    with at(MONDAY + dt.timedelta(days=1)):
        assert services.action_reminders_send() == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_no_reminder_to_the_practice_before_feedback_is_shared(practice, practice_user):
    visit = VisitFactory(
        practice=practice, planned_on=dt.date(2026, 5, 1), held_on=dt.date(2026, 5, 1)
    )
    FollowUpActionFactory(visit=visit, due_on=MONDAY + dt.timedelta(days=3))
    with at(MONDAY):
        assert services.action_reminders_send() == 0
    assert not VisitNotice.objects.exists()


def test_the_beat_schedule_reaches_the_visits_tasks_by_their_old_names(settings):
    """The tasks moved to practices/visits/tasks.py under their first names, so the beat
    schedule and messages queued before the move still find them."""
    from coalition.celery import app

    scheduled = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    for task in (tasks.send_weekly_digests, tasks.send_action_reminders):
        assert task.name in scheduled
        assert app.tasks[task.name].__module__ == "practices.visits.tasks"
