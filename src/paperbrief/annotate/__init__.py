"""Annotation: the facts about a paper that later stages read, worked out once per paper.

Between selection and the writers, each paper gets its ``Annotations``: its institutions
(normalised, with Chinese name, sector and region), its technique tags, the abstract's headline
figures and its target (the model kind and stage it is about). The writers and the renderers
read these fields; only this stage calls the tagger and the institution table, so a paper's
institutions are the same in its brief, its details and the overview's counts.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..models import Annotations, Institution, Paper
from .institutions import InstitutionTable, default_table, institution_names, table_text
from .subject import rules_text, target

__all__ = ["HEADLINE", "MAX_INSTITUTIONS", "annotate", "headlines", "version"]

VERSION = "2"  # bump when the code below changes what it finds; the data files are hashed in ``version``
MAX_INSTITUTIONS = 50  # per paper; a paper lists a handful, this only guards against a runaway extraction
HEADLINE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:x|×|%|倍)(?![A-Za-z])")  # brief_lang.py's headline number


def headlines(text: str) -> list[str]:
    """The headline figures of ``text`` as printed ("2.2×", "83.0%"), in order."""
    return [" ".join(m.group(0).split()) for m in HEADLINE.finditer(text or "")]


def annotate(paper: Paper, table: InstitutionTable | None = None) -> Annotations:
    """The paper's annotations (pure: the same paper gives the same annotations)."""
    from ..select.tags import tag

    table = table or default_table()
    title = " ".join((paper.title or "").split())
    abstract = " ".join((paper.abstract or "").split())
    names = institution_names(paper.affiliations, table, limit=MAX_INSTITUTIONS)
    kinds = [table.kind(n) for n in names]
    institutions = tuple(Institution(n, n in table.kinds, k.sector, k.region) for n, k in zip(names, kinds))
    return Annotations(
        institutions=institutions,
        tags=tuple(tag(paper)),
        headlines=tuple(headlines(paper.abstract)),
        target=target(title, abstract),
    )


@lru_cache(maxsize=1)
def version() -> str:
    """Identifies what ``annotate`` gives: its code version and the data it reads (part of the store key)."""
    from ..select.tags import taxonomy_text

    blob = "\n\0".join([VERSION, table_text(), taxonomy_text(), rules_text("targets"), rules_text("stages")])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
