"""Issue 14.11: one visit or bottleneck per submitted form (a one-time token).
Issue 14.16: two people saving the same visit report: the second gets a conflict.
Issue 10.14: sharing feedback e-mails the practice's contacts and users, once."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from coalition.models import EmailMessage, Role
from practices.models import PracticeContact
from practices.visits import services
from practices.visits.models import Bottleneck, Visit, VisitNotice
from practices.visits.services import visits as visit_services
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _token(html: str) -> str:
    return re.search(r'name="form_token" value="([0-9a-f]{32})"', html).group(1)


def test_same_visit_form_posted_twice_makes_one_visit(practice, lead, client_for):
    client = client_for(lead)
    token = _token(client.get("/bezoeken/nieuw/").content.decode())
    data = {
        "practice": practice.pk,
        "planned_on": timezone.localdate().isoformat(),
        "visitors": [lead.pk],
        "form_token": token,
    }
    first = client.post("/bezoeken/nieuw/", data)
    second = client.post("/bezoeken/nieuw/", data)
    assert first.status_code == second.status_code == 302
    assert Visit.objects.count() == 1
    visit = Visit.objects.get()
    assert first["Location"] == second["Location"] == f"/bezoeken/{visit.pk}/"
    # A fresh form (new token) is a new visit.
    data["form_token"] = _token(client.get("/bezoeken/nieuw/").content.decode())
    client.post("/bezoeken/nieuw/", data)
    assert Visit.objects.count() == 2


def test_same_bottleneck_form_posted_twice_makes_one_bottleneck(
    practice, lead, client_for
):
    client = client_for(lead)
    token = _token(client.get("/bezoeken/knelpunten/nieuw/").content.decode())
    data = {
        "practice": practice.pk,
        "category": "login",
        "description": "DigiD-app werkt niet",
        "form_token": token,
    }
    client.post("/bezoeken/knelpunten/nieuw/", data)
    client.post("/bezoeken/knelpunten/nieuw/", data)
    assert Bottleneck.objects.count() == 1


def test_bottleneck_from_the_visit_page_once(practice, lead, client_for):
    today = timezone.localdate()
    visit = services.visit_create(
        by=lead, practice=practice, planned_on=today, held_on=today
    )
    client = client_for(lead)
    html = client.get(f"/bezoeken/{visit.pk}/").content.decode()
    token = re.search(r'name="bn-form_token" value="([0-9a-f]{32})"', html).group(1)
    data = {
        "bn-category": "his_link",
        "bn-description": "Koppeling valt uit",
        "bn-form_token": token,
    }
    url = f"/bezoeken/{visit.pk}/knelpunten/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert visit.bottlenecks.count() == 1


def test_service_returns_the_row_of_a_used_token(practice, lead):
    token = "a" * 32
    day = timezone.localdate()
    one = services.visit_create(
        by=lead, practice=practice, planned_on=day, form_token=token
    )
    two = services.visit_create(
        by=lead, practice=practice, planned_on=day, form_token=token
    )
    assert one.pk == two.pk
    b1 = services.bottleneck_create(
        by=lead, practice=practice, category="login", description="x", form_token=token
    )
    b2 = services.bottleneck_create(
        by=lead, practice=practice, category="login", description="x", form_token=token
    )
    assert b1.pk == b2.pk and Bottleneck.objects.count() == 1


def test_a_malformed_token_is_refused(practice, lead, client_for):
    client = client_for(lead)
    response = client.post(
        "/bezoeken/nieuw/",
        {
            "practice": practice.pk,
            "planned_on": timezone.localdate().isoformat(),
            "form_token": "'; drop table",
        },
    )
    assert response.status_code == 200
    assert "Het formulier is verlopen" in response.content.decode()
    assert not Visit.objects.exists()


# --- concurrent edits -----------------------------------------------------------------


def test_second_save_of_an_old_copy_is_a_conflict(practice, lead):
    other = user_with_role(Role.LEAD, coalition=practice.coalition)
    day = timezone.localdate()
    visit = services.visit_create(by=lead, practice=practice, planned_on=day)
    opened_at = visit.version
    services.visit_update(
        by=lead, visit=visit, version=opened_at, progress="Versie van Lotte"
    )
    with pytest.raises(services.VisitConflict) as exc:
        services.visit_update(
            by=other, visit=visit, version=opened_at, progress="Versie van Bram"
        )
    assert exc.value.current.progress == "Versie van Lotte"
    visit.refresh_from_db()
    assert visit.progress == "Versie van Lotte"
    assert visit.version == opened_at + 1


def test_conflict_on_the_edit_page(practice, lead, client_for):
    other = user_with_role(Role.LEAD, coalition=practice.coalition)
    day = timezone.localdate()
    visit = services.visit_create(by=lead, practice=practice, planned_on=day)
    url = f"/bezoeken/{visit.pk}/bewerken/"
    client = client_for(lead)
    html = client.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    form = {
        "planned_on": day.isoformat(),
        "visitors": [lead.pk],
        "version": version,
    }
    # Someone else saves first (from the same starting point).
    services.visit_update(
        by=other, visit=visit, version=int(version), challenges="Eerst opgeslagen"
    )
    response = client.post(url, {**form, "challenges": "Later opgeslagen"})
    assert response.status_code == 409
    html = response.content.decode()
    assert 'role="alert"' in html and "Iemand anders heeft dit bezoek" in html
    assert "Eerst opgeslagen" in html  # what is stored now is shown
    assert "Later opgeslagen" in html  # and what the user typed is kept
    visit.refresh_from_db()
    assert visit.challenges == "Eerst opgeslagen"
    # Saving again after seeing the conflict is a deliberate choice and works.
    new_version = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert int(new_version) == visit.version
    client.post(url, {**form, "version": new_version, "challenges": "Samengevoegd"})
    visit.refresh_from_db()
    assert visit.challenges == "Samengevoegd"


# --- sharing notifies the practice -----------------------------------------------------


def test_sharing_mails_contacts_and_practice_users_once(
    practice, lead, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    PracticeContact.objects.create(
        practice=practice, name="Praktijkmanager", email="pm@praktijk.example.test"
    )
    PracticeContact.objects.create(
        practice=practice, name="Dubbel", email="Assistent@praktijk.example.test"
    )
    user_with_role(
        Role.PRACTICE, practice=practice, email="assistent@praktijk.example.test"
    )
    user_with_role(
        Role.PRACTICE, practice=practice, email="huisarts@praktijk.example.test"
    )
    day = timezone.localdate()
    visit = services.visit_create(
        by=lead, practice=practice, planned_on=day, held_on=day, feedback="Goed zo."
    )
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/bezoeken/{visit.pk}/delen/").status_code == 302
        # A second click: already shared, nothing more is sent.
        client.post(f"/bezoeken/{visit.pk}/delen/")
        visit_services._feedback_shared_notify(visit, by=lead)
    to = sorted(m.to[0].lower() for m in mail.outbox)
    assert to == [
        "assistent@praktijk.example.test",
        "huisarts@praktijk.example.test",
        "pm@praktijk.example.test",
    ]
    assert EmailMessage.objects.filter(key__startswith="visits:shared:").count() == 3
    assert VisitNotice.objects.filter(kind="shared").count() == 3
    assert f"/bezoeken/{visit.pk}/" in mail.outbox[0].body
    assert "Terugkoppeling van het praktijkbezoek" in mail.outbox[0].subject
