"""Writes for vendors, their product versions, a coalition's contacts at them, and
certifications: a lead proposes, the programme office confirms or withdraws.

Who may change what is decided in `coalition.access` (the block on vendors) and asked
by the views before they call these services (README, "Services trust their caller's
access check"); whether the office or a lead proposes a certification chooses what
happens to it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import (
    Certification,
    Coalition,
    ProductVersion,
    User,
    Vendor,
    VendorContact,
)

VENDOR_SHARED_FIELDS = (
    "name",
    "kind",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
)
VERSION_FIELDS = ("product", "version", "services", "released")
CONTACT_FIELDS = ("name", "function", "email", "phone")


@transaction.atomic
def vendor_create(*, by: User, coalition: Coalition, contact: dict, **fields) -> Vendor:
    """A lead adds a vendor with their coalition's contact at it (which is what puts it
    on their coalition's list until practices or an agreement do)."""
    vendor = Vendor(**{k: v for k, v in fields.items() if k in VENDOR_SHARED_FIELDS})
    vendor.full_clean()
    vendor.save()
    vendor_contact_save(by=by, vendor=vendor, coalition=coalition, **contact)
    return vendor


@transaction.atomic
def vendor_update(*, by: User, vendor: Vendor, **fields) -> Vendor:
    for name, value in fields.items():
        if name in VENDOR_SHARED_FIELDS:
            setattr(vendor, name, value)
    vendor.full_clean()
    vendor.save()
    return vendor


@transaction.atomic
def vendor_contact_save(
    *,
    by: User,
    vendor: Vendor,
    coalition: Coalition | None = None,
    contact: VendorContact | None = None,
    **fields,
) -> VendorContact:
    """Add (coalition given) or change (contact given) a coalition's contact."""
    if contact is None:
        contact = VendorContact(vendor=vendor, coalition=coalition)
    for name, value in fields.items():
        if name in CONTACT_FIELDS:
            setattr(contact, name, value)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def product_version_save(
    *,
    by: User,
    vendor: Vendor,
    product_version: ProductVersion | None = None,
    **fields,
) -> ProductVersion:
    """Add (no product_version) or change a version; `fields` are the model's."""
    pv = product_version or ProductVersion(vendor=vendor)
    if pv.vendor_id != vendor.pk:
        raise ValueError("the product version belongs to another vendor")
    for name, value in fields.items():
        if name in VERSION_FIELDS:
            setattr(pv, name, value)
    pv.full_clean()
    pv.save()
    return pv


@transaction.atomic
def certification_propose(
    *,
    by: User,
    coalition: Coalition | None,
    product_version: ProductVersion,
    standard: str,
    since: dt.date,
    source: str = "",
) -> Certification:
    """A lead proposes; the office records straight away (confirmed). A certification
    that was withdrawn earlier can be proposed again: the same row, history keeps the
    earlier decision."""
    office = access.can_decide_certification(by)  # the branch, not a gate
    if not office and coalition is None:
        raise ValidationError(
            _("Kies de coalitie waarvoor u de certificering voorstelt.")
        )
    existing = (
        Certification.objects.select_for_update()
        .filter(product_version=product_version, standard=standard)
        .first()
    )
    if existing is not None and existing.status != Certification.Status.WITHDRAWN:
        raise ValidationError(
            _("Voor deze versie en standaard is al een certificering %(status)s.")
            % {"status": existing.get_status_display()}
        )
    cert = existing or Certification(product_version=product_version, standard=standard)
    cert.since = since
    cert.source = source
    cert.proposed_by = by
    cert.proposed_for = coalition if not office else None
    cert.note = ""
    if office:
        cert.status = Certification.Status.CONFIRMED
        cert.decided_by = by
        cert.decided_at = timezone.now()
    else:
        cert.status = Certification.Status.PROPOSED
        cert.decided_by = None
        cert.decided_at = None
    cert.full_clean()
    cert.save()
    return cert


@transaction.atomic
def certification_confirm(*, by: User, certification: Certification) -> Certification:
    cert = Certification.objects.select_for_update().get(pk=certification.pk)
    if cert.status != Certification.Status.PROPOSED:
        raise ValidationError(
            _("Alleen een voorgestelde certificering kan worden bevestigd.")
        )
    cert.status = Certification.Status.CONFIRMED
    cert.decided_by = by
    cert.decided_at = timezone.now()
    cert.save()
    return cert


@transaction.atomic
def certification_withdraw(
    *, by: User, certification: Certification, note: str
) -> Certification:
    """The office turns down a proposal or withdraws a confirmed certification; the
    practices on the version stop being technically ready at once."""
    if not note.strip():
        raise ValidationError(_("Geef aan waarom de certificering vervalt."))
    cert = Certification.objects.select_for_update().get(pk=certification.pk)
    if cert.status == Certification.Status.WITHDRAWN:
        raise ValidationError(_("Deze certificering is al ingetrokken."))
    cert.status = Certification.Status.WITHDRAWN
    cert.decided_by = by
    cert.decided_at = timezone.now()
    cert.note = note.strip()
    cert.save()
    return cert
