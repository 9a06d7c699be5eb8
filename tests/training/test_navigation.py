"""Every link of the Scholing tabs answers 200 for the role that sees it (issue 10.11:
the funder's "Sessies" tab led to a page that refused funders)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coalition.models import Role
from tests.factories import user_with_role

NAV = re.compile(r'<nav aria-label="Scholing"[^>]*>(.*?)</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def _tab_links(html: str) -> list[str]:
    (nav,) = NAV.findall(html)
    return HREF.findall(nav)


def _crawl(client) -> dict[str, int]:
    """Follow the tabs from the public agenda until no new tab turns up."""
    seen: dict[str, int] = {}
    todo = [reverse("training:public_list")]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code == 200:
            todo.extend(_tab_links(response.content.decode()))
    return seen


@pytest.mark.parametrize(
    ("role", "tabs"),
    [
        (None, {"public_list"}),
        (Role.FUNDER, {"public_list"}),
        (Role.PRACTICE, {"session_list", "public_list"}),
        (
            Role.TRAINER,
            {"session_list", "course_list", "trainer_feed_manage", "public_list"},
        ),
        (Role.LEAD, {"session_list", "course_list", "coverage", "public_list"}),
        (Role.OFFICE, {"session_list", "course_list", "coverage", "public_list"}),
    ],
)
def test_every_training_tab_answers_200_for_each_role(
    role, tabs, coalition, client, client_for
):
    if role is not None:
        where = None if role == Role.OFFICE else coalition
        client = client_for(user_with_role(role, coalition=where))
    seen = _crawl(client)
    assert set(seen.values()) == {200}, seen
    assert set(seen) == {reverse(f"training:{name}") for name in tabs}


def test_funder_has_no_sessions_tab(coalition, funder, client_for):
    html = client_for(funder).get(reverse("training:public_list")).content.decode()
    assert reverse("training:session_list") + '"' not in NAV.findall(html)[0]
    assert client_for(funder).get(reverse("training:session_list")).status_code == 403
