"""The live server's application runs one request at a time over a shared in-memory
SQLite connection, bodies and close() included; with its own connections per thread
(PostgreSQL) it is left alone."""

from __future__ import annotations

import threading
import time

from tests.e2e.serial_live_server import (
    SharedSQLiteWSGIServer,
    _one_statement_at_a_time,
    _OneAtATime,
)


class Body:
    def __init__(self, log):
        self.log = log

    def __iter__(self):
        self.log.append("body")
        time.sleep(0.05)
        yield b"ok"

    def close(self):
        self.log.append("close")


def test_requests_run_one_after_the_other():
    log: list[str] = []

    def app(environ, start_response):
        log.append("start")
        return Body(log)

    serial = _OneAtATime(app)
    threads = [
        threading.Thread(target=lambda: serial({}, lambda *a: None)) for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert log == ["start", "body", "close"] * 3


class Connection:
    def __init__(self):
        self.execute_wrappers = []


def test_only_shared_connections_are_serialised():
    def app(environ, start_response):
        return [b""]

    for shared, wrapped in (({"default": Connection()}, True), ({}, False)):
        server = SharedSQLiteWSGIServer.__new__(SharedSQLiteWSGIServer)
        server.connections_override = shared
        server.set_app(app)
        server.set_app(app)
        assert isinstance(server.get_app(), _OneAtATime) is wrapped
        for connection in shared.values():
            # the test thread's statements take the same lock, once
            assert connection.execute_wrappers == [_one_statement_at_a_time]


def test_a_statement_waits_for_the_request_in_flight():
    log: list[str] = []
    started = threading.Event()

    def app(environ, start_response):
        started.set()
        # the request's own statement passes: the lock is re-entrant
        _one_statement_at_a_time(lambda *a: log.append("request query"), "", (), 0, {})
        time.sleep(0.1)
        log.append("request done")
        return [b""]

    server = threading.Thread(target=lambda: _OneAtATime(app)({}, lambda *a: None))
    server.start()
    started.wait()
    _one_statement_at_a_time(lambda *a: log.append("test query"), "", (), 0, {})
    server.join()
    assert log == ["request query", "request done", "test query"]
