"""The live server serves one request at a time when the tests' database is SQLite in
memory.

pytest-django hands that one connection to the live server, whose threads (one per
browser connection) then share it. Two requests at once - the questionnaire's autosave
firing for two answers a keyboard user set in quick succession, or Wagtail's editor
pinging while a journey ends - interleave their transactions on it: "cannot release
savepoint - SQL statements in progress", then every later query of that request fails
(CI, keyboard journey). With PostgreSQL each thread has its own connection and requests
stay concurrent.

Only the application call is serialised, not the connections: a browser may keep a
connection open without sending on it, and the other connections are still served.
"""

from __future__ import annotations

import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class _OneAtATime:
    """A WSGI application that runs the wrapped one under a lock, body and close()
    (which ends the request: request_finished, connections) included."""

    def __init__(self, application):
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            response = self.application(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        return [body]


class SharedSQLiteWSGIServer(ThreadedWSGIServer):
    def set_app(self, application):
        if self.connections_override:  # only in-memory SQLite connections are shared
            application = _OneAtATime(application)
        super().set_app(application)


def install() -> None:
    """Make pytest-django's live server (Django's LiveServerThread) use it."""
    LiveServerThread.server_class = SharedSQLiteWSGIServer
