"""The Wagtail admin runs no inline script without the request's CSP nonce: its few
inline scripts are in templates overridden to carry it (content/templates/wagtailadmin/),
and the override must follow Wagtail's template when Wagtail changes it."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
WAGTAIL_TEMPLATES = Path(wagtail.__file__).parent / "admin" / "templates"
OVERRIDES = sorted((ROOT / "content" / "templates" / "wagtailadmin").rglob("*.html"))


def test_the_cms_policy_allows_scripts_only_with_the_nonce():
    assert settings.SECURE_CSP_CMS["script-src"] == settings.SECURE_CSP["script-src"]
    assert "'unsafe-inline'" not in settings.SECURE_CSP_CMS["script-src"]


@pytest.mark.parametrize("path", OVERRIDES, ids=lambda p: p.name)
def test_an_override_is_wagtails_template_plus_the_nonce(path):
    relative = path.relative_to(ROOT / "content" / "templates")
    ours = path.read_text()
    assert ours.count("{% cms_nonce_attr %}") == ours.count("<script") - ours.count(
        "src="
    )
    stripped = (
        re.sub(r"^\{#.*?#\}", "", ours)
        .replace(" {% cms_nonce_attr %}", "")
        .replace("{% load cms_csp %}", "")
        .replace(" cms_csp %}", " %}")
    )
    assert stripped == (WAGTAIL_TEMPLATES / relative).read_text()


def test_wagtail_has_no_other_inline_script():
    """A Wagtail upgrade that adds an inline script shows up here (it would be blocked).
    Every installed Wagtail app's templates are read."""
    from django.apps import apps

    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        for template in (Path(config.path) / "templates").rglob("*.html"):
            for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
                if "src=" not in tag and "application/json" not in tag:
                    found.add(
                        str(template.relative_to(Path(config.path) / "templates"))
                    )
    overridden = {str(p.relative_to(ROOT / "content" / "templates")) for p in OVERRIDES}
    assert found == overridden


def test_a_chooser_widgets_script_gets_the_nonce():
    from wagtail.images.widgets import AdminImageChooser

    from coalition.middleware import cms_csp_nonce

    token = cms_csp_nonce.set("n0nce")
    try:
        html = AdminImageChooser().render("image", None, {"id": "id_image"})
    finally:
        cms_csp_nonce.reset(token)
    assert '<script nonce="n0nce">new ImageChooser("id_image"' in html
    assert html.count("<script") == 1


@pytest.mark.django_db
def test_the_editors_inline_script_carries_the_nonce_of_the_header(
    coalition, lead, client_for
):
    from content.models import ArticlePage, NewsIndexPage
    from content.services import section_create
    from tests.content.factories import add_page, ensure_home

    ensure_home()
    section = section_create(coalition=coalition)
    news = add_page(section, NewsIndexPage(title="Nieuws", slug="nieuws"))
    article = add_page(
        news,
        ArticlePage(
            title="Scholingsdag",
            slug="scholingsdag",
            intro="Een dag over online inzage.",
            date=datetime.date(2026, 11, 1),
        ),
    )
    response = client_for(lead).get(f"/cms/pages/{article.pk}/edit/")
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    html = response.content.decode()
    assert f'<script nonce="{nonce}">initDateChooser(' in html
    inline = [
        html[m.start() : m.end() + 120]
        for m in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*json)([^>]*)>", html)
    ]
    assert inline
    assert all(f'nonce="{nonce}"' in script for script in inline), inline
