"""The one guard every spreadsheet upload passes before openpyxl parses it.

An xlsx is a zip of XML. A small file can hold a zip bomb (300 MB of text in one cell
of a 311 KB upload), a million rows, macros or broken XML; openpyxl would spend memory
and minutes on it, or fail halfway with an error page. `check_xlsx` looks at the zip's
directory and streams each worksheet's XML once (with defusedxml, bounded by the size
cap) before any parsing: entry count, total uncompressed size, compression ratio, the
declared (`<dimension ref>`) and the real number of rows, macros. Every refusal is an
`UploadRefused` with a Dutch message for the page.

Previews that are never confirmed are stored under `PREVIEW_DIRS`; the periodic task
`practices.tasks.delete_stale_import_uploads` calls `stale_uploads_delete`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from typing import IO

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNCOMPRESSED = 100 * 1024 * 1024
# Worksheet XML compresses 5–30 times; far beyond that is a bomb, not a spreadsheet.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small entries may compress oddly: judge only big ones
PREVIEW_DIRS = ("registry-imports", "survey-imports")
PREVIEW_MAX_AGE = dt.timedelta(hours=24)

DIMENSION_RE = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]*)(\d*)(?::[A-Z]*(\d+))?\""
)
SHEET_RE = re.compile(r"^xl/worksheets/[^/]+\.xml$")


class UploadRefused(Exception):
    """The file cannot be taken: the message says why, in Dutch, for the page."""


def unreadable_message() -> str:
    """One message for every file that cannot be read, whatever is wrong inside."""
    return _("Dit is geen leesbaar xlsx-bestand.")


def _size(file: str | os.PathLike | IO[bytes]) -> int:
    if isinstance(file, str | os.PathLike):
        return os.path.getsize(file)
    size = getattr(file, "size", None)
    if size is not None:
        return size
    pos = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(pos)
    return size


def _rewind(file) -> None:
    if not isinstance(file, str | os.PathLike):
        file.seek(0)


def _too_many_rows(max_rows: int) -> str:
    return _("Het werkblad heeft meer dan %(n)s rijen; splits het op.") % {
        "n": f"{max_rows:,}".replace(",", ".")
    }


def _count_rows(stream: IO[bytes], *, stop_after: int) -> int:
    """The real number of `<row>` elements, streamed and stopping once past
    `stop_after`; broken XML raises."""
    from defusedxml.ElementTree import iterparse

    n = 0
    stack = []
    for event, elem in iterparse(stream, events=("start", "end")):
        if event == "start":
            stack.append(elem)
            continue
        stack.pop()
        if elem.tag.rsplit("}", 1)[-1] == "row":
            n += 1
            if n > stop_after:
                return n
            if stack:
                stack[-1].clear()  # keep memory flat: no row is kept
    return n


def check_xlsx(file, *, max_rows: int, name: str = "") -> None:
    """Refuse, before parsing, a file openpyxl should not be given.

    `max_rows` is the most data rows a worksheet may have (its header row aside).
    The file position is back at the start afterwards.
    """
    limit = max_rows + 1
    if name.lower().endswith((".xlsm", ".xltm", ".xlsb")):
        raise UploadRefused(
            _("Werkmappen met macro’s worden niet aangenomen; sla op als .xlsx.")
        )
    if _size(file) > MAX_BYTES:
        raise UploadRefused(_("Het bestand is groter dan 10 MB; splits het op."))
    _rewind(file)
    try:
        with zipfile.ZipFile(file) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise UploadRefused(unreadable_message())
            total = 0
            for info in infos:
                total += info.file_size
                if total > MAX_UNCOMPRESSED:
                    raise UploadRefused(unreadable_message())
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise UploadRefused(unreadable_message())
                if info.filename.lower().endswith("vbaproject.bin"):
                    raise UploadRefused(
                        _(
                            "Werkmappen met macro’s worden niet aangenomen; "
                            "sla op als .xlsx."
                        )
                    )
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                raise UploadRefused(unreadable_message())
            sheets = [i for i in infos if SHEET_RE.match(i.filename)]
            if not sheets:
                raise UploadRefused(unreadable_message())
            for info in sheets:
                with zf.open(info) as raw:
                    head = raw.read(4096)
                match = DIMENSION_RE.search(head)
                if match:
                    last = match.group(3) or match.group(2)
                    if last and int(last) > limit:
                        raise UploadRefused(_too_many_rows(max_rows))
                with zf.open(info) as raw:
                    # zipfile stops at the declared size, so a lying header
                    # cannot make this read more than MAX_UNCOMPRESSED.
                    if _count_rows(raw, stop_after=limit) > limit:
                        raise UploadRefused(_too_many_rows(max_rows))
    except UploadRefused:
        raise
    except Exception:  # noqa: BLE001 - not a zip, broken XML, bad CRC: unreadable
        raise UploadRefused(unreadable_message()) from None
    finally:
        _rewind(file)


def stale_uploads_delete(
    *, older_than: dt.timedelta = PREVIEW_MAX_AGE, now: dt.datetime | None = None
) -> int:
    """Delete import previews that were never confirmed; safe to run twice."""
    now = now or timezone.now()
    deleted = 0
    for folder in PREVIEW_DIRS:
        try:
            _dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        for filename in files:
            path = f"{folder}/{filename}"
            try:
                modified = default_storage.get_modified_time(path)
            except FileNotFoundError:
                continue  # deleted meanwhile (by a confirm or a second run)
            if now - modified >= older_than:
                default_storage.delete(path)
                deleted += 1
    return deleted
