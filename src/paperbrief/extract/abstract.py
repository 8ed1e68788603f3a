"""The abstract's text, never a caption, a contribution list or the introduction. (Placeholder.)"""
from __future__ import annotations

import re

from .layout import Document


def find_abstract(doc: Document, pdf=None, header=None) -> tuple[str, list[str]]:
    lines = doc.pages[0].lines
    out: list[str] = []
    started = False
    for l in lines:
        t = l.text.strip()
        if not started:
            m = re.match(r"^abstract\s*[-—.:]?\s*(.*)$", t, re.I)
            if m:
                started = True
                if m.group(1):
                    out.append(m.group(1))
            continue
        if re.match(r"^(1\.?|I\.)?\s*Introduction", t, re.I):
            break
        out.append(t)
    return " ".join(out), []
