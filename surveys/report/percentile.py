"""`percentile_cont` as a Django aggregate: PostgreSQL's own in the database, and on
SQLite an aggregate function registered on every connection that computes the same
linear interpolation, so both databases give the same quartiles from the same query."""

from __future__ import annotations

import math

from django.db.models import Aggregate, FloatField

SQLITE_NAME = "report_percentile_cont"


def lerp_percentile(values: list[float], fraction: float) -> float | None:
    """PostgreSQL's percentile_cont: sort, then interpolate linearly between the rows
    at floor and ceil of fraction · (n − 1) (float8_lerp: lo + (hi − lo) · t)."""
    if not values:
        return None
    values = sorted(values)
    position = fraction * (len(values) - 1)
    first = math.floor(position)
    second = math.ceil(position)
    lo = values[first]
    if first == second:
        return lo
    hi = values[second]
    return lo + (hi - lo) * (position - first)


class _SqlitePercentile:
    """The SQLite side: collects the non-null values of the group."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction) -> None:
        self.fraction = fraction
        if value is not None:
            self.values.append(float(value))

    def finalize(self) -> float | None:
        return lerp_percentile(self.values, self.fraction)


def register_sqlite(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: make the aggregate known to a SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_NAME, 2, _SqlitePercentile)


class PercentileCont(Aggregate):
    """The `fraction` percentile of `expression` over the group, nulls ignored."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    output_field = FloatField()
    allow_distinct = False

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError(fraction)
        self.fraction = float(fraction)
        super().__init__(expression, **extra)

    def _arg(self, compiler, connection):
        return compiler.compile(self.get_source_expressions()[0])

    def as_sql(self, compiler, connection, **extra_context):  # PostgreSQL
        sql, params = self._arg(compiler, connection)
        return (
            f"PERCENTILE_CONT({self.fraction!r}) WITHIN GROUP "
            f"(ORDER BY ({sql})::double precision)",
            params,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = self._arg(compiler, connection)
        return f"{SQLITE_NAME}({sql}, {self.fraction!r})", params
