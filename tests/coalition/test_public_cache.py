"""The public page cache (coalition/public_cache.py): a visitor's second view of a public
page costs no query, yet carries its own CSP nonce and a CSRF token for its own cookie;
logged-in users, visitors with a session or pending messages, other languages, query
strings and the practice's counted page get their own page; a committed change to a
page, its view restrictions or a training session shows at once."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from coalition import public_cache
from coalition.models import Role
from tests.content.factories import ensure_home
from tests.factories import PracticeFactory, user_with_role
from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db

NONCE_RE = re.compile(r'nonce="([^"]+)"')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 60


@pytest.fixture
def home():
    return ensure_home()


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """A block whose changes are committed, as far as on_commit goes: the test runs in
    one transaction that never commits, so what its set-up registered is dropped first,
    and what the block registers runs at its end (unless execute=False)."""

    @contextmanager
    def block(execute: bool = True):
        transaction.get_connection().run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=execute) as callbacks:
            yield callbacks

    return block


def _csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _header_nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def _without_tokens(response) -> str:
    """The page apart from its per-request nonce and CSRF tokens."""
    text = response.text.replace(_header_nonce(response), "NONCE")
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", text)


def test_second_visit_is_served_from_the_cache_without_a_query(
    home, django_assert_num_queries
):
    first = Client().get("/")
    assert first.status_code == 200
    assert first["X-Public-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = Client().get("/")
    assert second["X-Public-Cache"] == "hit"
    assert second.status_code == 200
    assert home.title in second.text
    assert _without_tokens(first) == _without_tokens(second)
    # Nothing of the first visitor's tokens reaches the second.
    assert _csrf_token(first.text) not in second.text
    assert _header_nonce(first) not in second.text


def test_each_hit_has_a_fresh_nonce_matching_its_header(home):
    pages = [Client().get("/") for _ in range(3)]
    nonces = []
    for page in pages:
        in_body = set(NONCE_RE.findall(page.text))
        assert in_body == {_header_nonce(page)}
        nonces.append(_header_nonce(page))
    assert len(set(nonces)) == 3
    assert [p["X-Public-Cache"] for p in pages] == ["miss", "hit", "hit"]


def test_the_csrf_token_of_a_hit_belongs_to_that_visitor(home):
    Client().get("/")  # kept
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/")
    assert page["X-Public-Cache"] == "hit"
    assert settings.CSRF_COOKIE_NAME in page.cookies  # a cookie for this visitor
    token = _csrf_token(page.text)
    switched = visitor.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert switched.status_code == 302  # accepted: 403 if the token were another's


def test_a_visitor_with_a_csrf_cookie_gets_a_token_for_that_cookie(home):
    Client().get("/")
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies.load({settings.CSRF_COOKIE_NAME: "a" * 32})
    page = visitor.get("/")
    assert page["X-Public-Cache"] == "hit"
    switched = visitor.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": _csrf_token(page.text)},
    )
    assert switched.status_code == 302


def test_logged_in_users_get_their_own_page_and_keep_nothing(home, coalition):
    lead = user_with_role(Role.LEAD, coalition=coalition, is_demo=True)
    client = Client()
    client.force_login(lead)
    assert "X-Public-Cache" not in client.get("/")
    visitor = Client().get("/")
    assert visitor["X-Public-Cache"] == "miss"  # the lead's view was not kept
    assert lead.email not in visitor.text
    assert "X-Public-Cache" not in client.get("/")  # and the lead is not served it


def test_a_visitor_with_a_session_or_messages_gets_a_rendered_page(home):
    Client().get("/")
    with_session = Client()
    with_session.cookies.load({settings.SESSION_COOKIE_NAME: "abc"})
    assert "X-Public-Cache" not in with_session.get("/")

    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "U bent uitgelogd.")
    response = Client().get(reverse("health"))
    storage.update(response)
    with_message = Client()
    with_message.cookies.load({"messages": response.cookies["messages"].value})
    page = with_message.get("/")
    assert "X-Public-Cache" not in page
    assert "U bent uitgelogd." in page.text


def test_languages_are_kept_apart(home):
    search = reverse("content:search")
    assert Client().get(search)["X-Public-Cache"] == "miss"
    assert Client().get(search)["X-Public-Cache"] == "hit"
    english = Client(headers={"accept-language": "en"})
    page = english.get(search)
    assert page["X-Public-Cache"] == "miss"
    assert 'lang="en"' in page.text
    assert english.get(search)["X-Public-Cache"] == "hit"


def test_addresses_with_a_query_string_are_never_kept(home):
    """A search or filter would let anyone fill the cache with pages."""
    search = reverse("content:search")
    for _ in range(2):
        assert "X-Public-Cache" not in Client().get(search, {"q": "portaal"})
        assert "X-Public-Cache" not in Client().get("/", {"utm_source": "x"})


def test_the_practices_public_page_counts_every_view(coalition):
    from django.utils import timezone

    from practices import public, services

    practice = services.practice_public_page_set(
        practice=PracticeFactory(coalition=coalition), publish=True, by=None
    )
    url = reverse("practices_public:page", args=[practice.public_slug])
    for _ in range(3):
        page = Client().get(url)
        assert page.status_code == 200
        assert "X-Public-Cache" not in page
    assert public.page_views_since(practice, timezone.localdate()) == 3


def test_only_successful_pages_are_kept(home):
    assert Client().get("/bestaat-niet/").status_code == 404
    assert "X-Public-Cache" not in Client().get("/bestaat-niet/")


def test_htmx_requests_and_non_public_pages_are_not_kept(home):
    partial = Client().get(reverse("content:search"), headers={"HX-Request": "true"})
    assert "X-Public-Cache" not in partial
    assert "X-Public-Cache" not in Client().get(reverse("health"))


def test_off_when_the_setting_is_zero(home, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    Client().get("/")
    assert "X-Public-Cache" not in Client().get("/")


def test_publishing_a_page_shows_once_committed(home, committing):
    Client().get("/")
    with committing(execute=False) as callbacks:
        home.title = "Een nieuwe titel voor de regio"
        home.save_revision().publish()
    # Before the commit a visitor still gets the kept page, and keeps nothing newer.
    assert Client().get("/")["X-Public-Cache"] == "hit"
    for callback in callbacks:
        callback()
    page = Client().get("/")
    assert page["X-Public-Cache"] == "miss"
    assert "Een nieuwe titel voor de regio" in page.text


def test_a_view_restriction_takes_the_page_off_at_once(home, committing):
    from wagtail.models import PageViewRestriction

    assert Client().get("/")["X-Public-Cache"] == "miss"
    with committing():
        PageViewRestriction.objects.create(
            page=home, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    page = Client().get("/")
    assert "X-Public-Cache" not in page  # the password form, never kept
    assert home.title not in page.text or "password" in page.text.lower()


def test_a_new_session_shows_on_the_agenda_at_once(coalition, committing):
    agenda = reverse("training:public_list")
    Client().get(agenda)
    assert Client().get(agenda)["X-Public-Cache"] == "hit"
    with committing():
        session = SessionFactory(
            course__coalition=coalition, course__title="Nieuwe module"
        )
    page = Client().get(agenda)
    assert page["X-Public-Cache"] == "miss"
    assert session.course.title in page.text


def test_a_transaction_of_many_changes_starts_one_generation(coalition, committing):
    with committing() as callbacks:
        for _ in range(5):
            PracticeFactory(coalition=coalition)
    assert callbacks.count(public_cache.invalidate) == 1
