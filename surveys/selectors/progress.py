"""Who to invite or remind, and how far a questionnaire's responses are."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from practices import selectors as practice_selectors
from surveys.models import Questionnaire, Response

if TYPE_CHECKING:
    from practices.models import Practice


def questionnaires_with_counts(qs: QuerySet[Questionnaire]) -> QuerySet[Questionnaire]:
    return qs.annotate(
        n_invited=Count("responses", filter=Q(responses__invited_at__isnull=False)),
        n_started=Count(
            "responses", filter=~Q(responses__status=Response.Status.INVITED)
        ),
        n_submitted=Count(
            "responses", filter=Q(responses__status=Response.Status.SUBMITTED)
        ),
    )


def practice_recipients(
    practice_ids: Iterable[int],
) -> dict[int, list[tuple[str, str]]]:
    """Per practice: (e-mail, first name) of its practice users, else its primary contact.

    Two queries, whatever the number of practices.
    """
    from coalition.models import Membership, Role
    from practices.selectors import primary_contacts

    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    practice_ids = list(practice_ids)
    for pid, email, first in Membership.objects.filter(
        role=Role.PRACTICE, practice__in=practice_ids, user__is_active=True
    ).values_list("practice_id", "user__email", "user__first_name"):
        if email:
            out[pid].append((email.lower(), first))
    missing = [pid for pid in practice_ids if pid not in out]
    for pid, email, name in primary_contacts(missing):
        if email:
            out[pid].append((email.lower(), name.split(" ")[0]))
    return out


@dataclass
class InviteSelection:
    """What ‘invite’ does to a filtered set: who gets an e-mail, and who does not."""

    to_invite: list[int]
    already_invited: int
    no_address: int

    @property
    def n_to_invite(self) -> int:
        return len(self.to_invite)


def invite_selection(
    questionnaire: Questionnaire, practices: QuerySet[Practice]
) -> InviteSelection:
    """The practices of the set that an invitation reaches: not invited yet, and with an
    e-mail address (a practice user or a primary contact). Three queries."""
    ids = list(practices.values_list("pk", flat=True))
    invited = set(
        Response.objects.filter(
            questionnaire=questionnaire, practice__in=ids, invited_at__isnull=False
        ).values_list("practice_id", flat=True)
    )
    fresh = [pid for pid in ids if pid not in invited]
    reachable = practice_recipients(fresh)
    return InviteSelection(
        to_invite=[pid for pid in fresh if reachable.get(pid)],
        already_invited=len(ids) - len(fresh),
        no_address=sum(1 for pid in fresh if not reachable.get(pid)),
    )


def reminder_key(email: str, day) -> str:
    """The idempotency key of a reminder: one per person a day, however it is sent."""
    return f"survey-reminder:{email.lower()}:{day.isoformat()}"


def reminder_selection(
    questionnaire: Questionnaire, responses: QuerySet[Response], today
):
    """How many practices of the set a reminder sent now reaches: invited, not sent,
    with someone not yet reminded today. Four queries."""
    from coalition.models import EmailMessage

    waiting = list(
        responses.filter(questionnaire=questionnaire, invited_at__isnull=False)
        .exclude(status=Response.Status.SUBMITTED)
        .values_list("practice_id", flat=True)
    )
    recipients = practice_recipients(waiting)
    keys = {
        email: reminder_key(email, today)
        for people in recipients.values()
        for email, _first in people
    }
    done = set(
        EmailMessage.objects.filter(key__in=list(keys.values())).values_list(
            "key", flat=True
        )
    )
    return sum(
        1
        for pid in waiting
        if any(keys[email] not in done for email, _f in recipients.get(pid, []))
    )


# --- progress -------------------------------------------------------------------------


@dataclass
class ProgressRow:
    label: str
    practices: int = 0
    invited: int = 0
    started: int = 0
    submitted: int = 0

    @property
    def response_pct(self) -> float | None:
        return 100 * self.submitted / self.invited if self.invited else None


@dataclass
class Progress:
    total: ProgressRow
    by_member: list[ProgressRow] = field(default_factory=list)
    by_vendor: list[ProgressRow] = field(default_factory=list)


def _progress_rows(questionnaire: Questionnaire, group: str) -> list[ProgressRow]:
    r = "survey_responses__"
    mine = Q(**{f"{r}questionnaire": questionnaire})
    rows = (
        practice_selectors.coalition_practices(questionnaire.coalition_id)
        .filter(Q(is_active=True) | mine)
        .values(group)
        .annotate(
            practices=Count("pk", distinct=True),
            invited=Count(
                "survey_responses", filter=mine & Q(**{f"{r}invited_at__isnull": False})
            ),
            started=Count(
                "survey_responses",
                filter=mine & ~Q(**{f"{r}status": Response.Status.INVITED}),
            ),
            submitted=Count(
                "survey_responses",
                filter=mine & Q(**{f"{r}status": Response.Status.SUBMITTED}),
            ),
        )
        .order_by(group)
    )
    return [
        ProgressRow(
            row[group] or _("geen portaal bekend"),
            row["practices"],
            row["invited"],
            row["started"],
            row["submitted"],
        )
        for row in rows
    ]


def questionnaire_progress(questionnaire: Questionnaire) -> Progress:
    """Invited, started and submitted per member organisation and per portal vendor.

    Two grouped queries, whatever the number of practices.
    """
    by_member = _progress_rows(questionnaire, "member_organisation__name")
    by_vendor = _progress_rows(questionnaire, "portal_vendor__name")
    total = ProgressRow(_("Totaal"))
    for row in by_member:
        total.practices += row.practices
        total.invited += row.invited
        total.started += row.started
        total.submitted += row.submitted
    return Progress(total, by_member, by_vendor)
