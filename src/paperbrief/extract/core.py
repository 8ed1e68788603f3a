"""Wires layout analysis to the header and abstract finders for one PDF."""
from __future__ import annotations

import difflib
import hashlib
import os
import re
from typing import TYPE_CHECKING

from ..errors import ExtractError
from ..models import Paper

if TYPE_CHECKING:
    from .layout import Page

# Bump when extraction output may change: the store keys cached results by it.
EXTRACTOR_VERSION = "0.3.1"
# A first page with less text than this, or without an abstract or introduction heading, may
# be a cover sheet: worth reading page 2 to compare titles.
COVER_CHARS = 1500
# A page with fewer characters of text than this has no text layer (a scan, an image, a blank).
TEXT_CHARS = 50
_PAPER_START = re.compile(r"^\s*(?:abstract|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t|(?:\d\.?|I\.?)?\s*introduction)\b",
                          re.IGNORECASE)


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract(path: str, label: str | None = None, sha256: str | None = None) -> Paper:
    """Extract one PDF's header metadata. ``label`` is what the user typed (default: path)."""
    from . import abstract as abstract_finder
    from . import header as header_finder
    from . import layout, markup

    label = label or path
    if not os.path.exists(path):
        raise ExtractError(label, "no such file")
    if os.path.getsize(path) == 0:
        raise ExtractError(label, "empty file (0 bytes)")
    with open(path, "rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise ExtractError(label, "not a PDF (no %PDF header)")
    try:
        doc = layout.open_document(path)
    except Exception as exc:  # MuPDF raises its own error types
        raise ExtractError(label, f"cannot open PDF: {exc}") from None
    with doc:
        if doc.needs_pass:
            raise ExtractError(label, "encrypted PDF (needs a password)")
        if doc.page_count == 0:
            raise ExtractError(label, "PDF has no readable pages (truncated or corrupt?)")
        try:
            laid = layout.read(doc, pages=1)
        except Exception as exc:
            raise ExtractError(label, f"cannot read page 1: {exc}") from None
        skipped: list[str] = []
        cover = None
        if _chars(laid.pages[0]) < TEXT_CHARS and doc.page_count > 1:
            # A blank or image-only first page (a title page that overflowed, a cover): the
            # header is then on page 2, which the finders treat as the first page read.
            second = layout.read_page(doc[1], 1)
            if _chars(second) >= TEXT_CHARS:
                laid.pages = [second]
                skipped.append("page 1 has no text; header read from page 2")
        if _chars(laid.pages[0]) < TEXT_CHARS:
            raise ExtractError(label, "no text layer on page 1 (scanned PDF?)")
        if (_chars(laid.pages[0]) < COVER_CHARS or not _starts_paper(laid.pages[0])) \
                and doc.page_count > laid.pages[0].number + 1:
            after = layout.read_page(doc[laid.pages[0].number + 1], laid.pages[0].number + 1)
            if is_cover(laid.pages[0], after):
                skipped.append(f"page {laid.pages[0].number + 1} is a cover page; "
                               f"header read from page {after.number + 1}")
                cover = layout.Document([laid.pages[0]], laid.metadata, laid.page_count)
                laid.pages = [after]
        plain, marked = markup.without_markup(laid)  # for the header only: the abstract is read as printed
        head = header_finder.find_header(plain, doc)
        if cover is not None:
            cover, marked_cover = markup.without_markup(cover)
            marked += marked_cover
            front = header_finder.find_header(cover, doc)
            if head.authors or not front.authors:
                head = header_finder.with_cover(head, front)
            else:  # a report's title page: page 2 repeats the title alone, the names are up front
                front.end_y = head.end_y
                head = front
        abstract, abstract_warnings = abstract_finder.find_abstract(laid, doc, head)
    if not head.title:
        raise ExtractError(label, "no title found on page 1")
    warnings = skipped + list(head.warnings) + list(abstract_warnings)
    warnings += markup.markup_warnings(head.title, head.authors, head.affiliations, marked)
    if not head.authors and not any(w.startswith("authors:") for w in warnings):
        warnings.append("authors: none found")
    if not abstract:
        warnings.append("abstract: none found")
    return Paper(
        file=label,
        sha256=sha256 or file_sha256(path),
        title=head.title,
        authors=list(head.authors),
        affiliations=list(head.affiliations),
        author_affiliations=[list(a) for a in head.author_affiliations],
        abstract=abstract,
        warnings=warnings,
        arxiv_id=head.arxiv_id,
    )


def is_cover(first: Page, second: Page) -> bool:
    """A cover sheet (USENIX proceedings, a report's title page that the paper repeats): the
    next page prints the same title in its own largest type."""
    from .title import find_title

    a = _words(find_title(first, first.text).text)
    b = _words(find_title(second, second.text).text)
    return len(a) >= 3 and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def _starts_paper(page: Page) -> bool:
    """An abstract or introduction heading: page 1 is the paper's own, not a cover sheet."""
    return any(_PAPER_START.match(l.text) for l in page.lines if l.horizontal)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _chars(page) -> int:
    return sum(len(l.text.strip()) for l in page.lines)
