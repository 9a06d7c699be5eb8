"""A minimal SMTP server in a thread, for the outbox tests and the worker drill.

It records every message whose DATA ended with the final "." (what a real server may
deliver) and the recipients whose session ended before it. `hold(to, when)` makes the
next session to that recipient stop at one point until `release` is set:
"before-data" holds the answer to DATA (the client waits to send the message),
"after-dot" holds the 250 after the message arrived whole. `refuse` answers the final
"." with 554, `drop` closes the connection after it without an answer.
"""

from __future__ import annotations

import email
import socketserver
import threading
from dataclasses import dataclass, field


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


@dataclass
class SMTPSink:
    messages: list[bytes] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _plans: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: socketserver.ThreadingTCPServer | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def hold(self, to: str, when: str) -> None:
        assert when in {"before-data", "after-dot", "refuse", "drop"}, when
        self.held.clear()
        self.release.clear()
        self._plans[to] = when

    def to(self, address: str) -> list[email.message.Message]:
        parsed = [email.message_from_bytes(m) for m in self.messages]
        return [m for m in parsed if m["To"] == address]

    def start(self) -> SMTPSink:
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def say(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            def handle(self) -> None:
                self.pending = ""  # the recipient of a DATA not yet ended by "."
                try:
                    self.session()
                except OSError:
                    pass  # the client went away (killed)
                if self.pending:
                    with sink._lock:
                        sink.unfinished.append(self.pending)

            def session(self) -> None:
                self.say("220 sink ESMTP")
                rcpt = ""
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        self.say("250 sink")
                    elif verb == b"MAIL":
                        rcpt = ""
                        self.say("250 OK")
                    elif verb == b"RCPT":
                        rcpt = line.split(b":", 1)[1].strip().strip(b"<>").decode()
                        self.say("250 OK")
                    elif verb == b"DATA":
                        self.pending = rcpt
                        plan = sink._plans.pop(rcpt, "")
                        if plan == "before-data":
                            sink.held.set()
                            sink.release.wait(30)
                        self.say("354 go ahead")
                        if not self.data(rcpt, plan):
                            return
                    elif verb == b"QUIT":
                        self.say("221 bye")
                        return
                    else:  # RSET, NOOP
                        self.say("250 OK")

            def data(self, rcpt: str, plan: str) -> bool:
                lines = []
                while (line := self.rfile.readline()) != b".\r\n":
                    if not line:
                        return False
                    lines.append(line[1:] if line.startswith(b"..") else line)
                self.pending = ""
                if plan == "refuse":
                    self.say("554 refused")
                    return True
                with sink._lock:
                    sink.messages.append(b"".join(lines))
                if plan == "drop":
                    return False
                if plan == "after-dot":
                    sink.held.set()
                    sink.release.wait(30)
                self.say("250 OK queued")
                return True

        self._server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def mailer(self) -> dict:
        """A MAILERS entry that sends to this sink through the platform's backend."""
        return {
            "default": {
                "BACKEND": "coalition.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "127.0.0.1",
                    "port": self.port,
                    "use_tls": False,
                    "timeout": 5,
                },
            }
        }
