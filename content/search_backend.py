"""Wagtail's database search backend, made to understand Dutch.

On PostgreSQL this is the stock full text backend with `SEARCH_CONFIG` ("dutch": Snowball
stemming and Dutch stop words). SQLite's FTS5 tokenizer knows no Dutch, so there every
word of a query is reduced to a light Dutch stem and matched as a prefix, with the
vowel-doubling variant Dutch spelling needs ("afspraken" finds "afspraak" and the
reverse). The index itself is Wagtail's own; nothing is stored differently.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w]+", re.UNICODE)
# Longest first: inflection and plural endings of Dutch nouns, verbs and adjectives.
_SUFFIXES = (
    "heden",
    "tjes",
    "etjes",
    "jes",
    "tje",
    "ende",
    "ene",
    "ens",
    "en",
    "es",
    "'s",
    "je",
    "s",
    "e",
)
_VOWELS = set("aeiouy")
MIN_STEM = 4


def dutch_stem(word: str) -> str:
    """A light stemmer: strip one inflection ending, keep at least MIN_STEM letters."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            stem = word[: -len(suffix)]
            if suffix == "heden":
                return stem + "heid"
            # "kamers" -> "kamer", "praktijken" -> "praktijk", "hebben" -> "hebb" -> "heb"
            if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                stem = stem[:-1]
            return stem
    return word


def variants(word: str) -> set[str]:
    """Stems a Dutch word may take in the index: "afspraken" -> afsprak, afspraak."""
    stem = dutch_stem(word)
    out = {stem}
    # open syllable: single vowel before the final consonant doubles in the singular
    if (
        len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-2] in "aeou"
        and stem[-3] not in _VOWELS
    ):
        out.add(stem[:-1] + stem[-2] + stem[-1])
    # and the other way round: "afspraak" -> "afsprak" (as in "afspraken")
    if len(stem) >= 4 and stem[-1] not in _VOWELS and stem[-2] == stem[-3] in "aeou":
        out.add(stem[:-2] + stem[-1])
    # z/v at the end of a stem are written s/f in the singular: "brieven" -> brief
    if stem[-1] in "zv":
        out.add(stem[:-1] + {"z": "s", "v": "f"}[stem[-1]])
    return out


def fts5_query(query_string: str, operator: str = "and") -> str | None:
    """The FTS5 MATCH expression for a user's words: each word any of its stems."""
    groups = []
    for word in _WORD.findall(query_string):
        if len(word) < 3:
            terms = [f'"{word.lower()}"']
        else:
            terms = [f'"{v}"*' for v in sorted(variants(word))]
        groups.append("(" + " OR ".join(terms) + ")")
    if not groups:
        return None
    joiner = " AND " if operator.lower() == "and" else " OR "
    return joiner.join(groups)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for
    """Pick the database backend as Wagtail does, with Dutch stems on SQLite FTS5."""
    from modelsearch.backends.database import SearchBackend as database_backend

    backend = database_backend(params)
    if backend.__class__.__name__ == "SQLiteSearchBackend":
        # imported here: its models exist only when the database is SQLite
        from content.search_sqlite import DutchSQLiteSearchBackend

        return DutchSQLiteSearchBackend(params)
    return backend
