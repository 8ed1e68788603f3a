"""arXiv identifiers: recognise them in user input, and name cache files after them.

Only strings that fully match one of arXiv's two ID schemes get through, so nothing a user
(or a feed) supplies can steer a cache file outside its folder.

- new style (since 2007): ``YYMM.NNNN`` (to 2014) or ``YYMM.NNNNN`` (since 2015), e.g. ``2501.03035v2``
- old style: ``archive[.SC]/YYMMNNN``, e.g. ``hep-th/9901001``; the subject class
  (``math.GT/0309136``) is not part of the identifier and is dropped
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_NEW = r"\d\d(?:0[1-9]|1[0-2])\.\d{4,5}"
_OLD = r"(?P<archive>[a-z]+(?:-[a-z]+)*)(?:\.[A-Z]{2})?/(?P<number>\d\d(?:0[1-9]|1[0-2])\d{3})"
_ID = re.compile(rf"(?:(?P<new>{_NEW})|{_OLD})(?P<version>v[1-9]\d*)?")
_URL_PATH = re.compile(r"/(?:abs|pdf)/(?P<id>.+?)(?:\.pdf)?/?")
_HOSTS = ("arxiv.org", "www.arxiv.org", "export.arxiv.org")


def _canonical(text: str) -> str | None:
    m = _ID.fullmatch(text)
    if m is None:
        return None
    if m["new"] and (len(m["new"]) == 10) != (m["new"][:4] >= "1501"):
        return None  # four digits after the dot until 2014, five since 2015
    base = m["new"] or f"{m['archive']}/{m['number']}"
    return base + (m["version"] or "")


def parse_id(text: str) -> str | None:
    """``2501.03035v2``, ``arXiv:hep-th/9901001``, an arxiv.org abs/pdf URL -> canonical ID.

    The version is kept when given. ``None`` when the text is not arXiv-like at all.
    """
    s = text.strip()
    if s[:6].lower() == "arxiv:":
        s = s[6:].strip()
    found = _canonical(s)
    if found is not None:
        return found
    if "://" not in s and s.lower().startswith(tuple(h + "/" for h in _HOSTS)):
        s = "https://" + s
    try:
        url = urlsplit(s)
        host = url.hostname
    except ValueError:
        return None
    if url.scheme not in ("http", "https") or host is None:
        return None
    if host != "arxiv.org" and not host.endswith(".arxiv.org"):
        return None
    m = _URL_PATH.fullmatch(url.path)
    return _canonical(m["id"]) if m else None


def feed_id(raw: str) -> str | None:
    """The ID in a feed's ``<id>`` (``http://arxiv.org/abs/2501.03035v2``, on any host: mirrors)."""
    _, sep, tail = raw.strip().partition("/abs/")
    return _canonical(tail) if sep else _canonical(raw.strip())


def base_id(arxiv_id: str) -> str:
    """The ID without its version: ``2501.03035v2`` -> ``2501.03035``."""
    m = _ID.fullmatch(arxiv_id)
    if m is None:
        raise ValueError(f"not an arXiv ID: {arxiv_id!r}")
    return m["new"] or f"{m['archive']}/{m['number']}"


def cache_name(arxiv_id: str) -> str:
    """File name for an ID's PDF: ``hep-th/9901001v1`` -> ``hep-th_9901001v1.pdf``.

    Raises ``ValueError`` for anything that is not a canonical ID.
    """
    if _canonical(arxiv_id) != arxiv_id:
        raise ValueError(f"not a canonical arXiv ID: {arxiv_id!r}")
    return arxiv_id.replace("/", "_") + ".pdf"
