"""Anonymising the report for the funder, and the frozen editions."""

from __future__ import annotations

from django.utils import timezone

from surveys.report.aggregate.figures import FUNDER
from surveys.report.suppression import small_label, suppressed_cells, total_suppressed

# --- anonymising ----------------------------------------------------------------------

HIDDEN = None


def _hide_counts(rows: list[dict], keys: tuple[str, ...], limit: int) -> None:
    """Per column: cells under the limit (and their complement) become '<limit'."""
    label = small_label(limit)
    for key in keys:
        hidden = suppressed_cells([r[key] for r in rows], limit=limit)
        for i in hidden:
            rows[i][key] = label
            rows[i].setdefault("hidden", []).append(key)


def anonymise(report: dict) -> dict:
    """What may leave the coalition: no practice rows or free text, small cells hidden."""
    limit = report["meta"]["min_cell"]
    label = small_label(limit)
    report["free_text"] = []
    report["practices"] = []
    total = report["response"]["total"]
    count_keys = ("active", "invited", "started", "submitted")
    for key in ("by_member", "by_vendor"):
        rows = report["response"][key]
        for k in count_keys:
            # one group, or groups adding up to a small total: the total gives the
            # hidden cell away, so it is hidden as well
            if k not in total.get("hidden", []) and total_suppressed(
                [r[k] for r in rows], limit=limit
            ):
                total[k] = label
                total.setdefault("hidden", []).append(k)
        _hide_counts(rows, count_keys, limit)
        for row in rows:
            if {"active", "submitted"} & set(row.get("hidden", [])):
                row["rate"] = HIDDEN
    if {"active", "submitted"} & set(total.get("hidden", [])):
        total["rate"] = HIDDEN
    for ind in report["indicators"]:
        if ind["n"] < limit:
            ind["suppressed"] = True
            for k in ("value", "median", "p25", "p75", "min", "max"):
                ind[k] = HIDDEN
    for series in report["trend"]:
        for point in series["points"]:
            if point["n"] < limit:
                for k in ("value", "change", "median", "p25", "p75", "min", "max"):
                    point[k] = HIDDEN
                point["suppressed"] = True
        for prev, point in zip(
            [None, *series["points"]], series["points"], strict=False
        ):
            if prev and prev.get("suppressed"):
                point["change"] = HIDDEN
    for b in report["breakdowns"]:
        groups = b["groups"]
        hidden = suppressed_cells([g["n"] for g in groups], limit=limit)
        codes = list(groups[0]["values"]) if groups else []
        for code in codes:
            by_code = suppressed_cells(
                [g["values"][code]["n"] for g in groups], limit=limit, force=hidden
            )
            for i in by_code:
                groups[i]["values"][code] = {
                    "value": HIDDEN,
                    "n": label,
                    "suppressed": True,
                }
        for i in hidden:
            groups[i]["n"] = label
            groups[i]["suppressed"] = True
    for c in report["coverage"]:
        for yes, answered, pct in (
            ("n_yes", "n_answered", "pct"),
            ("n_yes_portal", "n_answered_portal", "pct_portal"),
        ):
            if c[answered] < limit or c[yes] < limit:
                c[yes] = label
                c[pct] = HIDDEN
                c.setdefault("hidden", []).append(pct)
    return report


# --- frozen editions ------------------------------------------------------------------


def edition_report(edition, *, audience: str) -> dict:
    """The figures of a frozen edition as stored, for this audience."""
    import copy

    report = copy.deepcopy(edition.data)
    report["meta"]["audience"] = audience
    report["edition"] = {
        "id": edition.pk,
        "title": edition.title,
        "frozen_at": timezone.localtime(edition.frozen_at).date().isoformat(),
        "frozen_by": edition.frozen_by_name,
    }
    if audience == FUNDER:
        anonymise(report)
    return report


def with_changes(report: dict, edition, *, audience: str) -> dict:
    """Beside the live report: every indicator whose shown value differs from the last
    edition's (compared as shown, after rounding)."""
    from coalition.numbers import format_number

    before = edition_report(edition, audience=audience)
    old = {i["code"]: i for i in before["indicators"]}
    items = []
    for ind in report["indicators"]:
        was = old.get(ind["code"])
        if was is None:
            continue
        now_text = format_number(ind["value"], ind["decimals"])
        was_text = format_number(was["value"], ind["decimals"])
        if now_text != was_text or was["n"] != ind["n"]:
            items.append(
                {
                    "code": ind["code"],
                    "label": ind["label"],
                    "was": was["value"],
                    "was_n": was["n"],
                    "now": ind["value"],
                    "now_n": ind["n"],
                    "decimals": ind["decimals"],
                }
            )
    was_total = before["response"]["total"]["submitted"]
    report["changes_since"] = {
        **before["edition"],
        "items": items,
        "submitted_was": was_total,
    }
    return report
