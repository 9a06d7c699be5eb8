"""The rows of visits, actions, bottlenecks and the vendors' pages."""

from __future__ import annotations

from tests.security.matrix.base import (
    BAD,
    DENIED,
    FORBIDDEN,
    LEAD,
    LEAD_B,
    NOT_ALLOWED,
    OFFICE,
    OK,
    OTHER,
    OWN,
    REDIRECT,
    VENDOR,
    Row,
    answers,
    only,
    row,
)

VISITS: dict[str, Row] = {
    "visits:visit_list": row(
        get=answers(OK, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:visit_create": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)),
    "visits:yearly": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "visits:plan_bulk": row(
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, LEAD_B, ok=REDIRECT)
    ),
    "visits:calendar": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "visits:visit_detail": row(
        {"pk": "visit"},
        get=only(OWN, LEAD, OFFICE),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:visit_update": row({"pk": "visit"}, get=only(LEAD), post=only(LEAD)),
    "visits:visit_share": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:visit_reply": row(
        {"pk": "visit"}, get=only(OWN, OTHER, ok=NOT_ALLOWED), post=only(OWN, ok=BAD)
    ),
    "visits:visit_cancel": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:action_create": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:visit_bottleneck_create": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:action_list": row(
        get=answers(OK, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:action_complete": row(
        {"pk": "action"},
        get=answers(
            NOT_ALLOWED,
            trainer=DENIED,
            funder=DENIED,
            office=DENIED,
            vendor_user=DENIED,
        ),
        post=only(OWN, LEAD, ok=REDIRECT),
    ),
    "visits:bottleneck_list": row(
        get=answers(OK, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:bottleneck_create": row(
        get=answers(
            OK, trainer=DENIED, funder=DENIED, office=DENIED, vendor_user=DENIED
        ),
        post=answers(
            OK, trainer=DENIED, funder=DENIED, office=DENIED, vendor_user=DENIED
        ),
    ),
    "visits:bottleneck_inbox": row(
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "visits:bottleneck_overview": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "visits:bottleneck_detail": row(
        {"pk": "bottleneck"},
        get=only(OWN, LEAD, OFFICE),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:bottleneck_update": row(
        {"pk": "bottleneck"}, get=only(LEAD), post=only(LEAD)
    ),
    # The office passes on and resolves what was passed on to it (its inbox).
    "visits:bottleneck_pass_on": row(
        {"pk": "bottleneck"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
    "visits:bottleneck_resolve": row(
        {"pk": "bottleneck"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
    # Issue 16: a vendor's own pages; a bottleneck passed on to another vendor (or not
    # passed on) does not exist for it (tests/practices/test_vendor_answers.py).
    "visits:vendor_home": row(
        get=only(VENDOR, other=FORBIDDEN),
        post=only(VENDOR, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "visits:vendor_bottleneck": row(
        {"pk": "vendor_bottleneck"},
        get=only(VENDOR, other=FORBIDDEN),
        post=only(VENDOR, ok=BAD, other=FORBIDDEN),
    ),
    # vendor16 (issue 16): the coalition replies to the vendor in a bottleneck's
    # thread (tests/practices/test_vendor_replies.py).
    "visits:bottleneck_vendor_reply": row(
        {"pk": "vendor_bottleneck"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
}
