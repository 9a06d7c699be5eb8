"""Spreadsheet safety shared by the apps' exports and imports."""

from __future__ import annotations

# Text starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Keep a spreadsheet from running text as a formula (CSV/formula injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unescape_formula(text: str) -> str:
    """Undo `escape_formula` when a file made by this platform is read back."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
