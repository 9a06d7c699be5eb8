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
    for role in ("trainer", "lead_own", "lead_other", "office"):
        TOTP.activate(u[role], generate_totp_secret())

    vendor = VendorFactory(name="Portaal BV")
    FrameworkAgreementFactory(coalition=a, vendor=vendor)
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
    )
    # Issue 11 (coalition administration): coalition A's agreement and grant.
    w.objects.update(
        agreement=FrameworkAgreement.objects.get(coalition=a, vendor=vendor),
        grant=GrantFactory(coalition=a),
    )
    return w
