"""The layout's context (menu and capabilities) is worked out once per request and user,
however many templates the request renders (a table's template column renders one per
cell)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory

from coalition.context_processors import platform
from coalition.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_many_templates_of_one_request_build_the_menu_once(
    coalition, django_assert_num_queries
):
    request = RequestFactory().get("/praktijken/")
    request.user = user_with_role(Role.LEAD, coalition=coalition)
    cell = engines["django"].from_string(
        "{% for item in nav_items %}{{ item.label }}|{% endfor %}"
    )
    first = cell.render({}, request)
    assert "Praktijken" in first
    with django_assert_num_queries(0):
        for _ in range(50):
            assert cell.render({}, request) == first


def test_another_user_on_the_same_request_gets_their_own_menu(coalition):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert platform(request)["nav_items"] == []
    request.user = user_with_role(Role.LEAD, coalition=coalition)
    assert platform(request)["nav_items"] != []
