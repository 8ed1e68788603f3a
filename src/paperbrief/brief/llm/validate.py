"""Checks an LLM answer must pass before its brief may reach a report.

The rules mirror ``shared/tools/check_report.py`` (sentence shape, refusals, numbers
only from the paper) and ``brief_lang.py`` (no run of four English words, a Chinese
body, at most 220 characters, a headline number kept), and add our own: every key
present, Latin words grounded in the paper, nothing that only the paper's embedded
instructions (see ``_injection``) could have put there, no clause copied from the
prompt's examples or from another paper's brief of the same run.

A problem is *repairable* when the answer is right but worded wrongly (English left
in, too long, the headline number missing): the writer then asks for that one fix
instead of a fresh answer. Reasons are short Chinese phrases: they go back to the
model and into the report as the fallback reason.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ...annotate import HEADLINE, annotate
from ...models import Paper
from .._injection import injection_spans, strip_injections
from ..frame import MAX_BRIEF, budget, is_refusal, numbers, paper_label, sentence
from ._answer import AnswerError, parse_answer

KEYS = ("technique", "problem", "result")
SENTENCE_SHAPE = re.compile(r"发布了.+论文.*使用.+解决了.+达成", re.DOTALL)
LATIN_RUN = re.compile(r"(?:[A-Za-z][A-Za-z0-9\-'’.]*(?:[\s,:;/()]+|$)){4,}")  # brief_lang.py's English run

ARTEFACTS = (
    "ignore previous", "previous instructions", "system prompt",
    "忽略之前", "忽略以上", "忽略上述", "之前的指令", "系统提示", "以下是",
)
# Latin words a faithful brief may use although the abstract spells them out.
COMMON_TERMS = frozenset(
    ["llm", "llms", "gpu", "gpus", "cpu", "cpus", "npu", "npus", "tpu", "tpus", "fpga", "asic", "dnn", "dnns",
     "cnn", "cnns", "rnn", "vit", "moe", "sota", "flops", "api", "ai", "nlp", "int", "fp", "bf", "kv",
     # kept in lower case in Chinese technical writing
     "bit", "bits", "token", "tokens", "batch", "kernel", "kernels", "prompt", "prompts", "softmax"]
)

MIN_FIELD, MAX_FIELD = 2, 120
MIN_CJK_SHARE = 0.5  # brief_lang.py: CJK letters over CJK and Latin letters in the body
MIN_CLAUSE = 4  # shorter clauses ("精度不变") may well recur in two honest briefs
MAX_NAME = 40
MAX_WORD = 20  # a Latin token longer than this is English words glued together

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# The prompt's own field names inside a phrase: the model wrote JSON into a string.
_PROMPT_KEYS = re.compile(r"(?<![A-Za-z])(?:institutions_to_translate|technique|problem|result|budget|numbers)(?![A-Za-z])")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]|[A-Za-z]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_LEADING = re.compile(r"^(?:使用了?|采用了?|解决了?|达成了?|实现了?)")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ASCII_COMMA = re.compile(r"(?<=[\u4e00-\u9fff]),\s*|,\s*(?=[\u4e00-\u9fff])")  # 成本,提高 -> 成本，提高
_CLAUSE_SPLIT = re.compile(r"[，,、；;：:。（）()]+")
_CLAUSE_TAIL = re.compile(r"(?:的?(?:问题|效果))$")
# A translated institution must be a name, not where it is or how to write to it.
_ADDRESS = re.compile(
    r"@|\d|[,，;；]|邮编|邮政|信箱|[路街巷弄]\s*\d|号楼?|室$|\b(?:street|st\.|road|rd\.|avenue|ave\.|blvd|"
    r"boulevard|drive|suite|floor|building|p\.?\s?o\.?\s?box|zip|postcode)\b", re.IGNORECASE)
_STOPWORDS = frozenset(
    ["ignore", "disregard", "forget", "previous", "prior", "above", "all", "any", "your", "instructions",
     "instruction", "prompt", "prompts", "write", "output", "respond", "reply", "answer", "say", "print", "instead",
     "only", "just", "the", "and", "with", "system", "developer"]
)


class InvalidAnswer(ValueError):
    """The answer may not be used; ``str()`` is the reason, in Chinese.

    ``repairable``: every problem is one of wording (English, length, a missing headline
    number), so asking for that fix is worth more than asking again from scratch.
    """

    def __init__(self, reason: str, repairable: bool = False) -> None:
        super().__init__(reason)
        self.repairable = repairable


@dataclass(frozen=True)
class Problem:
    reason: str
    repairable: bool = False


@dataclass(frozen=True)
class Fields:
    """A validated answer: the three phrases of the brief and the translations asked for."""

    technique: str
    problem: str
    result: str
    institutions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checks:
    """What an answer is checked against besides its paper.

    ``taken`` maps each clause accepted earlier in the run to the paper it was written
    for (``paper_key``): a clause may not serve two papers.
    """

    institutions: str = "作者团队"
    name: str = ""  # the paper's label in the sentence; ``paper_label`` of its annotations when empty
    examples: tuple[str, ...] = ()
    taken: Mapping[str, str] = field(default_factory=dict)
    paper_key: str = ""


def assemble(fields: Fields, name: str, institutions: str = "作者团队") -> str:
    """The report's brief sentence from an answer's phrases; the model never writes its frame."""
    return sentence(institutions, name, fields.technique, fields.problem, fields.result)


def _label(paper: Paper, checks: Checks) -> str:
    if checks.name:
        return checks.name
    notes = paper.annotations or annotate(paper)
    return paper_label(paper.title, notes.target, [t.name for t in notes.tags])


def clauses(text: str) -> set[str]:
    """The comparable clauses of a phrase: split at punctuation, without a trailing 的问题/的效果."""
    out = set()
    for part in [text, *_CLAUSE_SPLIT.split(text or "")]:
        part = _CLAUSE_TAIL.sub("", re.sub(r"\s+", "", part).lower())
        if len(part) >= MIN_CLAUSE:
            out.add(part)
    return out


def field_clauses(fields: Fields) -> set[str]:
    return clauses(fields.technique) | clauses(fields.problem) | clauses(fields.result)


def _phrase(value: object, joiner: str) -> str:
    if isinstance(value, list | tuple):
        value = joiner.join(str(v).strip() for v in value if str(v).strip())
    if not isinstance(value, str):
        return ""
    text = " ".join(value.translate(_FULLWIDTH_DIGITS).split())
    text = _ASCII_COMMA.sub("，", _LEADING.sub("", text).strip())
    return text.rstrip("。.，,；;！!、 ")


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = re.split(r"[、;；]", value)
    if not isinstance(value, list | tuple):
        return ()
    return tuple(" ".join(str(v).split()) for v in value)


def _named(technique: str) -> str:
    """A technique given as a bare name ("ResSVD") is that method: 「ResSVD方法」."""
    if technique and not _CJK.search(technique) and len(technique.split()) <= 2 and len(technique) <= 30:
        return f"{technique}方法"
    return technique


def normalize(answer: Mapping[str, object]) -> Fields:
    """Coerce a parsed answer into ``Fields`` (lists joined, connectives and end marks trimmed)."""
    return Fields(
        technique=_named(_phrase(answer.get("technique"), "、")),
        problem=_phrase(answer.get("problem"), "，"),
        result=_phrase(answer.get("result"), "，"),
        institutions=_names(answer.get("institutions")),
    )


_SUFFIX = re.compile(r"(?:ations?|ized?|izes|ing|ed|es|s)$")


def _squash(text: str) -> str:
    """Lower case without spaces and hyphens: how a name is compared, since a no-space answer grammar glues
    "Hugging Face" and a PDF's line break can add or drop a hyphen ("Tensor-Flow", "topk")."""
    return re.sub(r"[\s\-]+", "", text.lower())


def _abbreviates(acronym: str, text: str) -> bool:
    """``QAT`` for "quantization-aware training": the initials of consecutive words the paper prints."""
    if not (2 <= len(acronym) <= 6 and acronym.isupper() and acronym.isalpha()):
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", text)).lower()
    return acronym.lower() in initials and bool(re.search(
        r"\b" + r"[A-Za-z]*[\s\-]+".join(rf"{c}" for c in acronym.lower()) + r"[A-Za-z]*", text, re.I))


def _grounded(word: str, text: str) -> bool:
    """``word`` (a capitalised one: lower-case words are the wording rule's) occurs in the lower-cased
    ``text``, allowing for an English inflection, for the spaces and hyphens of ``_squash``, and for an
    acronym of words the paper spells out."""
    low = word.lower()
    stem = _SUFFIX.sub("", low)
    return (low in text or (len(stem) >= 4 and stem in text) or low in COMMON_TERMS
            or _squash(word) in _squash(text) or _abbreviates(word, text))


def printed_names(paper: Paper) -> dict[str, str]:
    """The Latin tokens the title and abstract print, keyed by ``_squash``, each with its printed form; two or
    three tokens printed apart ("Hugging Face", "TPU v4") also count glued, since a server that enforces
    the answer's no-space grammar makes a model glue them."""
    names: dict[str, str] = {}
    for text in (paper.title, paper.abstract):
        tokens = list(_TOKEN.finditer(text or ""))
        for i, tok in enumerate(tokens):
            names.setdefault(_squash(tok.group()), tok.group())
            for j in (i + 1, i + 2):
                if j < len(tokens) and all(not text[a.end():b.start()].strip() and text[a.end():b.start()]
                                           for a, b in zip(tokens[i:j], tokens[i + 1:j + 1])):
                    printed = " ".join(t.group() for t in tokens[i:j + 1])
                    names.setdefault(_squash(printed), printed)
    return names


_DIGIT_LIST = re.compile(r"\d+(?:,\d+)+")
_NUMERALS = {"zero": "零", "one": "一", "two": "二", "three": "三", "four": "四", "five": "五", "six": "六",
             "seven": "七", "eight": "八", "nine": "九", "ten": "十"}
_NUMERAL_OF = {str(i): word for i, word in enumerate(_NUMERALS)}
_COUNT = re.compile(r"(?<![A-Za-z0-9_.,\-])\d+(?![A-Za-z0-9_.,%×倍\-])")  # a bare count: not part of a name, a value or a unit


def numerals(text: str, paper: Paper) -> str:
    """Numbers the paper prints in another form, written so the report checker reads them as printed:
    "{-1,0,1}" (digits a no-space grammar ran together, which reads as 101) as "{-1, 0, 1}", and a
    small number the paper spells as a word ("power of two") as a Chinese numeral (二的幂)."""
    printed = numbers(_source(paper))
    words = set(re.findall(r"[a-z]+", _source(paper).lower()))

    def split(m: re.Match[str]) -> str:
        parts = m.group().split(",")
        whole = m.group().replace(",", "")
        return ", ".join(parts) if whole not in printed and set(parts) <= printed else m.group()

    def spell(m: re.Match[str]) -> str:
        n = m.group()
        word = _NUMERAL_OF.get(n)
        return _NUMERALS[word] if n not in printed and word in words else n

    return _COUNT.sub(spell, _DIGIT_LIST.sub(split, text))


def respace(text: str, names: dict[str, str]) -> str:
    """Glued names written back as the paper prints them: "HuggingFace" -> "Hugging Face"."""
    def put(m: re.Match[str]) -> str:
        printed = names.get(_squash(m.group()), m.group())
        return printed if printed.replace(" ", "") == m.group() else m.group()

    return _TOKEN.sub(put, text)


def _source(paper: Paper) -> str:
    return "\n".join([paper.title, *paper.affiliations, paper.abstract])


def _payload_tokens(paper: Paper) -> set[str]:
    """Words that occur only in the paper's instructions to a model (e.g. "HACKED")."""
    spans = [s for t in [paper.title, *paper.affiliations, paper.abstract] for s in injection_spans(t)]
    if not spans:
        return set()
    clean = strip_injections(_source(paper)).lower()
    tokens = set()
    for span in spans:
        for tok in _LATIN_WORD.findall(span) + _CJK_RUN.findall(span):
            if tok.lower() not in _STOPWORDS and tok.lower() not in clean:
                tokens.add(tok.lower())
    return tokens


def _glued(word: str) -> bool:
    """English words run together ("tailedSkewnessQuantization"): longer than any name."""
    return len(word) > MAX_WORD


_SENTENCE_END = re.compile(r"[。！？!?]")  # ends a sentence; a comma, semicolon or a colon after a name does not
_STUTTER = re.compile(r"(\S{2,}?)\1\1")  # the same piece three times in a row
REPEAT = 8  # characters of a run that, said twice, is a repeated clause rather than a name or metric said twice
REPEAT_CJK = 4  # of which Chinese: "DeepSeek" or "平均加速1." twice is a name or a metric, not a repeat


def _repeats_itself(phrase: str) -> bool:
    text = re.sub(r"\s+", "", phrase)
    if _STUTTER.search(text):
        return True
    return any(len(_CJK.findall(run := text[i:i + REPEAT])) >= REPEAT_CJK and run in text[i + REPEAT:]
               for i in range(len(text) - 2 * REPEAT + 1))


def _rambles(phrase: str) -> bool:
    """Several sentences in one slot, or the same clause twice: a small model's degenerate answer,
    which the frame cannot hold as one clause."""
    phrase = phrase.strip().rstrip("。.")
    return bool(_SENTENCE_END.search(phrase) or _repeats_itself(phrase))


def _body(sentence: str) -> str:
    return sentence.split("论文，", 1)[1] if "论文，" in sentence else sentence


def _wording(fields: Fields, paper: Paper, sentence: str, checks: Checks) -> list[Problem]:
    """Problems of wording, which a repair request can fix."""
    found = []
    not_chinese = [k for k in KEYS if not _CJK.search(getattr(fields, k))]
    runs = [" ".join(m.group(0).split()).strip(" ,:;/()") for m in LATIN_RUN.finditer(_body(sentence))]
    # A lower-case English word glued into Chinese ("both固定-bit", "出perform") is English left in too;
    # a token the title or abstract prints, in whatever case, is a name ("vLLM", "llama.cpp", "float32").
    named = printed_names(paper)
    loose = sorted({w for w in _TOKEN.findall(_body(sentence)) if _squash(w) not in named and (_glued(w) or (
                    w.islower() and re.search(r"[a-z]{3}", w)
                    and not set(re.findall(r"[a-z]+", w)) <= COMMON_TERMS))})
    if not_chinese or runs or loose:
        what = "、".join([f"“{r[:60]}”" for r in runs[:3]] + loose[:5]) or "、".join(not_chinese)
        found.append(Problem(f"含有英文短语 {what}：请译成中文（方法名和缩写可保留）", True))
    else:
        body = _body(sentence)
        cjk, latin = len(_CJK.findall(body)), len(re.findall(r"[A-Za-z]", body))
        if cjk < MIN_CJK_SHARE * (cjk + latin):
            found.append(Problem("英文过多：请用中文表述，只保留方法名和缩写", True))
    rambling = [k for k in KEYS if _rambles(getattr(fields, k))]
    if rambling:
        found.append(Problem(f"{'、'.join(rambling)} 应是一个短语：不要写成多句，不要重复同一段话", True))
    long = [k for k in KEYS if len(getattr(fields, k)) > MAX_FIELD]
    if long or len(sentence) > MAX_BRIEF:
        room = budget(_label(paper, checks), checks.institutions)
        found.append(Problem(f"太长：technique、problem、result 合计不超过{max(room, 0)}字", True))
    printed = (paper.annotations or annotate(paper)).headlines
    wanted = {HEADLINE.match(h).group(1) for h in printed}
    if wanted and not any(re.search(rf"(?<![\d.]){re.escape(n)}(?!\d)", sentence) for n in wanted):
        figures = "、".join(dict.fromkeys(printed[:4]))
        found.append(Problem(f"result 应原样引用摘要中的关键数字之一（{figures}），并写明指标", True))
    return found


def problems(fields: Fields, paper: Paper, checks: Checks | None = None) -> list[Problem]:
    """Every reason ``fields`` may not be used for ``paper``; empty when it passes."""
    checks = checks or Checks()
    phrases = {k: getattr(fields, k) for k in KEYS}
    empty = [k for k, v in phrases.items() if len(v) < MIN_FIELD]
    if empty:
        return [Problem(f"缺少或为空的键：{', '.join(empty)}")]
    found = []
    every = "\n".join(phrases.values())
    lowered = every.lower()
    if is_refusal(every):
        found.append(Problem("回答是拒绝或索取信息，而不是简报要点"))
    sentence = assemble(fields, _label(paper, checks), checks.institutions)
    stray = sorted(numbers("\n".join(phrases.values())) - numbers(_source(paper)))
    if stray:
        found.append(Problem(f"数字 {'、'.join(stray[:5])} 不在论文标题或摘要中"))
    payload = {t for t in _payload_tokens(paper) if t in lowered}
    source = _source(paper).lower()
    if payload or any(a in lowered and a not in source for a in ARTEFACTS) or _PROMPT_KEYS.search(every):
        found.append(Problem("回答照做了论文文本中的指令，或含有与论文无关的内容"))
    clean = strip_injections(_source(paper)).lower()
    # Words inside an English run, lower-case words and words glued together under a no-space
    # grammar are the wording rule's business: the repair translates them. A capitalised word
    # the paper lacks ("LSTM") is an invention.
    words = [w for w in _LATIN_WORD.findall(LATIN_RUN.sub(" ", every)) if not w.islower() and not _glued(w)]
    ungrounded = sorted({w for w in words if not _grounded(w, clean) and w.lower() not in payload})
    if ungrounded:
        found.append(Problem(f"这些词不在论文中：{'、'.join(ungrounded[:5])}"))
    if len({fields.technique, fields.problem, fields.result}) < 3:
        found.append(Problem("technique、problem、result 应是三个不同的短语"))
    echoed = echoes(fields, checks.examples)
    if echoed:
        found.append(Problem(f"照抄了提示里的示例「{echoed[0]}」：请写这篇论文自己的内容"))
    repeated = repeats(fields, checks.taken, checks.paper_key)
    if repeated:
        found.append(Problem(f"「{repeated[0]}」与另一篇论文的简报相同：请写这篇论文特有的内容"))
    if not SENTENCE_SHAPE.search(sentence):
        found.append(Problem("无法组成“发布了…论文，使用…，解决了…，达成了…”的句子"))
    return found + _wording(fields, paper, sentence, checks)


def echoes(fields: Fields, examples: tuple[str, ...]) -> list[str]:
    """The prompt examples that a clause of the answer equals or contains."""
    mine = field_clauses(fields)
    return [e for e in examples for c in clauses(e) if any(c in m for m in mine)][:1]


def repeats(fields: Fields, taken: Mapping[str, str], paper_key: str) -> list[str]:
    """Clauses of the answer that another paper's brief already used in this run."""
    return sorted(c for c in field_clauses(fields) if taken.get(c, paper_key) != paper_key)


def translations(asked: list[str], fields: Fields, paper: Paper) -> dict[str, str]:
    """The model's Chinese names for the institutions it was asked about, where each is a plausible name.

    A translation that looks like an address, postcode or e-mail, carries a number or a
    Latin word the printed name lacks, is not Chinese at all or is longer than the printed
    name (the sentence's length was checked with that) is dropped: the printed name stays.
    Names the table knows were never asked.
    """
    accepted = {}
    for original, zh in zip(asked, fields.institutions):
        zh = zh.strip()
        words = {w.lower() for w in _LATIN_WORD.findall(zh)}
        if (not zh or len(zh) > min(MAX_NAME, len(original)) or not _CJK.search(zh) or _ADDRESS.search(zh)
                or is_refusal(zh)
                or not words <= {w.lower() for w in _LATIN_WORD.findall(original)}):
            continue
        accepted[original] = zh
    return accepted


def validate_text(text: str | None, paper: Paper, checks: Checks | None = None) -> Fields:
    """A model's raw answer, parsed tolerantly and validated; raises ``InvalidAnswer``."""
    try:
        answer = parse_answer(text)
    except AnswerError as err:
        raise InvalidAnswer("回答是拒绝或索取信息，而不是简报要点" if is_refusal(text or "") else str(err)) from None
    return validate(answer, paper, checks)


def validate(answer: Mapping[str, object], paper: Paper, checks: Checks | None = None) -> Fields:
    """The answer's fields when every check passes; raises ``InvalidAnswer`` with all reasons."""
    missing = [k for k in KEYS if k not in answer]
    if missing:
        raise InvalidAnswer(f"缺少键：{', '.join(missing)}")
    fields = normalize(answer)
    fields = replace(fields, **{k: numerals(getattr(fields, k), paper) for k in KEYS})
    found = problems(fields, paper, checks)
    if found:
        raise InvalidAnswer("；".join(p.reason for p in found), repairable=all(p.repairable for p in found))
    names = printed_names(paper)
    return replace(fields, technique=respace(fields.technique, names), problem=respace(fields.problem, names),
                   result=respace(fields.result, names))
