"""The rollout service (history of every change), the forecast and readiness."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalition.models import Certification, Service, Standard
from practices import selectors, services
from practices.models import Practice, Rollout, RolloutChange, Step
from tests.factories import PracticeFactory, ProductVersionFactory

TODAY = dt.date(2026, 5, 1)


# --- forecast on constructed series -------------------------------------------------


def test_forecast_at_the_pace_of_the_last_eight_weeks():
    # 20 live long ago, then 16 in the last 8 weeks: 2 per week.
    old = [dt.date(2025, 6, 1)] * 20
    recent = [TODAY - dt.timedelta(days=3 * k) for k in range(16)]
    fc = selectors.forecast(old + recent, target=50, today=TODAY)
    assert fc.live == 36
    assert fc.per_week == 2.0
    # 14 to go at 2 a week: 7 weeks.
    assert fc.expected_on == TODAY + dt.timedelta(weeks=7)
    assert not fc.reached and not fc.stalled


def test_forecast_ignores_go_lives_before_the_window():
    dates = [TODAY - dt.timedelta(weeks=8)] * 10  # on the edge: outside the window
    fc = selectors.forecast(dates, target=20, today=TODAY)
    assert fc.per_week == 0
    assert fc.expected_on is None and fc.stalled


def test_forecast_rounds_up_to_a_whole_day():
    dates = [TODAY] * 3  # 3 in 8 weeks: 0.375 a week
    fc = selectors.forecast(dates, target=4, today=TODAY)
    # one more at 0.375/week = 18.67 days → 19
    assert fc.expected_on == TODAY + dt.timedelta(days=19)


def test_forecast_reports_the_day_the_target_was_reached():
    dates = [dt.date(2026, 1, d) for d in range(1, 11)]
    fc = selectors.forecast(dates, target=5, today=TODAY)
    assert fc.reached and fc.reached_on == dt.date(2026, 1, 5)


def test_burnup_series_counts_live_at_each_week():
    dates = [dt.date(2026, 1, 1), dt.date(2026, 1, 9), dt.date(2026, 1, 9)]
    series = selectors.burnup_series(
        dates, start=dt.date(2025, 12, 29), end=dt.date(2026, 1, 19)
    )
    assert [n for _d, n in series] == [0, 1, 3, 3]


# --- the rollout service ------------------------------------------------------------


@pytest.mark.django_db
def test_every_change_is_kept_with_who_when_from_to_and_note(practice, lead):
    services.rollout_change(
        practice=practice,
        service=Service.RECORD_ACCESS,
        by=lead,
        step=Step.SYSTEM_CHOSEN,
        planned_date=dt.date(2026, 6, 1),
        note="Gekozen voor het portaal van de raamovereenkomst",
        today=TODAY,
    )
    services.rollout_change(
        practice=practice,
        service=Service.RECORD_ACCESS,
        by=lead,
        step=Step.LIVE,
        today=TODAY,
    )
    rollout = Rollout.objects.get(practice=practice, service=Service.RECORD_ACCESS)
    assert rollout.step == Step.LIVE
    assert rollout.live_date == TODAY
    assert rollout.step_since == TODAY
    first, second = rollout.changes.order_by("changed_at", "pk")
    assert (first.from_step, first.to_step) == (Step.NOT_STARTED, Step.SYSTEM_CHOSEN)
    assert first.to_planned_date == dt.date(2026, 6, 1)
    assert first.note.startswith("Gekozen")
    assert first.changed_by == lead
    assert (second.from_step, second.to_step) == (Step.SYSTEM_CHOSEN, Step.LIVE)
    assert second.live_date == TODAY


@pytest.mark.django_db
def test_a_change_that_changes_nothing_writes_nothing(practice, lead):
    kwargs = {
        "practice": practice,
        "service": Service.ECONSULT,
        "by": lead,
        "step": Step.CONNECTED,
        "today": TODAY,
    }
    services.rollout_change(**kwargs)
    services.rollout_change(**kwargs)
    assert RolloutChange.objects.count() == 1


@pytest.mark.django_db
def test_leaving_live_clears_the_live_date_and_a_future_live_date_is_refused(
    practice, lead
):
    services.rollout_change(
        practice=practice, service="econsult", by=lead, step=Step.LIVE, today=TODAY
    )
    r = services.rollout_change(
        practice=practice,
        service="econsult",
        by=lead,
        step=Step.PATIENTS_INFORMED,
        reason="capacity",
        today=TODAY,
    )
    assert r.live_date is None and r.reason == "capacity"
    with pytest.raises(ValidationError):
        services.rollout_change(
            practice=practice,
            service="econsult",
            by=lead,
            step=Step.LIVE,
            live_date=TODAY + dt.timedelta(days=1),
            today=TODAY,
        )
    assert Rollout.objects.get(practice=practice, service="econsult").step == 4


@pytest.mark.django_db
def test_a_step_change_clears_the_reason_of_the_old_step(practice, lead, client_for):
    from django.urls import reverse

    services.rollout_change(
        practice=practice,
        service="record_access",
        by=lead,
        step=Step.CONNECTED,
        reason="training",
        today=TODAY,
    )
    # The detail page's form posts the old reason back with the new step.
    client_for(lead).post(
        reverse("practices:rollout", args=[practice.pk]),
        {"service": "record_access", "step": Step.STAFF_TRAINED, "reason": "training"},
    )
    r = Rollout.objects.get(practice=practice, service="record_access")
    assert r.step == Step.STAFF_TRAINED and r.reason == ""
    old, new = r.changes.order_by("changed_at", "pk")
    assert old.reason == "training" and new.reason == ""
    # A new reason given with the step change is kept; bulk changes clear it too.
    services.rollout_change(
        practice=practice,
        service="record_access",
        by=lead,
        step=Step.PATIENTS_INFORMED,
        reason="capacity",
        today=TODAY,
    )
    assert Rollout.objects.get(pk=r.pk).reason == "capacity"
    services.rollout_bulk_step(
        practices=[practice], service="record_access", step=Step.CONNECTED, by=lead
    )
    assert Rollout.objects.get(pk=r.pk).reason == ""
    # Without a step change the reason can still be set.
    services.rollout_change(
        practice=practice, service="record_access", by=lead, reason="vendor"
    )
    assert Rollout.objects.get(pk=r.pk).reason == "vendor"


@pytest.mark.django_db
def test_bulk_step_writes_one_history_row_per_practice(coalition, lead):
    practices = [PracticeFactory(coalition=coalition) for _ in range(3)]
    n = services.rollout_bulk_step(
        practices=practices, service="record_access", step=Step.CONNECTED, by=lead
    )
    assert n == 3
    assert RolloutChange.objects.filter(to_step=Step.CONNECTED).count() == 3


# --- technically ready: derived from the version's certifications ------------------


@pytest.mark.django_db
def test_certifying_a_version_makes_every_practice_on_it_ready(coalition):
    version = ProductVersionFactory()
    on_it = [
        PracticeFactory(
            coalition=coalition, his_vendor=version.vendor, his_version=version
        )
        for _ in range(2)
    ]
    other = PracticeFactory(coalition=coalition)
    today = timezone.localdate()

    def ready():
        qs = selectors.with_readiness(Practice.objects.all(), today=today)
        return {p.pk for p in qs if p.technically_ready}

    assert ready() == set()
    Certification.objects.create(
        product_version=version,
        standard=Standard.PDF_A,
        since=today,
        status="confirmed",
    )
    assert ready() == set()  # PDF/A alone is not what online access needs
    Certification.objects.create(
        product_version=version,
        standard=Standard.GP_DATA,
        since=today,
        status="confirmed",
    )
    assert ready() == {p.pk for p in on_it}
    assert other.pk not in ready()


@pytest.mark.django_db
def test_rollout_matrix_interface(practice, lead):
    services.rollout_change(
        practice=practice, service="record_access", by=lead, step=Step.LIVE
    )
    rows = selectors.rollout_matrix(practice)
    assert [r["service"] for r in rows] == list(Service.values)
    first = rows[0]
    assert set(first) == {
        "service",
        "service_label",
        "step",
        "step_label",
        "state",
        "state_label",
        "planned_date",
        "live_date",
        "reason",
        "reason_label",
    }
    assert first["step"] == Step.LIVE and first["step_label"] == "live"
    assert rows[1]["step"] == Step.NOT_STARTED


@pytest.mark.django_db
def test_public_progress_is_aggregates_only(coalition, other_coalition, lead):
    a = PracticeFactory(coalition=coalition)
    PracticeFactory(coalition=coalition)
    PracticeFactory(coalition=coalition, is_active=False)
    services.rollout_change(practice=a, service="record_access", by=lead, step=5)
    rows = {r["coalition"]: r for r in selectors.public_progress()}
    assert rows["Coalitie A"] == {
        "coalition": "Coalitie A",
        "n_practices": 2,
        "n_live": 1,
        "pct_live": 50.0,
    }
    assert rows["Coalitie B"]["pct_live"] is None
