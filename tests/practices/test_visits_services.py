"""Writes of visits, actions and bottlenecks: bad input leaves nothing half-saved; the
snapshot is kept with the visit; passing on e-mails the vendor's contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coalition.models import EmailMessage, Role
from practices.selectors import rollout_matrix
from practices.visits import services
from practices.visits.models import Bottleneck, FollowUpAction, Visit
from practices.visits.services import snapshot
from tests.factories import VendorFactory, user_with_role
from tests.practices.visits_factories import BottleneckFactory, VisitFactory
from training.selectors import coverage_for_practice


@pytest.fixture
def held_visit(practice, lead):
    today = timezone.localdate()
    return services.visit_create(
        by=lead,
        practice=practice,
        planned_on=today,
        held_on=today,
        visitors=[lead],
        feedback="Goed bezig met e-consult.",
    )


def test_a_held_visit_cannot_lie_in_the_future(practice, lead):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.visit_create(
            by=lead,
            practice=practice,
            planned_on=tomorrow,
            held_on=tomorrow,
            visitors=[lead],
        )
    assert "held_on" in exc.value.message_dict
    assert "toekomst" in exc.value.message_dict["held_on"][0]
    assert not Visit.objects.exists()


def test_visitors_must_be_leads_of_the_coalition(practice, lead, other_lead):
    with pytest.raises(ValidationError, match="Alleen projectleiders"):
        services.visit_create(
            by=lead,
            practice=practice,
            planned_on=timezone.localdate(),
            visitors=[lead, other_lead],
        )
    assert not Visit.objects.exists()


def test_a_lead_of_another_coalition_cannot_write(practice, other_lead, client_for):
    response = client_for(other_lead).post(
        reverse("visits:visit_create"),
        {"practice": practice.pk, "planned_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "practice" in response.context["form"].errors
    assert not Visit.objects.exists()


def test_an_action_due_before_its_visit_is_refused(held_visit, lead):
    with pytest.raises(ValidationError) as exc:
        services.action_create(
            by=lead,
            visit=held_visit,
            description="Flyers bestellen",
            owner=FollowUpAction.Owner.PRACTICE,
            due_on=held_visit.held_on - dt.timedelta(days=1),
        )
    assert "vóór het bezoek" in exc.value.message_dict["due_on"][0]
    assert not FollowUpAction.objects.exists()


def test_a_lead_owned_action_defaults_to_the_lead(held_visit, lead):
    action = services.action_create(
        by=lead,
        visit=held_visit,
        description="Koppeling navragen",
        owner=FollowUpAction.Owner.LEAD,
        due_on=held_visit.held_on,
    )
    assert action.owner_user == lead


def test_sharing_empty_feedback_is_refused(practice, lead):
    today = timezone.localdate()
    visit = services.visit_create(
        by=lead, practice=practice, planned_on=today, held_on=today
    )
    with pytest.raises(ValidationError, match="geen terugkoppeling"):
        services.visit_feedback_share(by=lead, visit=visit)
    visit.refresh_from_db()
    assert visit.feedback_shared_at is None and visit.feedback_shared_by is None


def test_sharing_a_visit_not_yet_held_is_refused(practice, lead):
    visit = services.visit_create(
        by=lead, practice=practice, planned_on=timezone.localdate(), feedback="Tekst"
    )
    with pytest.raises(ValidationError, match="nog niet gehouden"):
        services.visit_feedback_share(by=lead, visit=visit)


def test_sharing_records_who_and_when_and_feedback_cannot_be_emptied(held_visit, lead):
    visit = services.visit_feedback_share(by=lead, visit=held_visit)
    assert visit.feedback_shared_by == lead
    assert visit.feedback_shared_at is not None
    with pytest.raises(ValidationError):
        services.visit_update(by=lead, visit=visit, feedback="  ")
    visit.refresh_from_db()
    assert visit.feedback == "Goed bezig met e-consult."


def test_snapshot_is_kept_with_the_visit(monkeypatch, practice, lead):
    state = {"trained": 1}

    def rollout_matrix(p):
        return [
            {
                "service": "econsult",
                "service_label": "e-consult",
                "step": "train",
                "step_label": "medewerkers scholen",
                "state": "on_track",
                "state_label": "op schema",
                "planned_date": dt.date(2026, 9, 1),
                "live_date": None,
                "reason": "",
                "reason_label": "",
            }
        ]

    def coverage_for_practice(p):
        return {
            "roles": [
                {
                    "role": "gp",
                    "label": "huisarts",
                    "required": True,
                    "trained": state["trained"],
                }
            ],
            "complete": True,
        }

    monkeypatch.setitem(services.SNAPSHOT_SOURCES, "rollout", rollout_matrix)
    monkeypatch.setitem(services.SNAPSHOT_SOURCES, "training", coverage_for_practice)

    planned = services.visit_create(
        by=lead, practice=practice, planned_on=timezone.localdate()
    )
    assert planned.snapshot == {}  # nothing is recorded for a visit not yet held

    visit = services.visit_update(by=lead, visit=planned, held_on=timezone.localdate())
    visit.refresh_from_db()
    assert visit.snapshot["rollout"][0]["planned_date"] == "2026-09-01"
    assert visit.snapshot["training"]["roles"][0]["trained"] == 1
    assert visit.snapshot["survey"] is None  # no questionnaire answered yet
    assert visit.snapshot_taken_at is not None

    # later changes in the other apps do not rewrite the visit's snapshot
    state["trained"] = 5
    services.visit_update(by=lead, visit=visit, progress="Nog een aantekening")
    visit.refresh_from_db()
    assert visit.snapshot["training"]["roles"][0]["trained"] == 1


def test_the_snapshot_reads_the_other_apps_selectors(practice):
    snap = services.snapshot_build(practice)
    assert snap["rollout"] == snapshot._jsonable(rollout_matrix(practice))
    assert snap["training"] == snapshot._jsonable(coverage_for_practice(practice))
    assert snap["survey"] is None


def test_a_failing_source_raises_and_the_visit_is_not_held(monkeypatch, practice, lead):
    def boom(practice):
        raise RuntimeError("kapot")

    monkeypatch.setitem(services.SNAPSHOT_SOURCES, "training", boom)
    with pytest.raises(RuntimeError, match="kapot"):
        services.snapshot_build(practice)

    planned = services.visit_create(
        by=lead, practice=practice, planned_on=timezone.localdate()
    )
    with pytest.raises(RuntimeError, match="kapot"):
        services.visit_update(by=lead, visit=planned, held_on=timezone.localdate())
    planned.refresh_from_db()
    assert planned.held_on is None
    assert planned.snapshot == {}


def test_pass_on_to_a_vendor_without_contact_is_refused(practice, lead):
    vendor = VendorFactory(contact_email="")
    bottleneck = services.bottleneck_create(
        by=lead, practice=practice, category="login", vendor=vendor, description="DigiD"
    )
    with pytest.raises(ValidationError) as exc:
        services.bottleneck_pass_on(by=lead, bottleneck=bottleneck, to="vendor")
    assert "geen e-mailadres" in exc.value.message_dict["to"][0]
    bottleneck.refresh_from_db()
    assert bottleneck.status == Bottleneck.Status.OPEN
    assert bottleneck.passed_on_at is None
    assert not EmailMessage.objects.exists()


def test_pass_on_without_vendor_to_vendor_is_refused(practice, lead):
    bottleneck = BottleneckFactory(practice=practice, vendor=None)
    with pytest.raises(ValidationError, match="geen leverancier"):
        services.bottleneck_pass_on(by=lead, bottleneck=bottleneck, to="vendor")


def test_pass_on_emails_the_vendor_contact_once(
    practice, lead, django_capture_on_commit_callbacks
):
    vendor = VendorFactory(contact_email="support@portaal.example.test")
    bottleneck = BottleneckFactory(
        practice=practice, vendor=vendor, description="Inloggen met DigiD lukt niet"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.bottleneck_pass_on(
            by=lead, bottleneck=bottleneck, to="vendor", note="Graag snel"
        )
    bottleneck.refresh_from_db()
    assert bottleneck.status == Bottleneck.Status.PASSED_ON
    assert bottleneck.passed_to == "vendor"
    assert bottleneck.passed_on_by == lead
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["support@portaal.example.test"]
    assert "Inloggen met DigiD lukt niet" in message.body
    assert "Graag snel" in message.body
    with pytest.raises(ValidationError, match="Alleen een open knelpunt"):
        services.bottleneck_pass_on(by=lead, bottleneck=bottleneck, to="vendor")
    assert len(mail.outbox) == 1


def test_pass_on_to_the_office(practice, lead, django_capture_on_commit_callbacks):
    user_with_role(Role.OFFICE, email="bureau@example.test")
    bottleneck = BottleneckFactory(practice=practice, vendor=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.bottleneck_pass_on(by=lead, bottleneck=bottleneck, to="office")
    assert [m.to for m in mail.outbox] == [["bureau@example.test"]]


def test_resolve_needs_a_resolution(practice, lead):
    bottleneck = BottleneckFactory(practice=practice)
    with pytest.raises(ValidationError):
        services.bottleneck_resolve(by=lead, bottleneck=bottleneck, resolution=" ")
    bottleneck.refresh_from_db()
    assert bottleneck.status == Bottleneck.Status.OPEN
    services.bottleneck_resolve(
        by=lead, bottleneck=bottleneck, resolution="Nieuwe versie"
    )
    bottleneck.refresh_from_db()
    assert bottleneck.status == Bottleneck.Status.RESOLVED
    assert bottleneck.resolved_by == lead


def test_practice_user_raises_a_bottleneck_for_own_practice_only(
    practice_user, practice, other_coalition, client_for
):
    from tests.factories import PracticeFactory

    services.bottleneck_create(
        by=practice_user,
        practice=practice,
        category="his_link",
        description="Koppeling",
    )
    response = client_for(practice_user).post(
        reverse("visits:bottleneck_create"),
        {
            "practice": PracticeFactory(coalition=other_coalition).pk,
            "category": "other",
            "description": "x",
        },
    )
    assert response.status_code == 200
    assert "practice" in response.context["form"].errors
    assert Bottleneck.objects.count() == 1


def test_agenda_carries_open_actions_over(practice, lead):
    from coalition import access
    from practices.visits import selectors

    first = VisitFactory(
        practice=practice, planned_on=dt.date(2025, 3, 1), held_on=dt.date(2025, 3, 1)
    )
    open_action = FollowUpAction.objects.create(
        visit=first, description="Open", due_on=dt.date(2025, 4, 1)
    )
    FollowUpAction.objects.create(
        visit=first,
        description="Klaar",
        due_on=dt.date(2025, 4, 1),
        done_on=dt.date(2025, 3, 20),
    )
    second = VisitFactory(practice=practice, planned_on=dt.date(2026, 2, 1))
    agenda = selectors.visit_agenda(second, access.visible_actions(lead))
    assert agenda == [open_action]
    assert selectors.visit_agenda(first, access.visible_actions(lead)) == []


def test_only_a_planned_visit_without_actions_can_be_cancelled(
    practice, lead, held_visit
):
    planned = services.visit_create(
        by=lead, practice=practice, planned_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="gehouden bezoek blijft bewaard"):
        services.visit_cancel(by=lead, visit=held_visit)
    services.visit_cancel(by=lead, visit=planned)
    assert list(Visit.objects.all()) == [held_visit]


def test_no_reply_to_feedback_that_was_not_shared(practice, practice_user):
    """The view asks access whether the practice may reply; the service still refuses
    a visit whose feedback is not shared (yet): the state, not who."""
    visit = VisitFactory(practice=practice)
    with pytest.raises(ValidationError, match="nog niet gedeeld"):
        services.visit_reply_create(by=practice_user, visit=visit, text="Dank u.")
    assert not visit.replies.exists()
