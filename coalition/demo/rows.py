"""Writing the demo's rows that no service can write: validated like a form would.

The services stamp "now" (a snapshot taken, a registration made, a step changed) and
refuse what lies in the past (a registration for a session already held), so the
demo's history (a year of go-lives, visits, sessions and questionnaires) is written
here, with the model's full_clean() before every save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import models


def upsert(
    model: type[models.Model],
    *,
    defaults: dict | None = None,
    save: Callable[[models.Model], object] | None = None,
    **lookup,
):
    """update_or_create with full_clean() before the save: (object, created).

    `save` is the app's service that validates and saves such a row (practice_save,
    course_save); without one the row is cleaned and saved here. A row that already
    holds every value is left as it is: a second run of the demo writes nothing (no
    history rows, no new `updated` stamps) and takes one query per row."""
    defaults = defaults or {}
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    elif all(_holds(obj, name, value) for name, value in defaults.items()):
        return obj, False
    for name, value in defaults.items():
        setattr(obj, name, value)
    if save is not None:
        save(obj)
    else:
        obj.full_clean()
        obj.save()
    return obj, created


def _holds(obj: models.Model, name: str, value) -> bool:
    """Whether the saved row already has `value` for the field `name` (a foreign key is
    compared by its id, without loading the row it points to; a value as the field
    reads it, so "2.5" for a decimal is 2.5). Anything that is not a
    plain column (a property, a many-to-many, an unsaved related row) counts as a
    change."""
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if not field.concrete or field.many_to_many:
        return False
    if isinstance(value, models.Model):
        if value.pk is None:
            return False
        value = value.pk
    elif not field.is_relation and value is not None:
        value = field.to_python(value)  # "2.5" for a DecimalField is Decimal("2.5")
    return getattr(obj, field.attname) == value


def clean_all(objs: Iterable[models.Model], *, exclude=()) -> list[models.Model]:
    """full_clean() every row of a bulk_create, without the uniqueness checks (one
    query per row; the database's constraints still hold). `exclude` names foreign
    keys to rows made just before (one query per row to find what is in memory)."""
    objs = list(objs)
    for obj in objs:
        obj.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    return objs
