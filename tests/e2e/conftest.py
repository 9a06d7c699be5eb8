"""Browser journeys: Playwright driving Debian's Chromium against a live server.

A missing browser is a failure, never a skip: the journeys are part of the suite.
Screenshots of failed journeys land in tests/e2e/artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.e2e.serial_live_server import install as serve_one_request_at_a_time

serve_one_request_at_a_time()

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).parent / "artifacts"
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "Debian's Chromium is missing: install the 'chromium' package "
            "(scripts/ensure-chromium does it); browser journeys never skip.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def new_page(browser, live_server, request):
    """A factory of pages, each in its own browser context (its own cookies)."""
    contexts = []

    def _new():
        context = browser.new_context(
            base_url=live_server.url,
            locale="nl-NL",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _new
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                try:
                    page.screenshot(
                        path=ARTIFACTS / f"{name}-{i}-{j}.png", full_page=True
                    )
                except Exception:  # noqa: BLE001 - best effort on failure
                    pass
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


_USED_STEPS: dict[str, int] = {}


def _fresh_step(secret: str) -> int:
    """A 30-second time step the authenticator's code can be typed in: not one whose
    code was already used (allauth refuses a code twice) and not one about to end (the code
    would expire between typing and the server reading it on a busy machine)."""
    while True:
        now = time.time()
        step = int(now) // 30
        if _USED_STEPS.get(secret) != step and now - step * 30 < 25:
            _USED_STEPS[secret] = step
            return step
        time.sleep((step + 1) * 30 - now + 0.05)


def totp_code(user) -> str:
    """The current code of the user's authenticator app."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    auth = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(auth.data["secret"])
    return format_hotp_value(hotp_value(secret, _fresh_step(secret)))


def login(page, email: str, password: str, *, user=None) -> None:
    """Log in through the real form; answer the TOTP step when the user has one."""
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").first.fill(email)
    page.get_by_label("Wachtwoord").first.fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Inloggen|Aanmelden", re.I)).click()
    if "/accounts/2fa/authenticate" in page.url:
        assert user is not None, "this user has MFA: pass user= to answer the code"
        page.get_by_label(re.compile("Code|Authenticatorcode", re.I)).fill(
            totp_code(user)
        )
        with page.expect_navigation():
            page.get_by_role(
                "button", name=re.compile("Inloggen|Aanmelden|Bevestig", re.I)
            ).click()


def assert_accessible(page, *, impacts=("serious", "critical")) -> None:
    """Run axe-core on the page; fail on violations of the given impact."""
    if not AXE.exists():
        pytest.fail(
            "axe-core is missing: run `npm install` (make test does)", pytrace=False
        )
    # evaluate() goes through the DevTools protocol, so the page's CSP does not block it.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    bad = [v for v in result["violations"] if v.get("impact") in impacts]
    assert not bad, json.dumps(
        [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:3]],
            }
            for v in bad
        ],
        indent=1,
    )
