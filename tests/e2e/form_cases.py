"""The forms of test_accessibility_forms.py, per role: where each is, which field is
made invalid and how, and what must come back invalid; and what they need beyond the
security matrix's world."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from coalition.services_vendors import certification_confirm
from tests.factories import VendorFactory
from tests.practices.visits_factories import BottleneckFactory
from tests.training.factories import RegistrationFactory, SessionFactory, in_days


@dataclass(frozen=True)
class Case:
    """A form page opened as `role`; `field` (a CSS selector) is cleared with the
    keyboard and, when `value` is set, that value typed into it (a radio button is
    chosen with the space bar; a submit button is the one clicked); then the submit
    button (`submit`: its accessible name, else the form's first) is clicked.
    `invalid`: the names of the controls that must come back invalid (none for a
    form-wide error), or a function of the world that gives them."""

    id: str
    url: Callable
    field: str
    value: str | None = None
    invalid: tuple[str, ...] | Callable = ()
    submit: str | None = None
    file: tuple[str, bytes] | None = None
    first: tuple[tuple[str, str], ...] = ()  # (selector, value) typed before
    reveal: str | None = None  # a <summary> opened with Enter first
    meanwhile: Callable | None = None  # what someone else does while the page is open


def _field(name: str) -> str:
    return f'main form [name="{name}"]'


CASES: dict[str, list[Case]] = {
    "anonymous": [
        Case(
            "login-wrong-password",
            lambda w: "/accounts/login/",
            '[name="password"]',
            value="niet-het-wachtwoord",
            first=(('[name="login"]', "lead@a.test"),),
        ),
        Case(
            "finder-empty-postcode",
            lambda w: "/huisarts-online/",
            "#q",
            invalid=("q",),
        ),
    ],
    "practice_own": [
        Case(
            "practice-own-details",
            lambda w: f"/praktijken/{w.practice.pk}/bewerken/",
            _field("staff_gp"),
            value="veel",
            invalid=("staff_gp",),
        ),
        Case(
            "practice-contacts",
            lambda w: f"/praktijken/{w.practice.pk}/bewerken/",
            _field("contacts-0-email"),
            value="geen-adres",
            invalid=("contacts-0-email",),
        ),
        Case(
            "change-proposal",
            lambda w: f"/praktijken/{w.practice.pk}/voorstel/",
            _field("list_size"),
            invalid=("list_size",),
        ),
        Case(
            "bottleneck-create",
            lambda w: "/bezoeken/knelpunten/nieuw/",
            _field("description"),
            invalid=("description",),
        ),
        Case(
            "visit-reply",
            lambda w: f"/bezoeken/{w.visit.pk}/",
            _field("text"),
            invalid=("text",),
        ),
        Case(
            "training-registration",
            lambda w: f"/scholing/sessies/{w.session.pk}/aanmelden/",
            _field("email"),
            value="geen-adres",
            invalid=("email",),
        ),
        Case(
            "questionnaire-invalid-number",
            lambda w: f"/vragenlijsten/antwoorden/{w.response.pk}/",
            "#q-list_size",
            value="heel veel",
            invalid=("list_size",),
            submit="Opslaan",
        ),
        Case(
            "questionnaire-required-missing",
            lambda w: f"/vragenlijsten/antwoorden/{w.response.pk}/",
            "#q-list_size",
            invalid=("list_size",),
            submit="Versturen",
        ),
    ],
    "trainer": [
        Case(
            "training-session-edit",
            lambda w: f"/scholing/sessies/{w.session.pk}/bewerken/",
            _field("capacity"),
            invalid=("capacity",),
        ),
        Case(
            "training-messages",
            lambda w: f"/scholing/sessies/{w.session.pk}/berichten/",
            _field("subject"),
            invalid=("subject",),
        ),
        Case(
            # A note typed for someone without choosing present or no-show.
            "training-attendance-note-without-choice",
            lambda w: f"/scholing/sessies/{w.held_session.pk}/",
            'form[action$="/aanwezigheid/"] [name^="notes_"]',
            value="Kwam een uur later binnen",
            invalid=lambda w: (f"attendance_{w.attendee.pk}",),
        ),
    ],
    "lead_own": [
        Case(
            "practice-create",
            lambda w: "/praktijken/nieuw/",
            _field("name"),
            invalid=("name", "agb_code"),
        ),
        Case(
            "practice-registry-edit",
            lambda w: f"/praktijken/{w.practice.pk}/bewerken/",
            _field("list_size"),
            value="-5",
            invalid=("list_size",),
        ),
        Case(
            "registry-import-bad-file",
            lambda w: "/praktijken/import/",
            _field("file"),
            file=("praktijken.xlsx", b"dit is geen spreadsheet"),
            # The file is refused as a whole (the upload field itself was filled):
            # a form-wide error, focused and read out.
        ),
        Case(
            "visit-create",
            lambda w: "/bezoeken/nieuw/",
            _field("planned_on"),
            invalid=("practice", "planned_on"),
        ),
        Case(
            "visit-action",
            lambda w: f"/bezoeken/{w.visit.pk}/",
            'form[action$="/acties/"] [name="description"]',
            invalid=("description",),
            reveal='section[aria-labelledby="acties"] summary',
        ),
        Case(
            "bottleneck-edit",
            lambda w: f"/bezoeken/knelpunten/{w.bottleneck.pk}/bewerken/",
            _field("description"),
            invalid=("description",),
        ),
        Case(
            # To the vendor, while the bottleneck names none.
            "bottleneck-pass-on",
            lambda w: f"/bezoeken/knelpunten/{w.bottleneck.pk}/",
            'form[action$="/doorgeven/"] [name="to"][value="vendor"]',
            invalid=("to",),
        ),
        Case(
            "bottleneck-resolve",
            lambda w: f"/bezoeken/knelpunten/{w.bottleneck.pk}/",
            'form[action$="/oplossen/"] [name="resolution"]',
            invalid=("resolution",),
        ),
        Case(
            "bottleneck-coalition-reply",
            lambda w: f"/bezoeken/knelpunten/{w.vendor_bottleneck.pk}/",
            'form[action$="/reactie-leverancier/"] [name="text"]',
            invalid=("text",),
        ),
        Case(
            "training-session-create",
            lambda w: "/scholing/sessies/nieuw/",
            _field("capacity"),
            invalid=("course", "capacity"),
        ),
        Case(
            "training-course-create",
            lambda w: "/scholing/cursussen/nieuw/",
            _field("title"),
            invalid=("title",),
        ),
        Case(
            "questionnaire-create",
            lambda w: "/vragenlijsten/nieuw/",
            _field("year"),
            value="twee",
            invalid=("year",),
        ),
        Case(
            "questionnaire-import-bad-file",
            lambda w: f"/vragenlijsten/{w.questionnaire.pk}/import/",
            _field("file"),
            file=("antwoorden.xlsx", b"dit is geen spreadsheet"),
        ),
        Case(
            "user-invite",
            lambda w: "/gebruikers/uitnodigen/",
            _field("email"),
            value="geen-adres",
            invalid=("email",),
        ),
        Case(
            "member-organisation-create",
            lambda w: "/coalitie/lidorganisaties/nieuw/",
            _field("name"),
            invalid=("name",),
        ),
        Case(
            "member-organisation-edit",
            lambda w: f"/coalitie/lidorganisaties/{w.member_organisation.pk}/bewerken/",
            _field("name"),
            invalid=("name",),
        ),
        Case(
            "agreement-create",
            lambda w: "/coalitie/raamovereenkomsten/nieuw/",
            _field("starts"),
            invalid=("vendor", "starts"),
        ),
        Case(
            "grant-create",
            lambda w: "/coalitie/subsidies/nieuw/",
            _field("amount"),
            value="veel",
            invalid=("amount",),
        ),
        Case(
            "vendor-create",
            lambda w: "/beheer/leveranciers/nieuw/",
            _field("name"),
            invalid=("name",),
        ),
        Case(
            "vendor-contact-create",
            lambda w: f"/beheer/leveranciers/{w.vendor.pk}/contactpersonen/nieuw/",
            _field("name"),
            invalid=("name",),
        ),
        Case(
            "product-version-create",
            lambda w: f"/beheer/leveranciers/{w.vendor.pk}/versies/nieuw/",
            _field("version"),
            invalid=("version",),
        ),
        Case(
            "certification-propose",
            lambda w: f"/beheer/leveranciers/{w.vendor.pk}/certificering-voorstellen/",
            _field("source"),
            invalid=("source",),
        ),
    ],
    "office": [
        Case(
            "office-coalition-create",
            lambda w: "/programmabureau/coalities/nieuw/",
            _field("name"),
            invalid=("name",),
        ),
        Case(
            # The office turns the lead's proposal down without saying why.
            "certification-reject",
            lambda w: f"/beheer/certificeringen/{w.certification.pk}/intrekken/",
            _field("note"),
            invalid=("note",),
        ),
        Case(
            # Confirmed in another tab while this list was open: the button answers
            # with an error after the redirect.
            "certification-confirm-decided-meanwhile",
            lambda w: "/beheer/certificeringen/",
            'form[action$="/bevestigen/"] button',
            meanwhile=lambda w: certification_confirm(
                by=w.users["office"], certification=w.certification
            ),
        ),
        Case(
            # The office's inbox: on to a vendor that has no contact e-mail address.
            "bottleneck-pass-on-office",
            lambda w: f"/bezoeken/knelpunten/{w.inbox_bottleneck.pk}/",
            'form[action$="/doorgeven/"] [name="to"]',
            invalid=("to",),
        ),
        Case(
            "bottleneck-resolve-office",
            lambda w: f"/bezoeken/knelpunten/{w.inbox_bottleneck.pk}/",
            'form[action$="/oplossen/"] [name="resolution"]',
            invalid=("resolution",),
        ),
    ],
    "vendor_user": [
        Case(
            "vendor-answer",
            lambda w: f"/bezoeken/leverancier/knelpunten/{w.vendor_bottleneck.pk}/",
            _field("kind"),
            invalid=("kind",),
        ),
    ],
}


def more_forms(world) -> None:
    """What the forms above need beyond the matrix's world: a session held yesterday
    with one confirmed participant (attendance opens on the session's day), and a
    bottleneck in the office's inbox whose vendor has no contact e-mail address."""
    held = SessionFactory(
        course=world.course, trainers=[world.users["trainer"]], starts_at=in_days(-1)
    )
    world.objects.update(
        held_session=held,
        attendee=RegistrationFactory(
            session=held, practice=world.practice, name="Anna de Vries"
        ),
        inbox_bottleneck=BottleneckFactory(
            practice=world.practice,
            vendor=VendorFactory(name="Zonder Contact BV", contact_email=""),
            status="passed_on",
            passed_to="office",
            passed_on_at=timezone.now(),
        ),
    )
