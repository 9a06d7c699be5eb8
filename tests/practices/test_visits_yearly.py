"""The yearly rule (due within 30 days / overdue) with frozen time, bulk planning and the
month calendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from practices.models import Practice
from practices.visits import selectors, services
from practices.visits.dates import add_months
from practices.visits.models import Visit
from practices.visits.selectors import VisitState
from tests.factories import PracticeFactory
from tests.practices.visits_factories import VisitFactory

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = dt.date(2026, 6, 15)


def at(day: dt.date):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 10, tzinfo=AMS), tick=False
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 6, 15), 12, dt.date(2026, 6, 15)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 5), 1, dt.date(2027, 1, 5)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def _practice_joined(coalition, day: dt.date, **kwargs) -> Practice:
    with at(day):
        return PracticeFactory(coalition=coalition, **kwargs)


@pytest.mark.django_db
def test_due_and_overdue_with_frozen_time(coalition):
    joined = dt.date(2024, 1, 10)
    overdue = _practice_joined(coalition, joined, name="Te laat")
    VisitFactory(
        practice=overdue, planned_on=dt.date(2025, 6, 10), held_on=dt.date(2025, 6, 14)
    )
    due = _practice_joined(coalition, joined, name="Bijna")
    VisitFactory(
        practice=due, planned_on=dt.date(2025, 7, 1), held_on=dt.date(2025, 7, 15)
    )
    ok = _practice_joined(coalition, joined, name="Op schema")
    VisitFactory(
        practice=ok, planned_on=dt.date(2025, 7, 16), held_on=dt.date(2025, 7, 16)
    )
    # a planned (not held) visit does not count as a visit
    VisitFactory(practice=ok, planned_on=dt.date(2025, 8, 1))
    never_old = _practice_joined(coalition, dt.date(2025, 1, 5), name="Nooit, lang lid")
    never_new = _practice_joined(
        coalition, dt.date(2026, 5, 1), name="Nooit, nieuw lid"
    )
    left = _practice_joined(
        coalition, joined, name="Vertrokken", is_active=False, staff_gp=0
    )

    with at(TODAY):
        rows = {
            p.name: p
            for p in selectors.practices_with_visit_state(
                Practice.objects.filter(coalition=coalition), today=TODAY
            )
        }
        counts = selectors.yearly_counts(
            Practice.objects.filter(coalition=coalition), today=TODAY
        )

    assert rows["Te laat"].visit_state == VisitState.OVERDUE
    assert selectors.due_date(rows["Te laat"]) == dt.date(2026, 6, 14)
    # due on 15 July 2026: exactly 30 days after today is still "due within 30 days"
    assert rows["Bijna"].visit_state == VisitState.DUE
    assert selectors.due_date(rows["Bijna"]) == dt.date(2026, 7, 15)
    assert rows["Op schema"].visit_state == VisitState.OK
    assert rows["Op schema"].last_visit == dt.date(2025, 7, 16)
    assert rows["Op schema"].next_planned == dt.date(2025, 8, 1)
    assert rows["Nooit, lang lid"].visit_state == VisitState.OVERDUE
    assert rows["Nooit, lang lid"].last_visit is None
    assert rows["Nooit, nieuw lid"].visit_state == VisitState.OK
    assert "Vertrokken" not in rows
    assert counts == {VisitState.OVERDUE: 2, VisitState.DUE: 1, VisitState.OK: 2}
    assert never_old.pk and never_new.pk and left.pk


@pytest.mark.django_db
def test_state_moves_with_the_calendar(coalition):
    practice = _practice_joined(coalition, dt.date(2024, 1, 1))
    VisitFactory(
        practice=practice, planned_on=dt.date(2025, 9, 1), held_on=dt.date(2025, 9, 1)
    )
    qs = Practice.objects.filter(pk=practice.pk)

    def state(day):
        with at(day):
            return selectors.practices_with_visit_state(qs, today=day).get().visit_state

    assert state(dt.date(2026, 8, 1)) == VisitState.OK
    assert state(dt.date(2026, 8, 2)) == VisitState.DUE
    assert state(dt.date(2026, 9, 1)) == VisitState.DUE
    assert state(dt.date(2026, 9, 2)) == VisitState.OVERDUE


@pytest.mark.django_db
def test_bulk_planning_spreads_over_workdays_and_skips_planned(coalition, lead):
    practices = [PracticeFactory(coalition=coalition) for _ in range(4)]
    VisitFactory(practice=practices[0], planned_on=dt.date(2026, 7, 20))
    with at(TODAY):
        result = services.visits_plan_bulk(
            by=lead, practices=practices, visitor=lead, month=dt.date(2026, 9, 1)
        )
        again = services.visits_plan_bulk(
            by=lead, practices=practices, visitor=lead, month=dt.date(2026, 9, 1)
        )
    assert [p.pk for p in result["skipped"]] == [practices[0].pk]
    days = [v.planned_on for v in result["created"]]
    assert len(days) == 3
    assert all(d.month == 9 and d.year == 2026 and d.weekday() < 5 for d in days)
    assert len(set(days)) == 3
    assert all(list(v.visitors.all()) == [lead] for v in result["created"])
    assert again["created"] == [] and len(again["skipped"]) == 4
    assert Visit.objects.filter(practice__coalition=coalition).count() == 4


@pytest.mark.django_db
def test_bulk_planning_bad_input_saves_nothing(
    coalition, lead, other_lead, other_coalition, client_for
):
    mine = PracticeFactory(coalition=coalition)
    theirs = PracticeFactory(coalition=other_coalition)
    with at(TODAY):
        with pytest.raises(ValidationError, match="maand is voorbij"):
            services.visits_plan_bulk(
                by=lead, practices=[mine], visitor=lead, month=dt.date(2026, 5, 1)
            )
        with pytest.raises(ValidationError, match="Alleen projectleiders"):
            services.visits_plan_bulk(
                by=lead, practices=[mine], visitor=other_lead, month=dt.date(2026, 7, 1)
            )
        # another coalition's practice is no choice of the lead's planning form
        response = client_for(lead).post(
            reverse("visits:plan_bulk"),
            {"practices": [mine.pk, theirs.pk], "visitor": lead.pk, "month": "2026-07"},
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("visits:yearly"))
    assert not Visit.objects.exists()


@pytest.mark.django_db
def test_bulk_plan_view_and_calendar(client_for, coalition, lead):
    practices = [
        PracticeFactory(coalition=coalition, name=f"Praktijk {i}") for i in range(2)
    ]
    client = client_for(lead)
    with at(TODAY):
        response = client.post(
            "/bezoeken/jaarplanning/plannen/",
            {
                "visitor": lead.pk,
                "month": "2026-07",
                "practices": [p.pk for p in practices],
            },
        )
        assert response.status_code == 302
        assert response["Location"].endswith("?maand=2026-07")
        page = client.get("/bezoeken/kalender/?maand=2026-07")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Praktijk 0" in html and "Praktijk 1" in html
    assert Visit.objects.filter(planned_on__month=7).count() == 2


@pytest.mark.django_db
def test_bulk_plan_view_reports_a_past_month(client_for, coalition, lead):
    practice = PracticeFactory(coalition=coalition)
    client = client_for(lead)
    with at(TODAY):
        response = client.post(
            "/bezoeken/jaarplanning/plannen/",
            {"visitor": lead.pk, "month": "2026-01", "practices": [practice.pk]},
            follow=True,
        )
    assert "Deze maand is voorbij" in response.content.decode()
    assert not Visit.objects.exists()


@pytest.mark.django_db
def test_yearly_page_lists_and_filters(client_for, coalition, lead):
    overdue = _practice_joined(coalition, dt.date(2024, 1, 1), name="Oude praktijk")
    _practice_joined(coalition, dt.date(2026, 6, 1), name="Nieuwe praktijk")
    client = client_for(lead)
    with at(TODAY):
        html = client.get("/bezoeken/jaarplanning/?state=overdue").content.decode()
    assert "Oude praktijk" in html and "Nieuwe praktijk" not in html
    assert f'value="{overdue.pk}"' in html


@pytest.mark.django_db
def test_bulk_plan_all_of_a_filtered_set(client_for, coalition, lead, other_coalition):
    old = [
        _practice_joined(coalition, dt.date(2024, 1, 1), name=f"Oud {i}")
        for i in range(3)
    ]
    _practice_joined(coalition, dt.date(2026, 6, 1), name="Nieuw")
    _practice_joined(other_coalition, dt.date(2024, 1, 1), name="Elders")
    client = client_for(lead)
    with at(TODAY):
        response = client.post(
            "/bezoeken/jaarplanning/plannen/",
            {
                "visitor": lead.pk,
                "month": "2026-08",
                "all_filtered": "on",
                "next_query": "state=overdue",
            },
        )
    assert response.status_code == 302
    planned = set(Visit.objects.values_list("practice__name", flat=True))
    assert planned == {p.name for p in old}


@pytest.mark.django_db
def test_bulk_plan_needs_a_choice(client_for, coalition, lead):
    PracticeFactory(coalition=coalition)
    with at(TODAY):
        response = client_for(lead).post(
            "/bezoeken/jaarplanning/plannen/",
            {"visitor": lead.pk, "month": "2026-08"},
            follow=True,
        )
    assert "Kies minstens één praktijk" in response.content.decode()
    assert not Visit.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2026-13", "x"])
def test_calendar_with_an_impossible_month_shows_this_month(client_for, lead, month):
    with at(TODAY):
        page = client_for(lead).get(f"/bezoeken/kalender/?maand={month}")
    assert page.status_code == 200
    assert page.context["month"] == TODAY.replace(day=1)
