"""Practices: the registry, who edits which fields, the public page and change proposals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from coalition.access.coalitions import can_manage_coalition
from coalition.access.scoping import scope
from coalition.models import Coalition, Role

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser
    from practices.models import ChangeProposal, Practice


# --- practices ------------------------------------------------------------------------


def visible_practices(user: AnyUser) -> QuerySet[Practice]:
    """Leads: their coalitions' practices; practice users: their own; office: all.

    Trainers and funders see no practice list (trainers see registrations through the
    sessions they give; funders see aggregates only).
    """
    from practices.models import Practice

    s = scope(user)
    if s.office:
        return Practice.objects.all()
    return Practice.objects.filter(
        Q(coalition__in=s.lead_coalitions) | Q(pk__in=s.practice_ids)
    )


def can_edit_practice(user: AnyUser, practice: Practice) -> bool:
    """Leads edit their coalition's practices; a practice user keeps its own details."""
    s = scope(user)
    return practice.coalition_id in s.lead_coalitions or practice.pk in s.practice_ids


def can_manage_practice(user: AnyUser, practice: Practice) -> bool:
    """Registry-level changes (rollout, cohort, leaving) are the lead's."""
    return practice.coalition_id in scope(user).lead_coalitions


# --- practices: rollout and registry (issue 3) ---------------------------------------

# What a practice keeps current itself (DESIGN.md: "keeps its details current"): its
# address, its staff counts and its contacts. Everything that places it in the rollout
# (name, AGB, member organisation, vendors, cohort, list size, leaving) is the lead's.
PRACTICE_SELF_FIELDS = (
    "street",
    "postcode",
    "city",
    "staff_gp",
    "staff_nurse_practitioner",
    "staff_manager",
    "staff_assistant",
)
PRACTICE_LEAD_FIELDS = (
    "name",
    "member_organisation",
    "street",
    "postcode",
    "city",
    "list_size",
    "his_vendor",
    "his_version",
    "portal_vendor",
    "phone",
    "email",
    "cohort",
    "neighbourhood",
    "staff_gp",
    "staff_nurse_practitioner",
    "staff_manager",
    "staff_assistant",
    "is_active",
    "left_on",
)


def dashboard_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions whose go-live dashboard and registry the user sees: leads their own,
    the programme office all."""
    s = scope(user)
    if s.office:
        return Coalition.objects.all()
    return Coalition.objects.filter(pk__in=s.lead_coalitions)


def practice_editable_fields(user: AnyUser, practice: Practice) -> tuple[str, ...]:
    """The registry fields this user may change on this practice (empty: read-only)."""
    if can_manage_practice(user, practice):
        return PRACTICE_LEAD_FIELDS
    if practice.pk in scope(user).practice_ids:
        return PRACTICE_SELF_FIELDS
    return ()


def can_edit_practice_contacts(user: AnyUser, practice: Practice) -> bool:
    return bool(practice_editable_fields(user, practice))


def can_import_registry(user: AnyUser, coalition: Coalition | int) -> bool:
    """Only a coalition's lead imports into (and so overwrites) its registry."""
    return can_manage_coalition(user, coalition)


# --- practices: the public page and change proposals (issues 16 and 11.13) -----------

# The registry fields a lead owns that a practice user may propose a change to.
PRACTICE_PROPOSAL_FIELDS = (
    "list_size",
    "portal_vendor",
    "his_vendor",
    "phone",
    "email",
)


def can_publish_practice_page(user: AnyUser, practice: Practice) -> bool:
    """Only the practice itself agrees to (or withdraws) its public page."""
    return practice.pk in scope(user).practice_ids


def can_propose_practice_change(user: AnyUser, practice: Practice) -> bool:
    return practice.pk in scope(user).practice_ids and practice.is_active


def visible_change_proposals(user: AnyUser) -> QuerySet[ChangeProposal]:
    """The proposals of the practices a user sees (their own, or their coalition's)."""
    from practices.models import ChangeProposal

    return ChangeProposal.objects.filter(practice__in=visible_practices(user))


def can_decide_change_proposal(user: AnyUser, proposal: ChangeProposal) -> bool:
    """The practice's project lead accepts or rejects a waiting proposal."""
    return (
        proposal.status == proposal.Status.PENDING
        and proposal.practice.coalition_id in scope(user).lead_coalitions
    )


def can_set_deadlines(user: AnyUser) -> bool:
    """The deadlines and targets page is the leads' (as its view's roles say)."""
    return Role.LEAD in scope(user).roles
