"""A lead reads the coalition's audit log: filtered by event with the real form,
keyboard-usable and without serious accessibility faults."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from coalition import audit
from coalition.models import Role
from tests.e2e.conftest import ARTIFACTS, assert_accessible, login
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lead_filters_the_audit_log(new_page, coalition, mfa_user):
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    audit.audit_record(event="view", user=lead, object_type="visit", object_id="11")
    audit.audit_record(event="export", user=lead, object_type="visit", object_id="12")
    page = new_page()
    login(page, lead.email, PASSWORD, user=lead)
    page.goto("/auditlog/")
    expect(page.get_by_role("heading", name="Auditlog")).to_be_visible()
    page.get_by_label("Gebeurtenis").select_option("export")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url(re.compile(r"event=export"))
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "12" in rows.first.inner_text()
    assert_accessible(page)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"audit-log-{width}.png", full_page=True)
