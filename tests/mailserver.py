"""A real SMTP server on a free localhost port (aiosmtpd), for tests that read what was sent."""

import email
import logging
import re
import socket
import threading
import time
from email import policy

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO: noise in test output.
logging.getLogger("mail.log").setLevel(logging.WARNING)

CODE_RE = re.compile(r"(?<!\d)\d{6}(?!\d)")


class ReceivedMail:
    def __init__(self, envelope):
        self.to = [addr.lower() for addr in envelope.rcpt_tos]
        self.message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.subject = str(self.message["subject"])
        self.text = self.message.get_body(preferencelist=("plain",)).get_content()
        html = self.message.get_body(preferencelist=("html",))
        self.html = html.get_content() if html is not None else ""

    def code(self) -> str:
        """The verification code: the only 6-digit number in the text body."""
        codes = set(CODE_RE.findall(self.text))
        assert len(codes) == 1, f"expected exactly one 6-digit number in the mail, found {codes}"
        return codes.pop()


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_DATA(self, smtp, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.server.lock:
            self.server.messages.append(ReceivedMail(envelope))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    # aiosmtpd's Controller cannot bind port 0 itself.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailServer:
    def __init__(self):
        self.host = "127.0.0.1"
        self.port = _free_port()
        self.messages: list[ReceivedMail] = []
        self.lock = threading.Lock()
        self.controller = None

    def start(self) -> None:
        self.controller = Controller(_Handler(self), hostname=self.host, port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def running(self) -> bool:
        return self.controller is not None

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def received(self, to: str | None = None) -> list[ReceivedMail]:
        with self.lock:
            return [m for m in self.messages if to is None or to.lower() in m.to]

    def wait_for(
        self, to: str | None = None, count: int = 1, timeout: float = 20, subject: str = ""
    ) -> list[ReceivedMail]:
        """Block until `count` messages (to `to`, with `subject` in the subject) arrived."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.received(to) if subject.lower() in m.subject.lower()]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [(m.to, m.subject) for m in self.received()]
                raise AssertionError(f"expected {count} mail(s) to {to} with {subject!r}; got {seen}")
            time.sleep(0.05)

    def latest_code(self, to: str, subject: str = "verification code", previous: int = 0, timeout: float = 20) -> str:
        """The code in the newest verification mail to `to`, waiting for mail number previous+1."""
        return self.wait_for(to=to, count=previous + 1, subject=subject, timeout=timeout)[-1].code()
