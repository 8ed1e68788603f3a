"""Institution names: the Chinese name when our table knows it, else the printed name.

Affiliations come as printed ("Department of Computer Science, Tsinghua University,
Beijing, China"), so lookup searches for known aliases *inside* the string and keeps the
longest one (the most specific unit: "University of Chinese Academy of Sciences" over
"Chinese Academy of Sciences"). All-capital aliases (MIT, THU) only match in capitals as
whole words, so "Smith" or "submitted" never reads as MIT.

A wrong Chinese name is worse than the printed English one, so two rules keep look-alikes
out: "X University" followed by "of ..." is another institution ("Nanjing University of
Finance and Economics", "Korea University of Technology and Education") unless a longer
alias names it, and a row whose Chinese name is ``-`` (AS_PRINTED) lists longer names that
hold an alias but are not that institution ("MIT World Peace University"): they stay as printed.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

__all__ = ["AS_PRINTED", "InstitutionKind", "InstitutionTable", "default_table", "institution_names", "main_name", "normalize",
           "table_text"]

# Printed abbreviations that should meet the spelled-out alias ("Univ." = "University").
_TOKEN_MAP = {
    "univ": "university", "inst": "institute", "dept": "department", "natl": "national",
    "intl": "international", "acad": "academy", "sci": "science", "technol": "technology",
    "laboratory": "lab", "laboratories": "lab", "labs": "lab",
}
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")


def normalize(text: str) -> str:
    """ASCII words separated by single spaces, case kept; same length in any case fold."""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    words = re.sub(r"[^A-Za-z0-9]+", " ", text).split()
    return " ".join(_TOKEN_MAP.get(w.lower(), w) for w in words)


def _alternation(aliases: list[str]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    alts = "|".join(re.escape(a) for a in sorted(set(aliases), key=lambda a: (-len(a), a)))
    return re.compile(rf"(?:{alts})(?= |$)")


SECTORS = ("academia", "industry")
AS_PRINTED = "-"  # Chinese-name column of a row whose aliases stay in their printed English


@dataclass(frozen=True)
class InstitutionKind:
    """What the table says about an institution besides its name; "" where it does not say."""

    sector: str = ""  # "academia" or "industry"
    region: str = ""  # country or region in Chinese: "中国大陆", "美国", "中国香港"


@dataclass(frozen=True)
class InstitutionTable:
    """Alias -> Chinese name, searched inside affiliation strings. Build with ``parse``."""

    names: dict[str, str]  # normalized alias (lower case, or as printed for acronyms) -> Chinese name or AS_PRINTED
    version: str  # hash of the table text
    _folded: re.Pattern[str] | None
    _exact: re.Pattern[str] | None
    kinds: dict[str, InstitutionKind] = field(default_factory=dict)  # Chinese name -> sector and region

    @classmethod
    def parse(cls, text: str) -> InstitutionTable:
        """Rows of ``Chinese name<TAB>alias | alias | ...[<TAB>sector<TAB>region]``; ``#`` starts a comment line."""
        names: dict[str, str] = {}
        kinds: dict[str, InstitutionKind] = {}
        folded: list[str] = []
        exact: list[str] = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            zh, aliases, sector, region = ([c.strip() for c in line.split("\t")] + ["", "", ""])[:4]
            if sector and sector not in SECTORS:
                raise ValueError(f"institutions table line {number}: sector {sector!r} is not one of {', '.join(SECTORS)}")
            if zh != AS_PRINTED:
                kinds[zh] = InstitutionKind(sector, region)
            for alias in aliases.split("|"):
                norm = normalize(alias)
                if not norm:
                    continue
                if any(c.islower() for c in norm):
                    norm = norm.lower()
                    folded.append(norm)
                else:
                    exact.append(norm)
                names[norm] = zh
        return cls(names, table_version(text), _alternation(folded), _alternation(exact), kinds)

    def kind(self, name: str) -> InstitutionKind:
        """Sector and region of a name ``institution_names`` gave; a name not in the table is guessed from its words."""
        return self.kinds.get(name) or InstitutionKind(guess_sector(name))

    def lookup(self, affiliation: str) -> str | None:
        """The Chinese name of the most specific known institution in ``affiliation``, if any.

        An alias inside a longer one is ignored ("Chinese Academy of Sciences" inside "University
        of Chinese Academy of Sciences"); of the rest the first printed wins, as affiliations
        name the unit before its parent ("DAMO Academy, Alibaba Group").
        """
        text = normalize(affiliation)
        low = text.lower()
        spans: list[tuple[int, int, str]] = []
        for i in [0] + [m.end() for m in re.finditer(" ", text)]:
            found = [m for pattern, hay in ((self._folded, low), (self._exact, text))
                     if pattern and (m := pattern.match(hay, i))]
            if found:
                m = max(found, key=lambda m: len(m.group()))
                if not _continues(m.group(), text, m.end()):
                    spans.append((i, m.end(), m.group()))
        outer = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
        name = self.names[outer[0][2]] if outer else None
        return None if name == AS_PRINTED else name


def _continues(alias: str, text: str, end: int) -> bool:
    """"Nanjing University" inside "Nanjing University of Finance": the printed name goes on, so it is another one."""
    return alias.lower().endswith("university") and text[end:end + 4].lower() == " of "


@lru_cache(maxsize=1)
def table_text() -> str:
    """The bundled table's text (data/institutions.tsv)."""
    return (files(__package__) / "data" / "institutions.tsv").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_table() -> InstitutionTable:
    """The bundled table, compiled once."""
    return InstitutionTable.parse(table_text())


def table_version(text: str) -> str:
    """Hash of a table's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


_UNIVERSITY = re.compile(
    r"universit|polytechn|politecnico|\bcollege\b|\becole\b|\bhochschule\b|\btechnion\b|"
    r"\binstitute of technology\b", re.I)
_ORG = re.compile(
    r"\b(?:institut\w*|academy|lab|labs|laborator\w*|research|cent(?:er|re)|inc|corp\w*|ltd|llc|gmbh|"
    r"company|co|group|ai|technolog\w*|foundation|hospital|organi[sz]ation)\b", re.I)
_UNIT = re.compile(
    r"^(?:dept\b|department|school\b|faculty|division|chair|college of|graduate school|program|"
    r"group in|team\b|(?:state |national )?key lab|section|unit\b)", re.I)
_PLACES = {
    "china", "usa", "us", "united states", "united states of america", "uk", "united kingdom", "canada",
    "germany", "france", "japan", "korea", "south korea", "republic of korea", "singapore", "india",
    "australia", "switzerland", "italy", "spain", "netherlands", "the netherlands", "belgium", "sweden",
    "israel", "hong kong", "hong kong sar", "taiwan", "pakistan", "austria", "denmark", "finland",
    "norway", "poland", "portugal", "ireland", "brazil", "russia", "turkey", "iran", "saudi arabia",
    "uae", "united arab emirates", "new zealand", "bangladesh", "vietnam", "greece", "czech republic",
    "hungary", "egypt", "mexico", "chile", "argentina", "nigeria", "south africa", "qatar", "macau",
    "beijing", "shanghai", "shenzhen", "hangzhou", "nanjing", "guangzhou", "wuhan", "hefei", "chengdu",
    "xian", "seattle", "boston", "cambridge", "pittsburgh", "berkeley", "stanford", "new york",
    "london", "paris", "munich", "zurich", "toronto", "montreal", "tokyo", "seoul", "sydney",
}
_LEAD = re.compile(r"^(?:and|&)\s+", re.I)
_GENERIC = {"technology", "information", "research", "engineering", "science", "sciences", "ai", "lab", "inc",
            "ltd", "co", "corporation", "computing", "computer science", "school", "department", "institute"}
_MARKS = re.compile(r"^[\s\d*†‡§¶#&,.;:()\[\]-]+|[\s*†‡§¶#,.;:-]+$")


def _segment_score(seg: str) -> int:
    plain = normalize(seg).lower()
    if not plain or plain in _PLACES or re.search(r"\d", seg) or "@" in seg:
        return 0
    if _UNIT.match(seg) or re.search(r"\bteam$", plain) or plain in _GENERIC:
        return 1
    if _UNIVERSITY.search(seg):
        return 4
    if _ORG.search(seg):
        return 3
    return 2  # a bare name or acronym such as "NUST" or "Inria"


def main_name(affiliation: str) -> str:
    """The institution part of a printed affiliation: the university or company, not the department."""
    segments = [_LEAD.sub("", _MARKS.sub("", s)) for s in re.split(r"\s*[,;/|]\s*|\s+[–—]\s+", affiliation)]
    segments = [s for s in segments if s]
    if not segments:
        return " ".join(affiliation.split())
    best = max(segments, key=_segment_score)  # max keeps the first of equals: printed order
    return _drop_unit(" ".join(best.split()))


_FIELD = {"science", "sciences", "engineering", "computer", "computing", "electrical", "electronic", "electronics",
          "mathematics", "physics", "informatics", "information", "and", "of", "&", "systems", "data"}


def _drop_unit(name: str) -> str:
    """"Dept. of ECE North South University Dhaka" -> "North South University Dhaka"."""
    m = re.search(r"\b(?:University|Universit\w+|Institute|College)\b", name)
    if not _UNIT.match(name) or not m:
        return name
    words = name[:m.start()].split()
    keep = 0
    for w in reversed(words):
        if w.lower() in _FIELD or w.isupper() or w.endswith(".") or not w[:1].isupper():
            break
        keep += 1
    return " ".join(words[len(words) - keep:] + [name[m.start():]]) if keep else name


_COMPANY = re.compile(r"\b(?:inc|corp|corporation|ltd|llc|gmbh|co|company|limited|plc|technologies)\b", re.I)


def guess_sector(name: str) -> str:
    """academia for a university by its name, industry for a company by its legal form, else ""."""
    if _UNIVERSITY.search(name):
        return "academia"
    return "industry" if _COMPANY.search(name) else ""


_SKIP = re.compile(r"^(?:independent(?: researcher)?|none|n/?a|unaffiliated)$", re.I)


def institution_names(affiliations: list[str], table: InstitutionTable | None = None, limit: int = 3) -> list[str]:
    """The first ``limit`` distinct institutions, in Chinese where the table knows them.

    Departments and bare fragments ("School of Computing", "Information") that extraction
    sometimes lists as affiliations of their own are left out when a real institution is there.
    """
    table = table or default_table()
    found: list[tuple[str, int]] = []
    for aff in affiliations:
        if not aff or not aff.strip():
            continue
        zh = table.lookup(aff)
        name = zh or main_name(aff)
        if _SKIP.match(name.strip()):
            continue
        key = normalize(name).lower() or name
        if all(not _same(key, normalize(n).lower() or n) for n, _ in found):
            found.append((name, 5 if zh else _segment_score(name)))
    floor = 3 if any(score >= 3 for _, score in found) else 0
    return [n for n, score in found if score >= floor][:limit]


def _same(a: str, b: str) -> bool:
    """One name is the other, or holds it as whole words ("ECE North South University" / "North South University")."""
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "
