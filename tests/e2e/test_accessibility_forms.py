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
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.e2e.conftest import AXE, totp_code
from tests.e2e.form_cases import CASES, Case, more_forms
from tests.factories import PASSWORD
from tests.security.world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = Path(__file__).parent / "screens" / "forms"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


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
    more_forms(world)
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
