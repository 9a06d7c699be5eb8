"""Vendors: a vendor's own users, and the vendors leads and the office manage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from coalition.access.coalitions import visible_vendors
from coalition.access.scoping import scope
from coalition.access.visits import can_manage_bottleneck, visible_bottlenecks
from coalition.models import Coalition, FrameworkAgreement, Membership, Role, Vendor

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser
    from coalition.models import Certification, ProductVersion, VendorContact
    from practices.models import Practice
    from practices.visits.models import Bottleneck, CoalitionReply, VendorAnswer


# --- vendors (issue 16) ---------------------------------------------------------------
# A vendor's user sees only what concerns their vendor, across every coalition that
# passed a bottleneck on to it: those bottlenecks (without the practice), the answers
# their vendor gave and the coalition's replies to it, counts of practices on their
# products (names only where the coalition allows it: `can_see_practice_names`) and
# their certifications. Never a visit, a contact person, or another vendor's anything.


def vendor_ids(user: AnyUser) -> frozenset[int]:
    """The vendors the user works for (vendor role); cached with the scope."""
    s = scope(user)
    if Role.VENDOR not in s.roles:
        return frozenset()
    cached = getattr(user, "_vendor_ids", None)
    if cached is not None and cached[0] is s:
        return cached[1]
    ids = frozenset(
        Membership.objects.filter(
            user=user, role=Role.VENDOR, vendor__isnull=False
        ).values_list("vendor_id", flat=True)
    )
    user._vendor_ids = (s, ids)
    return ids


def is_vendor_user(user: AnyUser) -> bool:
    return bool(vendor_ids(user))


def own_vendors(user: AnyUser) -> QuerySet[Vendor]:
    """The vendor(s) a vendor's user works for (nobody else has one)."""
    return Vendor.objects.filter(pk__in=vendor_ids(user))


def visible_vendor_bottlenecks(user: AnyUser) -> QuerySet[Bottleneck]:
    """The bottlenecks passed on to the user's vendor: the vendor's inbox."""
    from practices.visits.models import Bottleneck

    ids = vendor_ids(user)
    if not ids:
        return Bottleneck.objects.none()
    return Bottleneck.objects.filter(
        vendor__in=ids,
        passed_to=Bottleneck.PassedTo.VENDOR,
        passed_on_at__isnull=False,
    )


def can_answer_bottleneck(user: AnyUser, bottleneck: Bottleneck) -> bool:
    """The vendor it was passed on to answers it, until the coalition resolves it."""
    return (
        bottleneck.vendor_id in vendor_ids(user)
        and bottleneck.passed_to == "vendor"
        and bottleneck.passed_on_at is not None
        and bottleneck.status != "resolved"
    )


def visible_vendor_answers(user: AnyUser) -> QuerySet[VendorAnswer]:
    """A vendor: its own answers to what was passed on to it. Everyone else: the
    answers on the bottlenecks they see (the thread on the bottleneck's page)."""
    from practices.visits.models import VendorAnswer

    ids = vendor_ids(user)
    qs = VendorAnswer.objects.all()
    if ids:
        return qs.filter(
            vendor__in=ids, bottleneck__in=visible_vendor_bottlenecks(user)
        )
    if scope(user).office:
        return qs
    return qs.filter(bottleneck__in=visible_bottlenecks(user))


def vendor_product_versions(user: AnyUser) -> QuerySet[ProductVersion]:
    """The user's own vendor's product list (to answer "fixed in version X")."""
    from coalition.models import ProductVersion

    return ProductVersion.objects.filter(vendor__in=vendor_ids(user))


def vendor_certifications(user: AnyUser) -> QuerySet[Certification]:
    from coalition.models import Certification

    return Certification.objects.filter(product_version__vendor__in=vendor_ids(user))


def vendor_practices_to_count(user: AnyUser) -> QuerySet[Practice]:
    """Practices on the user's vendor's products: for counts per coalition; listed by
    name only for the coalitions where `can_see_practice_names` holds."""
    from practices.models import Practice

    ids = vendor_ids(user)
    if not ids:
        return Practice.objects.none()
    return Practice.objects.filter(Q(his_vendor__in=ids) | Q(portal_vendor__in=ids))


def can_see_practice_names(user: AnyUser, coalition: Coalition) -> bool:
    """A vendor's user reads the names (and place) of a coalition's practices on its
    products only where that coalition allows it; everywhere else, counts."""
    return bool(vendor_ids(user)) and coalition.vendors_see_practice_names


def can_set_vendor_practice_names(user: AnyUser, coalition: Coalition) -> bool:
    """Whether vendors may see the coalition's practice names is the coalition's
    choice: its lead's, and the programme office's."""
    s = scope(user)
    return s.office or coalition.pk in s.lead_coalitions


def can_reply_to_vendor(user: AnyUser, bottleneck: Bottleneck) -> bool:
    """The coalition's lead replies in the thread with the vendor it passed the
    bottleneck on to (e.g. to the vendor's question), until it is resolved."""
    return (
        can_manage_bottleneck(user, bottleneck)
        and bottleneck.vendor_id is not None
        and bottleneck.passed_to == "vendor"
        and bottleneck.passed_on_at is not None
        and bottleneck.status != "resolved"
    )


def visible_coalition_replies(user: AnyUser) -> QuerySet[CoalitionReply]:
    """A vendor: the coalition's replies addressed to it, on what was passed on to it.
    Everyone else: the replies on the bottlenecks they see."""
    from practices.visits.models import CoalitionReply

    ids = vendor_ids(user)
    qs = CoalitionReply.objects.all()
    if ids:
        return qs.filter(
            vendor__in=ids, bottleneck__in=visible_vendor_bottlenecks(user)
        )
    if scope(user).office:
        return qs
    return qs.filter(bottleneck__in=visible_bottlenecks(user))


def can_see_vendor_response_times(user: AnyUser) -> bool:
    """Aggregates per vendor: the office (all), leads (vendors they work with), a
    vendor (its own)."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions) or bool(vendor_ids(user))


def can_invite_vendor_user(user: AnyUser, vendor: Vendor) -> bool:
    """The office invites any vendor's people; a lead those of a vendor its coalition
    works with."""
    if scope(user).office:
        return True
    return visible_vendors(user).filter(pk=vendor.pk).exists()


# --- vendors, product versions, certifications (issue 11.2, 11.8) --------------------
#
# A vendor is shared by every coalition. What a lead may change of it:
# - their own coalition's contacts at the vendor (VendorContact rows): always;
# - the shared fields (name, kind, website, general contact) and its product versions:
#   only while no other coalition works with the vendor (no other coalition's practices,
#   agreements or contacts) — in practice, a vendor the lead has just added. After that
#   the programme office keeps them, so one coalition cannot rewrite another's data;
# - certifications: a lead proposes one; only the office confirms or withdraws it.


def admin_vendors(user: AnyUser) -> QuerySet[Vendor]:
    """The vendors a user manages: the ones their coalition works with (practices,
    agreements) or keeps a contact at; the office all of them. Leads and office only."""
    from coalition.models import VendorContact

    s = scope(user)
    if s.office:
        return Vendor.objects.all()
    if not s.lead_coalitions:
        return Vendor.objects.none()
    contacts = VendorContact.objects.filter(coalition__in=s.lead_coalitions).values(
        "vendor"
    )
    return Vendor.objects.filter(
        Q(pk__in=visible_vendors(user).values("pk")) | Q(pk__in=contacts)
    )


def can_manage_vendors(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions)


def vendor_coalition_ids(vendor: Vendor) -> frozenset[int]:
    """Every coalition that works with a vendor (practices, agreements, contacts)."""
    from coalition.models import VendorContact
    from practices.models import Practice

    ids = set(
        FrameworkAgreement.objects.filter(vendor=vendor).values_list(
            "coalition_id", flat=True
        )
    )
    ids |= set(
        Practice.objects.filter(Q(his_vendor=vendor) | Q(portal_vendor=vendor))
        .values_list("coalition_id", flat=True)
        .distinct()
    )
    ids |= set(
        VendorContact.objects.filter(vendor=vendor).values_list(
            "coalition_id", flat=True
        )
    )
    return frozenset(ids)


def vendor_shared_fields_editable(user: AnyUser, vendor: Vendor) -> bool:
    """The office always; a lead only while the vendor is theirs alone (see above)."""
    s = scope(user)
    if s.office:
        return True
    used_by = vendor_coalition_ids(vendor)
    return bool(s.lead_coalitions) and used_by <= s.lead_coalitions


def can_edit_vendor_contact(user: AnyUser, contact: VendorContact) -> bool:
    return contact.coalition_id in scope(user).lead_coalitions


def can_propose_certification(user: AnyUser) -> bool:
    return bool(scope(user).lead_coalitions)


def can_decide_certification(user: AnyUser) -> bool:
    """Confirming and withdrawing a certification is the programme office's."""
    return scope(user).office


def can_see_all_vendor_contacts(user: AnyUser) -> bool:
    """The office reads every coalition's contacts at a vendor; a lead their own."""
    return scope(user).office


def vendor_contact_coalitions(user: AnyUser) -> frozenset[int]:
    """The coalitions whose contacts at a vendor the user adds and changes."""
    return scope(user).lead_coalitions


def can_add_vendor_contact(user: AnyUser) -> bool:
    """A lead keeps their coalition's contacts at the vendors it works with."""
    return bool(scope(user).lead_coalitions)
