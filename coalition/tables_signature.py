"""django-tables2 looks up each render function's signature for every cell it draws.

`django_tables2.utils.call_with_appropriate` calls `inspect.signature` once per cell:
a 50-row page of 13 columns asks 650 times for the same dozen answers, a fifth of the
practice list's server time at national scale (issue 15). The answer depends only on
the function, so it is kept per function: per underlying function and whether it is
bound (a bound method's `self` is not an argument). Bounded, so functions made per
request (a lambda in a table's `__init__`) cannot grow it without end.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

_original: Callable | None = None


@functools.lru_cache(maxsize=2048)
def _signature_of(func, bound: bool) -> tuple[tuple[str, ...], str | None]:
    args, keywords = _original(func)  # type: ignore[misc]
    if bound and args:
        args = args[1:]  # the function's own `self`, which the bound method fills in
    return tuple(args), keywords


def cached_signature(fn) -> tuple[tuple[str, ...], str | None]:
    func = getattr(fn, "__func__", None)
    if func is None or getattr(fn, "__self__", None) is None:
        try:
            return _signature_of(fn, False)
        except TypeError:  # unhashable callable: ask each time, as before
            return _original(fn)  # type: ignore[misc]
    return _signature_of(func, True)


def install() -> None:
    """Replace django-tables2's lookup with the cached one (idempotent)."""
    global _original
    from django_tables2 import utils

    if utils.signature is cached_signature:
        return
    _original = utils.signature
    utils.signature = cached_signature
