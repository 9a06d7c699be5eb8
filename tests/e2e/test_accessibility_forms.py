"""Every kind of form of the platform in its error state, as a screen-reader and keyboard
user meets it: submitted invalid through the real page (a required field cleared or a
bad value typed with the keyboard, the rendered submit button clicked), then

- the errors are on the page and axe-core finds no WCAG 2.1 A/AA violation;
- each invalid control has aria-invalid="true" and aria-describedby naming a visible
  element that holds its error text;
- an error summary is read out (role="alert") and has the focus (or the first invalid
  field has it), so a screen reader announces what went wrong.

One test per role: one browser context, one login, the role's forms one after the
other (each reported by its own readable id). Screenshots of each error state at 1280
and 390 px land in tests/e2e/screens/forms/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from coalition.services_vendors import certification_confirm
from tests.e2e.conftest import AXE, totp_code
from tests.factories import PASSWORD, VendorFactory
from tests.practices.visits_factories import BottleneckFactory
from tests.security.world import build_world
from tests.training.factories import RegistrationFactory, SessionFactory, in_days

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = Path(__file__).parent / "screens" / "forms"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


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


def _more_forms(world) -> None:
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


def _log_in(context, user, base_url: str) -> None:
    """The session of a test client logged in as `user` (the login form itself is one
    of the anonymous cases)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def _clear_and_type(page, locator, value: str | None) -> None:
    """Select what the field holds and delete it, then type `value`, with the keys."""
    locator.focus()
    kind = locator.evaluate("el => el.type || el.tagName")
    if kind in ("select-one", "select-multiple", "submit"):
        return  # a select has no "cleared" with the keyboard; a button is clicked
    if kind in ("radio", "checkbox"):
        page.keyboard.press("Space")
        return
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Backspace")
    if value:
        page.keyboard.type(value, delay=25)


def _submit(page, form, name: str | None) -> None:
    buttons = form.locator("button[type=submit], input[type=submit]")
    button = (
        buttons.filter(has_text=re.compile(rf"^\s*{name}\s*$")).first
        if name
        else buttons.first
    )
    with page.expect_navigation():
        button.click()


ERROR_STATE = """() => {
  const visible = (el) => !!el && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden";
  const controls = [...document.querySelectorAll('[aria-invalid="true"]')];
  const alerts = [...document.querySelectorAll('[role="alert"]')].filter(visible);
  const active = document.activeElement;
  return {
    invalid: controls.map((el) => {
      const ids = (el.getAttribute("aria-describedby") || "").split(/\\s+/)
        .filter(Boolean);
      const described = ids.map((id) => document.getElementById(id));
      return {
        name: el.getAttribute("name") || el.querySelector("[name]")?.getAttribute("name"),
        tag: el.tagName,
        describedby: ids,
        missing: ids.filter((id, i) => !described[i]),
        text: described.filter(visible).map((d) => d.textContent.trim())
          .filter(Boolean).join(" | "),
      };
    }),
    alerts: alerts.map((el) => el.textContent.replace(/\\s+/g, " ").trim()),
    focus: {
      isAlert: active && active.getAttribute("role") === "alert"
        && active.getAttribute("tabindex") === "-1",
      isInvalid: active && (active.getAttribute("aria-invalid") === "true"
        || !!active.closest('[aria-invalid="true"]')),
      tag: active && active.tagName,
      id: active && active.id,
    },
  };
}"""


def _check(page, case: Case, invalid: tuple[str, ...]) -> list[str]:
    """What is wrong with the page's error state (nothing: an empty list)."""
    problems = []
    state = page.evaluate(ERROR_STATE)
    if not state["alerts"]:
        problems.append("no visible role=alert with the errors")
    if not (state["focus"]["isAlert"] or state["focus"]["isInvalid"]):
        problems.append(f"focus is not on the error summary: {state['focus']}")
    names = {c["name"] for c in state["invalid"]}
    for name in invalid:
        if name not in names:
            problems.append(f"{name} is not aria-invalid (invalid: {sorted(names)})")
    if not invalid and not state["invalid"] and not state["alerts"]:
        problems.append("no error shown")
    summary = " ".join(state["alerts"])
    for c in state["invalid"]:
        if not c["describedby"] or c["missing"]:
            problems.append(f"{c['name']}: aria-describedby {c['describedby']} broken")
        elif not c["text"]:
            problems.append(f"{c['name']}: aria-describedby names no visible text")
        elif not any(
            part.split(". ")[0][:40] in summary for part in c["text"].split(" | ")
        ):
            problems.append(
                f"{c['name']}: its error ‘{c['text']}’ is not in the summary"
            )
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', "
        "values: tags}, resultTypes: ['violations']})",
        WCAG,
    )
    for v in result["violations"]:
        targets = [n["target"] for n in v["nodes"][:3]]
        problems.append(f"axe {v['id']}: {v['help']} {targets}")
    return problems


def _screens(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SCREENS / f"{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _run(page, case: Case, world, tmp_path) -> list[str]:
    page.goto(case.url(world))
    if case.reveal:
        page.locator(case.reveal).focus()
        page.keyboard.press("Enter")
    for selector, value in case.first:
        _clear_and_type(page, page.locator(selector).first, value)
    target = page.locator(case.field).first
    form = target.locator("xpath=ancestor::form[1]")
    if case.file:
        path = tmp_path / case.file[0]
        path.write_bytes(case.file[1])
        target.set_input_files(path)
    else:
        _clear_and_type(page, target, case.value)
    if case.meanwhile:
        case.meanwhile(world)
    _submit(page, form, case.submit)
    page.wait_for_load_state()
    invalid = case.invalid(world) if callable(case.invalid) else case.invalid
    problems = _check(page, case, invalid)
    _screens(page, case.id)
    return problems


@pytest.mark.parametrize("role", list(CASES))
def test_forms_in_their_error_state_are_accessible(
    role, browser, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    _more_forms(world)
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    if role in world.users:
        _log_in(context, world.users[role], live_server.url)
    page = context.new_page()
    failures = []
    try:
        for case in CASES[role]:
            problems = _run(page, case, world, tmp_path)
            failures += [f"{case.id}: {p}" for p in problems]
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_mfa_step_with_a_wrong_code_is_accessible(browser, live_server):
    """The second login step, a wrong code typed: the error is tied to the field and
    read out; then the right code logs in."""
    world = build_world()
    user = world.users["lead_own"]
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("E-mail").first.focus()
        page.keyboard.type(user.email, delay=15)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD, delay=15)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/accounts/2fa/authenticate" in page.url
        right = totp_code(user)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        case = Case("mfa-wrong-code", lambda w: page.url, '[name="code"]', wrong)
        problems = _run(page, case, world, None)
        assert not problems, "\n".join(problems)
        code = page.locator('[name="code"]')
        assert code.get_attribute("aria-invalid") == "true"
        _clear_and_type(page, code, right)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/accounts/" not in page.url
    finally:
        context.close()
