"""Where uploads are stored: documents under an unguessable folder."""

from __future__ import annotations

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage

DOCUMENTS_DIR = "documents"


class MediaStorage(FileSystemStorage):
    """Documents are served only through Wagtail's view, which checks who may have
    them; should a web server ever serve MEDIA_ROOT anyway, their paths cannot be
    guessed (`documents/<random>/<original name>`, the name kept for the download)."""

    def generate_filename(self, filename: str) -> str:
        filename = super().generate_filename(filename)
        folder, name = posixpath.split(filename)
        if folder == DOCUMENTS_DIR:
            return posixpath.join(DOCUMENTS_DIR, secrets.token_hex(16), name)
        return filename
