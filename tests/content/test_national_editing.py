"""Issue 11 part 9: the programme office edits the national pages in the CMS; a lead
edits only their own coalition's section."""

from __future__ import annotations

import pytest
from django.urls import reverse

from content.models import ToolkitIndexPage
from content.services import NATIONAL_EDITORS_GROUP, section_create
from tests.content.factories import ensure_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(coalition, other_coalition, lead, other_lead):
    home = ensure_home()
    national = ToolkitIndexPage(title="Materiaal landelijk", slug="materiaal-landelijk")
    home.add_child(instance=national)
    mine = section_create(coalition=coalition)
    theirs = section_create(coalition=other_coalition)
    return home, national, mine, theirs


def test_office_edits_the_national_pages(tree, office):
    home, national, _mine, _theirs = tree
    for page in (home, national):
        perms = page.permissions_for_user(office)
        assert perms.can_edit()
        assert perms.can_publish()
    assert home.permissions_for_user(office).can_add_subpage()


def test_lead_edits_neither_national_pages_nor_another_section(tree, lead):
    home, national, mine, theirs = tree
    assert mine.permissions_for_user(lead).can_edit()
    for page in (home, national, theirs):
        assert not page.permissions_for_user(lead).can_edit()
        assert not page.permissions_for_user(lead).can_publish()


def test_office_opens_the_national_editor_in_the_cms(tree, office, client_for, lead):
    _home, national, _mine, _theirs = tree
    assert client_for(office).get(f"/cms/pages/{national.pk}/edit/").status_code == 200
    response = client_for(lead).get(f"/cms/pages/{national.pk}/edit/")
    assert response.status_code in (302, 403)


def test_office_publishes_a_national_page_lead_may_not(tree, office, lead, client_for):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from content.models import StandardPage

    home = tree[0]
    url = f"/cms/pages/add/content/standardpage/{home.pk}/"

    def data(slug):
        return nested_form_data(
            {
                "title": "Landelijke afspraken",
                "slug": slug,
                "intro": "",
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        )

    refused = client_for(lead).post(url, data("van-lead"))
    assert refused.status_code in (302, 403)
    assert not StandardPage.objects.filter(slug="van-lead").exists()
    assert client_for(office).post(url, data("afspraken")).status_code == 302
    assert StandardPage.objects.child_of(home).get(slug="afspraken").live


def test_office_leaving_loses_the_national_group(office):
    assert office.groups.filter(name=NATIONAL_EDITORS_GROUP).exists()
    office.memberships.all().delete()
    assert not office.groups.filter(name=NATIONAL_EDITORS_GROUP).exists()


# --- the coalitions' sections in the menu and on the material overview ---------------


def _toolkit(parent, title, audience="patients"):
    from content.models import ToolkitPage

    page = ToolkitPage(title=title, purpose=f"Doel van {title}", audience=audience)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def material(tree):
    home, national, mine, theirs = tree
    national.save_revision().publish()
    _toolkit(national, "Landelijke flyer")
    own_index = ToolkitIndexPage(title="Materiaal A", slug="materiaal-a")
    mine.add_child(instance=own_index)
    own_index.save_revision().publish()
    _toolkit(own_index, "Regionale poster A", audience="staff")
    return tree


def test_sections_are_in_the_site_menu(material, client):
    home, national, mine, theirs = material
    html = client.get(national.url).content.decode()
    nav = html[html.index('aria-label="Website"') : html.index('role="search"')]
    assert f'href="{mine.url}"' in nav
    assert f'href="{theirs.url}"' in nav
    assert "Coalitie A" in nav


def test_material_overview_lists_sections_and_their_toolkits(material, client):
    home, national, mine, theirs = material
    response = client.get(reverse("content:toolkits"), follow=True)
    html = response.content.decode()
    assert "Landelijke flyer" in html
    assert "Materiaal van de coalities" in html
    assert f'href="{mine.url}"' in html and f'href="{theirs.url}"' in html
    # a section's own toolkit beside the national ones, under its section
    assert html.index("Coalitie A") < html.index("Regionale poster A")
    assert "Deze coalitie heeft hier nog geen eigen toolkits." in html  # B has none


def test_material_overview_filters_section_toolkits_by_audience(material, client):
    national = material[1]
    html = client.get(national.url, {"doelgroep": "patients"}).content.decode()
    assert "Landelijke flyer" in html
    assert "Regionale poster A" not in html
    html = client.get(national.url, {"doelgroep": "staff"}).content.decode()
    assert "Regionale poster A" in html


def test_section_toolkits_in_four_queries(material, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from content.selectors import section_toolkits

    # sections and toolkits, each with Wagtail's look-up of restricted pages (public())
    with django_assert_num_queries(4):
        rows = section_toolkits(user=AnonymousUser())
    assert [r["section"].title for r in rows] == ["Coalitie A", "Coalitie B"]
    assert [t.title for t in rows[0]["toolkits"]] == ["Regionale poster A"]
    assert rows[1]["toolkits"] == []


# --- a lead marks a collection of their own section members-only ---------------------


@pytest.fixture
def collections(tree, coalition, other_coalition):
    from content import services
    from tests.content.factories import make_document

    own = services.collection_get_or_create(name=coalition.name)
    letters = services.collection_get_or_create(name="Brieven A", parent=own)
    theirs = services.collection_get_or_create(name=other_coalition.name)
    national = services.collection_get_or_create(name="Landelijk materiaal")
    doc = make_document("Afsprakenlijst A", "afspraken.pdf", collection=letters)
    return {
        "own": own,
        "letters": letters,
        "theirs": theirs,
        "national": national,
        "doc": doc,
    }


def test_lead_marks_own_collection_members_only(collections, lead, client_for):
    from wagtail.models import CollectionViewRestriction

    letters = collections["letters"]
    url = reverse("content:collection_members_only", args=[letters.pk])
    response = client_for(lead).post(url, {"members_only": "1"})
    assert response.status_code == 302
    assert CollectionViewRestriction.objects.filter(collection=letters).exists()
    client_for(lead).post(url, {"members_only": "0"})
    assert not CollectionViewRestriction.objects.filter(collection=letters).exists()


def test_members_only_is_for_members_of_that_coalition(
    collections, lead, other_lead, coalition, client_for
):
    from coalition.models import Role
    from content import services
    from tests.factories import PracticeFactory, user_with_role

    services.collection_set_members_only(
        user=lead, collection=collections["letters"], members_only=True
    )
    doc = collections["doc"]
    member = user_with_role(
        Role.PRACTICE, practice=PracticeFactory(coalition=coalition)
    )
    assert client_for(member).get(doc.url).status_code == 200
    assert client_for(other_lead).get(doc.url).status_code == 404


@pytest.mark.parametrize("which", ["theirs", "national"])
def test_lead_may_not_mark_other_collections(collections, lead, client_for, which):
    from wagtail.models import CollectionViewRestriction

    from content import services

    target = collections[which]
    url = reverse("content:collection_members_only", args=[target.pk])
    client = client_for(lead)
    assert client.post(url, {"members_only": "1"}).status_code == 404
    assert not CollectionViewRestriction.objects.filter(collection=target).exists()
    # nor make a members-only collection of another public again
    services.collection_make_private(collection=target)
    assert client.post(url, {"members_only": "0"}).status_code == 404
    assert CollectionViewRestriction.objects.filter(collection=target).exists()


def test_collections_page_lists_only_own_collections(
    collections, lead, client_for, django_assert_num_queries
):
    from content import selectors

    html = client_for(lead).get(reverse("content:section_collections")).content.decode()
    assert "Brieven A" in html and "Coalitie A" in html
    assert "Coalitie B" not in html and "Landelijk materiaal" not in html
    assert (
        'Alleen voor leden maken<span class="visually-hidden">: Brieven A</span>'
        in html
    )

    from content import services

    services.collection_set_members_only(
        user=lead, collection=collections["own"], members_only=True
    )
    with django_assert_num_queries(
        5
    ):  # scope, paths, collections, restrictions, counts
        rows = selectors.section_collection_rows(lead)
    assert [
        (r["collection"].name, r["members_only"], r["inherited"]) for r in rows
    ] == [
        ("Coalitie A", True, False),
        ("Brieven A", False, True),
    ]
    assert rows[1]["documents"] == 1


@pytest.mark.parametrize("who", ["office", "practice_user", "trainer"])
def test_collections_pages_are_for_leads(request, collections, client_for, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert client.get(reverse("content:section_collections")).status_code == 403
    url = reverse("content:collection_members_only", args=[collections["letters"].pk])
    assert client.post(url, {"members_only": "1"}).status_code == 403
