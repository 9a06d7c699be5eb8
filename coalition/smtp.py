"""The SMTP mailer of the outbox: it tells the outbox the moment a message is handed
over to the mail server.

The point of no return of an SMTP delivery is the final "." of DATA: before it the
server discards what it got when the connection drops, after it the server may deliver
even when its "250" never arrives. `coalition.services.email_send` records that moment
(`EmailMessage.handed_over_at`) through `delivery()`, so a worker killed before it is
sent again after restart, and one killed after it is not sent twice.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.mail.backends.smtp import EmailBackend as DjangoSMTPBackend


@dataclass
class Delivery:
    """What one send reached: `on_handover` runs (and must succeed) before the final
    ".", `accepted` is set when the server answered it with 250."""

    on_handover: Callable[[], None] = field(default=lambda: None)
    handed_over: bool = False
    accepted: bool = False


_delivery: ContextVar[Delivery | None] = ContextVar("outbox_delivery", default=None)


@contextmanager
def delivery(on_handover: Callable[[], None]) -> Iterator[Delivery]:
    """Watch the sends inside the block (one message at a time)."""
    state = Delivery(on_handover=on_handover)
    token = _delivery.set(state)
    try:
        yield state
    finally:
        _delivery.reset(token)


class _HandoverMixin:
    def data(self, msg):
        state = _delivery.get()
        if state is None:
            return super().data(msg)
        # smtplib.SMTP.data, with the final "." sent on its own after on_handover.
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        quoted = smtplib._quote_periods(msg)
        if quoted[-2:] != smtplib.bCRLF:
            quoted += smtplib.bCRLF
        self.send(quoted)
        try:
            state.on_handover()
        except BaseException:
            # The message stays unterminated: drop the connection, the server discards
            # it (a QUIT now would only become part of the message).
            self.close()
            raise
        state.handed_over = True
        self.send(b"." + smtplib.bCRLF)
        code, reply = self.getreply()
        if code == 250:
            state.accepted = True
        return code, reply


class _SMTP(_HandoverMixin, smtplib.SMTP):
    pass


class _SMTP_SSL(_HandoverMixin, smtplib.SMTP_SSL):
    pass


class EmailBackend(DjangoSMTPBackend):
    """Django's SMTP mailer whose connection reports the handover (see module)."""

    @property
    def connection_class(self):
        return _SMTP_SSL if self.use_ssl else _SMTP
