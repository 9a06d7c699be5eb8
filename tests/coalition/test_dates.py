"""Dates in one Dutch style (issue 10.20): "6 dec. 2026" in running text, "6-12-2026"
and "6-12-2026 13:30" in tables; English keeps English month names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from coalition.models import Service
from practices.models import Rollout
from tests.factories import PracticeFactory
from tests.practices.visits_factories import BottleneckFactory

ROOT = Path(__file__).resolve().parents[2]
MOMENT = dt.datetime(2026, 12, 6, 12, 30, tzinfo=dt.UTC)  # 13:30 in Amsterdam


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 12, 6), "6 dec. 2026"),
        (dt.date(2026, 3, 1), "1 mrt. 2026"),
        (dt.date(2026, 5, 14), "14 mei 2026"),  # no abbreviation, no full stop
        (dt.date(2026, 9, 30), "30 sep. 2026"),
    ],
)
def test_running_text_format(day, text):
    with translation.override("nl"):
        assert date_format(day, "DATE_FORMAT") == text
        assert date_format(day, "SHORT_DATE_FORMAT") == day.strftime("%-d-%-m-%Y")


def test_english_keeps_english_month_names():
    with translation.override("en"):
        assert date_format(dt.date(2026, 12, 6), "DATE_FORMAT") == "Dec. 6, 2026"


def test_templates_use_the_named_formats():
    """No template writes one of the old literal styles (29 Nov 2026, 1 Jun 2025, …)."""
    old = re.compile(r"""\|date:["'](j M Y|j b Y|j-n-Y|j F Y|j M Y H:i|j b Y H:i)""")
    found = [
        str(p.relative_to(ROOT))
        for app in ("coalition", "practices", "training", "surveys", "content")
        for p in (ROOT / app).rglob("*.html")
        if old.search(p.read_text())
    ]
    assert found == []


@pytest.mark.django_db
def test_pages_show_each_style(coalition, lead, client_for):
    practice = PracticeFactory(coalition=coalition, name="Praktijk Datum")
    Rollout.objects.create(
        practice=practice,
        service=Service.RECORD_ACCESS,
        step=1,
        planned_date=dt.date(2026, 12, 6),
    )
    bottleneck = BottleneckFactory(practice=practice, raised_at=MOMENT)
    client = client_for(lead)
    # After logging in: a login sets last_login to now.
    get_user_model().objects.filter(pk=lead.pk).update(last_login=MOMENT)

    listing = client.get(reverse("practices:list")).content.decode()
    assert "6-12-2026" in listing  # a date in a table

    users = client.get(reverse("coalition:user_list")).content.decode()
    assert "6-12-2026 13:30" in users  # a moment in a table, Amsterdam time

    detail = client.get(
        reverse("visits:bottleneck_detail", args=[bottleneck.pk])
    ).content.decode()
    assert "6 dec. 2026" in detail  # a date in running text
    assert "Dec 2026" not in detail and "december 2026" not in detail
