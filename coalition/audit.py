"""The audit log (after NEN 7513): every view, change, export and search of questionnaire
answers and visit reports writes one row — never the content.

Wiring is one middleware keyed on URL names (`AUDITED` below), so the views stay as they
are: a page is audited by adding its URL name here. The middleware also gives every
request an id (`X-Request-ID`), which the row records.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from coalition import access
from coalition.models import AuditEvent

log = logging.getLogger(__name__)
Event = AuditEvent.Event
Outcome = AuditEvent.Outcome


@dataclass(frozen=True)
class Audited:
    """How to log one URL name: the object it is about and how to find its coalition."""

    object_type: str
    model: str | None = None  # "app_label.Model" the `pk` kwarg names
    coalition_path: str = ""  # lookup from that model to the coalition's id
    event: str | None = None  # fixed event; else GET → view/search, POST → change
    kwarg: str = "pk"


_RESPONSE = Audited("response", "surveys.Response", "questionnaire__coalition_id")
_ANSWERS = Audited("questionnaire_answers", "surveys.Questionnaire", "coalition_id")
_VISIT = Audited("visit", "visits.Visit", "practice__coalition_id")

# URL name → rule. Questionnaire answers and visit reports (NEN 7513 scope).
AUDITED: dict[str, Audited] = {
    "surveys:response_form": _RESPONSE,
    "surveys:response_detail": _RESPONSE,
    "surveys:response_reopen": _RESPONSE,
    "surveys:answer_save": _RESPONSE,
    "surveys:response_start": Audited(
        "response", "surveys.Questionnaire", "coalition_id"
    ),
    "surveys:results": _ANSWERS,
    "surveys:progress": _ANSWERS,
    "surveys:import": Audited(
        "questionnaire_answers", "surveys.Questionnaire", "coalition_id", Event.CHANGE
    ),
    "surveys:export": Audited(
        "questionnaire_answers", "surveys.Questionnaire", "coalition_id", Event.EXPORT
    ),
    "visits:visit_list": Audited("visit"),
    "visits:visit_detail": _VISIT,
    "visits:visit_update": _VISIT,
    "visits:visit_share": _VISIT,
    "visits:visit_reply": _VISIT,
    "visits:visit_cancel": _VISIT,
    "visits:action_create": _VISIT,
    "visits:visit_bottleneck_create": _VISIT,
    "coalition:audit_log": Audited("audit_log"),
    # A vendor reading and answering a bottleneck passed on to it (issue 16): the
    # coalition sees it in its log.
    "visits:vendor_bottleneck": Audited(
        "bottleneck", "visits.Bottleneck", "practice__coalition_id"
    ),
    # The coalition's reply to the vendor, and its choice to show vendors practice
    # names (issue 16).
    "visits:bottleneck_vendor_reply": Audited(
        "bottleneck", "visits.Bottleneck", "practice__coalition_id"
    ),
    "coalition:vendor_practice_names": Audited(
        "coalition", "coalition.Coalition", "id"
    ),
}

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def request_id(request: HttpRequest) -> str:
    """The id of this request: the proxy's X-Request-ID when it looks like one."""
    existing = getattr(request, "request_id", None)
    if existing:
        return existing
    incoming = request.headers.get("X-Request-ID", "")
    request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    return request.request_id


def client_address(request: HttpRequest) -> str | None:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def acted_for(user, coalition_id: int | None) -> tuple[str, str]:
    """The role(s) and the organisation the user acted for on this object.

    Only the roles that reach the object's coalition; a user with none there (a denied
    attempt) is recorded with all of theirs.
    """
    if not user.is_authenticated:
        return "", ""
    return _acted_for(user, coalition_id)


def _acted_for(user, coalition_id: int | None) -> tuple[str, str]:
    s = access.scope(user)
    roles: list[str] = []
    where: list[str] = []
    if s.office:
        roles.append("office")
        where.append("programmabureau")
    for role, ids in (
        ("lead", s.lead_coalitions),
        ("trainer", s.trainer_coalitions),
        ("funder", s.funder_coalitions),
    ):
        if ids and (coalition_id is None or coalition_id in ids):
            roles.append(role)
            where.extend(f"coalitie {pk}" for pk in sorted(ids))
    if s.practice_ids and (
        coalition_id is None or coalition_id in s.practice_coalitions
    ):
        roles.append("practice")
        where.extend(f"praktijk {pk}" for pk in sorted(s.practice_ids))
    if s.roles & {"vendor"} and coalition_id is None:
        roles.append("vendor")
        where.extend(f"leverancier {pk}" for pk in sorted(access.vendor_ids(user)))
    if not roles and coalition_id is not None:
        return _acted_for(user, None)
    return ",".join(roles)[:60], ", ".join(where)[:200]


def _coalition_of(rule: Audited, object_id: str) -> int | None:
    if not rule.model or not object_id:
        return None
    model = apps.get_model(rule.model)
    try:
        return (
            model._default_manager.filter(pk=object_id)
            .values_list(rule.coalition_path, flat=True)
            .first()
        )
    except (ValueError, TypeError):
        return None


def audit_record(
    *,
    event: str,
    user,
    object_type: str,
    object_id: str = "",
    coalition_id: int | None = None,
    outcome: str = Outcome.OK,
    request: HttpRequest | None = None,
    url_name: str = "",
    status_code: int | None = None,
) -> AuditEvent:
    """Write one audit row. Never pass content: only what happened to which object."""
    role, organisation = acted_for(user, coalition_id)
    if coalition_id is None and user.is_authenticated:
        own = access.scope(user).lead_coalitions
        coalition_id = next(iter(own)) if len(own) == 1 else None
    row = AuditEvent(
        event=event,
        user=user if user.is_authenticated else None,
        user_email=user.email if user.is_authenticated else "",
        role=role,
        organisation=organisation,
        coalition_id=coalition_id,
        client_address=client_address(request) if request else None,
        object_type=object_type,
        object_id=str(object_id)[:40],
        url_name=url_name,
        method=request.method if request else "",
        outcome=outcome,
        status_code=status_code,
        request_id=request_id(request) if request else "",
    )
    # The user and the coalition were read from the database this request (and the
    # foreign keys hold them to it): validating them again cost two queries per row.
    row.full_clean(exclude={"user", "coalition"})
    if transaction.get_connection().in_atomic_block:
        # Its own savepoint: a failing view's rollback must not take the row with it,
        # and a row that cannot be written must not turn an answered page into an error.
        with transaction.atomic():
            row.save()
    else:
        row.save()  # autocommit: the insert is its own transaction (no BEGIN/COMMIT)
    return row


def outcome_of(status_code: int) -> str:
    if status_code < 400:
        return Outcome.OK
    if status_code in (401, 403, 404, 405):
        return Outcome.DENIED
    return Outcome.FAILED


def event_of(rule: Audited, request: HttpRequest) -> str:
    if rule.event:
        return rule.event
    if request.method not in _SAFE_METHODS:
        return Event.CHANGE
    if request.GET.get("export"):
        return Event.EXPORT
    if rule.kwarg not in (request.resolver_match.kwargs or {}) and request.GET:
        return Event.SEARCH
    return Event.VIEW


class AuditMiddleware:
    """Give each request an id; write one audit row per request to an audited page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id(request)
        response = self.get_response(request)
        response.headers.setdefault("X-Request-ID", rid)
        match = getattr(request, "resolver_match", None)
        rule = AUDITED.get(match.view_name) if match else None
        if rule is not None and request.method != "HEAD":
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                object_id = str(match.kwargs.get(rule.kwarg, ""))
                self._record(
                    event=event_of(rule, request),
                    user=user,
                    object_type=rule.object_type,
                    object_id=object_id,
                    coalition_id=_coalition_of(rule, object_id),
                    outcome=outcome_of(response.status_code),
                    request=request,
                    url_name=match.view_name,
                    status_code=response.status_code,
                )
        return response

    @staticmethod
    def _record(**kwargs) -> None:
        try:
            audit_record(**kwargs)
        except Exception:  # the page was answered already; the failure must be seen
            log.exception("audit row not written: %s", kwargs.get("url_name"))


# --- retention ------------------------------------------------------------------------


def audit_purge(*, now=None) -> int:
    """Remove rows older than AUDIT_RETENTION_DAYS. Running it twice removes nothing more."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _by_model = AuditEvent.objects.filter(created__lt=cutoff).delete()
    return deleted
