"""The web process's heap after start-up, taken out of the garbage collector's sight.

A started process holds some 340,000 objects that live as long as it does (modules,
classes, URL patterns, settings). Each full collection walked all of them: 130-150 ms
on whichever request it fell, about once in a hundred requests, which is what a page's
p95 showed at national scale (issue 15; the vendor page's p95 was 282 ms beside a 65 ms
median). `gc.freeze()` moves them to a generation the collector never scans; what
requests create is collected as before. wsgi.py calls this once the application is
built; `make bench` calls it once at the same point, so it measures what the server
does.

The price: a frozen object that later becomes garbage inside a reference cycle is never
freed. That is fine for what start-up builds and keeps; nothing at runtime may replace
it wholesale (reloading settings, clearing the URL resolver's cache) in a loop.
"""

from __future__ import annotations

import gc


def freeze_after_startup() -> None:
    """Import what the first request would (every view, through the URL patterns),
    collect what start-up left behind, and freeze the rest."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    gc.collect()
    gc.freeze()
