"""Messages to a session's participants through the outbox (issue 11.11)."""

from __future__ import annotations

from django.urls import reverse

from coalition.models import EmailMessage, Role
from tests.factories import user_with_role
from tests.training.factories import RegistrationFactory
from training import services
from training.models import Registration, SessionMessage


def _people(session):
    confirmed = [
        RegistrationFactory(session=session, email=f"c{n}@p.test") for n in range(2)
    ]
    waiting = RegistrationFactory(
        session=session, email="w@p.test", status=Registration.Status.WAITLISTED
    )
    RegistrationFactory(
        session=session, email="gone@p.test", status=Registration.Status.CANCELLED
    )
    return confirmed, waiting


def test_service_sends_to_the_chosen_audience_and_keeps_the_message(session, trainer):
    _people(session)
    for audience, expected in (
        ("confirmed", {"c0@p.test", "c1@p.test"}),
        ("waitlisted", {"w@p.test"}),
        ("both", {"c0@p.test", "c1@p.test", "w@p.test"}),
    ):
        message, sent = services.session_message_send(
            session=session,
            audience=audience,
            subject=f"Parkeren ({audience})",
            body="Parkeren kan achter het gebouw.",
            by=trainer,
            key=f"key-{audience}",
        )
        assert sent
        assert message.recipients == len(expected)
        mails = EmailMessage.objects.filter(
            key__startswith=f"training:message:{message.pk}:"
        )
        assert set(mails.values_list("to", flat=True)) == expected
        assert all(m.subject == f"Parkeren ({audience})" for m in mails)
        assert "Parkeren kan achter het gebouw." in mails[0].body
    assert SessionMessage.objects.filter(session=session).count() == 3


def test_a_double_submit_sends_once(session, trainer, client_for):
    _people(session)
    client = client_for(trainer)
    url = reverse("training:session_messages", args=[session.pk])
    form = client.get(url).context["form"]
    data = {
        "audience": "confirmed",
        "subject": "Zaal gewijzigd",
        "body": "We zitten in zaal 2.",
        "key": form.initial["key"],
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert SessionMessage.objects.count() == 1
    assert EmailMessage.objects.filter(key__startswith="training:message:").count() == 2
    page = client.get(url).content.decode()
    assert "Zaal gewijzigd" in page
    assert "Dit bericht was al verstuurd" in page


def test_the_same_text_resent_with_a_fresh_form_goes_once(session, trainer):
    _people(session)
    kwargs = {
        "session": session,
        "audience": "both",
        "subject": "Zaal",
        "body": "Zaal 2.",
        "by": trainer,
    }
    first, sent = services.session_message_send(key="form-1", **kwargs)
    again, sent_again = services.session_message_send(key="form-2", **kwargs)
    assert sent and not sent_again
    assert again == first
    other, sent_other = services.session_message_send(
        key="form-3", **{**kwargs, "body": "Toch zaal 3."}
    )
    assert sent_other
    assert EmailMessage.objects.filter(key__startswith="training:message:").count() == 6


def test_lead_of_the_coalition_may_send(session, lead, client_for):
    url = reverse("training:session_messages", args=[session.pk])
    assert client_for(lead).get(url).status_code == 200


def test_other_roles_and_coalitions_are_refused(
    session, coalition, other_lead, practice_user, funder, office, client_for
):
    url = reverse("training:session_messages", args=[session.pk])
    other_trainer = user_with_role(Role.TRAINER, coalition=coalition)
    data = {"audience": "both", "subject": "x", "body": "y", "key": "k"}
    expectations = [
        (other_lead, 404),  # another coalition: the session does not exist for them
        (other_trainer, 404),  # a trainer who does not give it
        (practice_user, 403),
        (funder, 403),
        (office, 403),
    ]
    for user, status in expectations:
        client = client_for(user)
        assert client.get(url).status_code == status, user
        assert client.post(url, data).status_code == status, user
        client.logout()
    assert not SessionMessage.objects.exists()
    assert not EmailMessage.objects.filter(key__startswith="training:message:")


def test_history_is_listed_only_for_those_who_may_send(session, trainer, lead):
    from coalition import access

    services.session_message_send(
        session=session,
        audience="both",
        subject="Welkom",
        body="Tot dan.",
        by=trainer,
        key="k1",
    )
    assert access.visible_sent_messages(lead, session).count() == 1
    other = user_with_role(Role.TRAINER, coalition=session.course.coalition)
    assert not access.visible_sent_messages(other, session).exists()
