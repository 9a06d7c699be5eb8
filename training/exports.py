"""Downloads of the training app: certificates (PDF). The attendee list is the
registration table's export (`coalition.exports.TableExporter`)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from training.models import Registration


def certificate_pdf(registration: Registration, *, base_url: str) -> bytes:
    """A certificate of attendance, rendered by WeasyPrint from an HTML template."""
    from weasyprint import HTML

    session = registration.session
    html = render_to_string(
        "training/certificate.html",
        {
            "registration": registration,
            "session": session,
            "course": session.course,
            "coalition": session.course.coalition,
            "starts": timezone.localtime(session.starts_at),
            "ends": timezone.localtime(session.ends_at),
            "trainers": list(session.trainers.all()),
            "issued": timezone.localdate(),
        },
    )
    return HTML(string=html, base_url=base_url).write_pdf()
