"""The web process's memory: its heap after start-up taken out of the garbage
collector's sight, and each request run in a stack chunk of its own.

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

The stack: CPython keeps its frames in 16 KiB chunks and, before 3.13.13 and 3.14.4,
gave a chunk back to the system (munmap) the moment its last frame returned
(python/cpython#142183). A request that loops at a call depth on a chunk's edge, as the
template engine does for every cell of a table, took a fresh chunk (mmap and four page
faults) and gave it back again for each call: 2,858 pairs for one practice list at
national scale, and 43% of the machine's time spent in the kernel under `make load`.
`in_own_stack_chunk` runs the application inside one frame of 1 MiB, which CPython
places at the start of a 2 MiB chunk: the request's frames fit in the megabyte after
it, and the chunk is taken and given back once per request. The untouched part of the
frame costs address space, not memory, as long as no frame object is made for it: a
traceback through it or a walk of the whole stack (a profiler, `inspect.stack()`) that
outlives the call copies the frame, 1 MiB, once. Django answers a view's exception
inside the application, so that does not happen per request. A streamed response's
body is written after the call has returned and gains nothing.
"""

from __future__ import annotations

import gc
import types
from collections.abc import Callable, Iterable


def freeze_after_startup() -> None:
    """Import what the first request would (every view, through the URL patterns),
    collect what start-up left behind, and freeze the rest."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    gc.collect()
    gc.freeze()


# Frame slots of 8 bytes: with CPython's 1,000 slots of headroom a 2**17-slot frame
# needs more than 1 MiB, so it gets a chunk of 2 MiB, half of it free for the request.
_FRAME_SLOTS = 2**17


def _call(fn, args):
    return fn(*args)


# The same function with room for 2**17 values on its evaluation stack (it uses three).
_call_in_own_chunk = types.FunctionType(
    _call.__code__.replace(co_stacksize=_FRAME_SLOTS),
    _call.__globals__,
    "_call_in_own_chunk",
)


def call_in_own_stack_chunk[T](fn: Callable[..., T], *args) -> T:
    """fn(*args), run in a stack chunk of its own (`make bench` measures requests so)."""
    return _call_in_own_chunk(fn, args)


def in_own_stack_chunk(app: Callable) -> Callable[..., Iterable[bytes]]:
    """The WSGI application `app`, each call run in a stack chunk of its own."""

    def application(environ, start_response):
        return _call_in_own_chunk(app, (environ, start_response))

    return application
