"""Who sees which visit: the practice only after sharing, other coalitions never; the
pages and their xlsx downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from coalition import access
from practices.visits import services
from practices.visits.models import Bottleneck, FollowUpAction, VisitReply
from tests.factories import PracticeFactory, VendorFactory
from tests.practices.visits_factories import (
    BottleneckFactory,
    FollowUpActionFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(practice, lead):
    today = timezone.localdate()
    visit = services.visit_create(
        by=lead,
        practice=practice,
        planned_on=today,
        held_on=today,
        visitors=[lead],
        challenges="Weinig tijd voor voorlichting",
        feedback="Mooie stappen gezet met online afspraken.",
    )
    services.action_create(
        by=lead,
        visit=visit,
        description="Folders bestellen",
        owner="practice",
        due_on=today,
    )
    services.bottleneck_create(
        by=lead, practice=practice, visit=visit, category="login", description="DigiD"
    )
    return visit


def test_feedback_invisible_to_the_practice_until_shared(
    visit, practice_user, client_for, lead
):
    assert not access.visible_visits(practice_user).exists()
    assert not access.visible_actions(practice_user).exists()
    assert not access.visible_bottlenecks(practice_user).exists()
    client = client_for(practice_user)
    assert client.get(f"/bezoeken/{visit.pk}/").status_code == 404
    listing = client.get("/bezoeken/").content.decode()
    assert "Mooie stappen" not in listing and "Geen bezoeken gevonden" in listing
    start = client.get("/start/").content.decode()
    assert "Mooie stappen" not in start and "Folders bestellen" not in start

    services.visit_feedback_share(by=lead, visit=visit)
    page = client.get(f"/bezoeken/{visit.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mooie stappen gezet met online afspraken." in html
    assert "Folders bestellen" in html
    assert "Terugkoppeling delen" not in html  # no lead controls for the practice
    start = client.get("/start/").content.decode()
    assert "Mooie stappen" in start and "Folders bestellen" in start
    assert access.visible_bottlenecks(practice_user).count() == 1


def test_practice_replies_and_completes_its_action(
    visit, practice_user, client_for, lead
):
    services.visit_feedback_share(by=lead, visit=visit)
    client = client_for(practice_user)
    response = client.post(
        f"/bezoeken/{visit.pk}/reageren/", {"text": "Dank, we gaan ermee aan de slag"}
    )
    assert response.status_code == 302
    assert VisitReply.objects.get().author == practice_user
    from coalition.models import EmailMessage

    notice = EmailMessage.objects.get(key__startswith="visits:reply:")
    assert notice.to == lead.email and "Dank, we gaan ermee aan de slag" in notice.body
    empty = client.post(f"/bezoeken/{visit.pk}/reageren/", {"text": ""})
    assert empty.status_code == 400
    assert VisitReply.objects.count() == 1
    action = visit.actions.get()
    assert client.post(f"/bezoeken/acties/{action.pk}/afronden/").status_code == 302
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


def test_a_lead_of_another_coalition_gets_404(visit, other_lead, client_for):
    client = client_for(other_lead)
    assert client.get(f"/bezoeken/{visit.pk}/").status_code == 404
    assert client.get(f"/bezoeken/{visit.pk}/bewerken/").status_code == 404
    assert client.post(f"/bezoeken/{visit.pk}/delen/").status_code == 404
    bottleneck = visit.bottlenecks.get()
    assert client.get(f"/bezoeken/knelpunten/{bottleneck.pk}/").status_code == 404
    assert (
        client.post(
            f"/bezoeken/knelpunten/{bottleneck.pk}/doorgeven/", {"to": "office"}
        ).status_code
        == 404
    )
    assert "Weinig tijd" not in client.get("/bezoeken/").content.decode()
    visit.refresh_from_db()
    assert visit.feedback_shared_at is None


def test_office_reads_everything_but_does_not_write(visit, office, client_for):
    client = client_for(office)
    assert client.get(f"/bezoeken/{visit.pk}/").status_code == 200
    assert client.get("/bezoeken/knelpunten/overzicht/").status_code == 200
    assert client.post(f"/bezoeken/{visit.pk}/delen/").status_code == 403


@pytest.mark.parametrize("role", ["trainer", "funder"])
def test_trainers_and_funders_see_no_visits(visit, role, request, client_for):
    user = request.getfixturevalue(role)
    client = client_for(user)
    assert client.get("/bezoeken/").status_code == 403
    assert client.get(f"/bezoeken/{visit.pk}/").status_code == 403
    assert not access.visible_visits(user).exists()


def test_share_with_empty_feedback_shows_the_message(practice, lead, client_for):
    today = timezone.localdate()
    visit = services.visit_create(
        by=lead, practice=practice, planned_on=today, held_on=today
    )
    response = client_for(lead).post(f"/bezoeken/{visit.pk}/delen/")
    assert response.status_code == 400
    assert "geen terugkoppeling om te delen" in response.content.decode()
    visit.refresh_from_db()
    assert visit.feedback_shared_at is None


def test_create_visit_in_the_future_marked_held_shows_the_message(
    practice, lead, client_for
):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for(lead).post(
        "/bezoeken/nieuw/",
        {
            "practice": practice.pk,
            "planned_on": tomorrow,
            "held_on": tomorrow,
            "visitors": [lead.pk],
        },
    )
    assert response.status_code == 200
    assert "kan nog niet gehouden zijn" in response.content.decode()
    assert not practice.visits.exists()


def test_action_form_error_is_shown_and_nothing_saved(visit, lead, client_for):
    response = client_for(lead).post(
        f"/bezoeken/{visit.pk}/acties/",
        {
            "description": "Te vroeg",
            "owner": "practice",
            "due_on": (visit.held_on - dt.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "vóór het bezoek" in response.content.decode()
    assert not FollowUpAction.objects.filter(description="Te vroeg").exists()


def test_pass_on_view_without_vendor_contact(visit, lead, client_for):
    bottleneck = visit.bottlenecks.get()
    bottleneck.vendor = VendorFactory(contact_email="")
    bottleneck.save()
    response = client_for(lead).post(
        f"/bezoeken/knelpunten/{bottleneck.pk}/doorgeven/", {"to": "vendor"}
    )
    assert response.status_code == 400
    assert "geen e-mailadres" in response.content.decode()
    bottleneck.refresh_from_db()
    assert bottleneck.status == Bottleneck.Status.OPEN


def test_pages_render_for_the_lead(visit, lead, client_for):
    client = client_for(lead)
    for url in [
        "/bezoeken/",
        "/bezoeken/nieuw/",
        f"/bezoeken/{visit.pk}/",
        f"/bezoeken/{visit.pk}/bewerken/",
        "/bezoeken/acties/",
        "/bezoeken/jaarplanning/",
        "/bezoeken/kalender/",
        "/bezoeken/knelpunten/",
        "/bezoeken/knelpunten/nieuw/",
        "/bezoeken/knelpunten/overzicht/",
        f"/bezoeken/knelpunten/{visit.bottlenecks.get().pk}/",
        "/start/",
    ]:
        assert client.get(url).status_code == 200, url


def test_export_keeps_formula_like_text_as_text(practice, lead, client_for):
    BottleneckFactory(practice=practice, description='=HYPERLINK("http://x")')
    BottleneckFactory(practice=practice, description="+31 10 123")
    response = client_for(lead).get("/bezoeken/knelpunten/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=False))
    header = [c.value for c in rows[0]]
    assert header[:3] == ["Gemeld", "Praktijk", "Categorie"]
    descriptions = {
        r[header.index("Omschrijving")].value: r[header.index("Omschrijving")]
        for r in rows[1:]
    }
    # One rule for every export: a leading quote (coalition.xlsx.escape_formula).
    cell = descriptions['\'=HYPERLINK("http://x")']
    assert cell.data_type == "s"
    assert descriptions["'+31 10 123"].data_type == "s"


def test_bottleneck_dates_are_amsterdam_days(practice, lead, client_for):
    # 23:30 UTC on 31 March is 01:30 on 1 April in Amsterdam (summer time).
    late = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)
    BottleneckFactory(practice=practice, description="Laat gemeld", raised_at=late)
    response = client_for(lead).get("/bezoeken/knelpunten/?export=xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    row = next(r for r in rows[1:] if "Laat gemeld" in r)
    assert row[rows[0].index("Gemeld")].date() == dt.date(2026, 4, 1)


def test_export_is_sorted_as_the_screen(practice, lead, client_for):
    for n, day in enumerate((3, 1, 2)):
        BottleneckFactory(
            practice=practice,
            description=f"Knelpunt op dag {day}",
            raised_at=dt.datetime(2026, 3, day, 12, n, tzinfo=dt.UTC),
        )
    client = client_for(lead)

    def descriptions(query):
        content = client.get(f"/bezoeken/knelpunten/?export=xlsx{query}").content
        rows = list(
            load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        )
        i = rows[0].index("Omschrijving")
        return [r[i] for r in rows[1:]]

    days = [f"Knelpunt op dag {d}" for d in (1, 2, 3)]
    assert descriptions("") == days[::-1]  # newest first, as the list opens
    assert descriptions("&sort=raised_at") == days


def test_exports_of_visits_and_actions(visit, lead, client_for):
    client = client_for(lead)
    ws = load_workbook(io.BytesIO(client.get("/bezoeken/?export=xlsx").content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("Datum", "Praktijk")
    assert rows[1][1] == visit.practice.name
    assert rows[1][0].date() == visit.held_on
    ws = load_workbook(
        io.BytesIO(client.get("/bezoeken/acties/?export=xlsx").content)
    ).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == "Folders bestellen"


@pytest.mark.parametrize(
    "url",
    [
        "/bezoeken/",
        "/bezoeken/acties/",
        "/bezoeken/knelpunten/",
        "/bezoeken/jaarplanning/",
        "/bezoeken/kalender/",
    ],
)
def test_list_queries_do_not_grow(
    url, coalition, lead, client_for, django_assert_num_queries
):
    """The same number of queries with 2 and with 10 visits (no query per row)."""
    client = client_for(lead)
    today = timezone.localdate()

    def make(n):
        for _ in range(n):
            practice = PracticeFactory(
                coalition=coalition, portal_vendor=VendorFactory()
            )
            v = VisitFactory(practice=practice, planned_on=today)
            v.visitors.add(lead)
            FollowUpActionFactory(visit=v)
            BottleneckFactory(practice=practice, visit=v, vendor=practice.portal_vendor)

    make(2)
    client.get(url)  # warm caches (sessions, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    make(8)
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_lead_names_the_vendor_then_passes_on(
    visit, lead, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    bottleneck = visit.bottlenecks.get()
    vendor = VendorFactory(contact_email="hulp@leverancier.example.test")
    from coalition.models import FrameworkAgreement

    FrameworkAgreement.objects.create(
        coalition=visit.practice.coalition, vendor=vendor, starts=dt.date(2025, 1, 1)
    )
    client = client_for(lead)
    assert (
        client.get(f"/bezoeken/knelpunten/{bottleneck.pk}/bewerken/").status_code == 200
    )
    response = client.post(
        f"/bezoeken/knelpunten/{bottleneck.pk}/bewerken/",
        {"category": "login", "vendor": vendor.pk, "description": "DigiD lukt niet"},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/bezoeken/knelpunten/{bottleneck.pk}/doorgeven/", {"to": "vendor"}
        )
    bottleneck.refresh_from_db()
    assert bottleneck.vendor == vendor and bottleneck.status == "passed_on"
    assert [m.to for m in mail.outbox] == [["hulp@leverancier.example.test"]]
    # once passed on it is no longer edited
    again = client.post(
        f"/bezoeken/knelpunten/{bottleneck.pk}/bewerken/",
        {"category": "other", "vendor": "", "description": "x"},
    )
    assert again.status_code == 302
    bottleneck.refresh_from_db()
    assert bottleneck.category == "login"
