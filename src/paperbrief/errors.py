"""One error base class with a subclass per stage.

Only these become one-line CLI errors; anything else is a bug and shows a traceback.

    PaperbriefError
    ├── SourceError      (file or URL)
    │   └── ArxivError   (url, attempt)
    ├── ExtractError     (file)
    ├── BriefError       (file, attempt)
    ├── StoreError       (path)
    └── ConfigError      (path)
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
