"""Vendors in the platform (issue 16): the vendor's answers to the bottlenecks passed
on to it, what its users read, and how fast each vendor answers.

Writes (`vendor_answer_create`, `coalition_reply_create`) trust their view's access
check, refuse what the coalition resolved meanwhile, and send through the outbox; reads are selectors over the scoped querysets of
`coalition.access`, so a vendor's user never reaches another vendor's bottlenecks,
answers or practices. One module per area; this one re-exports every name, so callers
keep using `practices.visits.vendor.X`.
"""

from __future__ import annotations

from practices.visits.vendor.answering import (  # noqa: F401
    _recipients,
    _vendor_recipients,
    coalition_reply_create,
    vendor_answer_create,
)
from practices.visits.vendor.reading import (  # noqa: F401
    _practice_names,
    vendor_inbox,
    vendor_practice_counts,
)
from practices.visits.vendor.redaction import (  # noqa: F401
    _DATE,
    _EMAIL,
    _LONG_NUMBER,
    _PHONE,
    _POSTCODE,
    REDACTED,
    _names_of,
    redact,
    vendor_description,
    vendor_note,
    vendor_reply_text,
)
from practices.visits.vendor.response_times import (  # noqa: F401
    ResponseTimes,
    _hours,
    vendor_response_times,
)
from practices.visits.vendor.thread import (  # noqa: F401
    thread,
    thread_entries,
    upgrade_list,
)
from practices.visits.vendor.versions import (  # noqa: F401
    older_versions,
    practices_on_older_version,
    version_key,
)
