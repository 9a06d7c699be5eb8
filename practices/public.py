"""Reads of the public practice pages, "Wat kan ik online bij mijn huisarts?".

Only practices that agreed to it (`public_page`) and are active exist here; every other
practice answers 404 and never appears in the finder. What a page shows comes from the
go-live tracker (services live now), the practice's latest submitted questionnaire (how
patients log in, whether there is an app) and the coalition's patient material.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from coalition.models import Service
from practices.models import Practice, PublicPageViews, Rollout, Step

FINDER_LIMIT = 20
# The questionnaire's codes (surveys.standard) that the page uses.
LOGIN_CODES = ("login_digid", "login_sms", "login_password", "offers_app")

# Plain Dutch (B1) per service: what a patient can do with it.
SERVICE_TEXT = {
    Service.RECORD_ACCESS: (
        _("Uw dossier bekijken"),
        _("U leest wat de huisarts over u opschrijft, zoals uitslagen en medicijnen."),
    ),
    Service.ECONSULT: (
        _("Een vraag stellen"),
        _(
            "U stuurt uw vraag in een beveiligd bericht (e-consult). De praktijk "
            "stuurt u een antwoord."
        ),
    ),
    Service.APPOINTMENTS: (
        _("Een afspraak maken"),
        _("U kiest zelf een dag en een tijd voor uw afspraak."),
    ),
    Service.REPEAT_PRESCRIPTIONS: (
        _("Medicijnen opnieuw bestellen"),
        _("U vraagt een herhaalrecept aan voor medicijnen die u al gebruikt."),
    ),
    Service.LAB_RESULTS: (
        _("Uitslagen bekijken"),
        _("U ziet de uitslag van bijvoorbeeld uw bloedonderzoek."),
    ),
    Service.HOME_MEASUREMENTS: (
        _("Metingen doorgeven"),
        _("U stuurt metingen die u thuis doet, zoals uw bloeddruk, naar de praktijk."),
    ),
}

LOGIN_TEXT = {
    "login_digid": _("Met DigiD (met de DigiD-app of een sms-code)"),
    "login_sms": _("Met een code die u per sms krijgt"),
    "login_password": _("Met een gebruikersnaam en wachtwoord"),
}


def published_practices() -> QuerySet[Practice]:
    """The practices whose page is public: they agreed, and they are still active."""
    return Practice.objects.filter(
        public_page=True, is_active=True, public_slug__isnull=False
    )


_POSTCODE = re.compile(r"^\s*(\d{4})\s*([a-zA-Z]{2})?\s*$")


@dataclass
class FinderResult:
    query: str
    practices: list[Practice] = field(default_factory=list)
    nearby: bool = False  # no practice in the postcode area itself: the region's


def find(query: str) -> FinderResult:
    """By postcode (the four digits; else the same region) or by name or place."""
    query = " ".join((query or "").split())[:80]
    result = FinderResult(query=query)
    if not query:
        return result
    qs = published_practices().order_by("name")
    fields = ("pk", "name", "street", "postcode", "city", "public_slug")
    m = _POSTCODE.match(query)
    if m:
        digits = m[1]
        found = list(qs.filter(postcode__startswith=digits).only(*fields))
        if not found:
            found = list(
                qs.filter(postcode__startswith=digits[:2])
                .order_by("postcode", "name")
                .only(*fields)[:FINDER_LIMIT]
            )
            result.nearby = bool(found)
        result.practices = found[:FINDER_LIMIT]
        return result
    from django.db.models import Q

    result.practices = list(
        qs.filter(Q(name__icontains=query) | Q(city__icontains=query)).only(*fields)[
            :FINDER_LIMIT
        ]
    )
    return result


@dataclass
class PublicPage:
    practice: Practice
    live: list[dict]
    not_yet: list[dict]
    logins: list[str]
    has_app: bool | None
    material: dict


def public_page(slug: str) -> PublicPage | None:
    """Everything the page of one practice shows, or None (not published)."""
    from content import selectors as content_selectors
    from surveys import selectors as survey_selectors

    practice = (
        published_practices()
        .select_related("portal_vendor", "coalition")
        .filter(public_slug=slug)
        .first()
    )
    if practice is None:
        return None
    live_services = set(
        Rollout.objects.filter(practice=practice, step=Step.LIVE).values_list(
            "service", flat=True
        )
    )
    live, not_yet = [], []
    for service in Service:
        title, text = SERVICE_TEXT[service]
        item = {"service": service.value, "title": title, "text": text}
        (live if service.value in live_services else not_yet).append(item)
    answers = survey_selectors.latest_yes_no_answers(practice.pk, LOGIN_CODES)
    return PublicPage(
        practice=practice,
        live=live,
        not_yet=not_yet,
        logins=[str(LOGIN_TEXT[c]) for c in LOGIN_TEXT if answers.get(c)],
        has_app=answers.get("offers_app"),
        material=content_selectors.patient_material(coalition_id=practice.coalition_id),
    )


def page_views_by_practice(practice_ids: Iterable[int]) -> dict[int, int]:
    """Views of each practice's public page, all days together: evidence for
    "patients informed" beside the material downloads (coalition.funder)."""
    return dict(
        PublicPageViews.objects.filter(practice_id__in=list(practice_ids))
        .values("practice_id")
        .annotate(n=Sum("views"))
        .values_list("practice_id", "n")
    )


def page_views_since(practice: Practice, since: dt.date) -> int:
    """Views of one practice's page from `since` on (the practice page's panel)."""
    return (
        PublicPageViews.objects.filter(practice=practice, day__gte=since).aggregate(
            n=Sum("views")
        )["n"]
        or 0
    )
