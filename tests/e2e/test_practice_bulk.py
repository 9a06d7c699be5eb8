"""The lead ticks rows of the practice list (and then the select-all box), chooses a
step in the real select and submits: the rows change and each gets a history row."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coalition.models import Role
from practices.models import Rollout, RolloutChange, Step
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role
from tests.practices.factories import RolloutFactory, ServiceDeadlineFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAMES = [
    "Huisartsenpraktijk De Linde",
    "Huisartsen Het Anker",
    "Gezondheidscentrum Zuid",
]


def steps() -> dict[str, int]:
    return dict(
        Rollout.objects.filter(service="record_access").values_list(
            "practice__name", "step"
        )
    )


def test_lead_changes_the_step_of_ticked_practices(new_page, coalition, mfa_user):
    today = timezone.localdate()
    ServiceDeadlineFactory(coalition=coalition, deadline=today + dt.timedelta(days=90))
    for name in NAMES:
        p = PracticeFactory(coalition=coalition, name=name)
        RolloutFactory(practice=p, step=Step.CONNECTED, reason="training")
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@bulk.test")
    mfa_user(lead)
    page = new_page()
    login(page, lead.email, PASSWORD, user=lead)
    page.goto("/praktijken/")
    table = page.get_by_role("region", name="Praktijken")

    # Tick two rows and move them to "team getraind".
    for name in NAMES[:2]:
        row = table.get_by_role("row").filter(has_text=name)
        row.get_by_role("checkbox").click()
    form = page.get_by_role("group", name=re.compile("Stap wijzigen"))
    form.get_by_label("Nieuwe stap").select_option(label="team getraind")
    form.get_by_label("Toelichting").press_sequentially("Scholing gevolgd", delay=120)
    form.get_by_role("button", name="Stap wijzigen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "2 praktijk(en) naar ‘team getraind’"
    )
    assert steps() == {
        NAMES[0]: Step.STAFF_TRAINED,
        NAMES[1]: Step.STAFF_TRAINED,
        NAMES[2]: Step.CONNECTED,
    }
    changes = RolloutChange.objects.filter(note="Scholing gevolgd")
    assert changes.count() == 2
    assert {c.changed_by for c in changes} == {lead}
    assert {(c.from_step, c.to_step, c.reason) for c in changes} == {
        (Step.CONNECTED, Step.STAFF_TRAINED, "")  # the old step's reason is gone
    }
    # The page shows it: each row's step column.
    for name in NAMES[:2]:
        assert (
            "team getraind"
            in table.get_by_role("row").filter(has_text=name).inner_text()
        )

    # The select-all box ticks every row on the page.
    table.get_by_role(
        "checkbox", name="Alle praktijken op deze pagina selecteren"
    ).click()
    boxes = table.get_by_role("checkbox", name="Selecteren", exact=True)
    assert boxes.count() == 3
    assert all(boxes.nth(i).is_checked() for i in range(3))
    form.get_by_label("Nieuwe stap").select_option(label="live")
    with page.expect_navigation():
        form.get_by_role("button", name="Stap wijzigen").click()
    assert "3 praktijk(en) naar ‘live’" in page.get_by_role("status").first.inner_text()
    assert set(steps().values()) == {Step.LIVE}
    assert RolloutChange.objects.filter(to_step=Step.LIVE).count() == 3
    assert_accessible(page)
