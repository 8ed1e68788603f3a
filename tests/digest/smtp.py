"""A local SMTP server for the mail tests: aiosmtpd with STARTTLS (a trustme CA) and AUTH LOGIN/PLAIN."""
from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "digest", "s3cret-smtp"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Inbox:
    messages: list[EmailMessage] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        assert session.ssl is not None  # STARTTLS came first
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER \
            and auth_data.password.decode() == PASSWORD
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok)


@dataclass
class SMTPServer:
    port: int
    ca_file: Path
    inbox: Inbox
    controller: Controller

    def config(self, port: int | None = None) -> str:
        return (f'[mail]\nhost = "127.0.0.1"\nport = {port or self.port}\nuser = "{USER}"\nfrom = "digest@example.org"\n'
                f'to = ["reader@example.org"]\nca_file = "{self.ca_file}"\ntimeout = 5\n')


def start_smtp(folder: Path) -> SMTPServer:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=ctx, require_starttls=True,
                            authenticator=inbox.authenticate, auth_require_tls=True)
    controller.start()
    return SMTPServer(port, ca_file, inbox, controller)
