"""The questionnaire with the keyboard only: a practice user logs in, opens the open
questionnaire and answers it with Tab, Space, the arrow keys and typing at human speed.
The tab order follows the order of the questions, every stop shows where the focus is,
a wrong answer is announced and gets the focus, and what was typed is what is stored
(the autosave overwrites nothing)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from coalition.models import Role
from surveys.models import Answer, Response
from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD, PracticeFactory, user_with_role
from tests.surveys.factories import open_standard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TYPING_DELAY = 90  # ms between keys: a person typing, and the autosave saving meanwhile

# The focus is visible: an outline or a box shadow drawn by :focus / :focus-visible.
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== "none";
  return outline || shadow;
}"""

# The form's controls a Tab stops at, in the DOM's order: visible, enabled, and of a
# radio group only the checked option (else the first), as browsers do.
TAB_STOPS = """() => {
  const form = document.getElementById("survey-form");
  const seen = new Set();
  const out = [];
  for (const el of form.querySelectorAll("input, select, textarea, button, a[href]")) {
    if (el.type === "hidden" || el.disabled || !el.getClientRects().length) continue;
    if (el.type === "radio") {
      if (seen.has(el.name)) continue;
      seen.add(el.name);
      const checked = form.querySelector(`input[name="${el.name}"]:checked`);
      out.push((checked || el).id);
      continue;
    }
    out.push(el.id || el.name + "=" + el.value);
  }
  return out;
}"""

ACTIVE = """() => {
  const el = document.activeElement;
  return {
    key: el.id || (el.name ? el.name + "=" + el.value : el.tagName),
    inForm: !!el.closest("#survey-form"),
    name: el.getAttribute("name"),
    type: el.type || el.tagName,
    text: (el.textContent || "").trim(),
  };
}"""


def _active(page) -> dict:
    return page.evaluate(ACTIVE)


def _tab_until(page, predicate, *, limit: int = 80) -> dict:
    """Press Tab until the focused element satisfies `predicate`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = _active(page)
        if predicate(now):
            return now
    raise AssertionError(f"Tab never reached the element; last: {_active(page)}")


def _stored(response) -> dict:
    return {
        a.question.code: a.value
        for a in Answer.objects.filter(response=response).select_related("question")
    }


def test_questionnaire_with_the_keyboard_only(new_page, coalition):
    practice = PracticeFactory(coalition=coalition, name="Praktijk De Linde")
    user = user_with_role(Role.PRACTICE, practice=practice, email="linde@e2e.test")
    questionnaire = open_standard(coalition, year=2025)
    required = list(
        questionnaire.questions.filter(required=True)
        .order_by("section__order", "order")
        .values_list("code", "kind")
    )
    assert ("list_size", "integer") in required

    page = new_page()
    # Log in: Tab to the e-mail field, type, Tab, type, Enter.
    page.goto("/accounts/login/")
    _tab_until(page, lambda a: a["name"] == "login")
    page.keyboard.type(user.email, delay=30)
    page.keyboard.press("Tab")
    assert _active(page)["name"] == "password"
    page.keyboard.type(PASSWORD, delay=30)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login" not in page.url

    # The main menu's "Vragenlijst", then the open questionnaire's "Invullen".
    _tab_until(page, lambda a: a["text"] == "Vragenlijst")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_until(page, lambda a: a["text"] == "Invullen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/vragenlijsten/antwoorden/\d+/$", page.url), page.url
    response = Response.objects.get(questionnaire=questionnaire, practice=practice)

    # Tab through the whole form: the focus goes from question to question in the
    # order they stand on the page, and every stop shows a focus indicator.
    expected = page.evaluate(TAB_STOPS)
    first = _tab_until(page, lambda a: a["inForm"])
    visited, unseen_focus = [first["key"]], []
    if not page.evaluate(FOCUS_SHOWN):
        unseen_focus.append(first["key"])
    while len(visited) < len(expected):
        page.keyboard.press("Tab")
        now = _active(page)
        if not now["inForm"]:
            break
        visited.append(now["key"])
        if not page.evaluate(FOCUS_SHOWN):
            unseen_focus.append(now["key"])
    assert visited == expected
    assert not unseen_focus, f"no visible focus on {unseen_focus}"

    # Answer with the keyboard, from the top: the list size wrong first ("2.5OO" with
    # letters O), every required yes/no question with Space (ja) or → (nee).
    page.keyboard.press("Shift+Tab")
    while _active(page)["inForm"]:
        page.keyboard.press("Shift+Tab")
    answers = {}
    yes_no = [code for code, kind in required if kind == "yes_no"]
    page.keyboard.press("Tab")
    while True:
        now = _active(page)
        if now["type"] == "submit":
            break
        if now["name"] == "list_size":
            page.keyboard.type("25OO", delay=TYPING_DELAY)
            # The autosave's reply is read out at the field (aria-live) ...
            error = page.locator("#q-list_size-error")
            error.filter(has_text=re.compile(r"\S")).wait_for()
            assert error.get_attribute("aria-live") == "assertive"
            assert page.locator("#q-list_size").get_attribute("aria-invalid") == "true"
        elif now["type"] == "radio" and now["name"] in yes_no:
            i = yes_no.index(now["name"])
            page.keyboard.press("Space" if i % 2 == 0 else "ArrowRight")
            answers[now["name"]] = i % 2 == 0
        page.keyboard.press("Tab")
    assert set(answers) == set(yes_no)

    # "Opslaan" is the first button, "Versturen" the next: send with Enter.
    assert now["key"] == "action=save"
    page.keyboard.press("Tab")
    assert _active(page)["key"] == "action=submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The wrong number comes back: announced, and the focus is on the summary.
    summary = page.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert summary.evaluate("el => el === document.activeElement")
    field_error = page.locator("#q-list_size-error").inner_text().strip()
    assert field_error
    assert field_error.split(".")[0] in summary.inner_text()
    assert_accessible(page)
    assert Response.objects.get(pk=response.pk).status != Response.Status.SUBMITTED

    # Tab to the summary's link, Enter: the focus is on the field; type it right.
    page.keyboard.press("Tab")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href == "#q-list_size"
    page.keyboard.press("Enter")
    assert _active(page)["key"] == "q-list_size"
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("2500", delay=TYPING_DELAY)
    _tab_until(page, lambda a: a["key"] == "action=submit")
    with page.expect_navigation():
        page.keyboard.press("Space")

    # Warnings about other answers (if any) are confirmed with the keyboard too.
    if page.locator("#confirm-warnings").count():
        assert page.locator("#confirm-warnings").evaluate(
            "el => el === document.activeElement"
        )
        _tab_until(page, lambda a: a["key"] == "confirm-warnings-check")
        page.keyboard.press("Space")
        _tab_until(page, lambda a: a["key"] == "action=submit")
        with page.expect_navigation():
            page.keyboard.press("Enter")

    assert "/bekijken/" in page.url, page.url
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    stored = _stored(response)
    assert stored["list_size"] == Decimal("2500")
    for code, value in answers.items():
        assert stored[code] is value, code
