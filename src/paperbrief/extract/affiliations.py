"""Affiliation strings: cleaning, rejoining wrapped lines, and the first-page footnote forms.

Footnote forms handled: ICML's "1Dept ... 2Lab ...; Correspondence to: ..." keyed list and
IEEE/report sentences "E. Chang is with the University of ..., He is currently with ...".
"""
from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from .layout import Line
from .marks import items
from .names import SUBUNIT_WORDS, TOP_WORDS, compose_accents, has_institution_word, subunit_only

_EMAIL = re.compile(r"[{\[(][^{}\[\]()]*[}\])]\s*@\s*[\w.-]+|<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?|\b[\w.+-]+@\S+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_NOTE = re.compile(
    r"\b(?:correspondence(?: to)?|corresponding(?:\s+(?:authors?|to))?\b|equal contribution|contributed equally|"
    r"equal advising|work (?:was )?done|project lead|code(?: is)? (?:available )?at|e-?mail|"
    r"this work was|preprint|listed in|indicates equal|joint first|"
    r"first two authors|authors? contributed)\b.*", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:©|\(c\)\s*(?=\d{4})|\bcopyright\b)", re.IGNORECASE)
# A proceedings banner (USENIX covers, arXiv copies of proceedings papers): never an institution.
BANNER = re.compile(r"\b(?:this paper is included in|(?:is )?included in the proceedings|open access to the proceedings|"
                    r"is sponsored by|ISBN(?:[\s:-]|$))", re.IGNORECASE)
_NOW_AT = re.compile(r"^(?:(?:also|now|currently|presently)\s+)+(?:at|with|affiliated with)\s+(?:the\s+)?",
                     re.IGNORECASE)
_CONNECT = re.compile(r"(?:,|\bof|\band|\bfor|\bthe|&|-|\bat|\bin|\bde)$", re.IGNORECASE)
_ADDRESS_WORD = re.compile(r"\b(?:\d{3,}|USA|U\.S\.A|UK|China|Japan|Germany|France|Canada|Italy|Spain|"
                           r"Switzerland|Singapore|Korea|Australia|India|Israel|Belgium|Netherlands|"
                           r"Sweden|Austria|Denmark|Finland|Norway|Hong Kong|Taiwan|Pakistan|Brazil|Kingdom|"
                           r"States|Ireland|Portugal|Greece|Poland|Russia|Turkey|Iran|Egypt|Vietnam|Thailand|"
                           r"Malaysia|Indonesia|Mexico|Chile|Argentina|Zealand|Luxembourg|Hungary|Romania|Qatar|"
                           r"UAE|Arabia|Emirates|Ukraine|Czechia|Republic|Macau|SAR)\b")


def clean(text: str) -> str:
    """Drop emails, URLs and note text; trim punctuation and a leading 'the' of a sentence."""
    t = compose_accents(text)
    if BANNER.search(t):
        return ""
    t = _COPYRIGHT.split(t, maxsplit=1)[0]  # "© Operational Research Society of India 2020" owns the paper's rights
    t = re.sub(r"\(\s*e-?\s*mails?\s*:?[^)]*\)", " ", t, flags=re.IGNORECASE)  # "(e- mail: a@b.c)"
    t = _EMAIL.sub(" ", t)
    t = _URL.sub(" ", t)
    note = _NOTE.search(t)
    if note:  # "These authors contributed equally" is a note; "MIT. Correspondence to ..." keeps MIT
        head = t[: note.start()]
        t = head if has_institution_word(head) else ""
    t = re.sub(r"\(\s*[,;:]?\s*\)|\(\s*$", "", t)  # what an email left of "(e-mail: ...)"
    t = re.sub(r"\s+", " ", t).strip(" ,;.:-–—∗*†‡")
    t = _NOW_AT.sub("", t)
    t = re.sub(r"\s+,", ",", t)
    t = re.sub(r",\s*(?:and)?$", "", t).strip()
    return t


_ABBREV = {"univ", "dept", "inst", "inc", "co", "corp", "ltd", "st", "dr", "prof", "tech", "lab", "natl",
           "sci", "eng", "u.s", "e.g", "i.e", "jr", "sr", "mt", "ave", "rd", "no"}


def first_sentence(text: str) -> str:
    """Cut at the first full stop that ends a sentence ('University. Correspondence to: ...')."""
    for m in re.finditer(r"\.\s+(?=[A-Z])", text):
        word = re.findall(r"([\w.]+)$", text[: m.start()])
        if word and (word[0].lower() in _ABBREV or len(word[0]) == 1):
            continue
        return text[: m.start()]
    return text


def looks_institution(text: str) -> bool:
    return has_institution_word(text)


def looks_affiliation(text: str) -> bool:
    """An institution, or a capitalised name followed by its address ('Orange Innovation,
    Cesson-Sévigné, France'): a company without an institution word still prints a country."""
    if looks_institution(text):
        return True
    parts = [p.strip() for p in text.split(",")]
    return len(parts) >= 2 and parts[0][:1].isupper() and len(parts[0].split()) <= 6 \
        and bool(_ADDRESS_WORD.search(parts[-1]))


# A word written the way companies and labs spell themselves: capitals past the first letter
# ("iFLYTEK", "MBZUAI", "ByteDance", "xAI"), never a lower-case word or a plain capitalised one.
_BRAND_WORD = re.compile(r"^(?:[a-z]{0,2}[A-Z]{2,}[\w&'’.-]*|[A-Z][a-z]+[A-Z][\w'’-]*|[a-z]+[A-Z][\w'’-]*)$")


def brand(text: str) -> bool:
    """A short organisation name with no institution word ('iFLYTEK', 'MBZUAI', 'ByteDance Seed'):
    one to four capitalised words, the first spelt like a brand and not an address."""
    words = [w.strip(".,;:()") for w in text.split()]
    if not 1 <= len(words) <= 4 or any(not w or not (w[:1].isupper() or _BRAND_WORD.match(w)) for w in words):
        return False
    # the first word carries the brand: "Ewa ZIELIŃSKA" or "Ana RUIZ" is a person with a surname in capitals
    return bool(_BRAND_WORD.match(words[0])) and not _ADDRESS_WORD.fullmatch(words[0]) \
        and not _ADDRESS_WORD.fullmatch(text.strip(" .,"))


def split_joined(text: str, known: set[str] = frozenset()) -> list[str]:
    """An entry naming several institutions, as printed for an author with several marks or
    lines: 'A; B', 'A & B', 'The University of Melbourne, MBZUAI' -> ['A', 'B'].

    Two kinds of evidence part an entry. A part listed on its own elsewhere (``known``,
    normalised text), when every other part is an institution and not an address or a
    sub-unit ('Department of CS, University of X' stays whole). Or, at ';' and '&', parts
    that each name a whole institution: a university-level head or a brand alone
    ('Key Lab of HCST (PKU), MOE; SCS, Peking University' is one ACM affiliation, 'Computer
    Science & Engineering' one department). Else [text].
    """
    def whole(part: str) -> bool:
        return brand(part) or len(part.split()) >= 2 and looks_institution(part) and not _CONNECT_START.match(part) \
            and not _ADDRESS_WORD.search(part)

    def strong(part: str) -> bool:
        return brand(part) or _top(part.split(",")[0]) and not name_tail(part)

    for sep, listed in ((r"\s*;\s*", True), (r"\s+&\s+", True), (r",\s*", False), (r",?\s+and\s+", False)):
        parts = [p.strip(" ,") for p in re.split(sep, text)]
        if len(parts) < 2 or not all(parts):
            continue
        if any(_key(p) in known for p in parts) and all(_key(p) in known or whole(p) for p in parts):
            return parts
        if listed and all(strong(p) for p in parts):
            return parts
    return [text]


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def ends_address(text: str) -> bool:
    """'Porto Alegre, Brazil': a city (which may read like a name) and a country after a comma."""
    parts = [p.strip(" .") for p in text.split(",")]
    if len(parts) < 2 or len(parts[-1].split()) > 3:
        return False
    return any(m.end() == len(parts[-1]) and not m.group().isdigit() for m in _ADDRESS_WORD.finditer(parts[-1]))


def join_stack(texts: list[str], wraps: list[bool] | None = None) -> list[str]:
    """Split the lines printed under one name (or one affiliation block) into affiliations.

    A line continues the previous one when that one ends in a comma or connector, when it
    opens with '(' or a lower-case word, when it has no institution word of its own
    ('Mountain View', 'Fédérale de Lausanne (EPFL),'), or when the previous line is only a
    sub-unit ('StatNLP Research Group') and this one a university. A line without an
    institution word still starts a new affiliation when the next line completes it
    ('Nanyang Technological' / 'University'). ``wraps[i]`` says the break before line i could be
    an automatic wrap (the next word would not have fitted); then a line that does not end an
    institution or an address ('..., HES-SO' / 'University of Applied Sciences') is continued.
    """
    out: list[str] = []
    for i, raw in enumerate(texts):
        t = raw.strip()
        if not t:
            continue
        if not out:
            out.append(t)
            continue
        prev = out[-1]
        nxt = texts[i + 1].strip() if i + 1 < len(texts) else ""
        if re.search(r"\s+and$", prev) and _ADDRESS_WORD.search(prev.split()[-2] if len(prev.split()) > 1 else ""):
            out[-1] = prev[: prev.rfind(" and")]  # "..., United Kingdom and" / "Perimeter Institute ..."
            out.append(t)
        elif re.search(r"\s+and$", prev) and has_institution_word(prev[: prev.rfind(" and")]) \
                and (_top(re.split(r",", t, maxsplit=1)[0]) or _CONNECT_START.match(t) or _HEAD.match(t)):
            out[-1] = prev[: prev.rfind(" and")]  # revtex: "NVIDIA and" / "Tsinghua University"
            out.append(t)
        elif _HEAD_ALONE.match(t) and not prev.endswith(","):
            out[-1] = prev + " " + t  # "Shenzhen Technology" / "University, Shenzhen": a head word alone ends the name
        elif _CONNECT.search(prev) or t[:1].islower() or t[:1] in "([" or not _institution(prev):
            out[-1] = prev + " " + t
        elif open_name(prev) and name_tail(t):
            out[-1] = prev + " " + t  # "Indian Institute of Engineering" / "Science and Technology, Shibpur"
        elif _HEAD.match(t) and "," in prev and _bare_name(prev.rsplit(",", 1)[-1]) and (not wraps or wraps[i]):
            out[-1] = prev + " " + t  # "Department of ..., Texas Tech" / "University": one name wrapped
        elif subunit_only(t) and _top(prev.split()[-1]) and not has_institution_word(nxt) \
                and wraps and wraps[i]:
            out[-1] = prev + " " + t  # "..., Texas Tech University" / "Health Sciences Center": a wrap
        elif _unit_only(prev) and has_institution_word(t) and not _CONNECT_START.match(t):
            # "State Key Laboratory of Advanced" / "Optical Communication ...": one name, no comma
            out[-1] = prev + (" " if _of_phrase_open(prev, t) else ", ") + t
        elif brand(t) and len(t.split()[0]) >= 4 and _top(prev) and not _unit_only(prev):
            out.append(t)  # "The University of Melbourne" / "MBZUAI": a second institution, by name
        elif not _institution(re.sub(r"\(.*?\)", " ", t)):
            if nxt and _HEAD.match(nxt) and not _ADDRESS_WORD.search(t):
                out.append(t)  # 'Nanyang Technological' + 'University' on the next line
            else:
                # 'Google Inc.' / 'Mountain View' is a list; 'École Polytechnique' / 'Fédérale de ...,' a wrap
                out[-1] = prev + (" " if t.endswith(",") else ", ") + t
        elif wraps and wraps[i] and not _ends_unit(texts[i - 1]):
            out[-1] = prev + " " + t
        else:
            out.append(t)
    return [c for c in (clean(o) for o in out) if c]


_LINKS = {"and", "&", "of", "for", "the", "in", "on"}
_PLURAL_UNITS = {"departments", "schools", "laboratories", "labs", "centers", "centres", "faculties", "divisions",
                 "groups", "programs"}
_HEADS = TOP_WORDS | SUBUNIT_WORDS | _PLURAL_UNITS | {"institutes", "universities", "colleges"}


@cache
def tail_words() -> frozenset[str]:
    """The field and modifier words of ``name_tail_words.txt``."""
    text = (files(__package__) / "name_tail_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _words(text: str) -> list[str]:
    return [w.lower().strip(".,;:()’'") for w in text.split() if w.strip(".,;:()’'")]


def _institution(text: str) -> bool:
    """An institution word, plurals of units included ('Departments of ...')."""
    return has_institution_word(text) or bool(set(_words(text)) & _PLURAL_UNITS)


def fragment(text: str) -> bool:
    """A piece of a name cut at a line or page end ('Departments of'): never an affiliation alone."""
    words = _words(text)
    return not words or words[-1] in _LINKS | {"at", "de", "der", "di", "du"}


def _unit_only(text: str) -> bool:
    """A sub-unit without its institution ('Departments of Electrical and Computer Engineering')."""
    words = set(_words(text))
    return subunit_only(text) or (bool(words & _PLURAL_UNITS) and not words & TOP_WORDS)


def open_name(line: str) -> bool:
    """Does the line stop inside a name's 'of' phrase ('National Institute of Advanced Industrial')?

    Its last part names a head (Institute, School ...) followed by 'of'/'for' and a field word,
    and it ends in neither a head nor an address."""
    words = _words(line.rsplit(",", 1)[-1])
    heads = [i for i, w in enumerate(words) if w in _HEADS]
    if not heads or not words or words[-1] in _HEADS or _ADDRESS_WORD.search(line.split()[-1]):
        return False
    after = words[heads[0] + 1:]
    return any(w in ("of", "for") for w in after) and words[-1] in tail_words()


def _of_phrase_open(prev: str, line: str) -> bool:
    """Does ``prev`` stop inside a unit's 'of' phrase that ``line`` finishes? Its last part is
    '<head> of|for ...' ending in no head or address, and the line's first part (before a
    comma) names no head of its own ('Optical Communication Systems and Networks')."""
    words = _words(prev.rsplit(",", 1)[-1])
    heads = [i for i, w in enumerate(words) if w in _HEADS]
    if not heads or words[-1] in _HEADS or words[-1] in _LINKS or _ADDRESS_WORD.search(prev.split()[-1]):
        return False
    first = _words(line.split(",", 1)[0])
    return any(w in ("of", "for") for w in words[heads[0] + 1:]) and bool(first) \
        and not set(first) & _HEADS and not _ADDRESS_WORD.search(line.split(",", 1)[0])


def name_tail(line: str) -> bool:
    """Is the line's first part only field words ('Science and Technology, Shibpur', 'Systems')?

    Such a part cannot stand alone as an institution: it finishes the name above it."""
    head = line.split(",", 1)[0]
    words = _words(head)
    return bool(words) and head.strip()[:1].isupper() and words[0] in tail_words() \
        and all(w in tail_words() or w in _LINKS for w in words)


def split_double(text: str) -> list[str]:
    """'Nanjing University of Science and Technology, and Institute of Automation, CAS' -> two.

    An author with two affiliations gets them joined by 'and'. Cut at an 'and' only where
    both sides name a whole institution (a university, institute, college ...): the words up
    to the next comma after it must hold one, so 'Science and Technology' or 'Natural and
    Artificial Intelligence' stay whole. An address ending in a country also ends the first
    one ('Orange Innovation, Rennes, France, and Inria, ...').
    """
    out: list[str] = []
    rest = text
    while True:
        for m in re.finditer(r",?\s+and\s+(?=[A-Z])", rest):
            left, right = rest[: m.start()], rest[m.end():]
            segment = re.split(r",|\s+and\s+", right, maxsplit=1)[0]
            ends_address = bool(_ADDRESS_WORD.search(left.rsplit(",", 1)[-1])) and "," in left
            # "NVIDIA, and Tsinghua University": a comma before 'and', a whole institution each side
            listed = m.group().startswith(",") and looks_institution(left.rsplit(",", 1)[-1]) \
                and looks_institution(segment) and not _CONNECT_START.match(segment) and not name_tail(segment)
            if (_top(segment) and _top(left)) or (ends_address and looks_affiliation(right)) or listed:
                out.append(clean(left))
                rest = right
                break
        else:
            out.append(clean(rest))
            return [o for o in out if o]


def _bare_name(part: str) -> bool:
    """A capitalised part with neither a unit word nor an address ('Texas Tech'): an institution's
    name waiting for its head word on the next line."""
    toks = {w.lower().strip(".,;:()") for w in part.split()}
    return bool(toks) and part.strip()[:1].isupper() and not toks & (TOP_WORDS | SUBUNIT_WORDS) \
        and not _ADDRESS_WORD.search(part)


def _top(text: str) -> bool:
    return any(w.lower().strip(".,;:()") in TOP_WORDS for w in text.split())


def _ends_unit(text: str) -> bool:
    """Does a printed line end an institution or an address ('... University', '..., China')?"""
    t = text.strip()
    if t.endswith((".", ";")):
        return True
    last = t.rstrip(",").split()[-1] if t.rstrip(",").split() else ""
    return has_institution_word(last) or bool(_ADDRESS_WORD.search(last)) or bool(re.fullmatch(r"[A-Z]{2}", last))


_CONNECT_START = re.compile(r"^(?:Departments?|Dept|Schools?|Faculty|Faculties|Divisions?|Groups?|Labs?)\b",
                            re.IGNORECASE)
# A head word printed alone before a comma or the line's end: the tail of a wrapped name.
_HEAD_ALONE = re.compile(r"^(?:University|Institute|College|Academy|Polytechnic|Inc|Ltd|Corporation)\.?\s*(?:,|$)")
_HEAD = re.compile(r"^(?:University|Institute|College|Laboratory|Lab|School|Academy|Inc|Corporation|Ltd)\b")


def keyed_segments(lines: list[Line]) -> list[tuple[str | None, str]]:
    """Text of lines cut at each mark: [(key, text), ...]; text before any mark has key None."""
    segs: list[tuple[str | None, str]] = []
    key: str | None = None
    buf = ""
    for line in lines:
        for it in items(line):
            if it.mark and it.keys:
                if buf.strip() or key is not None:
                    segs.append((key, buf))
                # "1*" in front of a text defines 1 (the * is a note); "1,2" defines both
                keys = [k for k in it.keys if k.isalnum()] or it.keys
                key, buf = keys[-1], ""
                for other in keys[:-1]:
                    segs.append((other, "\x00"))
            elif not it.mark:
                piece = it.text
                if buf.endswith("-") and piece[:1].islower():
                    buf = buf[:-1] + piece.lstrip()
                else:
                    buf += (" " if buf and not buf.endswith((" ", "-")) else "") + piece
        if not buf.endswith("-"):
            buf += " "
    if buf.strip() or key is not None:
        segs.append((key, buf))
    # resolve "\x00" placeholders: they share the next real text
    out: list[tuple[str | None, str]] = []
    pending: list[str | None] = []
    for k, t in segs:
        if t == "\x00":
            pending.append(k)
            continue
        for waiting in pending:
            out.append((waiting, t))
        pending = []
        out.append((k, t))
    return out


def footnote_affiliations(segments: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """ICML-style keyed footnote segments -> [(mark, affiliation)], notes and correspondence dropped."""
    out: list[tuple[str, str]] = []
    for key, text in segments:
        if key is None:
            continue
        t = clean(first_sentence(text))
        if not t or len(t) > 200:
            continue
        if not (key.isalnum() or looks_affiliation(t) or brand(t)):
            continue  # a symbol's footnote is a note unless it names an institution ("*iFLYTEK")
        if not looks_institution(t) and not re.match(r"^[A-Z]", t) and not brand(t):
            continue
        out.append((key, t))
    return out


# One person: capitalised tokens one space apart ("S.-M. Park", "M. J. Álvarez"); tokens and
# separators cannot overlap, so matching stays linear on long footnotes.
_TOKEN = r"[^\W\d_a-z][\w.’'\-]*"
_PARTICLE = r"(?:[a-z]\.|van|von|der|den|de|la|del|della|di|da|du|le|dos|das|ter|ten)"  # "P. v. d. Berg"
_PERSON = rf"{_TOKEN}(?: (?:{_TOKEN}|{_PARTICLE}))*"
_WITH = re.compile(
    rf"(?P<who>{_PERSON}(?:(?:, | and |, and ){_PERSON})*)\s+"
    r"(?:is|are|was|were)\s+(?:currently\s+|now\s+|also\s+)?(?:with|at|affiliated with)\s+(?:the\s+)?"
    r"(?P<aff>.+?)(?:\.(?=\s+[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f]|\s*$)|$)")
_COLLECTIVE = re.compile(r"\b(?:(?:The|All(?: the| of the)?|Both(?: the)?)\s+(?:authors|co-?authors)|"
                         r"All\s+(?:three|four|five|six)\s+authors)\s+(?=(?:are|were)\s)", re.IGNORECASE)
_ALSO = re.compile(r"(?:also|is) affiliated with\s+(?:the\s+)?(?P<aff>.+?)(?:\.(?=\s+[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f]|\s*$)|$)", re.IGNORECASE)


def sentence_affiliations(text: str) -> list[tuple[list[str], str]]:
    """'S. Ma, L. Ma are with Microsoft Research.' -> [(['S. Ma', 'L. Ma'], 'Microsoft Research')].

    A pronoun subject ('He is currently with ...') is returned as ['<prev>'], a collective one
    ('The authors are with ...', 'Both authors are at ...') as ['<all>'], for the caller.
    """
    out: list[tuple[list[str], str]] = []
    text = compose_accents(re.sub(r"\s+", " ", text))
    text = _COLLECTIVE.sub("All-authors ", text)
    for m in _WITH.finditer(text):
        who = m.group("who").strip()
        if who in ("He", "She", "They"):
            names = ["<prev>"]
        elif who == "All-authors":
            names = ["<all>"]
        else:
            names = [n.strip() for n in re.split(r",\s*|\s+and\s+", who) if n.strip()]
        # "Cairo University, Giza, Egypt, and also with Microsoft Research, Cairo, Egypt"
        for part in re.split(r",?\s+and\s+(?:is\s+|are\s+)?also\s+(?:with|at)\s+(?:the\s+)?", m.group("aff")):
            aff = clean(part)
            if aff and looks_affiliation(aff):
                out.append((names, aff))
    for m in _ALSO.finditer(text):
        aff = clean(m.group("aff"))
        parts = [p for p in re.split(r"\s+and\s+(?:the\s+)?", aff) if p]
        if parts and all(looks_institution(p) for p in parts):
            for p in parts:
                out.append((["<mark>"], p))
    return out
