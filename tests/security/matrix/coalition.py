"""The rows of the core's pages: start, progress and comparison, users and
invitations, audit, vendors, member organisations, agreements, grants, the office's
coalitions."""

from __future__ import annotations

from tests.security.matrix.base import (
    BAD,
    COMPARISON,
    DONE,
    FORBIDDEN,
    LEAD,
    LEAD_B,
    MISSING,
    NOT_ALLOWED,
    OFFICE,
    OK,
    PROGRESS,
    REDIRECT,
    Row,
    answers,
    only,
    row,
)

COALITION: dict[str, Row] = {
    "coalition:start": row(get=answers(OK), post=answers(NOT_ALLOWED)),
    "coalition:coalition_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "coalition:coalition_detail": row(
        {"slug": "coalition.slug"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
    ),
    "coalition:progress": PROGRESS,
    "coalition:progress_xlsx": PROGRESS,
    "coalition:progress_pdf": PROGRESS,
    "coalition:comparison": COMPARISON,
    "coalition:comparison_xlsx": COMPARISON,
    # An invitation of an existing account (practice_other, to become trainer of A):
    # GET shows every logged-in user what the link offers them (nothing, but to the
    # invited account); only the invited account accepts it.
    "coalition:invitation_accept": row(
        {"token": "invitation.token"},
        get=answers(OK),
        post=answers(BAD, practice_other=REDIRECT),
    ),
    "coalition:user_list": row(
        get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B, ok=NOT_ALLOWED)
    ),
    # The office invites vendors' people (issue 16).
    "coalition:invite": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE)
    ),
    "coalition:audit_log": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    # The background export of every coalition a user reads: started by who reads more
    # than one (in the world: the office); the export's pages are its requester's only.
    "coalition:progress_export_start": row(
        get=answers(
            FORBIDDEN,
            lead_own=NOT_ALLOWED,
            lead_other=NOT_ALLOWED,
            funder=NOT_ALLOWED,
            office=NOT_ALLOWED,
        ),
        post=only(OFFICE, ok=REDIRECT, other=FORBIDDEN),
    ),  # fmt: skip
    "coalition:progress_export": row(
        {"pk": "report_export"},
        get=only(OFFICE, other=MISSING),
        post=answers(NOT_ALLOWED),
    ),
    "coalition:progress_export_status": row(
        {"pk": "report_export"},
        get=only(OFFICE, other=MISSING),
        post=answers(NOT_ALLOWED),
    ),
    # still being made: no file yet, for its requester neither
    "coalition:progress_export_download": row(
        {"pk": "report_export"}, get=answers(MISSING), post=answers(NOT_ALLOWED)
    ),
    # --- issue 11.2 / 11.8: vendors, product versions, certifications ---
    "coalition:vendor_admin_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "coalition:vendor_create": row(
        get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B, ok=DONE)
    ),
    "coalition:vendor_admin_detail": row(
        {"pk": "vendor"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "coalition:vendor_update": row(
        {"pk": "vendor"}, get=only(LEAD, OFFICE), post=only(LEAD, OFFICE, ok=DONE)
    ),
    "coalition:vendor_contact_create": row(
        {"pk": "vendor"}, get=only(LEAD), post=only(LEAD, ok=DONE)
    ),
    "coalition:vendor_contact_update": row(
        {"pk": "vendor", "cpk": "vendor_contact"},
        get=only(LEAD),
        post=only(LEAD, ok=DONE),
    ),
    "coalition:product_version_create": row(
        {"pk": "vendor"}, get=only(LEAD, OFFICE), post=only(LEAD, OFFICE, ok=DONE)
    ),
    "coalition:product_version_update": row(
        {"pk": "vendor", "vpk": "product_version"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=DONE),
    ),
    "coalition:certification_propose": row(
        {"pk": "vendor"}, get=only(LEAD, OFFICE), post=only(LEAD, OFFICE, ok=DONE)
    ),
    "coalition:certification_list": row(
        get=only(OFFICE), post=only(OFFICE, ok=NOT_ALLOWED)
    ),
    "coalition:certification_confirm": row(
        {"pk": "certification"},
        get=only(OFFICE, ok=NOT_ALLOWED),
        post=only(OFFICE, ok=REDIRECT),
    ),
    "coalition:certification_withdraw": row(
        {"pk": "certification"}, get=only(OFFICE), post=only(OFFICE, ok=DONE)
    ),
    # --- issue 11.4: users of a coalition (member: practice_other, a user of A) ---
    "coalition:user_admin_detail": row(
        {"pk": "member"},
        get=only(LEAD),
        # A wrong method is answered before the lookup: 405 says nothing of the user.
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
    ),
    "coalition:membership_change": row(
        {"pk": "member", "mpk": "member_membership"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
    "coalition:user_deactivate": row(
        {"pk": "member"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    "coalition:user_reactivate": row(
        {"pk": "member"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    "coalition:user_resend_invitation": row(
        {"pk": "member"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    # Coalition administration (issue 11, parts 1 and 3): a lead's member
    # organisations, agreements and grants; another coalition's do not exist for them.
    "coalition:member_org_list": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:member_org_create": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, other=FORBIDDEN),
    ),
    "coalition:member_org_detail": row(
        {"pk": "member_organisation"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:member_org_edit": row(
        {"pk": "member_organisation"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    "coalition:member_org_end": row(
        {"pk": "member_organisation"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    "coalition:agreement_list": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:agreement_create": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, other=FORBIDDEN),
    ),
    "coalition:agreement_edit": row(
        {"pk": "agreement"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    "coalition:grant_list": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:grant_create": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, other=FORBIDDEN),
    ),
    "coalition:grant_edit": row(
        {"pk": "grant"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    # The programme office's coalitions (issue 11, part 8): the office only. An empty
    # POST of the founding form lacks its member formset's management form: 400.
    "coalition:office_coalition_list": row(
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:office_coalition_create": row(
        get=only(OFFICE, other=FORBIDDEN), post=only(OFFICE, ok=BAD, other=FORBIDDEN)
    ),
    "coalition:office_coalition_detail": row(
        {"slug": "coalition.slug"},
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, other=FORBIDDEN),
    ),
    "coalition:office_coalition_edit": row(
        {"slug": "coalition.slug"},
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, other=FORBIDDEN),
    ),
    # --- vendor16 (issue 16): the coalition lets vendors see practice names
    # (tests/practices/test_vendor_practice_names.py).
    "coalition:vendor_practice_names": row(
        {"pk": "coalition"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, OFFICE, ok=REDIRECT),
    ),
}
