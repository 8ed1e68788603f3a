"""One error base class with a subclass per stage.

Only these become one-line CLI errors; anything else is a bug and shows a traceback.

    PaperbriefError
    ├── SourceError      (file or URL)
    │   └── ArxivError   (url, attempt)
    ├── ExtractError     (file)
    ├── BriefError       (file, attempt)
    ├── StoreError       (path)
    ├── ConfigError      (path)
    ├── DigestError      (path of the store)
    └── MailError        (SMTP server)
"""
from __future__ import annotations


class PaperbriefError(Exception):
    """Base class: ``str(err)`` is the one line shown to users."""


class SourceError(PaperbriefError):
    def __init__(self, file: str, reason: str) -> None:
        self.file, self.reason = file, reason
        super().__init__(f"{file}: {reason}")


class ArxivError(SourceError):
    def __init__(self, url: str, reason: str, attempt: int = 1) -> None:
        self.url, self.attempt = url, attempt
        super().__init__(url, reason)


class ExtractError(PaperbriefError):
    def __init__(self, file: str, reason: str) -> None:
        self.file, self.reason = file, reason
        super().__init__(f"{file}: {reason}")


class BriefError(PaperbriefError):
    def __init__(self, file: str, reason: str, attempt: int = 1) -> None:
        self.file, self.reason, self.attempt = file, reason, attempt
        super().__init__(f"{file}: {reason}")


class StoreError(PaperbriefError):
    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class ConfigError(PaperbriefError):
    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class DigestError(PaperbriefError):
    """A digest run that cannot go on (its lock is held, its store cannot be read); ``path``: the store."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class MailError(PaperbriefError):
    """An issue that could not be mailed; it stays in the store and can be sent again."""

    def __init__(self, server: str, reason: str) -> None:
        self.server, self.reason = server, reason
        super().__init__(f"{server}: {reason}")
