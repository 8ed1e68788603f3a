"""E-mail delivery of an issue: an HTML part with a plain-text alternative, sent over SMTP.

Public: ``MailSettings``, ``mail_settings(table, env)``, ``compose(issue, trends, settings)``,
``send(message, settings, password)``. Settings come from ``[mail]`` in paperbrief.toml;
the password only from the environment (``password_env``, default
``PAPERBRIEF_SMTP_PASSWORD``), never from a file. With ``starttls`` (the default) the
connection is upgraded before any login, and a server that does not offer STARTTLS is an
error rather than a password sent in the clear. Python's own ``smtplib`` and ``email`` do
the work; a failure is one ``MailError`` and the issue stays in the store to be sent again.
"""
from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..digest.records import IssueRecord
from ..digest.trends import Trends
from ..errors import ConfigError, MailError

__all__ = ["MailSettings", "compose", "mail_settings", "send"]

PASSWORD_ENV = "PAPERBRIEF_SMTP_PASSWORD"


@dataclass(frozen=True)
class MailSettings:
    host: str
    sender: str
    to: tuple[str, ...]
    port: int = 587
    user: str | None = None
    starttls: bool = True
    password_env: str = PASSWORD_ENV
    ca_file: str | None = None  # extra CA bundle to trust (a private relay's); default: the system's
    timeout: float = 30.0
    site_url: str = field(default="")  # links in the mail point here when set


def mail_settings(table: Mapping[str, Any], origin: str = "paperbrief.toml") -> MailSettings:
    """``[mail]`` of paperbrief.toml; ConfigError naming the key when it is missing or of the wrong type."""
    def need(key: str, kind: type | tuple[type, ...]) -> Any:
        value = table.get(key)
        if value is None or not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise ConfigError(origin, f"[mail] {key} is missing or not a {getattr(kind, '__name__', kind)}")
        return value

    def opt(key: str, kind: type, default: Any) -> Any:
        return need(key, kind) if key in table else default

    to = table.get("to")
    if isinstance(to, str):
        to = [to]
    if not to or not isinstance(to, list) or not all(isinstance(t, str) and "@" in t for t in to):
        raise ConfigError(origin, "[mail] to must be an address or a list of addresses")
    return MailSettings(host=need("host", str), sender=need("from", str), to=tuple(to), port=opt("port", int, 587),
                        user=opt("user", str, None), starttls=opt("starttls", bool, True),
                        password_env=opt("password_env", str, PASSWORD_ENV), ca_file=opt("ca_file", str, None),
                        timeout=float(opt("timeout", (int, float), 30.0)), site_url=opt("site_url", str, ""))


def _env() -> Environment:
    return Environment(loader=PackageLoader("paperbrief.mail", "templates"), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True)


def _plain(issue: IssueRecord, trends: Trends, link: str) -> str:
    lines = [f"{issue.title} · 第{issue.number}期（{issue.since} – {issue.until}）", f"{trends.papers}篇论文"]
    if link:
        lines.append(f"网页版：{link}")
    if issue.summary:
        lines += ["", "本期综述：", issue.summary]
    lines += ["", "本期趋势（篇数、占比、较上期）："]
    lines += [f"- {t.name}：{t.count}篇，{t.share * 100:.0f}%，{t.vs_last or '—'}" for t in trends.tags]
    if trends.new_institutions:
        lines.append("首次出现的机构：" + "、".join(trends.new_institutions))
    return "\n".join(lines) + "\n\n" + issue.report_md


def compose(issue: IssueRecord, trends: Trends, settings: MailSettings) -> EmailMessage:
    """The message for one issue: plain text (the Markdown report under a trends summary) and HTML."""
    link = f"{settings.site_url.rstrip('/')}/issues/{issue.number}/index.html" if settings.site_url else ""
    msg = EmailMessage()
    msg["Subject"] = f"{issue.title} · 第{issue.number}期（{issue.since} – {issue.until}）"
    msg["From"] = settings.sender
    msg["To"] = ", ".join(settings.to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1] or None)
    msg.set_content(_plain(issue, trends, link), subtype="plain", charset="utf-8")
    html = _env().get_template("issue.html.j2").render(issue=issue, report=issue.report, t=trends, link=link)
    msg.add_alternative(html, subtype="html", charset="utf-8")
    return msg


def send(msg: EmailMessage, settings: MailSettings, password: str | None) -> None:
    """Deliver ``msg``; a ``MailError`` (server and reason, never the password) when it cannot."""
    where = f"{settings.host}:{settings.port}"
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            smtp.ehlo()
            if settings.starttls:
                if not smtp.has_extn("starttls"):
                    raise MailError(where, "the server does not offer STARTTLS; not sending the password in the clear")
                smtp.starttls(context=ssl.create_default_context(cafile=settings.ca_file))
                smtp.ehlo()
            if settings.user:
                if password is None:
                    raise MailError(where, f"no password: set {settings.password_env}")
                smtp.login(settings.user, password)
            refused = smtp.send_message(msg)
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(where, f"login refused ({exc.smtp_code})") from None
    except smtplib.SMTPException as exc:
        raise MailError(where, f"SMTP error: {exc}") from None
    except OSError as exc:  # ssl.SSLError and timeouts are OSErrors
        raise MailError(where, f"cannot connect: {exc}") from None
    if refused:
        raise MailError(where, f"recipients refused: {', '.join(sorted(refused))}")
