"""The document upload form of the Wagtail admin (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail checks the extension and the size; this form also checks that the content is
what the extension claims, so a web page renamed to .pdf or .txt never lands on the site.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04", b"PK\x05\x06")
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "zip": ZIP,
}
TEXT_TYPES = {"txt", "csv"}
MARKUP = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<iframe", b"<body")


def check_upload(name: str, head: bytes) -> None:
    """Raise ValidationError when the file's first bytes do not fit its extension."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = [e.lower() for e in settings.WAGTAILDOCS_EXTENSIONS]
    if ext not in allowed:
        raise ValidationError(
            _(
                "Bestanden van het type .%(ext)s worden niet geaccepteerd. "
                "Toegestaan zijn: %(allowed)s."
            ),
            code="file_type",
            params={"ext": ext or "?", "allowed": ", ".join(allowed)},
        )
    mismatch = ValidationError(
        _(
            "De inhoud van dit bestand past niet bij de extensie .%(ext)s. "
            "Sla het opnieuw op in het juiste formaat."
        ),
        code="file_content",
        params={"ext": ext},
    )
    if ext in SIGNATURES and not head.startswith(SIGNATURES[ext]):
        raise mismatch
    if ext == "mp4" and head[4:8] != b"ftyp":
        raise mismatch
    if ext in TEXT_TYPES:
        lowered = head.lower()
        if b"\x00" in head or any(tag in lowered for tag in MARKUP):
            raise mismatch


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            upload.seek(0)
            head = upload.read(2048)
            upload.seek(0)
            check_upload(upload.name, head)
        return upload
