"""Writes of bottlenecks: raised, corrected, passed on to a vendor or the programme
office, resolved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import Membership, Role, User, Vendor
from practices.visits.models import (
    Bottleneck,
    Visit,
    VisitNotice,
)
from practices.visits.services.common import _save_once
from practices.visits.services.notices import _notice_send

if TYPE_CHECKING:
    from practices.models import Practice


# --- bottlenecks ----------------------------------------------------------------------


@transaction.atomic
def bottleneck_create(
    *,
    by: User,
    practice: Practice,
    category: str,
    description: str,
    vendor: Vendor | None = None,
    visit: Visit | None = None,
    form_token: str | None = None,
) -> Bottleneck:
    """Raised during a visit (by the lead) or by a practice user for their practice.

    With a `form_token`, submitting the same form again returns the bottleneck it made.
    """
    if visit is not None and visit.practice_id != practice.pk:
        raise ValueError("the visit is of another practice")
    bottleneck = Bottleneck(
        practice=practice,
        visit=visit,
        category=category,
        vendor=vendor,
        description=(description or "").strip(),
        raised_by=by,
    )
    bottleneck.full_clean()
    bottleneck, _created = _save_once(bottleneck, form_token=form_token)
    return bottleneck


@transaction.atomic
def bottleneck_update(
    *,
    by: User,
    bottleneck: Bottleneck,
    category: str,
    description: str,
    vendor: Vendor | None = None,
) -> Bottleneck:
    """Correct an open bottleneck (for instance, name the vendor before passing it on)."""
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    if bottleneck.status != Bottleneck.Status.OPEN:
        raise ValidationError(
            _("Een doorgegeven of opgelost knelpunt wordt niet meer gewijzigd.")
        )
    bottleneck.category = category
    bottleneck.vendor = vendor
    bottleneck.description = (description or "").strip()
    bottleneck.full_clean()
    bottleneck.save(update_fields=["category", "vendor", "description"])
    return bottleneck


def _office_emails() -> list[str]:
    return list(
        Membership.objects.filter(role=Role.OFFICE, user__is_active=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
        .distinct()
    )


@transaction.atomic
def bottleneck_pass_on(
    *, by: User, bottleneck: Bottleneck, to: str, note: str = ""
) -> Bottleneck:
    """Pass an open bottleneck to the vendor (e-mail to its contact) or to the national
    programme office (e-mail to the office's users); who and when are recorded.

    The office in turn passes what reached its inbox on to the vendor.
    """
    office = access.can_handle_office_bottleneck(by, bottleneck)  # the branch
    bottleneck = (
        Bottleneck.objects.select_for_update(of=("self",))
        .select_related("practice__coalition", "vendor")
        .get(pk=bottleneck.pk)
    )
    if office and access.can_handle_office_bottleneck(by, bottleneck):
        if to != Bottleneck.PassedTo.VENDOR:
            raise ValidationError(
                {
                    "to": _(
                        "Het programmabureau geeft een knelpunt door aan de "
                        "leverancier."
                    )
                }
            )
    elif bottleneck.status != Bottleneck.Status.OPEN:
        raise ValidationError(
            _("Alleen een open knelpunt kan worden doorgegeven; dit is al %(status)s.")
            % {"status": bottleneck.get_status_display()}
        )
    if to == Bottleneck.PassedTo.VENDOR:
        if bottleneck.vendor is None:
            raise ValidationError(
                {
                    "to": _(
                        "Bij dit knelpunt is geen leverancier gekozen: geef het door "
                        "aan het programmabureau, of kies eerst de leverancier."
                    )
                }
            )
        if not bottleneck.vendor.contact_email:
            raise ValidationError(
                {
                    "to": _(
                        "%(vendor)s heeft geen e-mailadres van een contactpersoon. "
                        "Vul dat eerst in bij de leverancier; het knelpunt is niet "
                        "doorgegeven."
                    )
                    % {"vendor": bottleneck.vendor.name}
                }
            )
        recipients = [bottleneck.vendor.contact_email]
    elif to == Bottleneck.PassedTo.OFFICE:
        recipients = _office_emails()
    else:
        raise ValidationError({"to": _("Kies aan wie u het knelpunt doorgeeft.")})
    now = timezone.now()
    bottleneck.status = Bottleneck.Status.PASSED_ON
    bottleneck.passed_to = to
    bottleneck.passed_on_by = by
    bottleneck.passed_on_at = now
    bottleneck.pass_on_note = (note or "").strip()
    bottleneck.full_clean()
    bottleneck.save()
    coalition = bottleneck.practice.coalition
    context = {
        "bottleneck": bottleneck,
        "practice": bottleneck.practice,
        "coalition": coalition,
        "by": by,
        "to_vendor": to == Bottleneck.PassedTo.VENDOR,
    }
    for email in recipients:
        _notice_send(
            kind=VisitNotice.Kind.PASSED_ON,
            key=f"visits:bottleneck:{bottleneck.pk}:{to}:{email}",
            to=email,
            day=timezone.localdate(),
            template="practices/visits/email/bottleneck_passed_on",
            context=context,
            coalition=coalition,
            summary={"bottleneck": bottleneck.pk, "to": to},
        )
    return bottleneck


@transaction.atomic
def bottleneck_resolve(
    *, by: User, bottleneck: Bottleneck, resolution: str
) -> Bottleneck:
    """Close a bottleneck: the lead of its coalition, or the office for one in its
    inbox."""
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    if bottleneck.status == Bottleneck.Status.RESOLVED:
        raise ValidationError(_("Dit knelpunt is al opgelost."))
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError(
            {"resolution": _("Beschrijf kort hoe het knelpunt is opgelost.")}
        )
    bottleneck.status = Bottleneck.Status.RESOLVED
    bottleneck.resolution = resolution
    bottleneck.resolved_by = by
    bottleneck.resolved_at = timezone.now()
    bottleneck.full_clean()
    bottleneck.save()
    return bottleneck
