"""The go-live dashboard: its numbers table, chart legend, deadline wording and the
forecast badge."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from matplotlib import pyplot as plt

from practices import charts, selectors
from practices.models import Rollout, ServiceDeadline, Step
from tests.factories import PracticeFactory
from tests.practices.factories import RolloutFactory, ServiceDeadlineFactory

DASHBOARD = reverse("practices:dashboard")
LABELS = {"live": "live", "target": "doel", "deadline": "deadline", "forecast": "p"}


def test_the_numbers_table_has_one_row_per_month_ending_today():
    today = dt.date(2026, 11, 27)
    dates = [dt.date(2026, 6, 15), dt.date(2026, 8, 31), dt.date(2026, 9, 1)]
    points = selectors.month_end_points(dates, start=dt.date(2026, 6, 1), today=today)
    assert points == [
        (dt.date(2026, 6, 30), 1),
        (dt.date(2026, 7, 31), 1),
        (dt.date(2026, 8, 31), 2),
        (dt.date(2026, 9, 30), 3),
        (dt.date(2026, 10, 31), 3),
        (today, 3),
    ]
    across = selectors.month_end_points([], start=dt.date(2025, 12, 5), today=today)
    assert across[0][0] == dt.date(2025, 12, 31) and len(across) == 12


def test_the_legend_never_covers_the_plot():
    start = dt.date(2026, 1, 5)
    series = [(start + dt.timedelta(weeks=k), 2 * k) for k in range(40)]
    fig, ax = charts.burnup_figure(
        series,
        target=80,  # the line runs along the top, where the legend used to sit
        deadline=dt.date(2026, 12, 1),
        expected_on=dt.date(2026, 11, 1),
        title="Live",
        labels=LABELS,
    )
    try:
        renderer = fig.canvas.get_renderer()
        (legend,) = fig.legends
        box = legend.get_window_extent(renderer)
        assert not box.overlaps(ax.get_tightbbox(renderer))
        assert len(legend.get_texts()) == 4
    finally:
        plt.close(fig)


def test_a_chart_with_no_practice_live_counts_whole_practices():
    today = dt.date(2026, 6, 15)
    series = [(today - dt.timedelta(weeks=k), 0) for k in range(10, -1, -1)]
    fig, ax = charts.burnup_figure(
        series, target=0, deadline=None, expected_on=None, title="Live", labels=LABELS
    )
    try:
        ticks = [t for t in ax.get_yticks() if 0 <= t <= ax.get_ylim()[1]]
        assert ticks and all(float(t).is_integer() for t in ticks)
        assert ax.get_ylim() == (0, 1)
    finally:
        plt.close(fig)


@pytest.fixture
def setup(coalition, lead):
    today = timezone.localdate()
    practices = PracticeFactory.create_batch(10, coalition=coalition)
    for p in practices[:2]:
        RolloutFactory(
            practice=p,
            step=Step.LIVE,
            live_date=today - dt.timedelta(days=3),
            step_since=today - dt.timedelta(days=3),
        )
    for p in practices[2:]:
        RolloutFactory(practice=p, step=Step.CONNECTED, step_since=today)
    return today


def _page(client_for, lead, coalition):
    r = client_for(lead).get(DASHBOARD + f"?coalition={coalition.slug}")
    assert r.status_code == 200
    return r


@pytest.mark.django_db
def test_a_passed_deadline_is_said_in_words(client_for, lead, coalition, setup):
    ServiceDeadlineFactory(coalition=coalition, deadline=setup - dt.timedelta(days=21))
    html = _page(client_for, lead, coalition).content.decode()
    assert "deadline 21 dagen verstreken" in html
    assert "21 dagen verstreken" in html.split('id="summary"')[1]
    assert "-21" not in html and "tot de deadline" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days_to_deadline", "late"),
    [(5, True), (3650, False)],  # 2 in 8 weeks, 8 to go: 32 weeks
)
def test_a_forecast_after_the_deadline_carries_the_badge(
    client_for, lead, coalition, setup, days_to_deadline, late
):
    ServiceDeadlineFactory(
        coalition=coalition,
        deadline=setup + dt.timedelta(days=days_to_deadline),
        target_pct=100,
    )
    r = _page(client_for, lead, coalition)
    fc = r.context["forecast"]
    assert fc.expected_on is not None
    assert (fc.expected_on > setup + dt.timedelta(days=days_to_deadline)) is late
    assert ('id="forecast-late"' in r.content.decode()) is late


@pytest.mark.django_db
def test_a_stalled_pace_with_a_deadline_carries_the_badge(
    client_for, lead, coalition, setup
):
    ServiceDeadlineFactory(coalition=coalition, deadline=setup + dt.timedelta(days=90))
    Rollout.objects.filter(step=Step.LIVE).update(
        live_date=setup - dt.timedelta(weeks=20)
    )
    r = _page(client_for, lead, coalition)
    assert r.context["forecast"].stalled
    html = r.content.decode()
    assert "bij dit tempo niet" in html and 'id="forecast-late"' in html
    assert ServiceDeadline.objects.count() == 1


@pytest.mark.django_db
def test_the_dashboard_downloads_as_xlsx_with_the_pages_numbers(
    client_for, lead, other_lead, coalition, setup
):
    import io

    import openpyxl

    ServiceDeadlineFactory(coalition=coalition, deadline=setup + dt.timedelta(days=90))
    client = client_for(lead)
    page = _page(client_for, lead, coalition)
    url = reverse("practices:dashboard_export") + f"?coalition={coalition.slug}"
    assert url.replace("&", "&amp;") in page.content.decode() or url in (
        page.content.decode()
    )
    r = client.get(url + "&service=record_access")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    matrix, burnup = wb.worksheets
    rows = list(matrix.iter_rows(values_only=True))
    assert rows[0][0] == "Stap" and rows[0][-1] == "Totaal"
    by_step = {r[0]: r[1:] for r in rows[1:]}
    summary = page.context["summary"]
    states = [s.value for s in page.context["states"]]
    # Each step's row holds the same counts as the page's summary.
    for step, n in summary.by_step:
        assert by_step[str(step.label)][-1] == n
    live_on_time = by_step["live"][states.index("live_on_time")]
    assert live_on_time == 2 and by_step["Totaal"][-1] == summary.n_active == 10
    assert all(isinstance(v, int) for v in by_step["gekoppeld"])  # number cells
    series = list(burnup.iter_rows(min_row=2, values_only=True))
    assert [(d.date(), n) for d, n, *_ in series] == [
        (d, n)
        for d, n in selectors.go_live(
            page.context["coalition"].practices.filter(is_active=True),
            coalition=coalition,
            service="record_access",
            today=setup,
        ).series
    ]
    assert series[-1][1] == 2 and series[-1][2] == summary.target
    assert burnup["A2"].number_format == "d-m-yyyy"
    other = client_for(other_lead).get(url)
    assert other.status_code == 404


# --- what the pages show is computed by selectors -------------------------------------


@pytest.mark.django_db
def test_the_at_risk_rows_carry_their_labels_and_stop_at_the_limit(coalition, setup):
    ServiceDeadlineFactory(coalition=coalition, deadline=setup - dt.timedelta(days=1))
    Rollout.objects.filter(step=Step.CONNECTED).update(reason="vendor")
    practices = coalition.practices.filter(is_active=True)
    golive = selectors.go_live(
        practices, coalition=coalition, service="record_access", today=setup
    )
    rows = selectors.at_risk_rows(practices, coalition=coalition, golive=golive)
    assert len(rows) == 8  # the eight not live, past the deadline
    assert {(str(p.step_label), p.deadline_state) for p in rows} == {
        ("gekoppeld", "overdue")
    }
    assert {str(p.reason_label) for p in rows} == {"wacht op leverancier"}
    limited = selectors.at_risk_rows(
        practices, coalition=coalition, golive=golive, limit=3
    )
    assert [p.pk for p in limited] == [p.pk for p in rows[:3]]
    assert golive.deadline == setup - dt.timedelta(days=1)
    assert golive.forecast_late is True
    assert golive.month_points()[-1] == (setup, 2)


@pytest.mark.django_db
def test_the_vendor_pace_is_the_forecasts_pace(coalition, setup):
    practices = coalition.practices.filter(is_active=True)
    Rollout.objects.filter(step=Step.LIVE).update(
        live_date=setup - dt.timedelta(weeks=20)
    )
    live = list(Rollout.objects.filter(step=Step.LIVE))
    live[0].live_date = setup - dt.timedelta(days=2)
    live[0].save()
    golive = selectors.vendor_go_live(practices, today=setup)
    dates = selectors.live_dates(practices, service=selectors.PRIMARY_SERVICE)
    assert golive.forecast == selectors.forecast(dates, target=0, today=setup)
    assert golive.forecast.live == 2
    assert golive.forecast.per_week == 1 / selectors.PACE_WEEKS
    assert sum(n for _month, n in golive.by_month) == 2
    first = setup - dt.timedelta(weeks=20)
    assert golive.series[0] == (first - dt.timedelta(days=7), 0)
    assert golive.series[-1][1] == 2
    assert selectors.vendor_go_live(practices.none(), today=setup).series == []
