"""Writing the demo's rows that no service can write: validated like a form would.

The services stamp "now" (a snapshot taken, a registration made, a step changed) and
refuse what lies in the past (a registration for a session already held), so the
demo's history (a year of go-lives, visits, sessions and questionnaires) is written
here, with the model's full_clean() before every save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
    course_save); without one the row is cleaned and saved here."""
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    for name, value in (defaults or {}).items():
        setattr(obj, name, value)
    if save is not None:
        save(obj)
    else:
        obj.full_clean()
        obj.save()
    return obj, created


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
