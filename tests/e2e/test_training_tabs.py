"""Issue 10.11 in the browser: a funder on the public training agenda clicks every tab
the page shows and is never refused (the "Sessies" tab used to lead to a 403)."""

from __future__ import annotations

import pytest

from coalition.models import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", [Role.FUNDER, Role.PRACTICE])
def test_every_training_tab_opens_for_the_role_that_sees_it(page, coalition, role):
    user = user_with_role(role, coalition=coalition, email=f"{role}@e2e.test")
    login(page, user.email, PASSWORD)
    page.goto("/scholing/agenda/")
    tabs = page.get_by_role("navigation", name="Scholing").get_by_role("link")
    names = [tabs.nth(i).inner_text().strip() for i in range(tabs.count())]
    assert names, "the agenda shows the training tabs"
    if role == Role.FUNDER:
        assert "Sessies" not in names  # a tab the funder may not follow is not shown
    for name in names:
        page.goto("/scholing/agenda/")
        nav = page.get_by_role("navigation", name="Scholing")
        with page.expect_navigation() as nav_info:
            nav.get_by_role("link", name=name, exact=True).click()
        assert nav_info.value.status == 200, (role, name, page.url)
        assert "geen toegang" not in page.locator("main").inner_text().lower()
    assert_accessible(page)
