"""Leads edit their own coalition's section; the admin is for leads only; uploads of
unexpected types or sizes are refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from content.forms import check_upload
from content.services import section_create
from tests.content.factories import PDF, ensure_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(coalition, other_coalition, lead, other_lead):
    ensure_home()
    return section_create(coalition=coalition), section_create(
        coalition=other_coalition
    )


def test_leads_edit_their_own_section_only(sections, lead, other_lead):
    mine, theirs = sections
    assert mine.permissions_for_user(lead).can_edit()
    assert mine.permissions_for_user(lead).can_publish()
    assert mine.permissions_for_user(lead).can_add_subpage()
    assert not theirs.permissions_for_user(lead).can_edit()
    assert theirs.permissions_for_user(other_lead).can_edit()
    assert not mine.permissions_for_user(other_lead).can_edit()
    # nor the national pages above the sections
    assert not mine.get_parent().permissions_for_user(lead).can_edit()


def test_editors_change_own_documents_and_choose_national_ones(sections, lead):
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    from tests.content.factories import make_document

    permission_policy = policy_registry.get_by_type(get_document_model())

    national = make_document("Landelijke flyer")
    assert permission_policy.user_has_permission_for_instance(lead, "choose", national)
    assert not permission_policy.user_has_permission_for_instance(
        lead, "change", national
    )
    from wagtail.models import Collection

    own = make_document(
        "Eigen brief", collection=Collection.objects.get(name="Coalitie A")
    )
    assert permission_policy.user_has_permission_for_instance(lead, "change", own)
    other = make_document(
        "Brief B", collection=Collection.objects.get(name="Coalitie B")
    )
    assert not permission_policy.user_has_permission_for_instance(lead, "change", other)


def test_edit_page_in_admin_for_own_section_only(sections, client_for, lead):
    mine, theirs = sections
    client = client_for(lead)
    assert client.get(f"/cms/pages/{mine.pk}/edit/").status_code == 200
    response = client.get(f"/cms/pages/{theirs.pk}/edit/")
    assert response.status_code in (302, 403)
    assert b"Coalitie B" not in response.content


def test_a_lead_added_later_becomes_editor(coalition, sections):
    from coalition.models import Role
    from tests.factories import user_with_role

    newcomer = user_with_role(
        Role.LEAD, coalition=coalition, email="nieuw@a.example.test"
    )
    assert sections[0].permissions_for_user(newcomer).can_edit()


def test_leaving_lead_loses_editing_and_can_be_deleted(sections, lead):
    lead.memberships.all().delete()
    assert not sections[0].permissions_for_user(lead).can_edit()
    lead.delete()


def test_downloads_listed_read_only_in_admin(client, db):
    from coalition.models import User

    admin = User.objects.create_superuser(email="b@example.test", password="x-ww-1234")
    ensure_home()
    client.force_login(admin)
    url = "/cms/snippets/content/documentdownload/"
    assert client.get(url).status_code == 200
    assert client.get(url + "add/").status_code in (302, 403)


@pytest.mark.parametrize("who", ["practice_user", "trainer"])
def test_admin_refused_for_practice_users_and_trainers(request, client_for, who):
    user = request.getfixturevalue(who)
    # The 403 page, not a loop through the login page (issue 10.10).
    assert client_for(user).get("/cms/").status_code == 403


def test_admin_open_for_leads(client_for, lead):
    ensure_home()
    assert client_for(lead).get("/cms/").status_code == 200


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pagina.html", b"<html></html>", "worden niet geaccepteerd"),
        ("plaatje.svg", b"<svg/>", "worden niet geaccepteerd"),
        ("nep.pdf", b"<html><script></script></html>", "past niet bij de extensie"),
        ("lijst.txt", b"<script>alert(1)</script>", "past niet bij de extensie"),
    ],
)
def test_unexpected_upload_refused_with_message(
    client_for, sections, lead, name, data, message
):
    from wagtail.models import Collection

    collection = Collection.objects.get(name="Coalitie A")
    response = client_for(lead).post(
        "/cms/documents/add/",
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, data),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()


def test_oversized_upload_refused(client_for, sections, lead, settings):
    from wagtail.models import Collection

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    collection = Collection.objects.get(name="Coalitie A")
    response = client_for(lead).post(
        "/cms/documents/add/",
        {
            "title": "Groot",
            "file": SimpleUploadedFile("groot.pdf", PDF + b"0" * 200),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_valid_upload_accepted(client_for, sections, lead):
    from wagtail.models import Collection

    collection = Collection.objects.get(name="Coalitie A")
    response = client_for(lead).post(
        "/cms/documents/add/",
        {
            "title": "Flyer",
            "file": SimpleUploadedFile("flyer.pdf", PDF),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Flyer"


def test_svg_image_upload_refused(client_for, sections, lead):
    from wagtail.models import Collection

    collection = Collection.objects.get(name="Coalitie A")
    response = client_for(lead).post(
        "/cms/images/add/",
        {
            "title": "Logo",
            "file": SimpleUploadedFile("logo.svg", b"<svg xmlns='x'><script/></svg>"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200
    from wagtail.images import get_image_model

    assert not get_image_model().objects.exists()


def test_check_upload_accepts_real_formats():
    check_upload("flyer.pdf", PDF)
    check_upload("brief.docx", b"PK\x03\x04rest")
    check_upload("film.mp4", b"\x00\x00\x00\x18ftypmp42")
    check_upload("lijst.csv", b"naam;aantal\npraktijk;3\n")


def test_lead_publishes_a_page_in_own_section_not_in_another(
    sections, client_for, lead
):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from content.models import StandardPage

    mine, theirs = sections
    client = client_for(lead)
    data = nested_form_data(
        {
            "title": "Regionale scholingsdag",
            "slug": "scholingsdag",
            "intro": "",
            "body": streamfield([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/cms/pages/add/content/standardpage/{mine.pk}/", data)
    assert response.status_code == 302
    page = StandardPage.objects.child_of(mine).get(slug="scholingsdag")
    assert page.live

    response = client.post(f"/cms/pages/add/content/standardpage/{theirs.pk}/", data)
    assert response.status_code in (302, 403)
    assert not StandardPage.objects.child_of(theirs).exists()


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/cms/pages/add/content/standardpage/{section}/", {}),
        ("/cms/pages/add/content/standardpage/{section}/", {"title": "Zonder body"}),
        ("/cms/pages/{section}/copy/", {}),
        ("/cms/pages/{section}/copy/", {"new_title": "Kopie", "new_slug": "kopie"}),
    ],
)
def test_malformed_wagtail_posts_answer_400(client_for, lead, coalition, url, data):
    """Issue 14.5: a page add without its body, a copy without a parent."""
    from content import services
    from content.models import StandardPage

    ensure_home()
    section = services.section_create(coalition=coalition)
    before = StandardPage.objects.count()
    client = client_for(lead)
    client.raise_request_exception = False
    response = client.post(url.format(section=section.pk), data)
    assert response.status_code == 400
    assert "Onvolledig formulier" in response.content.decode()
    assert StandardPage.objects.count() == before
