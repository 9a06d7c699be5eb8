"""The one place that decides who sees what.

Every query that feeds a page starts from a `visible_*` function here, and every write is
allowed by a `can_*` predicate here. Views never filter by role themselves. An object
outside a user's scope is looked up through the visible queryset, so it answers 404 and
its existence does not leak.

Apps add their own `visible_*` and `can_*` functions below, in their own section; this
module may import the apps' models, no model module imports this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from coalition.models import (
    Coalition,
    FrameworkAgreement,
    Grant,
    MemberOrganisation,
    Membership,
    Role,
    User,
    Vendor,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from practices.models import Practice

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Scope:
    """What a user's memberships add up to; computed once per request."""

    roles: frozenset[str]
    office: bool
    lead_coalitions: frozenset[int]
    trainer_coalitions: frozenset[int]
    funder_coalitions: frozenset[int]
    practice_ids: frozenset[int]
    practice_coalitions: frozenset[int]

    @property
    def all_coalitions(self) -> frozenset[int]:
        return (
            self.lead_coalitions
            | self.trainer_coalitions
            | self.funder_coalitions
            | self.practice_coalitions
        )


_EMPTY = Scope(frozenset(), False, *(frozenset(),) * 5)


def scope(user: AnyUser) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_coalition_scope", None)
    if cached is not None:
        return cached
    rows = list(
        Membership.objects.filter(user=user).values_list(
            "role", "coalition_id", "practice_id"
        )
    )

    def coalitions(role: str) -> frozenset[int]:
        return frozenset(c for r, c, _p in rows if r == role and c)

    result = Scope(
        roles=frozenset(r for r, _c, _p in rows),
        office=any(r == Role.OFFICE for r, _c, _p in rows),
        lead_coalitions=coalitions(Role.LEAD),
        trainer_coalitions=coalitions(Role.TRAINER),
        funder_coalitions=coalitions(Role.FUNDER),
        practice_ids=frozenset(p for r, _c, p in rows if r == Role.PRACTICE and p),
        practice_coalitions=coalitions(Role.PRACTICE),
    )
    user._coalition_scope = result
    return result


def forget_scope(user: AnyUser) -> None:
    """Drop the cached scope after memberships changed."""
    if hasattr(user, "_coalition_scope"):
        del user._coalition_scope


def roles(user: AnyUser) -> frozenset[str]:
    return scope(user).roles


def has_role(user: AnyUser, role: str) -> bool:
    return role in scope(user).roles


def get_or_404[M: Model](queryset: QuerySet[M], **lookup) -> M:
    """Fetch one object from a visible queryset; outside the scope it does not exist."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


# --- coalitions and what belongs to them ---------------------------------------------


def managed_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions the user runs as project lead."""
    return Coalition.objects.filter(pk__in=scope(user).lead_coalitions)


def visible_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    s = scope(user)
    if s.office:
        return Coalition.objects.all()
    return Coalition.objects.filter(pk__in=s.all_coalitions)


def report_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions whose (aggregated) progress report the user may read."""
    s = scope(user)
    if s.office:
        return Coalition.objects.all()
    return Coalition.objects.filter(pk__in=s.lead_coalitions | s.funder_coalitions)


def can_read_progress_report(user: AnyUser) -> bool:
    """The funder progress report is for leads, funders and the office; anyone else
    would only see an empty page."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.funder_coalitions)


def visible_member_organisations(user: AnyUser) -> QuerySet[MemberOrganisation]:
    s = scope(user)
    qs = MemberOrganisation.objects.select_related("coalition")
    if s.office:
        return qs
    return qs.filter(coalition__in=s.lead_coalitions)


def visible_vendors(user: AnyUser) -> QuerySet[Vendor]:
    """Leads see the vendors their coalition works with; the office sees all."""
    s = scope(user)
    if s.office:
        return Vendor.objects.all()
    if not s.lead_coalitions:
        return Vendor.objects.none()
    from practices.models import Practice

    coalitions = s.lead_coalitions
    agreed = FrameworkAgreement.objects.filter(coalition__in=coalitions).values(
        "vendor"
    )
    his = Practice.objects.filter(coalition__in=coalitions).values("his_vendor")
    portal = Practice.objects.filter(coalition__in=coalitions).values("portal_vendor")
    return Vendor.objects.filter(pk__in=agreed.union(his, portal))


def visible_grants(user: AnyUser) -> QuerySet[Grant]:
    s = scope(user)
    qs = Grant.objects.select_related("funder", "coalition")
    if s.office:
        return qs
    return qs.filter(coalition__in=s.lead_coalitions | s.funder_coalitions)


def visible_memberships(user: AnyUser) -> QuerySet[Membership]:
    """The people a lead manages: memberships in the coalitions they lead."""
    s = scope(user)
    qs = Membership.objects.select_related("user", "coalition", "practice")
    if s.office:
        return qs
    return qs.filter(coalition__in=s.lead_coalitions)


def can_manage_coalition(user: AnyUser, coalition: Coalition | int) -> bool:
    pk = coalition if isinstance(coalition, int) else coalition.pk
    return pk in scope(user).lead_coalitions


def can_invite_users(user: AnyUser) -> bool:
    return bool(scope(user).lead_coalitions)


def can_use_cms(user: AnyUser) -> bool:
    """The Wagtail admin is for project leads, the programme office (the national
    pages) and superusers."""
    if not user.is_authenticated:
        return False
    s = scope(user)
    return user.is_superuser or s.office or bool(s.lead_coalitions)


def can_see_practice_level(user: AnyUser) -> bool:
    """Funders see aggregates only; every other role sees some practice-level data."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.practice_ids or s.trainer_coalitions)


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


# --- practices: visits, actions, bottlenecks (issue 4) -------------------------------


def visible_visits(user: AnyUser) -> QuerySet:
    """Leads: every visit in their coalitions; office: all; a practice user: the visits
    of their own practice whose feedback has been shared (before that a visit is the
    lead's working notes)."""
    from practices.visits.models import Visit

    s = scope(user)
    qs = Visit.objects.select_related("practice")
    if s.office:
        return qs
    return qs.filter(
        Q(practice__coalition__in=s.lead_coalitions)
        | Q(practice__in=s.practice_ids, feedback_shared_at__isnull=False)
    )


def visible_actions(user: AnyUser) -> QuerySet:
    """Follow-up actions of the visits the user sees."""
    from practices.visits.models import FollowUpAction

    s = scope(user)
    qs = FollowUpAction.objects.select_related("visit__practice", "owner_user")
    if s.office:
        return qs
    return qs.filter(
        Q(visit__practice__coalition__in=s.lead_coalitions)
        | Q(
            visit__practice__in=s.practice_ids,
            visit__feedback_shared_at__isnull=False,
        )
    )


def visible_bottlenecks(user: AnyUser) -> QuerySet:
    """Leads: their coalitions'; office: all; a practice user: their practice's own,
    except those from a visit whose feedback is not shared yet."""
    from practices.visits.models import Bottleneck

    s = scope(user)
    qs = Bottleneck.objects.select_related("practice", "vendor", "visit")
    if s.office:
        return qs
    return qs.filter(
        Q(practice__coalition__in=s.lead_coalitions)
        | (
            Q(practice__in=s.practice_ids)
            & (Q(visit__isnull=True) | Q(visit__feedback_shared_at__isnull=False))
        )
    )


def can_see_visits(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.practice_ids)


def can_plan_visits(user: AnyUser) -> bool:
    """Planning and writing visits is the project lead's work."""
    return bool(scope(user).lead_coalitions)


def can_edit_visit(user: AnyUser, visit) -> bool:
    return visit.practice.coalition_id in scope(user).lead_coalitions


def can_reply_to_visit(user: AnyUser, visit) -> bool:
    """The practice answers feedback that was shared with it."""
    return visit.practice_id in scope(user).practice_ids and visit.is_shared


def can_complete_action(user: AnyUser, action) -> bool:
    """Leads close any action of their coalition; the practice closes its own."""
    s = scope(user)
    practice = action.visit.practice
    if practice.coalition_id in s.lead_coalitions:
        return True
    return (
        action.owner == "practice"
        and practice.pk in s.practice_ids
        and action.visit.is_shared
    )


def can_raise_bottleneck(user: AnyUser, practice: Practice) -> bool:
    s = scope(user)
    return practice.coalition_id in s.lead_coalitions or practice.pk in s.practice_ids


def can_manage_bottleneck(user: AnyUser, bottleneck) -> bool:
    """Passing on and closing bottlenecks is the lead's."""
    return bottleneck.practice.coalition_id in scope(user).lead_coalitions


def visible_office_inbox(user: AnyUser) -> QuerySet:
    """Bottlenecks passed on to the national programme office: the office's inbox.
    Nobody else has one (a lead follows their own on the bottleneck list)."""
    from practices.visits.models import Bottleneck

    if not scope(user).office:
        return Bottleneck.objects.none()
    return Bottleneck.objects.select_related(
        "practice__coalition", "vendor", "visit"
    ).filter(passed_to=Bottleneck.PassedTo.OFFICE)


def can_see_office_inbox(user: AnyUser) -> bool:
    return scope(user).office


def can_handle_office_bottleneck(user: AnyUser, bottleneck) -> bool:
    """The office passes on to the vendor, or resolves, what was passed on to it."""
    return (
        scope(user).office
        and bottleneck.passed_to == "office"
        and bottleneck.status == "passed_on"
    )


def visit_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions whose visits, actions or bottlenecks the user may see: the choices
    of the lists' coalition filter."""
    s = scope(user)
    if s.office:
        return Coalition.objects.all()
    return Coalition.objects.filter(pk__in=s.lead_coalitions | s.practice_coalitions)


def sees_several_visit_coalitions(user: AnyUser) -> bool:
    """Whether the visit lists mix coalitions (then they show a coalition column)."""
    s = scope(user)
    if s.office:
        return Coalition.objects.count() > 1
    return len(s.lead_coalitions | s.practice_coalitions) > 1


# --- training (issue 5) ---------------------------------------------------------------


def _trainer_session_ids(user: AnyUser):
    """Sessions the user gives (a subquery; trainers only)."""
    from training.models import Session

    return Session.trainers.through.objects.filter(
        user_id=user.pk, session__course__coalition__in=scope(user).trainer_coalitions
    ).values("session_id")


def visible_courses(user: AnyUser) -> QuerySet:
    """Leads, trainers and practice users see their coalition's courses; office all."""
    from training.models import Course

    s = scope(user)
    if s.office:
        return Course.objects.all()
    return Course.objects.filter(
        coalition__in=s.lead_coalitions | s.trainer_coalitions | s.practice_coalitions
    )


def public_sessions() -> QuerySet:
    """What anyone, visitors included, may see: every session, past ones too (their
    links are in confirmation e-mails and calendar files; the page says it was held)."""
    from training.models import Session

    return Session.objects.all()


def visible_sessions(user: AnyUser) -> QuerySet:
    """The sessions a user works with: leads their coalition's, trainers the ones they
    give, practice users their coalition's; office all; anyone else the public ones."""
    from training.models import Session

    s = scope(user)
    if s.office:
        return Session.objects.all()
    if not (s.lead_coalitions or s.trainer_coalitions or s.practice_coalitions):
        return public_sessions()
    condition = Q(course__coalition__in=s.lead_coalitions | s.practice_coalitions)
    if s.trainer_coalitions:
        condition |= Q(pk__in=_trainer_session_ids(user))
    return Session.objects.filter(condition)


def visible_registrations(user: AnyUser) -> QuerySet:
    """A trainer sees only their own sessions' registrations, a practice user only their
    own practice's staff, a lead their coalition's; the office all."""
    from training.models import Registration

    s = scope(user)
    if s.office:
        return Registration.objects.all()
    condition = Q(session__course__coalition__in=s.lead_coalitions) | Q(
        practice__in=s.practice_ids
    )
    if s.trainer_coalitions:
        condition |= Q(session__in=_trainer_session_ids(user))
    return Registration.objects.filter(condition)


def public_trainer_feeds() -> QuerySet:
    """Feeds of active trainers; reached only through their secret token."""
    from training.models import TrainerFeed

    return TrainerFeed.objects.filter(
        user__is_active=True, user__memberships__role=Role.TRAINER
    ).distinct()


def trainers_of(coalitions: QuerySet[Coalition]) -> QuerySet[User]:
    """The trainers of these coalitions (whom a session can be given by)."""
    return User.objects.filter(
        memberships__role=Role.TRAINER, memberships__coalition__in=coalitions
    ).distinct()


def training_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions in which the user may plan courses and sessions (leads, trainers)."""
    s = scope(user)
    return Coalition.objects.filter(pk__in=s.lead_coalitions | s.trainer_coalitions)


def can_see_training_sessions(user: AnyUser) -> bool:
    """The logged-in "Sessies" list: leads, trainers, practice users and the office."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.trainer_coalitions or s.practice_ids)


def can_see_courses(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.trainer_coalitions)


def can_plan_training(user: AnyUser) -> bool:
    s = scope(user)
    return bool(s.lead_coalitions or s.trainer_coalitions)


def can_manage_session(user: AnyUser, session) -> bool:
    """Leads manage their coalition's sessions; a trainer the sessions they give."""
    s = scope(user)
    coalition_id = session.course.coalition_id
    if coalition_id in s.lead_coalitions:
        return True
    return (
        coalition_id in s.trainer_coalitions
        and session.trainers.filter(pk=user.pk).exists()
    )


def can_manage_course(user: AnyUser, course) -> bool:
    s = scope(user)
    return course.coalition_id in (s.lead_coalitions | s.trainer_coalitions)


def registrable_practices(user: AnyUser, session) -> QuerySet[Practice]:
    """Practices for which the user may register staff on this session."""
    from practices.models import Practice

    s = scope(user)
    coalition_id = session.course.coalition_id
    qs = Practice.objects.filter(coalition_id=coalition_id, is_active=True)
    if coalition_id in s.lead_coalitions:
        return qs
    return qs.filter(pk__in=s.practice_ids)


def can_register_for(user: AnyUser, session) -> bool:
    s = scope(user)
    coalition_id = session.course.coalition_id
    return coalition_id in (s.lead_coalitions | s.practice_coalitions)


def can_cancel_registration(user: AnyUser, registration) -> bool:
    s = scope(user)
    return registration.practice_id in s.practice_ids or can_manage_session(
        user, registration.session
    )


def can_message_participants(user: AnyUser, session) -> bool:
    """Only the session's own trainers and the lead of its coalition write to its
    participants (not the office, not another coalition)."""
    return can_manage_session(user, session)


def visible_sent_messages(user: AnyUser, session) -> QuerySet:
    """The messages sent to a session's participants, for those who may send them."""
    from training.models import SessionMessage

    if not can_message_participants(user, session):
        return SessionMessage.objects.none()
    return SessionMessage.objects.filter(session=session)


def team_training_practices(user: AnyUser) -> QuerySet[Practice]:
    """Practices whose team training a user may see: their own practice, a lead's
    coalition's practices, all for the office (the practice page's scope)."""
    return visible_practices(user)


def can_have_trainer_feed(user: AnyUser) -> bool:
    return bool(scope(user).trainer_coalitions)


def can_see_coverage(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions)


def can_invite_for_coverage(user: AnyUser, practice: Practice) -> bool:
    return practice.coalition_id in scope(user).lead_coalitions


# --- content (issue 6) ----------------------------------------------------------------


def can_view_material_usage(user: AnyUser) -> bool:
    """The report of downloaded material is for leads and the programme office."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions)


def visible_document_downloads(user: AnyUser) -> QuerySet:
    """Downloads with the practice named: a lead sees their coalitions' practices."""
    from content.models import DocumentDownload

    s = scope(user)
    if s.office:
        return DocumentDownload.objects.all()
    return DocumentDownload.objects.filter(practice__coalition__in=s.lead_coalitions)


def material_usage_totals(user: AnyUser) -> QuerySet:
    """All downloads, to be counted per document and month only (no one is named)."""
    from content.models import DocumentDownload

    if not can_view_material_usage(user):
        return DocumentDownload.objects.none()
    return DocumentDownload.objects.all()


def can_edit_section(user: AnyUser, coalition: Coalition | int) -> bool:
    """A coalition's part of the site is edited by its own leads (the Wagtail editor
    groups that content.services keeps follow this rule)."""
    return can_manage_coalition(user, coalition)


def coalition_collection_paths() -> dict[int, str]:
    """Coalition id → tree path of its collection of documents and images: the one its
    editors group may add documents to (content.services.section_create)."""
    from wagtail.models import GroupCollectionPermission

    slugs = dict(Coalition.objects.values_list("slug", "pk"))
    rows = GroupCollectionPermission.objects.filter(
        group__name__startswith="Redactie ",
        permission__content_type__app_label="wagtaildocs",
        permission__codename="add_document",
    ).values_list("group__name", "collection__path")
    result = {}
    for group_name, path in rows:
        coalition_id = slugs.get(group_name.removeprefix("Redactie "))
        if coalition_id is not None:
            result[coalition_id] = path
    return result


def hidden_document_collections(user: AnyUser) -> frozenset[int]:
    """Members-only collections whose documents this user may not see.

    A members-only collection inside a coalition's collection is for the members of
    that coalition (its leads, trainers and practice users); one outside any coalition
    (national material) for the members of any coalition. Funders see figures, not
    material; the programme office sees everything.
    """
    from wagtail.models import Collection, CollectionViewRestriction

    s = scope(user)
    if s.office or (user.is_authenticated and user.is_active and user.is_superuser):
        return frozenset()
    restricted = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not restricted:
        return frozenset()
    match = Q()
    for path in restricted:
        match |= Q(path__startswith=path)
    private = Collection.objects.filter(match).values_list("pk", "path")
    member_of = s.lead_coalitions | s.trainer_coalitions | s.practice_coalitions
    owners = coalition_collection_paths()
    hidden = set()
    for pk, path in private:
        owner = next(
            (c for c, prefix in owners.items() if path.startswith(prefix)), None
        )
        allowed = owner in member_of if owner is not None else bool(member_of)
        if not allowed:
            hidden.add(pk)
    return frozenset(hidden)


def visible_documents(user: AnyUser) -> QuerySet:
    """Documents this user may download, find in search and choose in the CMS."""
    from wagtail.documents import get_document_model

    documents = get_document_model().objects.all()
    hidden = hidden_document_collections(user)
    return documents.exclude(collection_id__in=hidden) if hidden else documents


def can_view_document(user: AnyUser, document) -> bool:
    return document.collection_id not in hidden_document_collections(user)


# --- surveys (issue 7) ----------------------------------------------------------------


def visible_questionnaires(user: AnyUser) -> QuerySet:
    """Leads: their coalitions' questionnaires; practice users: the ones put out to their
    practice's coalition (not drafts); office: all."""
    from surveys.models import Questionnaire

    s = scope(user)
    qs = Questionnaire.objects.select_related("coalition")
    if s.office:
        return qs
    return qs.filter(
        Q(coalition__in=s.lead_coalitions)
        | (
            Q(coalition__in=s.practice_coalitions)
            & ~Q(status=Questionnaire.Status.DRAFT)
        )
    )


def visible_responses(user: AnyUser) -> QuerySet:
    """A practice user sees only their own practice's responses; another practice's
    response does not exist for them (404). Leads: their coalitions'; office: all."""
    from surveys.models import Response

    s = scope(user)
    qs = Response.objects.select_related("questionnaire__coalition", "practice")
    if s.office:
        return qs
    return qs.filter(
        Q(questionnaire__coalition__in=s.lead_coalitions)
        | Q(practice__in=s.practice_ids)
    )


def can_manage_questionnaire(user: AnyUser, questionnaire) -> bool:
    return questionnaire.coalition_id in scope(user).lead_coalitions


def can_fill_response(user: AnyUser, response) -> bool:
    """Only the practice's own users fill in its questionnaire (not even its lead)."""
    return response.practice_id in scope(user).practice_ids


def can_reopen_response(user: AnyUser, response) -> bool:
    return response.questionnaire.coalition_id in scope(user).lead_coalitions


def can_see_survey_progress(user: AnyUser, questionnaire) -> bool:
    s = scope(user)
    return s.office or questionnaire.coalition_id in s.lead_coalitions


# --- reports (issue 13) ---------------------------------------------------------------


def report_audience(user: AnyUser, coalition: Coalition | int) -> str:
    """Which version of a coalition's report the user reads: "lead" (with practice
    rows and free text) for its leads and the office, "funder" (anonymised) for anyone
    else `report_coalitions` lets in."""
    s = scope(user)
    pk = coalition if isinstance(coalition, int) else coalition.pk
    return "lead" if s.office or pk in s.lead_coalitions else "funder"


def can_compare_coalitions(user: AnyUser) -> bool:
    """The side-by-side comparison of every coalition is the programme office's."""
    return scope(user).office


# --- audit log -----------------------------------------------------------------------


def can_read_audit_log(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions)


def visible_audit_events(user: AnyUser) -> QuerySet:
    """Leads read their own coalitions' log; the programme office reads all of it."""
    from coalition.models import AuditEvent

    s = scope(user)
    if s.office:
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(coalition_id__in=s.lead_coalitions)


# --- vendors (issue 16) ---------------------------------------------------------------
# A vendor's user sees only what concerns their vendor, across every coalition that
# passed a bottleneck on to it: those bottlenecks (without the practice), the answers
# their vendor gave, counts of practices on their products and their certifications.
# Never a visit, a practice's name, a contact person, or another vendor's anything.


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


def visible_vendor_bottlenecks(user: AnyUser) -> QuerySet:
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


def can_answer_bottleneck(user: AnyUser, bottleneck) -> bool:
    """The vendor it was passed on to answers it, until the coalition resolves it."""
    return (
        bottleneck.vendor_id in vendor_ids(user)
        and bottleneck.passed_to == "vendor"
        and bottleneck.passed_on_at is not None
        and bottleneck.status != "resolved"
    )


def visible_vendor_answers(user: AnyUser) -> QuerySet:
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


def vendor_product_versions(user: AnyUser) -> QuerySet:
    """The user's own vendor's product list (to answer "fixed in version X")."""
    from coalition.models import ProductVersion

    return ProductVersion.objects.filter(vendor__in=vendor_ids(user))


def vendor_certifications(user: AnyUser) -> QuerySet:
    from coalition.models import Certification

    return Certification.objects.filter(product_version__vendor__in=vendor_ids(user))


def vendor_practices_to_count(user: AnyUser) -> QuerySet[Practice]:
    """Practices on the user's vendor's products: for counts per coalition only, never
    to be listed (the vendor sees no practice names)."""
    from practices.models import Practice

    ids = vendor_ids(user)
    if not ids:
        return Practice.objects.none()
    return Practice.objects.filter(Q(his_vendor__in=ids) | Q(portal_vendor__in=ids))


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


def visible_change_proposals(user: AnyUser) -> QuerySet:
    """The proposals of the practices a user sees (their own, or their coalition's)."""
    from practices.models import ChangeProposal

    return ChangeProposal.objects.filter(practice__in=visible_practices(user))


def can_decide_change_proposal(user: AnyUser, proposal) -> bool:
    """The practice's project lead accepts or rejects a waiting proposal."""
    return (
        proposal.status == proposal.Status.PENDING
        and proposal.practice.coalition_id in scope(user).lead_coalitions
    )


# --- report exports of more than one coalition (issue 13) -----------------------------


def can_export_reports(user: AnyUser) -> bool:
    """A background export of every coalition the user may read: for whoever reads the
    progress report of more than one coalition (the office, a funder of several)."""
    return can_read_progress_report(user) and report_coalitions(user).count() > 1


def visible_report_exports(user: AnyUser):
    """A user's own exports only: the file is theirs, made in their version."""
    from surveys.report.models import ReportExport

    if not getattr(user, "is_authenticated", False):
        return ReportExport.objects.none()
    return ReportExport.objects.filter(requested_by=user)


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


def can_edit_vendor_contact(user: AnyUser, contact) -> bool:
    return contact.coalition_id in scope(user).lead_coalitions


def can_propose_certification(user: AnyUser) -> bool:
    return bool(scope(user).lead_coalitions)


def can_decide_certification(user: AnyUser) -> bool:
    """Confirming and withdrawing a certification is the programme office's."""
    return scope(user).office


# --- users of a coalition (issue 11.4) ------------------------------------------------


def admin_users(user: AnyUser) -> QuerySet[User]:
    """The accounts a lead manages: everyone with a role in a coalition they lead,
    except the programme office and superusers (never a lead's to change)."""
    s = scope(user)
    if not s.lead_coalitions:
        return User.objects.none()
    office = Membership.objects.filter(role=Role.OFFICE).values("user")
    return (
        User.objects.filter(memberships__coalition__in=s.lead_coalitions)
        .exclude(pk__in=office)
        .exclude(is_superuser=True)
        .distinct()
    )


def can_deactivate_user(user: AnyUser, target: User) -> bool:
    """A lead switches off an account only when every role it holds is in a coalition
    they lead (an account shared with another coalition is not theirs alone), and never
    their own."""
    s = scope(user)
    if not s.lead_coalitions or target.pk == user.pk:
        return False
    coalitions = set(
        Membership.objects.filter(user=target).values_list("coalition_id", flat=True)
    )
    return (
        bool(coalitions) and None not in coalitions and coalitions <= s.lead_coalitions
    )


# --- coalition administration: member organisations, agreements, grants, the office's
# coalitions (issue 11, parts 1, 3 and 8) ---------------------------------------------


def managed_member_organisations(user: AnyUser) -> QuerySet[MemberOrganisation]:
    """Member organisations a lead maintains: those of the coalitions they lead (the
    office reads them on its own coalition pages, it does not edit them)."""
    return MemberOrganisation.objects.select_related("coalition").filter(
        coalition__in=scope(user).lead_coalitions
    )


def managed_agreements(user: AnyUser) -> QuerySet[FrameworkAgreement]:
    return FrameworkAgreement.objects.select_related("coalition", "vendor").filter(
        coalition__in=scope(user).lead_coalitions
    )


def managed_grants(user: AnyUser) -> QuerySet[Grant]:
    return Grant.objects.select_related("coalition", "funder").filter(
        coalition__in=scope(user).lead_coalitions
    )


def can_administer_coalitions(user: AnyUser) -> bool:
    """Founding coalitions, editing their details and inviting their leads is the
    national programme office's work."""
    return scope(user).office


def administered_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    if not can_administer_coalitions(user):
        return Coalition.objects.none()
    return Coalition.objects.all()


def can_invite_into(user: AnyUser, coalition: Coalition | int, role: str) -> bool:
    """Who may invite someone to a role in a coalition: its leads (any role but the
    office's: the invitation service refuses that role), and the programme office (a
    coalition's leads)."""
    if can_manage_coalition(user, coalition):
        return True
    return role == Role.LEAD and can_administer_coalitions(user)


# --- members-only document collections of a coalition's section (issue 11.9) ---------


def section_collections(user: AnyUser) -> QuerySet:
    """Document collections a lead may mark members-only: their own coalitions'
    collections and the collections inside them (content.services.section_create)."""
    from wagtail.models import Collection

    led = scope(user).lead_coalitions
    paths = [p for c, p in coalition_collection_paths().items() if c in led]
    if not paths:
        return Collection.objects.none()
    match = Q()
    for path in paths:
        match |= Q(path__startswith=path)
    return Collection.objects.filter(match)


def can_manage_collection(user: AnyUser, collection) -> bool:
    return section_collections(user).filter(pk=collection.pk).exists()
