"""The public practice page (issue 16.2): only what a practice agreed to publish, no
cookies for visitors, page views counted without personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from coalition.models import Role, Service, Vendor
from practices import public, services
from practices.models import Practice, PublicPageViews, Step
from tests.factories import PracticeFactory, VendorFactory, user_with_role
from tests.practices.factories import RolloutFactory

pytestmark = pytest.mark.django_db


def publish(practice: Practice, by=None) -> Practice:
    return services.practice_public_page_set(practice=practice, publish=True, by=by)


@pytest.fixture
def portal():
    return VendorFactory(name="Mijn Portaal BV", kind=Vendor.Kind.PORTAL)


@pytest.fixture
def opted_in(coalition, portal):
    p = PracticeFactory(
        coalition=coalition,
        name="Huisartsenpraktijk De Linde",
        postcode="3011 AB",
        city="Rotterdam",
        portal_vendor=portal,
        phone="010 123 45 67",
    )
    RolloutFactory(
        practice=p,
        service=Service.ECONSULT,
        step=Step.LIVE,
        live_date=dt.date(2025, 3, 1),
    )
    RolloutFactory(practice=p, service=Service.APPOINTMENTS, step=Step.CONNECTED)
    return publish(p)


@pytest.fixture
def hidden(coalition):
    return PracticeFactory(
        coalition=coalition, name="Praktijk Verborgen", postcode="3011 CD"
    )


def test_opting_in_makes_a_slug_and_keeps_it(opted_in):
    assert opted_in.public_slug == "huisartsenpraktijk-de-linde-rotterdam"
    assert opted_in.public_page_since is not None
    other = publish(PracticeFactory(name="Huisartsenpraktijk De Linde"))
    assert other.public_slug == "huisartsenpraktijk-de-linde-rotterdam-2"
    withdrawn = services.practice_public_page_set(
        practice=opted_in, publish=False, by=None
    )
    assert (withdrawn.public_page, withdrawn.public_page_since) == (False, None)
    again = publish(withdrawn)
    assert again.public_slug == "huisartsenpraktijk-de-linde-rotterdam"


def test_page_shows_live_services_login_portal_and_material(client, opted_in):
    from tests.content.factories import toolkit_site
    from tests.surveys.factories import open_standard, submitted

    toolkit_site()
    q = open_standard(opted_in.coalition, year=2025)
    submitted(
        q,
        opted_in,
        {
            "list_size": "2875",
            "login_digid": "ja",
            "login_sms": "nee",
            "offers_app": "ja",
        },
    )
    response = client.get(reverse("practices_public:page", args=[opted_in.public_slug]))
    assert response.status_code == 200
    html = response.content.decode()
    page = response.context["page"]
    assert [s["service"] for s in page.live] == [Service.ECONSULT]
    assert "Een vraag stellen" in html
    assert "Een afspraak maken" in html  # under "nog niet online"
    assert page.logins == [str(public.LOGIN_TEXT["login_digid"])]
    assert page.has_app is True
    assert "Mijn Portaal BV" in html
    assert "010 123 45 67" in html
    # the public flyer, never the members-only letter
    assert page.material["flyer"]["title"] == "Wachtkamerflyer"
    assert "Informatiebrief" not in html
    # nothing the practice did not agree to publish
    assert opted_in.agb_code not in html
    assert "3000" not in html  # list size


def test_not_opted_in_practice_does_not_exist(client, hidden, opted_in):
    slug = "praktijk-verborgen-rotterdam"
    hidden.public_slug = slug  # even with a slug (withdrawn), the page is gone
    hidden.save()
    for name in ("practices_public:page", "practices_public:print"):
        assert client.get(reverse(name, args=[slug])).status_code == 404
    for q in ("Verborgen", "3011 CD", "3011"):
        found = client.get(reverse("practices_public:finder"), {"q": q})
        assert hidden not in found.context["result"].practices
        assert "Praktijk Verborgen" not in found.content.decode()
    assert public.find("3011").practices == [opted_in]


def test_inactive_practice_is_not_published(client, opted_in):
    Practice.objects.filter(pk=opted_in.pk).update(is_active=False)
    url = reverse("practices_public:page", args=[opted_in.public_slug])
    assert client.get(url).status_code == 404


def test_finder_by_postcode_name_place_and_nearby(opted_in):
    assert public.find("3011ab").practices == [opted_in]
    assert public.find(" 3011 AB ").practices == [opted_in]
    assert public.find("linde").practices == [opted_in]
    assert public.find("rotterdam").practices == [opted_in]
    near = public.find("3055 XX")
    assert near.practices == [opted_in] and near.nearby
    assert public.find("9999").practices == []
    assert public.find("").practices == []


def test_no_cookie_for_visitors(opted_in):
    client = Client(enforce_csrf_checks=True)
    slug = opted_in.public_slug
    for url in (
        reverse("practices_public:finder"),
        reverse("practices_public:finder") + "?q=3011+AB",
        reverse("practices_public:page", args=[slug]),
        reverse("practices_public:print", args=[slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in str(response.serialize_headers())
        assert b"csrfmiddlewaretoken" not in response.content
    assert not client.cookies


def test_finder_is_a_get_form(client):
    html = client.get(reverse("practices_public:finder")).content.decode()
    assert 'method="get"' in html and 'method="post"' not in html


def test_views_are_counted_per_day_without_the_visitor(client, opted_in, lead):
    url = reverse("practices_public:page", args=[opted_in.public_slug])
    client.get(url, REMOTE_ADDR="192.0.2.10")
    client.get(url, REMOTE_ADDR="192.0.2.11")
    row = PublicPageViews.objects.get(practice=opted_in)
    assert row.views == 2
    # the counter holds a practice, a day and a number; nothing about the visitor
    assert {f.name for f in PublicPageViews._meta.get_fields()} == {
        "id",
        "practice",
        "day",
        "views",
    }
    client.force_login(lead)
    client.get(url)  # staff looking at the page are no patients being informed
    row.refresh_from_db()
    assert row.views == 2
    services.public_page_view_count(
        practice_id=opted_in.pk, day=row.day - dt.timedelta(days=1)
    )
    assert public.page_views_by_practice([opted_in.pk]) == {opted_in.pk: 3}


def test_print_page_has_an_inline_qr_code(client, opted_in):
    response = client.get(
        reverse("practices_public:print", args=[opted_in.public_slug])
    )
    html = response.content.decode()
    assert "<svg" in html and "<?xml" not in html
    assert response.context["url"].endswith(f"/{opted_in.public_slug}/")
    assert (
        "@page"
        in open(  # noqa: SIM115 - the A4 print rule
            "practices/static/practices/public.css"
        ).read()
    )


def test_page_reads_in_a_fixed_number_of_queries(
    client, opted_in, django_assert_num_queries
):
    url = reverse("practices_public:page", args=[opted_in.public_slug])
    client.get(url)  # warm caches (content types, site)
    with django_assert_num_queries(8) as few:
        client.get(url)
    for service in (Service.RECORD_ACCESS, Service.LAB_RESULTS):
        RolloutFactory(
            practice=opted_in,
            service=service,
            step=Step.LIVE,
            live_date=dt.date(2025, 3, 1),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


# --- the switch on the practice page -------------------------------------------------


def test_practice_user_opts_in_with_agreement(client_for, practice, practice_user):
    client = client_for(practice_user)
    url = reverse("practices:public_page_set", args=[practice.pk])
    client.post(url, {"publish": "1"})
    practice.refresh_from_db()
    assert not practice.public_page  # without ticking the agreement: nothing
    client.post(url, {"publish": "1", "agree": "1"})
    practice.refresh_from_db()
    assert practice.public_page and practice.public_slug
    latest = practice.history.order_by("-history_date").first()
    assert latest.history_user == practice_user
    detail = client.get(reverse("practices:detail", args=[practice.pk]))
    assert "Pagina offline halen" in detail.content.decode()
    client.post(url, {"publish": "0"})
    practice.refresh_from_db()
    assert not practice.public_page


def test_lead_sees_the_state_but_cannot_switch(client_for, practice, lead):
    client = client_for(lead)
    url = reverse("practices:public_page_set", args=[practice.pk])
    assert client.post(url, {"publish": "1", "agree": "1"}).status_code == 403
    practice.refresh_from_db()
    assert not practice.public_page
    publish(practice)
    html = client.get(reverse("practices:detail", args=[practice.pk])).content.decode()
    assert "staat online" in html and "Pagina offline halen" not in html


def test_another_practice_cannot_switch(client_for, practice, coalition):
    other = user_with_role(Role.PRACTICE, practice=PracticeFactory(coalition=coalition))
    url = reverse("practices:public_page_set", args=[practice.pk])
    assert (
        client_for(other).post(url, {"publish": "1", "agree": "1"}).status_code == 404
    )


# --- "patients informed" in the funder's eligibility checklist -----------------------


def test_page_views_count_as_patients_informed(opted_in):
    from django.utils import timezone

    from coalition.funder.progress import _eligibility

    qs = Practice.objects.filter(pk=opted_in.pk)
    # econsult is live (step 5 ≥ informed): use a practice without rollout progress
    plain = publish(PracticeFactory(coalition=opted_in.coalition, name="Zonder"))
    qs = Practice.objects.filter(pk=plain.pk)
    today = timezone.localdate()
    assert _eligibility(qs, today)["n_informed"] == 0
    services.public_page_view_count(practice_id=plain.pk)
    assert _eligibility(qs, today)["n_informed"] == 1
