"""The rows of the practice registry, the go-live dashboard, the public practice
page and the proposals."""

from __future__ import annotations

from tests.security.matrix.base import (
    BAD,
    DENIED,
    FORBIDDEN,
    LEAD,
    LEAD_B,
    MISSING,
    NOT_ALLOWED,
    OFFICE,
    OK,
    OWN,
    REDIRECT,
    Row,
    answers,
    only,
    public,
    row,
)

PRACTICES: dict[str, Row] = {
    "practices:list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "practices:create": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)),
    "practices:bulk_step": row(
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, LEAD_B, ok=REDIRECT)
    ),
    "practices:import": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)),
    "practices:import_template": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "practices:dashboard": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    # An empty POST lacks the formset's management form: 400, nothing saved.
    "practices:deadlines": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B, ok=BAD)),
    # Like the go-live dashboard: another coalition's (?coalition=) does not exist.
    "practices:dashboard_export": row(
        get=answers(DENIED, lead_own=OK, lead_other=MISSING, office=OK),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        query="?coalition=coalitie-a",
    ),
    "practices:member_matrix": row(
        {"pk": "member_organisation"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
    ),
    "practices:vendor_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "practices:vendor_detail": row(
        {"pk": "vendor"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
    ),
    "practices:detail": row(
        {"pk": "practice"}, get=only(OWN, LEAD, OFFICE), post=answers(NOT_ALLOWED)
    ),
    "practices:edit": row(
        {"pk": "practice"}, get=only(OWN, LEAD), post=only(OWN, LEAD)
    ),
    "practices:rollout": row(
        {"pk": "practice"}, get=answers(NOT_ALLOWED), post=only(LEAD, ok=REDIRECT)
    ),
    # "Wat kan ik online bij mijn huisarts?" (issue 16): public, for a practice that
    # agreed to it (the world's own practice did; the other one did not: 404, tested
    # in tests/practices/test_public_page.py).
    "practices_public:finder": row(get=public(), post=public(NOT_ALLOWED)),
    "practices_public:page": row(
        {"slug": "practice.public_slug"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "practices_public:print": row(
        {"slug": "practice.public_slug"}, get=public(), post=public(NOT_ALLOWED)
    ),
    # Only the practice itself switches its page on or off (a POST without the
    # agreement only says so); the lead sees it, others do not see the practice.
    "practices:public_page_set": row(
        {"pk": "practice"},
        get=answers(NOT_ALLOWED),
        post=answers(
            MISSING, practice_own=REDIRECT, lead_own=FORBIDDEN, office=FORBIDDEN
        ),
    ),
    # Issue 11.13: the practice proposes, its lead decides.
    "practices:proposal_create": row(
        {"pk": "practice"},
        get=answers(MISSING, practice_own=OK, lead_own=FORBIDDEN, office=FORBIDDEN),
        post=answers(MISSING, practice_own=OK, lead_own=FORBIDDEN, office=FORBIDDEN),
    ),
    "practices:proposal_decide": row(
        {"pk": "proposal"},
        get=answers(NOT_ALLOWED),
        post=answers(
            MISSING, practice_own=FORBIDDEN, lead_own=REDIRECT, office=FORBIDDEN
        ),
    ),
}
