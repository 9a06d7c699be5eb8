"""Vendors in the platform (issue 16): the vendor's answers to the bottlenecks passed
on to it, what its users read, and how fast each vendor answers.

Writes (`vendor_answer_create`) check `coalition.access` and send through the outbox;
reads are selectors over the scoped querysets of `coalition.access`, so a vendor's user
never reaches another vendor's bottlenecks, answers or practices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import Coalition, ProductVersion, Role, User, Vendor
from practices.visits.models import (
    Bottleneck,
    CoalitionReply,
    VendorAnswer,
    VisitNotice,
)

if TYPE_CHECKING:
    from practices.models import Practice

# --- description without personal data ------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(\+31|0031|0)[\s-]?\d([\s-]?\d){7,9}(?!\d)")
# A BSN or any other long number (patient numbers, AGB codes): eight digits or more.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{8,}(?!\d)")
_DATE = re.compile(r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)")
_POSTCODE = re.compile(r"(?<![\w])\d{4}\s?[A-Z]{2}(?![\w])")
REDACTED = "[…]"


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    """The text without what could identify a person or a practice: e-mail addresses,
    phone numbers, long numbers (BSN, AGB), dates, postcodes and the given names (the
    practice, the people who reported and passed it on)."""
    out = text or ""
    for pattern in (_EMAIL, _PHONE, _LONG_NUMBER, _DATE, _POSTCODE):
        out = pattern.sub(REDACTED, out)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) > 2}, key=len)[
        ::-1
    ]:
        out = re.sub(re.escape(name), REDACTED, out, flags=re.IGNORECASE)
    return out


def _names_of(bottleneck: Bottleneck) -> list[str]:
    names = [bottleneck.practice.name, bottleneck.practice.street]
    for user in (bottleneck.raised_by, bottleneck.passed_on_by):
        if user is not None:
            names += [user.get_full_name(), user.first_name, user.last_name]
    return names


def vendor_description(bottleneck: Bottleneck) -> str:
    """What a vendor reads of a bottleneck's description (and of the lead's note)."""
    return redact(bottleneck.description, names=_names_of(bottleneck))


def vendor_note(bottleneck: Bottleneck) -> str:
    return redact(bottleneck.pass_on_note, names=_names_of(bottleneck))


def vendor_reply_text(reply: CoalitionReply) -> str:
    """What a vendor reads of the coalition's reply: the same rule as the description,
    and the name of the lead who wrote it goes too."""
    names = _names_of(reply.bottleneck)
    if reply.author is not None:
        names += [
            reply.author.get_full_name(),
            reply.author.first_name,
            reply.author.last_name,
        ]
    return redact(reply.text, names=names)


# --- versions -------------------------------------------------------------------------


def version_key(version: str) -> tuple:
    """Order versions by their numbers: 2024.10 comes after 2024.9."""
    numbers = tuple(int(n) for n in re.findall(r"\d+", version))
    return (numbers, version)


def older_versions(fixed_in: ProductVersion) -> list[ProductVersion]:
    """The versions of the same product that come before `fixed_in`."""
    key = version_key(fixed_in.version)
    return [
        v
        for v in ProductVersion.objects.filter(
            vendor_id=fixed_in.vendor_id, product=fixed_in.product
        )
        if version_key(v.version) < key
    ]


def practices_on_older_version(
    *, bottleneck: Bottleneck, fixed_in: ProductVersion, practices: QuerySet[Practice]
) -> QuerySet[Practice]:
    """The active practices of the bottleneck's coalition (within `practices`, the
    viewer's scope) still on an older version of the product that has the fix: the
    lead's upgrade list."""
    return (
        practices.filter(
            coalition_id=bottleneck.practice.coalition_id,
            is_active=True,
            his_version__in=[v.pk for v in older_versions(fixed_in)],
        )
        .select_related("his_version")
        .order_by("name")
    )


# --- answering ------------------------------------------------------------------------


def _recipients(bottleneck: Bottleneck) -> list[User]:
    """Who hears of an answer: the reporter, and the lead who passed it on."""
    out: list[User] = []
    for user in (bottleneck.raised_by, bottleneck.passed_on_by):
        if user is not None and user.is_active and user not in out:
            out.append(user)
    return out


@transaction.atomic
def vendor_answer_create(
    *,
    by: User,
    bottleneck: Bottleneck,
    kind: str,
    fixed_in: ProductVersion | None = None,
    text: str = "",
) -> VendorAnswer:
    """The vendor answers a bottleneck passed on to it; the reporter (and the lead who
    passed it on) get an e-mail once."""
    from practices.visits.services import _notice_send, _url

    bottleneck = (
        Bottleneck.objects.select_for_update(of=("self",))
        .select_related("practice__coalition", "vendor", "raised_by", "passed_on_by")
        .get(pk=bottleneck.pk)
    )
    if not access.can_answer_bottleneck(by, bottleneck):
        raise PermissionError("not the vendor this bottleneck was passed on to")
    if kind not in VendorAnswer.Kind.values:
        raise ValidationError({"kind": _("Kies een antwoord.")})
    if fixed_in is not None and not (
        access.vendor_product_versions(by).filter(pk=fixed_in.pk).exists()
    ):
        raise ValidationError({"fixed_in": _("Deze versie is niet van uw product.")})
    answer = VendorAnswer(
        bottleneck=bottleneck,
        vendor=bottleneck.vendor,
        kind=kind,
        fixed_in=fixed_in if kind == VendorAnswer.Kind.FIXED else None,
        text=(text or "").strip(),
        author=by,
    )
    answer.full_clean()
    answer.save()
    coalition = bottleneck.practice.coalition
    context = {
        "answer": answer,
        "bottleneck": bottleneck,
        "vendor": bottleneck.vendor,
        "coalition": coalition,
        "bottleneck_url": _url("visits:bottleneck_detail", pk=bottleneck.pk),
    }
    for user in _recipients(bottleneck):
        _notice_send(
            kind=VisitNotice.Kind.VENDOR_ANSWER,
            key=f"visits:vendor-answer:{answer.pk}:{user.email}",
            to=user.email,
            day=timezone.localdate(),
            template="practices/visits/email/vendor_answer",
            context={**context, "recipient": user},
            coalition=coalition,
            summary={"bottleneck": bottleneck.pk, "answer": answer.pk, "kind": kind},
        )
    return answer


def _vendor_recipients(vendor_obj: Vendor) -> list[User]:
    """Who hears of the coalition's reply: the active users of that vendor."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.VENDOR,
            memberships__vendor=vendor_obj,
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def coalition_reply_create(
    *, by: User, bottleneck: Bottleneck, text: str
) -> CoalitionReply:
    """The coalition's lead replies in the thread with the vendor (e.g. to its "not
    reproducible" question); each user of that vendor gets one e-mail, with the text
    as the vendor reads it (without personal data)."""
    from practices.visits.services import _notice_send, _url

    bottleneck = (
        Bottleneck.objects.select_for_update(of=("self",))
        .select_related("practice__coalition", "vendor", "raised_by", "passed_on_by")
        .get(pk=bottleneck.pk)
    )
    if not access.can_reply_to_vendor(by, bottleneck):
        raise PermissionError("not a lead of this bottleneck's coalition")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf uw reactie.")})
    if len(text) > CoalitionReply.MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Een reactie is hoogstens %(n)s tekens lang.")
                % {"n": CoalitionReply.MAX_LENGTH}
            }
        )
    reply = CoalitionReply(
        bottleneck=bottleneck, vendor=bottleneck.vendor, text=text, author=by
    )
    reply.full_clean()
    reply.save()
    coalition = bottleneck.practice.coalition
    context = {
        "reply_text": vendor_reply_text(reply),
        "bottleneck": bottleneck,
        "coalition": coalition,
        "bottleneck_url": _url("visits:vendor_bottleneck", pk=bottleneck.pk),
    }
    for user in _vendor_recipients(bottleneck.vendor):
        _notice_send(
            kind=VisitNotice.Kind.COALITION_REPLY,
            key=f"visits:coalition-reply:{reply.pk}:{user.email}",
            to=user.email,
            day=timezone.localdate(),
            template="practices/visits/email/coalition_reply",
            context={**context, "recipient": user},
            coalition=coalition,
            summary={"bottleneck": bottleneck.pk, "reply": reply.pk},
        )
    return reply


# --- what a vendor's user reads -------------------------------------------------------


def vendor_inbox(user: User) -> QuerySet[Bottleneck]:
    """The bottlenecks passed on to the user's vendor, newest first, with the number of
    practices affected (practices of that coalition that reported the same kind of
    bottleneck to this vendor), the number of answers and the last answer."""
    same = (
        Bottleneck.objects.filter(
            practice__coalition=OuterRef("practice__coalition"),
            vendor=OuterRef("vendor"),
            category=OuterRef("category"),
            passed_to=Bottleneck.PassedTo.VENDOR,
        )
        .order_by()
        .values("vendor")
        .annotate(n=Count("practice", distinct=True))
        .values("n")
    )
    last = VendorAnswer.objects.filter(bottleneck=OuterRef("pk")).order_by(
        "-created", "-pk"
    )
    last_reply = CoalitionReply.objects.filter(
        bottleneck=OuterRef("pk"), vendor=OuterRef("vendor")
    ).order_by("-created", "-pk")
    return (
        access.visible_vendor_bottlenecks(user)
        .select_related("practice__coalition", "vendor", "raised_by", "passed_on_by")
        .annotate(
            n_practices=Coalesce(Subquery(same, output_field=IntegerField()), 1),
            n_answers=Count("vendor_answers"),
            last_answer_kind=Subquery(last.values("kind")[:1]),
            last_answer_version=Subquery(last.values("fixed_in__version")[:1]),
            last_answer_at=Subquery(last.values("created")[:1]),
            last_reply_at=Subquery(last_reply.values("created")[:1]),
        )
        .order_by("-passed_on_at", "-pk")
    )


def vendor_practice_counts(user: User) -> list[dict]:
    """Active practices on the vendor's products, per coalition and product version:
    the number, and where the coalition allows it (`access.can_see_practice_names`)
    the practices' names and places (`practices`, else None). A portal's version is
    not recorded per practice. Four queries at most, whatever the number of rows."""
    practices = access.vendor_practices_to_count(user).filter(is_active=True)
    ids = access.vendor_ids(user)
    his = (
        practices.filter(his_vendor__in=ids)
        .order_by()
        .values(
            "coalition_id",
            "coalition__name",
            "his_vendor__name",
            "his_version__product",
            "his_version__version",
        )
        .annotate(n=Count("pk"))
    )
    portal = (
        practices.filter(portal_vendor__in=ids)
        .order_by()
        .values("coalition_id", "coalition__name", "portal_vendor__name")
        .annotate(n=Count("pk"))
    )
    rows = [
        {
            "coalition_id": r["coalition_id"],
            "coalition": r["coalition__name"],
            "kind": _("HIS"),
            "product": r["his_version__product"] or r["his_vendor__name"],
            "version": r["his_version__version"] or "",
            "n": r["n"],
            "key": (
                "his",
                r["coalition_id"],
                r["his_vendor__name"],
                r["his_version__product"],
                r["his_version__version"],
            ),
        }
        for r in his
    ] + [
        {
            "coalition_id": r["coalition_id"],
            "coalition": r["coalition__name"],
            "kind": _("portaal"),
            "product": r["portal_vendor__name"],
            "version": "",
            "n": r["n"],
            "key": ("portal", r["coalition_id"], r["portal_vendor__name"]),
        }
        for r in portal
    ]
    names = _practice_names(user, practices, ids, {r["coalition_id"] for r in rows})
    for r in rows:
        key = r.pop("key")
        r["practices"] = (
            names.get(key, []) if r["coalition_id"] in names["named"] else None
        )
    return sorted(
        rows,
        key=lambda r: (r["coalition"], str(r["kind"]), r["product"], r["version"]),
    )


def _practice_names(
    user: User, practices: QuerySet[Practice], ids: frozenset[int], coalition_ids: set
) -> dict:
    """(name, place) of the practices per row key, for the coalitions that allow it
    (under "named"): one query for the coalitions, one for the names."""
    if not coalition_ids:
        return {"named": set()}
    named = {
        c.pk
        for c in Coalition.objects.filter(pk__in=coalition_ids)
        if access.can_see_practice_names(user, c)
    }
    out: dict = {"named": named}
    if not named:
        return out
    for p in (
        practices.filter(coalition__in=named)
        .order_by("name", "pk")
        .values(
            "coalition_id",
            "name",
            "city",
            "his_vendor_id",
            "his_vendor__name",
            "his_version__product",
            "his_version__version",
            "portal_vendor_id",
            "portal_vendor__name",
        )
    ):
        entry = (p["name"], p["city"])
        if p["his_vendor_id"] in ids:
            key = (
                "his",
                p["coalition_id"],
                p["his_vendor__name"],
                p["his_version__product"],
                p["his_version__version"],
            )
            out.setdefault(key, []).append(entry)
        if p["portal_vendor_id"] in ids:
            key = ("portal", p["coalition_id"], p["portal_vendor__name"])
            out.setdefault(key, []).append(entry)
    return out


# --- response times -------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseTimes:
    vendor: Vendor
    n_passed_on: int
    n_acknowledged: int
    n_fixed: int
    avg_to_acknowledge_hours: float | None
    avg_to_fix_days: float | None


def _hours(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float):  # microseconds (a backend without intervals)
        return value / 3_600_000_000
    return value.total_seconds() / 3600


def vendor_response_times(
    vendors: QuerySet[Vendor] | Iterable[Vendor] | None = None,
    *,
    coalitions: Iterable | None = None,
) -> list[ResponseTimes]:
    """Per vendor, over the bottlenecks passed on to it: how many, how many it answered
    and fixed, and the average time from passing on to its first answer (time to
    acknowledge) and to its first "fixed in version" (time to fix). One grouped query;
    aggregates only, no bottleneck or practice is named. `coalitions` limits it to
    what those coalitions passed on (the progress report and the comparison)."""
    first_answer = (
        VendorAnswer.objects.filter(bottleneck=OuterRef("pk"))
        .order_by()
        .values("bottleneck")
        .annotate(first=Min("created"))
        .values("first")
    )
    first_fix = (
        VendorAnswer.objects.filter(
            bottleneck=OuterRef("pk"), kind=VendorAnswer.Kind.FIXED
        )
        .order_by()
        .values("bottleneck")
        .annotate(first=Min("created"))
        .values("first")
    )
    qs = Bottleneck.objects.filter(
        passed_to=Bottleneck.PassedTo.VENDOR,
        passed_on_at__isnull=False,
        vendor__isnull=False,
    )
    if vendors is not None:
        qs = qs.filter(vendor__in=vendors)
    if coalitions is not None:  # what these coalitions passed on (a report's scope)
        qs = qs.filter(practice__coalition__in=list(coalitions))
    rows = (
        qs.annotate(
            acknowledged_at=Subquery(first_answer),
            fixed_at=Subquery(first_fix),
        )
        .annotate(
            to_ack=ExpressionWrapper(
                F("acknowledged_at") - F("passed_on_at"), output_field=DurationField()
            ),
            to_fix=ExpressionWrapper(
                F("fixed_at") - F("passed_on_at"), output_field=DurationField()
            ),
        )
        .order_by()
        .values("vendor")
        .annotate(
            n_passed_on=Count("pk"),
            n_acknowledged=Count("acknowledged_at"),
            n_fixed=Count("fixed_at"),
            avg_ack=Avg("to_ack"),
            avg_fix=Avg("to_fix"),
            vendor_name=Max("vendor__name"),
        )
        .order_by("vendor_name")
    )
    rows = list(rows)
    by_pk = Vendor.objects.in_bulk([r["vendor"] for r in rows])
    out = []
    for r in rows:
        fix_hours = _hours(r["avg_fix"])
        out.append(
            ResponseTimes(
                vendor=by_pk[r["vendor"]],
                n_passed_on=r["n_passed_on"],
                n_acknowledged=r["n_acknowledged"],
                n_fixed=r["n_fixed"],
                avg_to_acknowledge_hours=_hours(r["avg_ack"]),
                avg_to_fix_days=None if fix_hours is None else fix_hours / 24,
            )
        )
    return out


# --- the thread -----------------------------------------------------------------------


def thread(user: User, bottleneck: Bottleneck) -> list[VendorAnswer]:
    """The answers on a bottleneck that the user may read, oldest first."""
    return list(
        access.visible_vendor_answers(user)
        .filter(bottleneck=bottleneck)
        .select_related("fixed_in", "author", "vendor")
        .order_by("created", "pk")
    )


def thread_entries(
    user: User, bottleneck: Bottleneck, answers: list[VendorAnswer]
) -> list[VendorAnswer | CoalitionReply]:
    """The vendor's answers and the coalition's replies the user may read, oldest
    first; each with `is_reply` and `shown_text` (what this user reads: a vendor
    reads the coalition's reply without personal data)."""
    replies = list(
        access.visible_coalition_replies(user)
        .filter(bottleneck=bottleneck)
        .select_related(
            "author",
            "bottleneck__practice__coalition",
            "bottleneck__raised_by",
            "bottleneck__passed_on_by",
        )
        .order_by("created", "pk")
    )
    for_vendor = access.is_vendor_user(user)
    for r in replies:
        r.is_reply = True
        r.shown_text = vendor_reply_text(r) if for_vendor else r.text
    for a in answers:
        a.is_reply = False
        a.shown_text = a.text
    return sorted([*answers, *replies], key=lambda e: (e.created, e.is_reply, e.pk))


def upgrade_list(user: User, bottleneck: Bottleneck, answers: list[VendorAnswer]):
    """For the lead: per "fixed in version" answer, the practices of the coalition
    still on an older version. Empty for anyone who does not manage the bottleneck."""
    if (
        not access.can_manage_bottleneck(user, bottleneck)
        and not access.scope(user).office
    ):
        return []
    practices = access.visible_practices(user)
    out = []
    seen = set()
    for answer in answers:
        if answer.kind != VendorAnswer.Kind.FIXED or answer.fixed_in_id in seen:
            continue
        seen.add(answer.fixed_in_id)
        out.append(
            (
                answer.fixed_in,
                list(
                    practices_on_older_version(
                        bottleneck=bottleneck,
                        fixed_in=answer.fixed_in,
                        practices=practices,
                    )
                ),
            )
        )
    return out
