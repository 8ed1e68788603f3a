"""Is this string a person's name, an institution, or neither? Plus accent repair and casing.

Pure string tests shared by the title, author and affiliation finders; they know nothing
about layout.
"""
from __future__ import annotations

import re
import unicodedata

from .text import normalize

# Spacing accents that TeX-made PDFs emit as separate characters ("Herv´e", "Franc¸ois").
_BEFORE = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303", "ˇ": "\u030c",
           "˚": "\u030a", "¯": "\u0304", "˙": "\u0307", "˝": "\u030b"}
_AFTER = {"¸": "\u0327", "˛": "\u0328"}

# Whole words that make a string an institution (compared lower-case, trailing dots dropped).
INSTITUTION_WORDS = {
    "university", "universität", "universitat", "université", "universite", "universidad", "università",
    "universiteit", "univ", "institute", "institut", "instituto", "istituto", "inst", "laboratory",
    "laboratories", "lab", "labs", "department", "dept", "college", "school", "faculty", "research",
    "center", "centre", "academy", "corporation", "corp", "inc", "ltd", "llc", "gmbh", "co", "company",
    "group", "foundation", "polytechnic", "politecnico", "hospital", "technologies", "ai", "deepmind", "google", "microsoft", "meta", "nvidia", "amazon", "apple", "ibm",
    "intel", "alibaba", "tencent", "baidu", "huawei", "bytedance", "samsung", "facebook", "openai",
    "adobe", "salesforce", "inria", "cnrs", "mit", "ethz", "epfl", "kaist", "csiro", "riken", "nasa",
    "division", "program", "project", "council", "agency", "ministry", "national", "graduate",
    "federal", "state", "sciences", "science", "engineering", "cloud", "independent", "researcher",
    "technology", "tech", "hugging", "eth", "polytechnique", "politécnica", "hochschule", "kaust", "mila",
    # words companies name their units with ("Orange Innovation", "Cadence Design Systems")
    "innovation", "innovations", "systems", "solutions", "semiconductor", "semiconductors", "electronics",
    # institution heads in other languages ("Centro de Computación Avanzada")
    "centro", "laboratorio", "laboratoire", "escuela", "escola", "facultad", "faculdade", "departamento",
    "dipartimento", "zentrum", "fakultät", "universidade", "instytut", "politechnika", "uniwersytet",
}
# Institution words that rarely start a standalone affiliation line ("StatNLP Research Group" +
# "Singapore University ..." is one affiliation).
SUBUNIT_WORDS = {"department", "dept", "school", "faculty", "group", "lab", "laboratory", "division",
                 "center", "centre", "program", "graduate"}
TOP_WORDS = {"university", "universität", "université", "universidad", "università", "universiteit",
             "college", "institute", "inc", "corporation", "ltd", "academy", "polytechnic"}
_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos",
              "das", "bin", "al", "el", "ter", "ten", "y", "zu"}
# Two-word places that look like names when printed alone under an institution.
PLACES = {
    "hong kong", "new york", "mountain view", "palo alto", "menlo park", "san francisco", "san jose",
    "san diego", "santa clara", "santa barbara", "santa cruz", "santa monica", "los angeles", "ann arbor",
    "college park", "chapel hill", "kuala lumpur", "tel aviv", "abu dhabi", "salt lake city", "las vegas",
    "new haven", "new jersey", "new delhi", "north carolina", "south carolina", "new mexico", "rhode island",
    "west virginia", "new hampshire", "south korea", "united states", "united kingdom", "saudi arabia",
    "new zealand", "south africa", "hong kong sar", "sunnyvale ca", "redwood city", "pok fu lam",
    "clear water bay", "shatin nt", "la jolla", "el paso", "buenos aires", "rio de janeiro", "sao paulo",
    "mexico city", "quebec city", "st louis", "st. louis", "baton rouge", "new brunswick", "west lafayette",
    "urbana champaign", "university park", "stony brook", "yorktown heights", "research triangle park",
}
_HONORIFICS = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|sir)\.?\s+", re.IGNORECASE)
_NOT_NAME_WORDS = {"abstract", "introduction", "equal", "contribution", "corresponding", "author",
                   "authors", "email", "e-mail", "keywords", "index", "terms", "preprint", "submitted",
                   "conference", "proceedings", "journal", "arxiv", "work", "done", "during", "figure",
                   "table", "code", "project", "page", "correspondence", "member", "fellow", "ieee",
                   "senior", "student", "published", "paper", "editor", "copyright", "the", "with",
                   "at", "for", "of", "in", "on", "is", "are", "was", "to", "we", "our", "this",
                   "abstract—", "usa", "china", "germany", "france", "canada", "japan", "korea",
                   "intern", "internship", "visiting", "affiliated", "also", "contact", "large",
                   "language", "models", "model", "learning", "neural", "efficient", "networks",
                   "network", "quantization", "sparse", "sparsity", "attention", "transformer", "transformers",
                   "inference", "training", "towards", "via", "using", "vision", "image", "video", "survey",
                   "compression", "pruning", "decoding", "generation", "scaling", "memory", "serving",
                   "benchmark", "dataset", "retrieval", "reasoning", "agents", "diffusion", "llms", "llm",
                   "information", "processing", "computing", "intelligence", "computational", "devices",
                   "multimedia", "artificial", "computer", "electrical", "electronic", "mathematics", "physics"}
_EMAIL = re.compile(r"\{[^{}]*\}\s*@\s*\S+|\S+@\S+")
_ORCID = re.compile(r"\[?\s*(?:https?://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]\s*\]?")
_IEEE = re.compile(r",?\s*(?:(?:Senior|Student|Life|Graduate Student)\s+)?(?:Member|Fellow),?\s+IEEE\b", re.IGNORECASE)


def compose_accents(text: str) -> str:
    """'Herv´e' -> 'Hervé', 'Franc¸ois' -> 'François'; then the shared normalisation (ligatures, spaces).

    Cedilla and ogonek follow their letter in TeX output, the other accents precede it.
    """
    if not any(c in _BEFORE or c in _AFTER for c in text):
        return normalize(text)
    # TeX kerns before an accent inside a word ("Zieli ´nska"): no word starts in lower case
    text = re.sub(f"(?<=[^\\W\\d_]) (?=[{''.join(_BEFORE)}][a-zı])", "", text)
    out: list[str] = []
    pending = ""
    for c in text:
        if c in _BEFORE:
            pending = _BEFORE[c]
            continue
        if c in _AFTER and out and out[-1].isalpha():
            out.append(_AFTER[c])
            continue
        if c == " " and pending:
            continue
        if pending and c == "ı":
            c = "i"  # TeX accents the dotless i: ´ı -> í
        out.append(c)
        if pending and c.isalpha():
            out.append(pending)
        pending = ""
    return normalize(unicodedata.normalize("NFC", "".join(out)))


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w’'.-]*", text)


def _key(word: str) -> str:
    return word.lower().strip(".,;:()’'")


def has_institution_word(text: str) -> bool:
    low = text.lower()
    for place in ("university park", "college park", "college station", "institute, pa"):
        low = low.replace(place, " ")  # towns named after their campus are addresses
    text = text if low == text.lower() else low
    toks = [_key(w) for w in re.split(r"[\s,;()/]+|-(?=[A-Z])", text) if w]
    return any(t in INSTITUTION_WORDS for t in toks)


def subunit_only(text: str) -> bool:
    toks = {_key(w) for w in text.split()}
    return bool(toks & SUBUNIT_WORDS) and not toks & TOP_WORDS


def clean_name(text: str) -> str:
    """Strip honorifics, IEEE grades, stray marks, digits and punctuation around a name."""
    t = compose_accents(text)
    t = _EMAIL.sub(" ", t)
    t = _ORCID.sub(" ", t)
    t = _IEEE.sub("", t)
    t = re.sub(r"^\s*\d+(?:st|nd|rd|th)\s+", "", t)  # IEEE conference "1st Given Surname"
    t = re.sub(r"\(.*?\)|[\"“”][^\"“”]{1,24}[\"“”]", " ", t)  # '(Jason)', '"Jason"': nicknames
    t = "".join(c for c in t if c.isalpha() or c in " .-’'‐")
    t = re.sub(r"\s+", " ", t).strip(" .-,’'")
    t = _HONORIFICS.sub("", t)
    t = re.sub(r"^(?:by|and)\s+", "", t)
    if t.endswith((" Jr", " Sr")):
        t += "."
    return t


def is_name(text: str) -> bool:
    """A person's name: 2-5 capitalised words (particles and initials allowed), nothing else."""
    t = text.strip()
    if not t or any(ch.isdigit() for ch in t) or "@" in t or len(t) > 60:
        return False
    toks = t.replace("‐", "-").split()
    if not 1 < len(toks) <= 6:
        # "R.X. Xu" splits fine; a lone word is not a name we can trust.
        return False
    if has_institution_word(t) or " ".join(_key(w) for w in toks) in PLACES:
        return False
    if any(_key(w) in _NOT_NAME_WORDS for w in toks):
        return False
    upper_all = t.upper() == t
    caps = 0
    for i, w in enumerate(toks):
        core = w.strip(".,’'-")
        if not core:
            return False
        if core.lower() in _PARTICLES and 0 < i < len(toks) - 1:
            continue
        if not core[0].isupper():
            if i == len(toks) - 1 and i > 0 and core.isalpha():
                continue  # "Jun xiao": a lower-case surname happens
            return False
        letters = [c for c in core if c.isalpha()]
        if not upper_all and len(letters) > 1 and all(c.isupper() for c in letters) and "." not in w \
                and not _caps_surname(toks, i):
            return False  # "UC Merced", "MIT CSAIL": acronyms are not name parts
        if not upper_all and sum(c.isupper() for c in letters[1:]) >= 2 and "-" not in w \
                and not _caps_surname(toks, i):
            return False  # "MiLM", "OpenAI": product and company names ("LeCun" has one)
        caps += 1
    return caps >= 2 or (caps >= 1 and len(toks) >= 2)


def _caps_surname(toks: list[str], i: int) -> bool:
    """'Peng LU', 'Jean-Pierre DUPONT': a surname in capitals after given names in normal case.

    Only the last word, with a vowel ("NLP" is an acronym), after words that are all plain
    capitalised words or initials."""
    word = toks[i].strip(".,’'-")
    if i == 0 or i != len(toks) - 1 or not set(unicodedata.normalize("NFKD", word)) & set("AEIOUY"):
        return False
    return all(_plain_word(t) or t.lower() in _PARTICLES for t in toks[:i])


def _plain_word(token: str) -> bool:
    """'Joaquín', 'Anne-Sophie', 'O’Neil', 'J.', 'J.-P.': a given name as normally printed."""
    parts = [p for p in re.split(r"[-‐]", token.rstrip(".")) if p]
    if not parts or not parts[0][:1].isupper():
        return False  # "Jae-won", "Anne-Sophie": later parts may be lower case
    return all((k > 0 or p[:1].isupper()) and (len(p) == 1 or p[1:].replace("’", "").replace("'", "").islower())
               for k, p in enumerate(parts))


def name_case(name: str) -> str:
    """'MICHAEL O’BOYLE' -> 'Michael O’Boyle', 'Peng LU' -> 'Peng Lu'; other mixed case stays as printed."""
    toks = name.split()
    if name.upper() != name:
        if len(toks) > 1 and toks[-1].isupper() and _caps_surname(toks, len(toks) - 1):
            return " ".join(toks[:-1] + [_cap(toks[-1])])  # "Peng LU" -> "Peng Lu"
        return name
    return " ".join(_cap(w) for w in toks)


def _cap(word: str) -> str:
    out, up = [], True
    for c in word.lower():
        out.append(c.upper() if up else c)
        up = not c.isalpha()
    return "".join(out)


def title_case(text: str) -> str:
    """Turn an all-capitals title into title case (small words lower-case)."""
    small = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "via", "with", "from"}
    out = []
    for i, w in enumerate(text.split()):
        lw = w.lower()
        out.append(lw if i and lw in small else _cap(w))
    return " ".join(out)
