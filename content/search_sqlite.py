"""The SQLite FTS5 side of content.search_backend (imported on SQLite only)."""

from __future__ import annotations

from django.db.models import Value
from modelsearch.backends.database.sqlite.query import (
    SearchQueryExpression,
    SearchQueryField,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText

from content.search_backend import fts5_query


class _RawMatch(Value):
    """An already-built FTS5 expression (made only of quoted word stems)."""

    _output_field = SearchQueryField()

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class DutchSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            match = fts5_query(query.query_string, query.operator)
            if match is None:
                return None
            return SearchQueryExpression(_RawMatch(match))
        return super().build_search_query_content(query, config=config)


class DutchSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = DutchSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
