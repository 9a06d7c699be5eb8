"""Reports: who reads which version, the comparison and background exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from coalition.access.coalitions import can_read_progress_report, report_coalitions
from coalition.access.scoping import scope
from coalition.models import Coalition

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser
    from surveys.report.models import ReportExport


# --- reports (issue 13) ---------------------------------------------------------------


def report_audience(user: AnyUser, coalition: Coalition | int) -> str:
    """Which version of a coalition's report the user reads: "lead" (with practice
    rows and free text) for its leads and the office, "funder" (anonymised) for anyone
    else `report_coalitions` lets in."""
    s = scope(user)
    pk = coalition if isinstance(coalition, int) else coalition.pk
    return "lead" if s.office or pk in s.lead_coalitions else "funder"


def can_compare_coalitions(user: AnyUser) -> bool:
    """The side-by-side comparison of every coalition is the programme office's."""
    return scope(user).office


# --- report exports of more than one coalition (issue 13) -----------------------------


def can_export_reports(user: AnyUser) -> bool:
    """A background export of every coalition the user may read: for whoever reads the
    progress report of more than one coalition (the office, a funder of several)."""
    return can_read_progress_report(user) and report_coalitions(user).count() > 1


def visible_report_exports(user: AnyUser) -> QuerySet[ReportExport]:
    """A user's own exports only: the file is theirs, made in their version."""
    from surveys.report.models import ReportExport

    if not getattr(user, "is_authenticated", False):
        return ReportExport.objects.none()
    return ReportExport.objects.filter(requested_by=user)
