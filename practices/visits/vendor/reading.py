"""What a vendor's user reads: its inbox and the practices on its products."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import Coalition, User
from practices.visits.models import (
    Bottleneck,
    CoalitionReply,
    VendorAnswer,
)

if TYPE_CHECKING:
    from practices.models import Practice


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
