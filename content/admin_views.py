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
