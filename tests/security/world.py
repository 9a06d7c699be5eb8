"""A small two-coalition data set for the authorisation matrix: one of everything a URL
can name, owned by coalition A and its practice "own", plus the users of every role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.core import signing
from django.utils import timezone

from coalition.models import FrameworkAgreement, Role
from surveys.report.models import ReportExport
from tests.factories import (
    CoalitionFactory,
    FrameworkAgreementFactory,
    GrantFactory,
    PracticeFactory,
    VendorFactory,
    user_with_role,
)

ROLES: tuple[str, ...] = (
    "anonymous",
    "practice_own",  # practice user of the practice the objects belong to
    "practice_other",  # practice user of another practice of the same coalition
    "trainer",  # trainer of coalition A, giving the session
    "lead_own",  # project lead of coalition A
    "lead_other",  # project lead of coalition B
    "funder",  # funder of coalition A
    "office",  # programme office
    "vendor_user",  # a user of the vendor the vendor_bottleneck was passed on to
)


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_world() -> World:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from coalition.services import INVITATION_SALT
    from practices import models as practice_models
    from surveys import services as survey_services
    from tests.content.factories import ensure_home, make_document, make_image
    from tests.practices.visits_factories import (
        BottleneckFactory,
        FollowUpActionFactory,
        VisitFactory,
    )
    from tests.surveys.factories import open_standard
    from tests.training.factories import (
        CourseFactory,
        RegistrationFactory,
        SessionFactory,
    )
    from training import services as training_services
    from training.models import SessionMessage

    w = World()
    home = ensure_home()
    a = CoalitionFactory(name="Coalitie A", slug="coalitie-a")
    b = CoalitionFactory(name="Coalitie B", slug="coalitie-b")
    own = PracticeFactory(coalition=a, name="Praktijk Eigen")
    other = PracticeFactory(coalition=a, name="Praktijk Ander")
    PracticeFactory(coalition=b, name="Praktijk B")
    u = w.users
    u["practice_own"] = user_with_role(
        Role.PRACTICE, practice=own, email="eigen@praktijk.test"
    )
    u["practice_other"] = user_with_role(
        Role.PRACTICE, practice=other, email="ander@praktijk.test"
    )
    u["trainer"] = user_with_role(Role.TRAINER, coalition=a, email="trainer@a.test")
    u["lead_own"] = user_with_role(Role.LEAD, coalition=a, email="lead@a.test")
    u["lead_other"] = user_with_role(Role.LEAD, coalition=b, email="lead@b.test")
    u["funder"] = user_with_role(Role.FUNDER, coalition=a, email="funder@a.test")
    u["office"] = user_with_role(Role.OFFICE, email="office@bureau.test")
    # The roles that must use two-factor login (settings.MFA_REQUIRED_ROLES) have it.
    vendor = VendorFactory(name="Portaal BV")
    FrameworkAgreementFactory(coalition=a, vendor=vendor)
    u["vendor_user"] = user_with_role(
        Role.VENDOR, vendor=vendor, email="support@portaal.test"
    )
    for role in ("trainer", "lead_own", "lead_other", "office", "vendor_user"):
        TOTP.activate(u[role], generate_totp_secret())
    visit = VisitFactory(
        practice=own,
        planned_on=dt.date(2026, 3, 2),
        held_on=dt.date(2026, 3, 2),
        feedback="Terugkoppeling",
        feedback_shared_at=timezone.now(),
    )
    course = CourseFactory(coalition=a)
    session = SessionFactory(course=course, trainers=[u["trainer"]])
    SessionMessage.objects.create(
        session=session,
        subject="Parkeren",
        body="Parkeren kan achter het gebouw.",
        sent_by=u["trainer"],
        recipients=1,
        idempotency_key="matrix-message",
    )
    questionnaire = open_standard(a)
    response = survey_services.response_start(questionnaire=questionnaire, practice=own)
    # An invitation to an existing account (practice_other becomes trainer of A): only
    # that account can accept it.
    invitation = SimpleNamespace(
        token=signing.dumps(
            {
                "u": u["practice_other"].pk,
                "r": Role.TRAINER,
                "c": a.pk,
                "p": None,
                "b": u["lead_own"].pk,
            },
            salt=INVITATION_SALT,
        )
    )
    w.objects.update(
        home=home,
        coalition=a,
        other_coalition=b,
        practice=own,
        other_practice=other,
        member_organisation=a.member_organisations.order_by("pk").first(),
        vendor=vendor,
        visit=visit,
        action=FollowUpActionFactory(visit=visit),
        bottleneck=BottleneckFactory(practice=own),
        vendor_bottleneck=BottleneckFactory(
            practice=own,
            vendor=vendor,
            status="passed_on",
            passed_to="vendor",
            passed_on_at=timezone.now(),
        ),
        course=course,
        session=session,
        trainer_feed=training_services.trainer_feed_get(user=u["trainer"]),
        invitation=invitation,
        registration=RegistrationFactory(session=session, practice=own),
        questionnaire=questionnaire,
        question=questionnaire.questions.order_by("pk").first(),
        response=response,
        document=make_document("Wachtkamerflyer", "flyer.pdf"),
        image=make_image(),
        rollout=practice_models.Rollout.objects.filter(practice=own).first(),
        # the office's background export of every coalition, still being made
        report_export=ReportExport.objects.create(
            requested_by=u["office"], status=ReportExport.Status.RUNNING, total=2
        ),
    )
    # Issue 16 and 11.13: the own practice has a public page and a waiting proposal.
    from practices import proposals as practice_proposals
    from practices import services as practice_services

    w.objects["practice"] = practice_services.practice_public_page_set(
        practice=own, publish=True, by=u["practice_own"]
    )
    w.objects["proposal"] = practice_proposals.proposal_create(
        practice=own, by=u["practice_own"], values={"phone": "010 123 45 67"}
    )
    # Issue 11.2 and 11.4: a product version of A's vendor with a proposal from A's
    # lead, A's own contact at the vendor, and a user of A (practice_other) to manage.
    from coalition.models import Certification, VendorContact
    from tests.factories import ProductVersionFactory

    version = ProductVersionFactory(vendor=vendor)
    w.objects.update(
        product_version=version,
        certification=Certification.objects.create(
            product_version=version,
            standard="gp_data",
            since=dt.date(2025, 1, 1),
            proposed_by=u["lead_own"],
            proposed_for=a,
        ),
        vendor_contact=VendorContact.objects.create(
            vendor=vendor, coalition=a, name="Contact van A"
        ),
        member=u["practice_other"],
        member_membership=u["practice_other"].memberships.get(),
    )
    # Issue 11 (coalition administration): coalition A's agreement and grant.
    w.objects.update(
        agreement=FrameworkAgreement.objects.get(coalition=a, vendor=vendor),
        grant=GrantFactory(coalition=a),
    )
    # Issue 11.9: coalition A's section and its collection of documents.
    from content import services as content_services

    content_services.section_create(coalition=a)
    w.objects["section_collection"] = content_services.collection_get_or_create(
        name=a.name
    )
    return w
