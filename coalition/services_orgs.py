"""Writes of the coalition's own administration (issue 11, parts 1, 3 and 8): member
organisations, framework agreements, grants, and the office founding a coalition.

The views ask `coalition.access` whether the user may before they call a service
(README, "Services trust their caller's access check"); a service validates with
`full_clean()` and names the user in the history row (`_history_user`), so the
record's history says who changed what, also when a service runs outside a request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalition import services
from coalition.models import (
    Coalition,
    FrameworkAgreement,
    Funder,
    Grant,
    MemberOrganisation,
    ProductVersion,
    Role,
    User,
    Vendor,
)

if TYPE_CHECKING:
    from coalition.models import Membership

MEMBER_FIELDS = ("name", "kind", "contact_name", "contact_email", "contact_phone")
COALITION_FIELDS = (
    "name",
    "region",
    "province",
    "contact_email",
    "vendors_see_practice_names",
)


def _rule_message() -> str:
    return _(
        "Een coalitie bestaat uit minstens twee lidorganisaties; "
        "deze wijziging zou er minder overlaten."
    )


def _save(obj, *, by: User) -> None:
    obj.full_clean()
    obj._history_user = by
    obj.save()


# --- member organisations (part 1) ----------------------------------------------------


@transaction.atomic
def member_organisation_create(
    *, by: User, coalition: Coalition, **fields: str
) -> MemberOrganisation:
    org = MemberOrganisation(
        coalition=coalition, **{k: v for k, v in fields.items() if k in MEMBER_FIELDS}
    )
    _save(org, by=by)
    return org


@transaction.atomic
def member_organisation_update(
    *, by: User, organisation: MemberOrganisation, **fields: str
) -> MemberOrganisation:
    """Name, kind and contact; ending (and so the coalition rule) is its own service."""
    org = MemberOrganisation.objects.select_for_update().get(pk=organisation.pk)
    for name, value in fields.items():
        if name in MEMBER_FIELDS:
            setattr(org, name, value)
    _save(org, by=by)
    return org


@transaction.atomic
def member_organisation_end(
    *, by: User, organisation: MemberOrganisation, ended_on: dt.date
) -> MemberOrganisation:
    """The organisation leaves the coalition on `ended_on` (its last day as a member).

    Refused when the coalition would keep fewer than two members without an end date
    (the coalition rule, checked under a lock on the coalition's members so that two
    leads ending two members at once cannot both pass), or while active practices still
    belong to it (they move to another member first).
    """
    from practices import selectors as practice_selectors

    members = list(
        MemberOrganisation.objects.select_for_update()
        .filter(coalition_id=organisation.coalition_id)
        .order_by("pk")
    )
    org = next(m for m in members if m.pk == organisation.pk)
    if org.ended_on is not None:
        raise ValidationError(_("Deze lidorganisatie is al beëindigd."))
    remaining = sum(1 for m in members if m.ended_on is None and m.pk != org.pk)
    if remaining < Coalition.MIN_MEMBER_ORGANISATIONS:
        raise ValidationError(_rule_message())
    n_practices = practice_selectors.active_practice_count(
        member_organisation_id=org.pk
    )
    if n_practices:
        raise ValidationError(
            ngettext(
                "Bij deze lidorganisatie hoort nog %(n)s actieve praktijk; "
                "zet die eerst bij een andere lidorganisatie.",
                "Bij deze lidorganisatie horen nog %(n)s actieve praktijken; "
                "zet die eerst bij een andere lidorganisatie.",
                n_practices,
            )
            % {"n": n_practices}
        )
    org.ended_on = ended_on
    _save(org, by=by)
    return org


# --- framework agreements and grants (part 3) -----------------------------------------


def _check_products(vendor: Vendor, products: Iterable[ProductVersion]) -> list:
    products = list(products)
    foreign = [p for p in products if p.vendor_id != vendor.pk]
    if foreign:
        raise ValidationError(
            {
                "products": _("%(products)s is geen product van %(vendor)s.")
                % {
                    "products": ", ".join(str(p) for p in foreign),
                    "vendor": vendor.name,
                }
            }
        )
    return products


@transaction.atomic
def framework_agreement_save(
    *,
    by: User,
    coalition: Coalition,
    vendor: Vendor,
    starts: dt.date,
    ends: dt.date | None,
    products: Iterable[ProductVersion] = (),
    notes: str = "",
    agreement: FrameworkAgreement | None = None,
) -> FrameworkAgreement:
    """Create (agreement=None) or change a coalition's agreement with a vendor."""
    if agreement is not None and agreement.coalition_id != coalition.pk:
        raise ValueError("the agreement belongs to another coalition")
    products = _check_products(vendor, products)
    if ends is not None and ends < starts:
        raise ValidationError({"ends": _("De einddatum ligt vóór de ingangsdatum.")})
    obj = agreement or FrameworkAgreement(coalition=coalition)
    obj.vendor, obj.starts, obj.ends, obj.notes = vendor, starts, ends, notes
    _save(obj, by=by)
    if {p.pk for p in products} != set(obj.products.values_list("pk", flat=True)):
        obj.products.set(products)  # the m2m history row names the user too
    return obj


def funder_for(*, funder: Funder | None, new_name: str = "") -> Funder:
    """An existing funder, or one named now (funders are shared: by name, once)."""
    if funder is not None:
        return funder
    name = " ".join(new_name.split())
    if not name:
        raise ValidationError({"funder": _("Kies een financier of vul een naam in.")})
    existing = Funder.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    created = Funder(name=name)
    created.full_clean()
    created.save()
    return created


@transaction.atomic
def grant_save(
    *,
    by: User,
    coalition: Coalition,
    funder: Funder | None,
    new_funder: str = "",
    reference: str = "",
    amount: Decimal,
    starts: dt.date,
    ends: dt.date,
    committed_practices: int,
    committed_patients: int,
    grant: Grant | None = None,
) -> Grant:
    """Create (grant=None) or change a grant: the funder report measures against it."""
    if grant is not None and grant.coalition_id != coalition.pk:
        raise ValueError("the grant belongs to another coalition")
    if ends < starts:
        raise ValidationError({"ends": _("Het einde ligt vóór het begin.")})
    obj = grant or Grant(coalition=coalition)
    obj.funder = funder_for(funder=funder, new_name=new_funder)
    obj.reference = reference
    obj.amount = amount
    obj.starts, obj.ends = starts, ends
    obj.committed_practices = committed_practices
    obj.committed_patients = committed_patients
    _save(obj, by=by)
    return obj


# --- the programme office's coalitions (part 8) ---------------------------------------


@transaction.atomic
def coalition_found(
    *,
    by: User,
    name: str,
    slug: str,
    region: str,
    province: str = "",
    contact_email: str = "",
    members: Iterable[dict],
    lead_email: str,
    lead_first_name: str = "",
    lead_last_name: str = "",
) -> Coalition:
    """The office founds a coalition: its member organisations (at least two) and its
    first lead, who is invited through the invitation flow (a new account gets a link
    to set a password, an existing one a link to accept the role)."""
    members = [m for m in members if (m.get("name") or "").strip()]
    if len(members) < Coalition.MIN_MEMBER_ORGANISATIONS:
        raise ValidationError(
            _("Een coalitie bestaat uit minstens twee lidorganisaties.")
        )
    names = [" ".join(m["name"].split()).lower() for m in members]
    if len(set(names)) != len(names):
        raise ValidationError(_("Twee lidorganisaties hebben dezelfde naam."))
    coalition = Coalition(
        name=name,
        slug=slug,
        region=region,
        province=province,
        contact_email=contact_email,
    )
    _save(coalition, by=by)
    for m in members:
        org = MemberOrganisation(
            coalition=coalition, **{k: v for k, v in m.items() if k in MEMBER_FIELDS}
        )
        _save(org, by=by)
    lead_invite(
        by=by,
        coalition=coalition,
        email=lead_email,
        first_name=lead_first_name,
        last_name=lead_last_name,
    )
    return coalition


@transaction.atomic
def coalition_update(
    *, by: User, coalition: Coalition, **fields: str | bool
) -> Coalition:
    """Name, region, province, e-mail and whether vendors see practice names; the
    short name stays (the site section and its editors group are named after it)."""
    obj = Coalition.objects.select_for_update().get(pk=coalition.pk)
    for name, value in fields.items():
        if name in COALITION_FIELDS:
            setattr(obj, name, value)
    _save(obj, by=by)
    return obj


@transaction.atomic
def coalition_vendor_names_set(
    *, by: User, coalition: Coalition, allowed: bool
) -> Coalition:
    """The lead (or the office) lets vendors see the names of the coalition's practices
    on their products, or takes it back (issue 16). The history row says who."""
    obj = Coalition.objects.select_for_update().get(pk=coalition.pk)
    if obj.vendors_see_practice_names != allowed:
        obj.vendors_see_practice_names = allowed
        _save(obj, by=by)
    return obj


def lead_invite(
    *,
    by: User,
    coalition: Coalition,
    email: str,
    first_name: str = "",
    last_name: str = "",
) -> Membership | None:
    """The office invites a (further) lead of a coalition: the invitation service."""
    return services.user_invite(
        by=by,
        email=email,
        role=Role.LEAD,
        coalition=coalition,
        first_name=first_name,
        last_name=last_name,
    )
