"""Issue 11.4: a lead manages the users of their coalition — role, practice, active or
not, the invitation — and every change is kept (who, when, what) on the user's page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from coalition import services_users
from coalition.models import EmailMessage, Membership, Role, User, UserEvent
from tests.factories import PracticeFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_deactivated_users_open_session_ends_on_its_next_request(
    client_for, django_user_model, coalition, lead, practice_user
):
    from django.test import Client

    victim = Client()
    victim.force_login(practice_user)
    start = reverse("coalition:start")
    assert victim.get(start).status_code == 200

    response = client_for(lead).post(
        reverse("coalition:user_deactivate", args=[practice_user.pk])
    )
    assert response.status_code == 302
    practice_user.refresh_from_db()
    assert not practice_user.is_active

    after = victim.get(start)
    assert after.status_code == 302 and "/accounts/login/" in after["Location"]
    event = UserEvent.objects.get(user=practice_user)
    assert (event.kind, event.by) == (UserEvent.Kind.DEACTIVATED, lead)


def test_deactivating_deletes_the_users_stored_sessions(
    coalition, lead, practice_user, django_capture_on_commit_callbacks
):
    from django.contrib.sessions.models import Session
    from django.test import Client

    Client().force_login(practice_user)
    Client().force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        services_users.user_deactivate(by=lead, user=practice_user)
    owners = {s.get_decoded().get("_auth_user_id") for s in Session.objects.all()}
    assert owners == {str(lead.pk)}


def test_reactivate_and_the_history_on_the_page(client_for, lead, practice_user):
    client = client_for(lead)
    client.post(reverse("coalition:user_deactivate", args=[practice_user.pk]))
    client.post(reverse("coalition:user_reactivate", args=[practice_user.pk]))
    practice_user.refresh_from_db()
    assert practice_user.is_active
    page = client.get(reverse("coalition:user_admin_detail", args=[practice_user.pk]))
    text = page.content.decode()
    assert "gedeactiveerd" in text and "opnieuw geactiveerd" in text
    # escaped as the page writes it: a generated name may hold an apostrophe
    assert escape(str(lead)) in text


def test_move_a_practice_user_and_change_a_role_keep_history(
    client_for, coalition, lead, practice_user
):
    membership = practice_user.memberships.get()
    old_practice = membership.practice
    new_practice = PracticeFactory(coalition=coalition, name="Praktijk Nieuwbouw")
    client = client_for(lead)
    url = reverse("coalition:membership_change", args=[practice_user.pk, membership.pk])
    prefix = f"m{membership.pk}"
    response = client.post(
        url, {f"{prefix}-role": "practice", f"{prefix}-practice": new_practice.pk}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.practice == new_practice
    client.post(url, {f"{prefix}-role": "trainer", f"{prefix}-practice": ""})
    membership.refresh_from_db()
    assert (membership.role, membership.practice) == ("trainer", None)

    history = list(membership.history.order_by("history_id"))
    assert [h.practice_id for h in history] == [
        old_practice.pk,
        new_practice.pk,
        None,
    ]
    assert history[-1].history_user == lead
    page = client.get(reverse("coalition:user_admin_detail", args=[practice_user.pk]))
    text = page.content.decode()
    assert "verhuisd van" in text and "Praktijk Nieuwbouw" in text
    assert "rol gewijzigd van praktijkgebruiker in trainer" in text


def test_a_practice_of_another_coalition_is_refused(
    lead, practice_user, other_coalition
):
    elsewhere = PracticeFactory(coalition=other_coalition)
    with pytest.raises(ValidationError):
        services_users.membership_move_practice(
            by=lead, membership=practice_user.memberships.get(), practice=elsewhere
        )


def test_a_lead_never_touches_the_office_or_another_coalitions_user(
    client_for, coalition, other_coalition, lead, office
):
    stranger = user_with_role(
        Role.PRACTICE, practice=PracticeFactory(coalition=other_coalition)
    )
    client = client_for(lead)
    for user in (office, stranger):
        for name in ("coalition:user_admin_detail",):
            assert client.get(reverse(name, args=[user.pk])).status_code == 404
        assert (
            client.post(
                reverse("coalition:user_deactivate", args=[user.pk])
            ).status_code
            == 404
        )
        for name in ("coalition:user_reactivate", "coalition:user_resend_invitation"):
            assert client.post(reverse(name, args=[user.pk])).status_code == 404
        user.refresh_from_db()
        assert user.is_active
    # The office keeps a lead role in this coalition too: still not the lead's to change.
    Membership.objects.create(user=office, role=Role.LEAD, coalition=coalition)
    assert (
        client.get(reverse("coalition:user_admin_detail", args=[office.pk])).status_code
        == 404
    )


def test_an_account_with_a_role_elsewhere_is_not_deactivated_by_one_lead(
    coalition, other_coalition, lead, trainer, client_for
):
    Membership.objects.create(
        user=trainer, role=Role.TRAINER, coalition=other_coalition
    )
    client = client_for(lead)
    for user, says in ((trainer, "rol buiten uw coalitie"), (lead, "eigen account")):
        url = reverse("coalition:user_deactivate", args=[user.pk])
        response = client.post(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse(
            "coalition:user_admin_detail", args=[user.pk]
        )
        assert says in response.content.decode()
        user.refresh_from_db()
        assert user.is_active
    assert not UserEvent.objects.exists()
    # Switched off by the office, it is not this lead's to switch on again either.
    User.objects.filter(pk=trainer.pk).update(is_active=False)
    url = reverse("coalition:user_reactivate", args=[trainer.pk])
    assert client.post(url).status_code == 403
    trainer.refresh_from_db()
    assert not trainer.is_active


def test_resend_an_invitation_to_someone_who_never_logged_in(
    client_for, coalition, lead, practice, django_capture_on_commit_callbacks
):
    invited = User.objects.create_user("nieuw@praktijk.test")
    Membership.objects.create(
        user=invited, role=Role.PRACTICE, practice=practice, coalition=coalition
    )
    client = client_for(lead)
    url = reverse("coalition:user_resend_invitation", args=[invited.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)
    mails = EmailMessage.objects.filter(to="nieuw@praktijk.test")
    assert mails.count() == 2  # each press sends one, with a fresh link
    assert "wachtwoord" in mails.first().body.lower()
    assert (
        UserEvent.objects.filter(
            user=invited, kind=UserEvent.Kind.INVITATION_RESENT, by=lead
        ).count()
        == 2
    )


def test_no_invitation_for_someone_with_a_password(lead, practice_user):
    with pytest.raises(ValidationError):
        services_users.user_resend_invitation(by=lead, user=practice_user)


def test_the_list_shows_role_practice_last_login_and_mfa_with_constant_queries(
    client_for, coalition, lead, practice_user, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(lead)
    url = reverse("coalition:user_list")

    def add(n):
        for _i in range(n):
            user_with_role(Role.PRACTICE, practice=PracticeFactory(coalition=coalition))

    add(2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        first = client.get(url)
    text = first.content.decode()
    practice = practice_user.memberships.get().practice
    row = text.split(practice_user.email)[1].split("</tr>")[0]
    assert practice.name in row and "praktijkgebruiker" in row
    assert "✘" in row  # no two-factor login for this practice user
    lead_row = text.split(lead.email)[1].split("</tr>")[0]
    assert "✔" in lead_row  # the lead has it (client_for set it up)
    add(5)
    with django_assert_num_queries(len(small)):
        page = client.get(url)
    rows = page.content.decode().count("/gebruikers/")
    assert rows >= 8
    export = client.get(url + "?export=xlsx")
    assert export.status_code == 200
