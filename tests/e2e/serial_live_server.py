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
connection open without sending on it, and the other connections are still served. The
test's own queries on that connection (between browser steps, and the flush after a
journey) take the same lock, so they wait for a request in flight instead of cutting
into it.
"""

from __future__ import annotations

import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

# Re-entrant: a request's own queries pass the statement lock while it holds this one.
LOCK = threading.RLock()


def _one_statement_at_a_time(execute, sql, params, many, context):
    with LOCK:
        return execute(sql, params, many, context)


class _OneAtATime:
    """A WSGI application that runs the wrapped one under the lock, body and close()
    (which ends the request: request_finished, connections) included."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with LOCK:
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
            for connection in self.connections_override.values():
                if _one_statement_at_a_time not in connection.execute_wrappers:
                    connection.execute_wrappers.append(_one_statement_at_a_time)
        super().set_app(application)


def install() -> None:
    """Make pytest-django's live server (Django's LiveServerThread) use it."""
    LiveServerThread.server_class = SharedSQLiteWSGIServer
