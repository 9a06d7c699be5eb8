"""The demo region (`manage.py demo`, coalition/demo/): deterministic, idempotent, and
every app's part has the shape its issue asks for.

Loading the region takes most of a minute, so this module loads it once, inside a
transaction that is rolled back after its last test; each test runs in a savepoint
within it (pytest-django's `db`), so what one test changes is gone before the next.
Idempotence needs one second run: a single test makes it and compares every app's
rows (another runs the questionnaire step again after changing a past year). Under
pytest-xdist the module's tests may be split over two workers, each loading the region
once.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from coalition import access
from coalition.demo import coalition as core_demo
from coalition.demo import surveys as surveys_demo
from coalition.demo import visits as visits_demo
from coalition.models import Coalition, Membership, Role, Service, User
from content.models import ArticlePage, EHealthTypePage, ToolkitPage
from practices import selectors as practice_selectors
from practices.models import ChangeProposal, Practice, Rollout, RolloutChange, Step
from practices.visits import selectors as visit_selectors
from practices.visits import vendor
from practices.visits.models import Bottleneck, FollowUpAction, Visit
from surveys.models import Answer, Questionnaire, Response
from tests.coalition.demo_region import (
    assert_only_the_vendor_step_wrote_history,
    counts,
    history_counts,
    region_loaded,
    values,
)
from training.models import Registration, Session

# A Friday: the training session "two days ahead" is a Sunday, the old demo's favourite.
# The clock stands on that day for the whole module (the demo and the selectors read
# both `today` and the time), so the dates asserted here hold on any day CI runs.
TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime.combine(TODAY, dt.time(10), tzinfo=ZoneInfo("Europe/Amsterdam"))
STEPS = [
    "Coalities",
    "Praktijken",
    "Gebruikers",
    "Scholing",
    "Vragenlijsten",
    "Bezoeken",
    "Website",
    "Publieke praktijkpagina's",
]
# Every test, also one that reads only the load's output: pytest-django runs the tests
# without database access after all others, which would load the region once more.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_region(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py demo` once for the module, rolled back after its last test."""
    media = tmp_path_factory.mktemp("demo-media")
    with region_loaded(media, now=NOW, blocker=django_db_blocker) as loaded:
        yield loaded


@pytest.fixture(autouse=True)
def _media_root(demo_region, settings):
    """The demo's documents and images stay where the module's load wrote them."""
    settings.MEDIA_ROOT = demo_region.media


# --- Deterministic and idempotent: one second run, compared for every app -----------


def test_demo_prints_one_line_per_step(demo_region):
    """Issue 10.26: one line per step, no noise from the tasks the steps run."""
    lines = demo_region.out.splitlines()
    steps = [line for line in lines if " … " in line and line.endswith(" s")]
    assert [line.split(" … ")[0] for line in steps] == STEPS
    assert len(lines) <= 2 * len(steps), lines
    chatter = [
        r.getMessage()
        for r in demo_region.records
        if r.levelno < logging.WARNING
        and r.name.startswith(("django_tasks", "django.tasks", "celery", "wagtail"))
    ]
    assert chatter == [], chatter[:5]


def test_demo_twice_gives_the_same_data():
    """Every app's rows (surveys, rollouts and their history, training, visits and
    vendor answers, public pages and proposals, pages, documents and images) are the
    same after a second run; the logins are printed."""
    first, first_values, history = counts(), values(), history_counts()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert counts() == first
    assert values() == first_values
    assert "projectleider@demo.test" in out.getvalue()
    # Rows that already held their values were not saved again: no change history
    # (before, every run rewrote four years of answers, one history row each). The
    # exception is the demo's own: the practices step puts the practices on Medisys
    # on version 12 and the vendor step moves every fourth of the others back to 11
    # (an upgrade list for the lead), two history rows each on every run.
    assert_only_the_vendor_step_wrote_history(history)


def test_demo_puts_back_a_past_year_someone_changed():
    """A past questionnaire that someone changed while trying the demo is rebuilt as
    the demo made it; the other years are left alone."""
    past = list(
        Questionnaire.objects.filter(
            coalition__slug="rijnmond", status=Questionnaire.Status.CLOSED
        ).order_by("year")
    )
    changed, untouched = past[-1], past[0]
    answer = Answer.objects.filter(
        response__questionnaire=changed,
        response__status=Response.Status.SUBMITTED,
        number__isnull=False,
    ).first()
    was, practice, question = answer.number, answer.response.practice, answer.question
    answer.number = was + 1
    answer.save()
    response = Response.objects.filter(
        questionnaire=changed, status=Response.Status.INVITED
    ).first()
    response.status = Response.Status.DRAFT
    response.save()
    kept = set(untouched.responses.values_list("pk", flat=True))
    surveys_demo.load(today=TODAY)
    assert (
        Answer.objects.get(
            response__questionnaire=changed,
            response__practice=practice,
            question=question,
        ).number
        == was
    )
    assert (
        Response.objects.get(questionnaire=changed, practice=response.practice).status
        == Response.Status.INVITED
    )
    assert set(untouched.responses.values_list("pk", flat=True)) == kept


# --- Coalitions and users ------------------------------------------------------------


def test_the_region_is_modelled_on_the_domain():
    main = Coalition.objects.get(slug="rijnmond")
    practices = Practice.objects.filter(coalition=main)
    assert 150 <= practices.count() <= 170
    sizes = list(practices.values_list("list_size", flat=True))
    assert min(sizes) == 1500 and max(sizes) == 12500
    assert 450_000 <= sum(sizes) <= 550_000
    assert practices.filter(cohort="pioniers").count() == 9
    assert main.member_organisations.count() == 3
    assert {a.vendor.kind for a in main.framework_agreements.all()} >= {"portal", "his"}
    assert main.grants.count() == 1
    # Issue 11: a member that left keeps its row; agreements name their products.
    zeeland = Coalition.objects.get(slug="zeeland")
    ended = zeeland.member_organisations.exclude(ended_on=None).get()
    assert not ended.practices.exists()
    assert zeeland.is_complete
    assert all(a.products.exists() for a in main.framework_agreements.all())
    assert Coalition.objects.count() == 2
    # One user per role.
    for role in Role.values:
        assert Membership.objects.filter(role=role).exists(), role
    assert all(u.is_demo for u in User.objects.filter(email__endswith="@demo.test"))


# --- Practices: go-live history, names, public pages ---------------------------------


def test_demo_rollout_history():
    main = Coalition.objects.get(slug="rijnmond")
    practices = Practice.objects.filter(coalition=main, is_active=True)
    summary = practice_selectors.service_summaries(
        practices, coalition=main, today=TODAY, services=[Service.RECORD_ACCESS]
    )[0]
    # The deadline is a few months ahead; well short of the target, a tail at risk.
    assert 60 <= summary.days_left <= 120
    assert summary.n_live < summary.target
    assert 10 <= summary.n_at_risk <= 50
    # Pioneers went live first.
    lives = Rollout.objects.filter(
        practice__coalition=main, service=Service.RECORD_ACCESS, step=Step.LIVE
    )
    first_nine = set(
        lives.order_by("live_date").values_list("practice__cohort", flat=True)[:9]
    )
    assert first_nine == {"pioniers"}
    # A few overdue: e-consult's deadline has just passed.
    econsult = practice_selectors.service_summaries(
        practices, coalition=main, today=TODAY, services=[Service.ECONSULT]
    )[0]
    assert 1 <= econsult.n_overdue <= 40
    # Every step change has its history row.
    assert (
        RolloutChange.objects.filter(rollout__in=lives, to_step=Step.LIVE).count()
        == lives.count()
    )


def test_demo_practice_names_look_real_and_are_unique():
    """Deterministic (the same names on a second run): test_demo_twice_gives_the_same_data."""
    names = list(Practice.objects.values_list("name", flat=True))
    cities = set(Practice.objects.values_list("city", flat=True))
    assert len(names) == 172 and len(set(names)) == len(names)
    assert not [n for n in names if re.search(r"\d", n)]  # no "… Schiedam 130"
    assert not [n for n in names if any(n.endswith(f" {c}") for c in cities)]
    kinds = Counter(n.split()[0] for n in names)
    assert {"Huisartsenpraktijk", "Huisartsen", "Gezondheidscentrum"} <= set(kinds)
    assert kinds["Gezondheidscentrum"] >= 5 and kinds["Huisartsen"] >= 20


def test_demo_has_forty_public_pages_and_one_waiting_proposal():
    published = Practice.objects.filter(public_page=True)
    assert published.count() == 40
    pending = ChangeProposal.objects.get(status=ChangeProposal.Status.PENDING)
    assert pending.proposed_by.email == "praktijk@demo.test"
    assert pending.practice in published  # the demo practice shows both features


# --- Training ------------------------------------------------------------------------


def test_demo_training_keeps_capacity():
    over = Session.objects.annotate(
        n=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).filter(n__gt=F("capacity"))
    assert not over.exists()
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(attendance="attended").exists()
    assert Session.objects.filter(status="cancelled").count() == 1


def test_sessions_fall_on_weekdays_in_working_hours_and_vary():
    for session in Session.objects.all():
        start = timezone.localtime(session.starts_at)
        end = timezone.localtime(session.ends_at)
        assert start.weekday() < 5, session
        assert dt.time(9) <= start.time() and end.time() <= dt.time(17), session
        assert start.date() == end.date()
    upcoming = Session.objects.filter(starts_at__gte=timezone.now())
    weekdays = {timezone.localtime(s.starts_at).weekday() for s in upcoming}
    times = {timezone.localtime(s.starts_at).time() for s in upcoming}
    assert len(weekdays) >= 3
    assert len(times) >= 3


def test_team_trained_rollouts_agree_with_training_coverage():
    from training import selectors

    active = Practice.objects.filter(coalition__slug="rijnmond", is_active=True)
    trained = practice_selectors.team_trained(active)
    assert trained.exists()
    for practice in trained:
        coverage = selectors.coverage_for_practice(practice)
        assert coverage["complete"], (practice, coverage["missing"])
    others = list(active.exclude(pk__in=trained.values("pk")))
    complete = [p for p in others if selectors.coverage_for_practice(p)["complete"]]
    # "Mostly not": the practices whose rollout is earlier are mostly untrained.
    assert len(complete) <= len(others) // 5


# --- Questionnaires ------------------------------------------------------------------


def test_demo_questionnaires_are_plausible():
    from surveys import indicators

    past = Questionnaire.objects.filter(status="closed").order_by("year")
    assert [q.year for q in past] == [2022, 2023, 2024, 2025]
    registered = []
    for q in past:
        responses = Response.objects.filter(questionnaire=q)
        rate = responses.submitted().count() / responses.count()
        assert 0.6 <= rate <= 0.8
        registered.append(
            indicators.compute(responses.submitted())["registered_pct"].value
        )
    assert registered == sorted(registered)  # growing year on year
    current = Questionnaire.objects.get(year=2026)
    assert current.status == "open"
    assert Response.objects.filter(questionnaire=current, status="draft").count() > 5

    # The form's prefill is last period's submitted list size, as on an invitation.
    previous = Questionnaire.objects.get(year=2025)
    last = dict(
        Answer.objects.filter(
            response__questionnaire=previous,
            response__status="submitted",
            question__code="list_size",
        ).values_list("response__practice_id", "number")
    )
    prefilled = Answer.objects.filter(
        response__questionnaire=current,
        response__status="invited",
        question__code="list_size",
    ).values_list("response__practice_id", "number")
    assert prefilled
    for practice_id, number in prefilled:
        assert last[practice_id] == number
    # A practice offers a service only when the go-live tracker had it live by the
    # questionnaire's close.
    for q in [*past, current]:
        live = set(
            Rollout.objects.filter(
                service="record_access", live_date__lte=q.closes
            ).values_list("practice_id", flat=True)
        )
        offers = dict(
            Answer.objects.filter(
                response__questionnaire=q, question__code="offers_record_access"
            ).values_list("response__practice_id", "boolean")
        )
        assert offers
        for practice_id, value in offers.items():
            assert value == (practice_id in live), (q.year, practice_id)


# --- Visits and vendors --------------------------------------------------------------


def _visit_counts():
    return {
        m.__name__: m.objects.count()
        for m in (Visit, FollowUpAction, Bottleneck, Visit.visitors.through)
    }


def test_demo_visits_show_every_state():
    first = _visit_counts()
    assert first["Visit"] > 150 and first["FollowUpAction"] > 150
    assert first["Bottleneck"] > 20

    rijnmond = Coalition.objects.get(slug="rijnmond")
    counts = visit_selectors.yearly_counts(
        Practice.objects.filter(coalition=rijnmond), today=TODAY
    )
    assert counts["overdue"] > 0 and counts["due"] > 0 and counts["ok"] > 100
    assert not Visit.objects.filter(held_on__gt=TODAY).exists()
    assert Visit.objects.filter(held_on__isnull=True, planned_on__gte=TODAY).exists()
    statuses = set(Bottleneck.objects.values_list("status", flat=True))
    assert statuses == {"open", "passed_on", "resolved"}

    # Issue 10: every held visit has its own feedback text, composed for the
    # practice's state; visits fall on working days, stamps in working hours.
    texts = list(
        Visit.objects.filter(held_on__isnull=False).values_list("feedback", flat=True)
    )
    assert len(texts) > 150 and len(set(texts)) == len(texts)
    openings = {o for bank in visits_demo.FEEDBACK_OPENING.values() for o in bank}
    assert all(any(t.startswith(o) for o in openings) for t in texts)
    used_states = {
        state
        for t in texts
        for state, bank in visits_demo.FEEDBACK_OPENING.items()
        if any(t.startswith(o) for o in bank)
    }
    assert len(used_states) >= 2
    for visit in Visit.objects.all():
        assert visit.planned_on.weekday() < 5
        assert visit.held_on is None or visit.held_on.weekday() < 5
        for moment in (visit.created, visit.feedback_shared_at):
            if moment is not None:
                local = timezone.localtime(moment)
                assert local.weekday() < 5 and 8 <= local.hour < 18, moment

    # the demo practice user sees shared feedback with open actions
    user = User.objects.get(email="praktijk@demo.test")
    assert access.visible_visits(user).exists()
    assert access.visible_actions(user).filter(done_on__isnull=True).count() >= 2


def test_demo_visits_move_along_on_a_later_day(monkeypatch):
    """On a later day the year of visits moves along instead of piling up; a visit
    made by hand stays. It needs a run of its own (the visits step only, on another
    day); its savepoint is rolled back, so the other tests never see it."""
    from practices.visits import services

    # Only the step this one needs; the snapshot's selectors are not part of it.
    monkeypatch.setattr(
        visits_demo, "snapshot_build", lambda practice: {"rollout": None}
    )
    first = _visit_counts()
    rijnmond = Coalition.objects.get(slug="rijnmond")
    lead = User.objects.get(email="projectleider@demo.test")
    own = services.visit_create(
        by=lead,
        practice=Practice.objects.filter(coalition=rijnmond).first(),
        planned_on=TODAY,
    )
    with time_machine.travel(NOW + dt.timedelta(days=40), tick=True):
        visits_demo.load(today=TODAY + dt.timedelta(days=40))
    later = _visit_counts()
    assert later["Visit"] == first["Visit"] + 1
    assert later["Bottleneck"] == first["Bottleneck"]
    assert Visit.objects.filter(pk=own.pk).exists()
    assert not Visit.objects.filter(held_on__gt=TODAY + dt.timedelta(days=40)).exists()


def test_the_demo_has_two_vendor_users_and_one_answered_thread():
    vendor_users = {
        m.user.email: m.vendor.name
        for m in Membership.objects.filter(role=Role.VENDOR).select_related(
            "user", "vendor"
        )
    }
    assert len(vendor_users) == 2 and len(set(vendor_users.values())) == 2
    medisys = User.objects.get(email="leverancier@demo.test")
    threads = {a.bottleneck_id for a in access.visible_vendor_answers(medisys)}
    assert len(threads) == 1
    thread = vendor.thread(medisys, Bottleneck.objects.get(pk=threads.pop()))
    assert [a.kind for a in thread] == ["acknowledged", "in_progress", "fixed"]
    assert vendor.vendor_inbox(medisys).filter(n_answers=0).exists()  # to answer
    portal = User.objects.get(email="leverancier2@demo.test")
    assert vendor.vendor_inbox(portal).exists()
    assert not access.visible_vendor_answers(portal).exists()
    assert {b.vendor_id for b in vendor.vendor_inbox(portal)} == set(
        access.vendor_ids(portal)
    )
    # Zeeland lets vendors see its practice names; Rijnmond shows counts only.
    named = {
        r["coalition"]: r["practices"] is not None
        for r in vendor.vendor_practice_counts(medisys)
    }
    assert named == {
        "Coalitie Online Rijnmond": False,
        "Coalitie Zeeuwse Huisartsen Online": True,
    }
    emails = [email for _r, email, _p in core_demo.logins()]
    assert "leverancier@demo.test" in emails and "leverancier2@demo.test" in emails


# --- Website -------------------------------------------------------------------------


def test_demo_content_complete(client):
    assert EHealthTypePage.objects.live().count() == 7
    assert ArticlePage.objects.live().count() == 3
    toolkit = ToolkitPage.objects.get(slug="communicatietoolkit")
    kinds = [block.block_type for block in toolkit.items]
    assert kinds.count("document") == 3 and "infographic" in kinds
    assert ToolkitPage.objects.filter(slug="animatie-patientenportaal").exists()

    documents = {d.title: d for d in get_document_model().objects.all()}
    flyer = documents["Wachtkamerflyer: uw huisarts, ook online"]
    assert flyer.file.read(5) == b"%PDF-"
    letter = documents["Informatiebrief voor patiënten (sjabloon)"]
    assert CollectionViewRestriction.objects.filter(
        collection=letter.collection
    ).exists()
    assert client.get(letter.url).status_code == 302
    infographic = get_image_model().objects.get(title="Infographic: aanbod en gebruik")
    assert infographic.file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert client.get(toolkit.url).status_code == 200
