"""Change proposals: a practice user proposes, the project lead accepts or rejects.

The registry fields in `access.PRACTICE_PROPOSAL_FIELDS` (list size, vendors, phone,
e-mail) are the lead's; a practice knows them best, so it proposes and the lead decides.
An accepted change is written to the practice with a history row that names both the
proposer and the lead who accepted (simple_history: user and change reason).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import Vendor
from practices.models import ChangeProposal, Practice

if TYPE_CHECKING:
    from coalition.models import User

VENDOR_FIELDS = ("portal_vendor", "his_vendor")


def _plain(practice: Practice, name: str):
    """A field's value as JSON keeps it: a vendor by its pk."""
    if name in VENDOR_FIELDS:
        return getattr(practice, f"{name}_id")
    return getattr(practice, name)


def _apply(practice: Practice, changes: dict) -> None:
    for name, value in changes.items():
        if name in VENDOR_FIELDS:
            if name == "his_vendor" and practice.his_vendor_id != value:
                practice.his_version = None  # a version of the old vendor
            setattr(practice, f"{name}_id", value)
        else:
            setattr(practice, name, value)


@transaction.atomic
def proposal_create(
    *, practice: Practice, by: User, values: dict, note: str = ""
) -> ChangeProposal:
    """Propose new values (the form's cleaned data: vendors as objects).

    Only fields that differ from the registry are kept; the values are checked as the
    registry checks them, so the lead can only accept what would be valid.
    """
    if not practice.is_active:  # the view asked access whether `by` may propose
        raise ValidationError(
            _("U kunt voor deze praktijk geen wijziging voorstellen.")
        )
    current = Practice.objects.get(pk=practice.pk)
    proposed = {}
    for name in access.PRACTICE_PROPOSAL_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, Vendor):
            value = value.pk
        if name in ("phone", "email"):
            value = (value or "").strip()
        if value != _plain(current, name):
            proposed[name] = value
    if not proposed:
        raise ValidationError(
            _("U heeft niets gewijzigd: er is geen voorstel verstuurd.")
        )
    check = Practice.objects.get(pk=practice.pk)
    _apply(check, proposed)
    check.full_clean(exclude=["agb_code"], validate_unique=False)
    proposal = ChangeProposal(
        practice=current,
        changes=proposed,
        previous={name: _plain(current, name) for name in proposed},
        note=note.strip(),
        proposed_by=by,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _lock(proposal: ChangeProposal, by: User) -> ChangeProposal:
    locked = (
        ChangeProposal.objects.select_for_update(of=("self",))
        .select_related("practice", "proposed_by")
        .get(pk=proposal.pk)
    )
    # The view asked access whether `by` decides for this practice; under the lock,
    # the state: another lead may have decided meanwhile.
    if locked.status != ChangeProposal.Status.PENDING:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    return locked


@transaction.atomic
def proposal_accept(*, proposal: ChangeProposal, by: User) -> ChangeProposal:
    """Write the proposed values to the practice; the history names both people."""
    proposal = _lock(proposal, by)
    practice = Practice.objects.select_for_update().get(pk=proposal.practice_id)
    _apply(practice, proposal.changes)
    practice.full_clean()
    proposer = proposal.proposed_by
    practice._history_user = by
    practice._change_reason = _(
        "Voorstel van %(proposer)s, overgenomen door %(lead)s"
    ) % {
        "proposer": proposer.get_full_name() or proposer.email if proposer else "?",
        "lead": by.get_full_name() or by.email,
    }
    practice.save()
    proposal.status = ChangeProposal.Status.ACCEPTED
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


@transaction.atomic
def proposal_reject(
    *, proposal: ChangeProposal, by: User, reason: str = ""
) -> ChangeProposal:
    proposal = _lock(proposal, by)
    proposal.status = ChangeProposal.Status.REJECTED
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.decision_note = reason.strip()
    proposal.full_clean()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return proposal


# --- reads for the practice page ------------------------------------------------------


def proposal_rows(proposals) -> list[dict]:
    """Proposals with each change as (label, old, new) text. Two queries."""
    proposals = list(proposals.select_related("proposed_by", "decided_by"))
    vendor_ids = {
        v
        for p in proposals
        for d in (p.changes, p.previous)
        for k, v in d.items()
        if k in VENDOR_FIELDS and v
    }
    vendors = dict(Vendor.objects.filter(pk__in=vendor_ids).values_list("pk", "name"))

    def text(name, value):
        if value in (None, ""):
            return "—"
        if name in VENDOR_FIELDS:
            return vendors.get(value, "?")
        return str(value)

    rows = []
    for p in proposals:
        rows.append(
            {
                "proposal": p,
                "changes": [
                    (
                        Practice._meta.get_field(name).verbose_name,
                        text(name, p.previous.get(name)),
                        text(name, value),
                    )
                    for name, value in p.changes.items()
                ],
            }
        )
    return rows
