"""Filters of the material-use report."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from content.models import DocumentDownload


class DocumentDownloadFilterSet(django_filters.FilterSet):
    document = django_filters.ModelChoiceFilter(
        label=_("Document"),
        queryset=get_document_model().objects.order_by("title"),
        empty_label=_("Alle documenten"),
    )
    practice = django_filters.CharFilter(
        label=_("Praktijk"), field_name="practice__name", lookup_expr="icontains"
    )

    class Meta:
        model = DocumentDownload
        fields = ["document", "practice"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["document"].widget.attrs["class"] = "form-select"
        self.form.fields["practice"].widget.attrs["class"] = "form-control"
