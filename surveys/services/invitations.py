"""Responses: starting one, prefilling from last time, inviting practices and
reminding them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Membership, Role
from coalition.services import email_queue
from surveys.models import Answer, Questionnaire, Response, ResponseEvent
from surveys.selectors import last_list_sizes, practice_recipients, reminder_key

if TYPE_CHECKING:
    from coalition.models import User
    from practices.models import Practice


def prefill_answers(*, questionnaire: Questionnaire, responses: list[Response]) -> None:
    """Last period's list size into responses not yet answered (the demo uses it too)."""
    _prefill_answers(questionnaire, responses)


def _prefill_answers(questionnaire: Questionnaire, responses: list[Response]) -> None:
    """Last period's list size, so a practice confirms instead of looking it up."""
    question = questionnaire.questions.filter(code="list_size").first()
    if question is None or not responses:
        return
    last = last_list_sizes(questionnaire, [r.practice_id for r in responses])
    have = set(
        Answer.objects.filter(response__in=responses, question=question).values_list(
            "response_id", flat=True
        )
    )
    Answer.objects.bulk_create(
        Answer(response=r, question=question, number=last[r.practice_id])
        for r in responses
        if r.pk not in have and r.practice_id in last
    )


@transaction.atomic
def response_start(*, questionnaire: Questionnaire, practice: Practice) -> Response:
    """The practice's response, created when it first opens the form (invited or not)."""
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ValidationError(_("Deze vragenlijst is niet open."))
    if practice.coalition_id != questionnaire.coalition_id:
        raise ValidationError(_("Deze praktijk hoort niet bij de coalitie."))
    response, created = Response.objects.get_or_create(
        questionnaire=questionnaire, practice=practice
    )
    if created:
        _prefill_answers(questionnaire, [response])
    return response


@transaction.atomic
def responses_invite(
    *, questionnaire: Questionnaire, practices: Iterable[Practice], by: User | None
) -> list[Response]:
    """Invite practices (all or a filtered set); each is invited once.

    The e-mails go out by Celery after commit; their keys make a second run send none.
    """
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ValidationError(_("Open de vragenlijst voordat u uitnodigt."))
    practices = [p for p in practices if p.coalition_id == questionnaire.coalition_id]
    now = timezone.now()
    existing = {
        r.practice_id: r
        for r in Response.objects.filter(
            questionnaire=questionnaire, practice__in=practices
        )
    }
    new = Response.objects.bulk_create(
        Response(questionnaire=questionnaire, practice=p, invited_at=now)
        for p in practices
        if p.pk not in existing
    )
    if not new or new[0].pk is None:  # backends without RETURNING ids on bulk_create
        new = list(
            Response.objects.filter(
                questionnaire=questionnaire,
                practice__in=[p for p in practices if p.pk not in existing],
            )
        )
    late = [r for r in existing.values() if r.invited_at is None]
    Response.objects.filter(pk__in=[r.pk for r in late]).update(invited_at=now)
    invited = new + late
    ResponseEvent.objects.bulk_create(
        ResponseEvent(response=r, kind=ResponseEvent.Kind.INVITED, by=by, at=now)
        for r in invited
    )
    _prefill_answers(questionnaire, new)
    by_id = {p.pk: p for p in practices}
    _accounts_for_contacts({r.practice_id: by_id[r.practice_id] for r in invited})
    ids = [r.pk for r in invited]
    if ids:
        from surveys.tasks import send_invitations

        transaction.on_commit(
            lambda: send_invitations.delay(questionnaire.pk, ids), robust=True
        )
    return invited


def _accounts_for_contacts(practices: dict[int, Practice]) -> None:
    """A practice without a user gets one for its primary contact, so the person the
    invitation reaches can answer: the e-mail carries a one-time link to choose a
    password. An existing account is never attached to a practice this way."""
    from django.db.models.functions import Lower

    from coalition.models import User
    from coalition.services import membership_create
    from practices.selectors import primary_contacts

    have = set(
        Membership.objects.filter(
            role=Role.PRACTICE, practice__in=list(practices), user__is_active=True
        ).values_list("practice_id", flat=True)
    )
    missing = [pid for pid in practices if pid not in have]
    contacts = [
        (pid, User.objects.normalize_email(email).strip().lower(), name)
        for pid, email, name in primary_contacts(missing)
    ]
    if not contacts:
        return
    taken = set(
        User.objects.annotate(low=Lower("email"))
        .filter(low__in=[email for _p, email, _n in contacts])
        .values_list("low", flat=True)
    )
    for pid, email, name in contacts:
        if not email or email in taken:
            continue  # someone's existing account: not taken over
        first, _sep, last = (name or "").strip().partition(" ")
        user = User(email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        user.full_clean()
        user.save()
        taken.add(email)
        membership_create(user=user, role=Role.PRACTICE, practice=practices[pid])


def _password_links(emails: Iterable[str]) -> dict[str, str]:
    """A one-time ‘choose a password’ link for each recipient who has none yet."""
    from coalition.models import User
    from coalition.services import password_setup_url

    return {
        user.email.lower(): password_setup_url(user)
        for user in User.objects.filter(email__in=list(emails), is_active=True)
        if not user.has_usable_password() and user.last_login is None
    }


def _recipients(practice_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    return practice_recipients(practice_ids)


def form_path(response: Response) -> str:
    return reverse("surveys:response_form", kwargs={"pk": response.pk})


def form_url(response: Response) -> str:
    return settings.SITE_URL.rstrip("/") + form_path(response)


def invitation_emails_send(*, questionnaire_id: int, response_ids: list[int]) -> int:
    """Queue the invitation e-mails; the key makes each go out once per person."""
    responses = list(
        Response.objects.filter(
            pk__in=response_ids, questionnaire_id=questionnaire_id
        ).select_related("practice", "questionnaire__coalition")
    )
    recipients = _recipients(r.practice_id for r in responses)
    links = _password_links(
        email for people in recipients.values() for email, _first in people
    )
    sent = 0
    for response in responses:
        questionnaire = response.questionnaire
        for email, first_name in recipients.get(response.practice_id, []):
            setup = links.get(email)
            if setup:  # after choosing a password, straight on to the form
                setup += "?" + urlencode({"next": form_path(response)})
            message = email_queue(
                key=f"survey-invite:{response.pk}:{email}",
                to=email,
                template="surveys/email/invitation",
                context={
                    "first_name": first_name,
                    "questionnaire": questionnaire,
                    "practice": response.practice,
                    "coalition": questionnaire.coalition,
                    "url": form_url(response),
                    "setup_url": setup,
                },
                coalition=questionnaire.coalition,
            )
            sent += message is not None
    return sent


def reminders_send_due(*, today: dt.date | None = None) -> int:
    """Remind the non-responders of every open questionnaire due a reminder today.

    One person gets at most one reminder a day (the key is person + day), listing every
    questionnaire still waiting for them; running this twice sends nothing new.
    """
    today = today or timezone.localdate()
    due = [
        q
        for q in Questionnaire.objects.open()
        .filter(closes__gte=today, opens__lte=today)
        .select_related("coalition")
        if (q.closes - today).days in (q.reminder_days or [])
    ]
    if not due:
        return 0
    waiting = list(
        Response.objects.filter(questionnaire__in=due, invited_at__isnull=False)
        .exclude(status=Response.Status.SUBMITTED)
        .select_related("practice", "questionnaire__coalition")
        .order_by("questionnaire__closes", "practice__name")
    )
    return _remind(waiting, today)


@transaction.atomic
def reminders_send_now(
    *,
    questionnaire: Questionnaire,
    responses: Iterable[Response],
    by: User | None,
    today: dt.date | None = None,
) -> int:
    """A lead reminds a chosen set of non-responders now, by hand.

    The same rule as the automatic reminders: one reminder per person a day, so a
    second click (or the scheduled run) the same day sends nothing new. Returns the
    number of e-mails queued.
    """
    today = today or timezone.localdate()
    if not questionnaire.accepts_answers_on(today):
        raise ValidationError(_("Deze vragenlijst is niet open; herinneren kan niet."))
    ids = [r.pk for r in responses]
    waiting = list(
        Response.objects.filter(
            pk__in=ids, questionnaire=questionnaire, invited_at__isnull=False
        )
        .exclude(status=Response.Status.SUBMITTED)
        .select_related("practice", "questionnaire__coalition")
        .order_by("practice__name")
    )
    return _remind(waiting, today)


def _remind(waiting: list[Response], today: dt.date) -> int:
    """One e-mail per person listing their waiting forms, at most one a day."""
    recipients = _recipients({r.practice_id for r in waiting})
    per_person: dict[str, dict] = {}
    for response in waiting:
        for email, first_name in recipients.get(response.practice_id, []):
            person = per_person.setdefault(
                email, {"first_name": first_name, "items": []}
            )
            person["items"].append(
                {
                    "response": response,
                    "questionnaire": response.questionnaire,
                    "practice": response.practice,
                    "days_left": (response.questionnaire.closes - today).days,
                    "url": form_url(response),
                }
            )
    sent = 0
    for email, person in per_person.items():
        first = person["items"][0]["questionnaire"]
        message = email_queue(
            key=reminder_key(email, today),
            to=email,
            template="surveys/email/reminder",
            context={"first_name": person["first_name"], "items": person["items"]},
            coalition=first.coalition,
        )
        sent += message is not None
    return sent
