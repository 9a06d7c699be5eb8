"""The home page's blocks, the material-use report and the menu."""

from __future__ import annotations

import datetime as dt
import sys
from types import SimpleNamespace

import pytest
from django.utils import timezone

from coalition.models import Role
from content import selectors, services
from content.models import ArticlePage, DocumentDownload, NewsIndexPage
from tests.content.factories import add_page, toolkit_site
from tests.factories import PracticeFactory, user_with_role

pytestmark = pytest.mark.django_db


def fake_session(title: str, day: int):
    return SimpleNamespace(
        course=SimpleNamespace(title=title),
        starts_at=dt.datetime(2026, 12, day, 9, 30, tzinfo=dt.UTC),
        get_mode_display=lambda: "online",
        get_absolute_url=lambda: f"/scholing/sessie-{day}/",
    )


@pytest.fixture
def home_site(monkeypatch):
    site = toolkit_site()
    news = add_page(site["home"], NewsIndexPage(title="Nieuws", slug="nieuws"))
    add_page(
        news,
        ArticlePage(
            title="Sommige afspraken alleen online",
            slug="online-afspraken",
            date=dt.date(2025, 9, 15),
            intro="Een goed voorbeeld uit de regio.",
        ),
    )
    monkeypatch.setattr(
        selectors,
        "upcoming_trainings",
        lambda limit=3: [fake_session("Werken met het portaal", 3)],
    )
    monkeypatch.setattr(
        selectors,
        "public_progress",
        lambda: [
            {
                "coalition": "Coalitie A",
                "n_practices": 160,
                "n_live": 40,
                "pct_live": 25.0,
            }
        ],
    )
    return site


def test_home_page_shows_toolkits_trainings_articles_and_progress(client, home_site):
    html = client.get("/").content.decode()
    assert "Communicatietoolkit" in html
    assert "Werken met het portaal" in html and "/scholing/sessie-3/" in html
    assert "Sommige afspraken alleen online" in html
    assert "Coalitie A" in html and "25%" in html
    assert 'aria-valuenow="25"' in html


def test_home_page_without_the_other_apps(client, monkeypatch):
    toolkit_site()
    monkeypatch.setitem(sys.modules, "training.selectors", None)
    monkeypatch.setitem(sys.modules, "practices.selectors", None)
    assert selectors.upcoming_trainings() == []
    assert selectors.public_progress() == []
    html = client.get("/").content.decode()
    assert "Er staan op dit moment geen openbare scholingen gepland." in html


def _download(doc, practice=None, months_ago=0):
    today = timezone.localdate()
    month = selectors.last_months(today, months_ago + 1)[0]
    return DocumentDownload.objects.create(document=doc, month=month, practice=practice)


def test_usage_report_shows_own_practices_only(
    client_for, lead, practice, other_coalition
):
    flyer = toolkit_site()["flyer"]
    elsewhere = PracticeFactory(coalition=other_coalition, name="Praktijk Elders")
    _download(flyer, practice)
    _download(flyer, practice, months_ago=1)
    _download(flyer, elsewhere)
    _download(flyer)

    response = client_for(lead).get("/inhoud/gebruik/")
    assert response.status_code == 200
    html = response.content.decode()
    assert practice.name in html
    assert "Praktijk Elders" not in html
    rows = response.context["documents_table"].data.data
    assert rows[0]["total"] == 4
    this_month = f"m{timezone.localdate():%Y%m}"
    assert rows[0][this_month] == 3
    practice_rows = response.context["practices_table"].data.data
    assert [(r["practice_id"], r["downloads"]) for r in practice_rows] == [
        (practice.pk, 2)
    ]


def test_usage_report_queries_do_not_grow(client_for, lead, coalition):
    """Same number of queries with 1 and with 8 practices downloading."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    site = toolkit_site()
    client = client_for(lead)
    client.get("/inhoud/gebruik/")  # warm caches (content types, sessions)

    def queries_with(n_practices: int) -> int:
        DocumentDownload.objects.all().delete()
        for i in range(n_practices):
            p = PracticeFactory(coalition=coalition)
            _download(site["flyer"], p, months_ago=i % 3)
            _download(site["letter"], p)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/inhoud/gebruik/")
        assert len(response.context["practices_table"].rows) == 2 * n_practices
        return len(ctx.captured_queries)

    assert queries_with(1) == queries_with(8)


def test_usage_report_refused_for_practice_users(client_for, practice_user):
    assert client_for(practice_user).get("/inhoud/gebruik/").status_code == 403


def test_downloads_by_practice(practice):
    flyer = toolkit_site()["flyer"]
    _download(flyer, practice)
    _download(flyer, practice)
    assert selectors.downloads_by_practice([practice.pk]) == {practice.pk: 2}


def test_menu_links_material_for_practice_users_and_report_for_leads(
    client_for, practice_user, coalition
):
    toolkit_site()
    html = client_for(practice_user).get("/materiaal/").content.decode()
    assert 'href="/inhoud/materiaal/"' in html
    assert "Gebruik materiaal" not in html
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead2@a.example.test")
    client = client_for(lead)
    assert 'href="/inhoud/gebruik/"' in client.get("/materiaal/").content.decode()
    assert client.get("/inhoud/materiaal/")["Location"] == "/materiaal/"


def test_section_create_is_idempotent(coalition, lead):
    toolkit_site()
    first = services.section_create(coalition=coalition)
    again = services.section_create(coalition=coalition)
    assert first.pk == again.pk
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    group = Group.objects.get(name=services.editors_group_name(coalition))
    assert list(group.user_set.all()) == [lead]
    assert GroupPagePermission.objects.filter(group=group).count() == len(
        services.SECTION_PAGE_PERMISSIONS
    )


def test_practice_start_page_shows_material_panel(client_for, practice_user, practice):
    flyer = toolkit_site()["flyer"]
    client = client_for(practice_user)
    html = client.get("/start/").content.decode()
    assert "Nog geen materiaal gedownload" in html
    _download(flyer, practice)
    html = client.get("/start/").content.decode()
    assert "Materiaal 1 keer gedownload" in html
    assert flyer.title in html
