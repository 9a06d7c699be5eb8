"""Small cells stay inside the coalition, including the cell that would reveal one."""

from __future__ import annotations

import pytest

from surveys.report.aggregate import FUNDER, LEAD, build_report
from surveys.report.suppression import suppressed_cells
from tests.factories import MemberOrganisationFactory, PracticeFactory
from tests.surveys.factories import open_standard, submitted


def test_a_small_cell_and_its_complement():
    # total shown: 6 + 3 + 8 = 17; hiding only the 3 would leave 17 − 6 − 8 = 3
    assert suppressed_cells([6, 3, 8], limit=5) == {0, 1}


def test_two_small_cells_protect_each_other():
    assert suppressed_cells([2, 3, 8], limit=5) == {0, 1}


def test_nothing_hidden_above_the_limit():
    assert suppressed_cells([5, 9, 12], limit=5) == set()


def test_without_total_no_complement():
    assert suppressed_cells([6, 3, 8], limit=5, total_shown=False) == {1}


@pytest.fixture
def three_members(coalition):
    """Member 1: 6 practices, member 2: 3, member 3: 8 (all submitted)."""
    members = list(coalition.member_organisations.order_by("pk"))
    members.append(MemberOrganisationFactory(coalition=coalition, name="Derde"))
    q = open_standard(coalition, year=2025)
    for member, count in zip(members, (6, 3, 8), strict=True):
        for i in range(count):
            p = PracticeFactory(
                coalition=coalition, member_organisation=member, list_size=1000
            )
            submitted(q, p, {"list_size": 1000, "portal_registered": 100 + 10 * i})
    return q, members


def _member_rows(report):
    return {r["group"]: r for r in report["response"]["by_member"]}


def test_funder_report_hides_small_member_and_its_complement(three_members):
    q, members = three_members
    lead = build_report(q, audience=LEAD)
    assert [_member_rows(lead)[m.name]["submitted"] for m in members] == [6, 3, 8]
    funder = build_report(q, audience=FUNDER)
    rows = _member_rows(funder)
    assert rows[members[1].name]["submitted"] == "<5"
    assert rows[members[0].name]["submitted"] == "<5"  # the complementary cell
    assert rows[members[2].name]["submitted"] == 8
    assert rows[members[1].name]["rate"] is None
    assert funder["response"]["total"]["submitted"] == 17
    by_member = next(b for b in funder["breakdowns"] if b["dimension"] == "member")
    groups = {g["group"]: g for g in by_member["groups"]}
    assert groups[members[1].name]["n"] == "<5"
    assert groups[members[0].name]["n"] == "<5"
    assert groups[members[1].name]["values"]["registered_pct"]["value"] is None
    assert groups[members[2].name]["values"]["registered_pct"]["value"] is not None
    # 17 practices: the regional value stays
    reg = next(i for i in funder["indicators"] if i["code"] == "registered_pct")
    assert reg["n"] == 17 and reg["value"] is not None


def test_min_cell_is_a_setting(three_members, settings):
    settings.REPORT_MIN_CELL = 2
    q, members = three_members
    rows = _member_rows(build_report(q, audience=FUNDER))
    assert [rows[m.name]["submitted"] for m in members] == [6, 3, 8]


def test_hidden_cells_adding_up_to_a_small_cell_take_the_last_shown_one_with_them():
    # 1 + 2 + 12 = 15 shown: hiding 1 and 2 leaves 15 − 12 = 3, a small cell
    assert suppressed_cells([1, 2, 12], limit=5) == {0, 1, 2}
    # 2 + 3 = 5 is no small cell: the 8 may stay
    assert suppressed_cells([2, 3, 8], limit=5) == {0, 1}


def test_a_single_small_group_hides_the_total_too():
    from surveys.report.suppression import total_suppressed

    assert suppressed_cells([3], limit=5) == {0}
    assert total_suppressed([3], limit=5)
    assert total_suppressed([1, 2], limit=5)
    assert not total_suppressed([3, 4], limit=5)  # 7: each hidden, the total is safe
    assert not total_suppressed([6], limit=5)


@pytest.fixture
def one_member_three_practices(coalition):
    """A coalition whose responding practices all belong to one member organisation."""
    member = coalition.member_organisations.order_by("pk").first()
    q = open_standard(coalition, year=2025)
    for i in range(3):
        p = PracticeFactory(
            coalition=coalition, member_organisation=member, list_size=1000
        )
        submitted(q, p, {"list_size": 1000, "portal_registered": 100 * (i + 1)})
    return q, member


def test_single_group_does_not_leak_through_the_total(one_member_three_practices):
    q, member = one_member_three_practices
    lead = build_report(q, audience=LEAD)
    assert lead["response"]["total"]["submitted"] == 3
    funder = build_report(q, audience=FUNDER)
    total = funder["response"]["total"]
    row = _member_rows(funder)[member.name]
    assert row["submitted"] == "<5"
    # before the fix the total said 3: the member's hidden figure
    assert total["submitted"] == "<5" and total["active"] == "<5"
    assert total["rate"] is None
    by_member = next(b for b in funder["breakdowns"] if b["dimension"] == "member")
    (group,) = by_member["groups"]
    assert group["n"] == "<5"
    reg = next(i for i in funder["indicators"] if i["code"] == "registered_pct")
    assert reg["value"] is None  # the regional value (n = 3) is hidden as well


def test_only_shown_group_is_hidden_when_the_rest_add_up_small(coalition, settings):
    """Groups of 1, 2 and 6 practices (limit 5): the 6 alone shown would give 3 by
    subtraction from the regional n of 9."""
    members = list(coalition.member_organisations.order_by("pk"))
    members.append(MemberOrganisationFactory(coalition=coalition, name="Derde"))
    q = open_standard(coalition, year=2025)
    for member, count in zip(members, (1, 2, 6), strict=True):
        for _i in range(count):
            p = PracticeFactory(
                coalition=coalition, member_organisation=member, list_size=1000
            )
            submitted(q, p, {"list_size": 1000, "portal_registered": 100})
    funder = build_report(q, audience=FUNDER)
    by_member = next(b for b in funder["breakdowns"] if b["dimension"] == "member")
    assert [g["n"] for g in by_member["groups"]] == ["<5", "<5", "<5"]
    assert all(
        g["values"]["registered_pct"]["value"] is None for g in by_member["groups"]
    )
    rows = _member_rows(funder)
    assert [rows[m.name]["submitted"] for m in members] == ["<5", "<5", "<5"]
    assert funder["response"]["total"]["submitted"] == 9  # 9 is no small cell
