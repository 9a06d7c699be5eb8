"""Wagtail admin views replaced where Wagtail's own answer a malformed post with a 500."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms import choosers
from wagtail.admin.views import chooser


class _URLOrAbsolutePathField(choosers.URLOrAbsolutePathField):
    """Wagtail's field, reading a missing value as an empty one: Wagtail calls
    `.startswith` on it, so a post without the field was a 500 instead of "required"."""

    def to_python(self, value):
        return super().to_python("" if value is None else value)


class ExternalLinkChooserForm(choosers.ExternalLinkChooserForm):
    url = _URLOrAbsolutePathField(required=True, label=_("URL"))


class ExternalLinkView(chooser.ExternalLinkView):
    form_class = ExternalLinkChooserForm


# Mounted at Wagtail's own path, before Wagtail's admin URLs (coalition/urls.py), with
# the decorators Wagtail puts on its admin views.
external_link_chooser = require_admin_access(never_cache(ExternalLinkView.as_view()))


def give_chooser_scripts_the_nonce() -> None:
    """Wagtail's chooser widgets (image, document, page, snippet) end their HTML with an
    inline `<script>new …Chooser(…)</script>` written in Python (BaseChooser.render), not
    in a template: that one script gets the request's CSP nonce too. Only the widget's
    own trailing script is touched, never markup inside it."""
    from django.utils.safestring import mark_safe
    from wagtail.admin.widgets.chooser import BaseChooser

    from content.templatetags.cms_csp import cms_nonce_attr

    render = BaseChooser.render
    if getattr(render, "gives_nonce", False):
        return

    def render_with_nonce(self, name, value, attrs=None, renderer=None):
        html = str(render(self, name, value, attrs=attrs, renderer=renderer))
        head, sep, script = html.rpartition("<script>")
        if not sep or not script.endswith("</script>") or "<" in script[:-9]:
            return mark_safe(html)  # noqa: S308 - Wagtail's own output, unchanged
        nonce = cms_nonce_attr()
        return mark_safe(f"{head}<script {nonce}>{script}" if nonce else html)  # noqa: S308

    render_with_nonce.gives_nonce = True
    BaseChooser.render = render_with_nonce
