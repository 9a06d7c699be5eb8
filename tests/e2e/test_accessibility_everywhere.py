"""WCAG 2.1 A and AA on every page of the platform (axe-core in Chromium), and each
role's main pages as a person sees them.

The pages are the authorisation matrix's: every URL pattern whose GET a role may open
(200), filled from the same two-coalition data set. Each page is checked once, as the
first role in OWNER_ORDER that may open it (the least privileged: what differs between
roles is the navigation, and every role's start page and main menu pages are checked as
that role). Wagtail's own admin (/cms/) and Django's admin are left to their makers; a
download (xlsx, PDF, iCal) is no page. Each role's start page and the pages of its main
menu are saved at 1280 and 390 px wide in tests/e2e/screens/<role>/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import AXE
from tests.security import engine, matrix
from tests.security.patterns import all_patterns
from tests.security.test_authorisation_matrix import values_for
from tests.security.world import ROLES, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = Path(__file__).parent / "screens"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Prefixes of pages that are not ours to audit.
NOT_OURS = ("/cms/", "/django-admin/", "/admin/", "/api/")
DOWNLOADS = (".xlsx", ".pdf", ".ics", ".csv", ".zip", ".svg", ".png")


OWNER_ORDER = (
    matrix.ANON,
    matrix.OWN,
    matrix.TRAINER,
    matrix.FUNDER,
    matrix.LEAD,
    matrix.OFFICE,
    matrix.VENDOR,
    matrix.OTHER,
    matrix.LEAD_B,
)


# Pages looked at as each role besides its start page and main menu (saved at 1280 and
# 390 px and checked at 390 px too), where a phone user does real work.
MORE_SCREENS: dict[str, tuple] = {
    "practice_own": (lambda w: f"/bezoeken/{w.visit.pk}/",),
    "trainer": (lambda w: f"/scholing/sessies/{w.session.pk}/",),
    "lead_own": (
        lambda w: f"/bezoeken/{w.visit.pk}/",
        lambda w: f"/bezoeken/knelpunten/{w.vendor_bottleneck.pk}/",
        lambda w: "/beheer/leveranciers/",
    ),
    "office": (
        lambda w: "/voortgang/",
        lambda w: f"/bezoeken/{w.visit.pk}/",
        lambda w: "/beheer/certificeringen/",
    ),
}

# What makes the page wider than the screen: the outermost elements reaching past its
# right edge that are not inside a box that scrolls on its own.
TOO_WIDE = r"""() => {
  const edge = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right > edge + 0.5 && !clipped(el)
        && !out.some((o) => o.contains(el))) out.push(el);
  }
  return out.slice(0, 3).map((el) => el.tagName.toLowerCase()
    + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\s+/).join(".") : ""));
}"""
AXE_RUN = (
    "async (tags) => await axe.run(document, {runOnly: {type: 'tag', "
    "values: tags}, resultTypes: ['violations']})"
)


def owner(row: matrix.Row) -> str | None:
    return next((r for r in OWNER_ORDER if row.get.get(r) == matrix.OK), None)


def pages_of(role: str, world) -> list[tuple[str, str]]:
    """(key, url) of every page this role checks, in the matrix's order."""
    out = []
    for p in all_patterns():
        row = matrix.rule_for(p.key, p.route)
        if row is None or owner(row) != role:
            continue
        url = engine.url_for(p, values_for(world, row)) + row.query
        if url.startswith(NOT_OURS) or "export" in url:
            continue
        out.append((p.key, url))
    return out


def log_in(context, user, base_url: str) -> None:
    """The browser gets the session of a test client logged in as `user` (the login
    form itself has its own journey)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


@pytest.mark.parametrize("role", ROLES)
def test_every_page_meets_wcag_for_the_role(
    role, browser, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    user = world.users.get(role)
    if user is not None:
        log_in(context, user, live_server.url)
    page = context.new_page()
    axe = AXE.read_text()
    shots = SCREENS / role
    shots.mkdir(parents=True, exist_ok=True)
    checked, failures = 0, []

    def check(key: str, url: str, *, screenshot: bool = False) -> None:
        nonlocal checked
        if url.split("?")[0].endswith(DOWNLOADS):
            return
        try:
            response = page.goto(url)
        except PlaywrightError as exc:
            if "Download is starting" in str(exc):
                return  # a file, not a page
            raise
        assert response is not None, url
        if "text/html" not in (response.headers.get("content-type") or ""):
            return
        if response.status != 200:
            failures.append(f"{url} ({key}): answered {response.status}")
            return
        page.evaluate(axe)
        result = page.evaluate(AXE_RUN, WCAG)
        for v in result["violations"]:
            targets = [n["target"] for n in v["nodes"][:3]]
            failures.append(f"{url} ({key}): {v['id']} — {v['help']} {targets}")
        checked += 1
        if screenshot:
            name = re.sub(r"[^\w.-]+", "_", key.strip("/")) or "home"
            page.screenshot(path=shots / f"{name}-1280.png", full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=shots / f"{name}-390.png", full_page=True)
            # On a phone the page itself never scrolls sideways (a wide table may,
            # inside its own scroll box, which the keyboard can reach: axe again).
            sw, cw = page.evaluate(
                "[document.documentElement.scrollWidth, "
                "document.documentElement.clientWidth]"
            )
            if sw > cw:
                failures.append(
                    f"{url} ({key}): {sw} px wide at {cw} px, past the edge: "
                    f"{page.evaluate(TOO_WIDE)}"
                )
            for v in page.evaluate(AXE_RUN, WCAG)["violations"]:
                targets = [n["target"] for n in v["nodes"][:3]]
                failures.append(
                    f"{url} ({key}) at 390 px: {v['id']} — {v['help']} {targets}"
                )
            page.set_viewport_size({"width": 1280, "height": 900})

    try:
        # The role's start page and its main menu, as a person sees them.
        start = "/start/" if user is not None else "/"
        check(start, start, screenshot=True)
        menu = page.locator('nav[aria-label="Hoofdmenu"] a[href^="/"]')
        main = list(dict.fromkeys(a.get_attribute("href") for a in menu.all()))
        main = [href for href in main if href != start]
        main += [
            url
            for url in (f(world) for f in MORE_SCREENS.get(role, ()))
            if url != start
        ]
        main = list(dict.fromkeys(main))
        for href in main:
            check(href, href, screenshot=True)
        for key, url in pages_of(role, world):
            if url not in main and url != start:
                check(key, url)
    finally:
        context.close()
    assert checked, f"{role}: no HTML page was checked"
    assert not failures, f"{role}: {len(failures)} problems on {checked} pages\n" + (
        "\n".join(failures)
    )
