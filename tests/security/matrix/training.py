"""The rows of training: sessions, registrations, courses, coverage, feeds."""

from __future__ import annotations

from tests.security.matrix.base import (
    DENIED,
    FORBIDDEN,
    LEAD,
    LEAD_B,
    MISSING,
    NOT_ALLOWED,
    OFFICE,
    OK,
    OTHER,
    OWN,
    REDIRECT,
    TRAINER,
    Row,
    answers,
    only,
    public,
    row,
)

TRAINING: dict[str, Row] = {
    "training:session_list": row(
        get=answers(OK, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, funder=DENIED, vendor_user=DENIED),
    ),
    "training:public_list": row(get=public(), post=public(NOT_ALLOWED)),
    "training:feed": row(get=public(), post=public(NOT_ALLOWED)),
    "training:trainer_feed": row(
        {"token": "trainer_feed.token"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "training:trainer_feed_manage": row(
        get=only(TRAINER, other=FORBIDDEN),
        post=only(TRAINER, ok=REDIRECT, other=FORBIDDEN),
    ),
    # A practice's team training: its own users, its coalition's lead, the office.
    "training:team_training": row(
        {"pk": "practice"},
        get=answers(
            MISSING,
            practice_own=OK,
            trainer=FORBIDDEN,
            lead_own=OK,
            funder=FORBIDDEN,
            office=OK,
            vendor_user=FORBIDDEN,
        ),
        post=answers(
            NOT_ALLOWED, trainer=FORBIDDEN, funder=FORBIDDEN, vendor_user=FORBIDDEN
        ),
    ),
    # Writing to a session's participants: its own trainers and its coalition's lead.
    # An empty POST shows the form again with its errors.
    "training:session_messages": row(
        {"pk": "session"},
        get=answers(FORBIDDEN, trainer=OK, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, trainer=OK, lead_own=OK, lead_other=MISSING),
    ),
    "training:public_detail": row(
        {"pk": "session"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "training:session_ics": row(
        {"pk": "session"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "training:session_create": row(
        get=only(TRAINER, LEAD, LEAD_B), post=only(TRAINER, LEAD, LEAD_B)
    ),
    "training:session_detail": row(
        {"pk": "session"},
        get=answers(OK, lead_other=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, funder=DENIED, vendor_user=DENIED),
    ),
    "training:session_update": row(
        {"pk": "session"}, get=only(TRAINER, LEAD), post=only(TRAINER, LEAD)
    ),
    "training:session_cancel": row(
        {"pk": "session"},
        get=only(TRAINER, LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(TRAINER, LEAD, ok=REDIRECT),
    ),
    "training:register": row(
        {"pk": "session"}, get=only(OWN, OTHER, LEAD), post=only(OWN, OTHER, LEAD)
    ),
    "training:attendance": row(
        {"pk": "session"},
        get=only(TRAINER, LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(TRAINER, LEAD, ok=REDIRECT),
    ),
    "training:attendee_export": row(
        {"pk": "session"},
        get=only(TRAINER, LEAD),
        post=only(TRAINER, LEAD, LEAD_B, ok=NOT_ALLOWED),
    ),
    # Cancelling asks first: GET shows the confirm page, a POST without its confirm
    # field shows it again.
    "training:registration_cancel": row(
        {"pk": "registration"},
        get=only(OWN, TRAINER, LEAD),
        post=only(OWN, TRAINER, LEAD),
    ),
    "training:certificate": row(
        {"pk": "registration"},
        get=answers(DENIED),
        post=answers(NOT_ALLOWED, funder=DENIED, vendor_user=DENIED),
    ),
    "training:course_list": row(
        get=answers(
            OK,
            practice_own=DENIED,
            practice_other=DENIED,
            funder=DENIED,
            vendor_user=DENIED,
        ),
        post=answers(
            NOT_ALLOWED,
            practice_own=DENIED,
            practice_other=DENIED,
            funder=DENIED,
            vendor_user=DENIED,
        ),
    ),
    "training:course_create": row(
        get=only(TRAINER, LEAD, LEAD_B), post=only(TRAINER, LEAD, LEAD_B)
    ),
    "training:course_update": row(
        {"pk": "course"}, get=only(TRAINER, LEAD), post=only(TRAINER, LEAD)
    ),
    "training:coverage": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "training:coverage_invite_all": row(
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, LEAD_B, ok=REDIRECT)
    ),
    "training:coverage_invite": row(
        {"pk": "practice"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
}
