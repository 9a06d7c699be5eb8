"""The thread on a bottleneck's page: answers, replies, the upgrade list."""

from __future__ import annotations

from coalition import access
from coalition.models import User
from practices.visits.models import (
    Bottleneck,
    CoalitionReply,
    VendorAnswer,
)
from practices.visits.vendor.redaction import vendor_reply_text
from practices.visits.vendor.versions import practices_on_older_version

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
