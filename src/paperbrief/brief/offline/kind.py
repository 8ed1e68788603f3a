"""What kind of paper it is, so the brief words it as what it is.

A survey gives 梳理, a benchmark or an evaluation 系统评测, a measurement study 测量与分析, an
empirical study 实证分析, a position paper 观点论述: none of them is given a method's result
(性能领先, 推理更快) it does not claim, their numbers (findings, or other works' figures) are not said
as a gain of the paper's own, and none "solves" the pains it cites as motivation: its 解决了 slot says
what such a paper addresses by its nature (知识蒸馏研究需要系统梳理), about its own subject (``topic``),
not the model its field targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .method import describe
from .sentences import Parts, split_sentences
from .terms import translate

__all__ = ["METHOD", "Kind", "paper_kind", "paper_topic", "problem_wording"]


@dataclass(frozen=True)
class Kind:
    name: str
    wording_technique: str = ""  # the 使用 slot, {topic} filled; "" for a method paper
    wording_result: str = ""  # the 达成了 slot when the abstract claims nothing of its own
    numbers: bool = True  # whether its numbers may be said as its own results
    claims: bool = True  # whether its claims may be said
    wording_problem: str = ""  # the 解决了 slot: what it addresses by its nature; "" for a method paper
    wording_lacking: str = ""  # the 解决了 slot where the abstract says such work is lacking
    named: bool = True  # whether a name it prints is an artifact (ServeBench) the 使用 slot may append


METHOD = Kind("method")
SURVEY = Kind("survey", "对{topic}研究的文献综述", "对{topic}现有研究的系统梳理", numbers=False, claims=False,
              wording_problem="{topic}研究需要系统梳理", wording_lacking="{topic}研究缺乏系统梳理")
BENCHMARK = Kind("benchmark", "面向{topic}的基准评测", "对现有方案的系统评测", numbers=False, claims=False,
                 wording_problem="{topic}的系统评测问题", wording_lacking="{topic}缺乏系统评测")
EVALUATION = Kind("evaluation", "对{topic}的系统评测", "对{topic}的实证分析", numbers=False, claims=False,
                  wording_problem="{topic}的系统评测问题", wording_lacking="{topic}缺乏系统评测", named=False)
MEASUREMENT = Kind("measurement", "对{topic}的系统测量", "对{topic}的实证分析", numbers=False, claims=False,
                   wording_problem="{topic}的测量与分析问题", wording_lacking="{topic}缺乏系统测量与分析",
                   named=False)
STUDY = Kind("study", "对{topic}的实证研究", "对{topic}的实证分析", numbers=False, claims=False,
             wording_problem="{topic}的实证分析问题", wording_lacking="{topic}缺乏系统分析", named=False)
ANALYSIS = Kind("analysis", "对{topic}的分析", "对{topic}的系统分析", numbers=False, claims=False,
                wording_problem="{topic}的分析问题", named=False)  # no experiment: not 实证
POSITION = Kind("position", "观点论述", "对{topic}研究方向的观点论证", numbers=False, claims=False,
                wording_problem="{topic}的研究方向问题", named=False)

_SURVEY = re.compile(r"\b(?:survey|review|overview|tutorial|primer|systematization of knowledge)\b", re.I)
_SURVEY_ABSTRACT = re.compile(
    r"\b(?:this|our|the present) (?:survey|review|overview|tutorial)\b|\bwe (?:survey|review)\b|"
    r"\b(?:comprehensive|systematic|extensive) (?:literature )?(?:survey|review|overview)\b", re.I)
_POSITION = re.compile(r"^position\s*:|\bposition paper\b|\bthis position\b", re.I)
_BENCHMARK_TITLE = re.compile(r"\bbenchmark\w*\b", re.I)
_BENCHMARK_ABSTRACT = re.compile(
    r"\bwe (?:introduce|present|propose|build|construct|release|develop)\b[^.]{0,80}\bbenchmark(?:s|ing)?\b", re.I)
_ADJ = r"(?:empirical|systematic|comprehensive|comparative|large-scale|in-depth|extensive|holistic|thorough|" \
       r"quantitative|experimental|detailed|broad|[\w]+-aware)"
_MEASURE_VERB = r"measuring|profiling|quantifying|characteri[sz]ing"  # not "Estimating Crop Yield": a method
_EVALUATE_VERB = r"evaluating|benchmarking"
_QUANTITY = r"(?:energy|power|carbon|emissions?|footprint|environmental)"
_STUDY_TITLE = re.compile(
    rf"^(?:an? )?(?:{_ADJ}\s+){{0,2}}(?:study|analysis|evaluation|characteri[sz]ation|measurement)\b|"
    rf"^(?:understanding|{_MEASURE_VERB}|{_EVALUATE_VERB}|analy[sz]ing|investigating|examining|exploring|"
    rf"dissecting|demystifying)\b(?!-)|\b(?:an? )?(?:empirical|comparative|systematic|measurement) (?:study|analysis|evaluation)\b|"
    rf"^(?:the )?(?:hidden |true |real )?{_QUANTITY} (?:cost|footprint|consumption|use|impact)s? of\b", re.I)
# what a paper proposes is a method, unless it is itself a survey, a study or an instrument of measurement
_PROPOSES = re.compile(r"\b(?:we|this (?:paper|work))\s+(?:first\s+|further\s+|also\s+|then\s+)?"
                       r"(?:propose[sd]?|introduce[sd]?|present[sed]*|design(?:s|ed)?|develop(?:s|ed)?|devise[sd]?)\b"
                       r"(?![^.]{0,40}\b(?:benchmark\w*|survey|study|analysis|evaluation|taxonomy|overview|"
                       r"(?:framework|tool|toolkit|methodology) for (?:monitor|measur|profil)\w*)\b)", re.I)
# a paper that builds and tunes its own system without "we propose": "we use NAS to design …", "our model obtains …"
_BUILDS = re.compile(
    r"\bwe (?:use|apply|employ|adopt|leverage)\b[^.]{0,60}\bto (?:design|build|speed|accelerat\w*|improve|reduce|"
    r"lower|boost)\b|\bour (?:proposed |optimi[sz]ed )?(?:method|approach|model|system|codec|implementation|"
    r"technique|algorithm|accelerator|architecture|design)s?\s+(?:\w+\s+){0,3}?(?:achieves?|obtains?|outperforms?|"
    r"reach(?:es)?|deliver[s]?|improves?|reduces?|infers?|runs?|attains?|surpass(?:es)?)\b", re.I)
_MEASURES = re.compile(rf"\b(?:{_MEASURE_VERB}|measure(?:s|d|ments?)?|profile[sd]?|quantif(?:y|ies|ied)|"
                       rf"characteri[sz]e[sd]?|estimat(?:e|es|ed|ing))\b[^.]{{0,80}}\b{_QUANTITY}\b", re.I)
_MEASURE_ABSTRACT = re.compile(
    rf"\b(?:we|this (?:paper|work|study))\s+(?:\w+ly\s+)?(?:measure|profile|quantify|characteri[sz]e)\b"
    rf"[^.]{{0,80}}\b{_QUANTITY}\b", re.I)
_EVALUATE_ABSTRACT = re.compile(
    r"\b(?:we|this (?:paper|work|study))\s+(?:\w+ly\s+)?(?:evaluate|compare|benchmark)s?\s+(?:\d+|several|various|"
    r"many|multiple|existing|popular|representative|different|a (?:wide )?range of|state-of-the-art)\b[^.]{0,60}"
    r"\b(?:methods|techniques|approaches|systems|frameworks|schemes|algorithms|configurations)\b|"
    rf"\b(?:we|this (?:paper|work|study))\s+(?:conduct|carr(?:y|ies) out|perform|present)s?\s+(?:an?\s+)?"
    rf"(?:\w+\s+)?{_ADJ}\s+(?:\w+\s+)?(?:evaluation|comparison|study|characteri[sz]ation)\b", re.I)
_ANALYSIS_ABSTRACT = re.compile(r"\b(?:this|the) (?:paper|work|article) (?:analy[sz]es|investigates|examines)\b"
                                r"(?![^.]*\b(?:propos|present|introduc|design)\w*)", re.I)
_SAYS_KIND = re.compile(r"\b(?:survey\w*|review\w*|overview|measur\w*|profil\w*|quantif\w*|evaluat\w*|"
                        r"benchmark\w*|compar(?:e|es|ison)|analy[sz]\w*|stud(?:y|ies)|position)\b", re.I)
_EMPIRICAL = re.compile(r"\b(?:experiment\w*|empirical\w*|measur\w*|evaluat\w*|benchmark\w*|dataset\w*|"
                        r"profil\w*|we (?:run|test))\b", re.I)


def _head(title: str) -> str:
    """The part of the title that says what the paper is: after "Name:" or a dash ("… -- Investigating …")."""
    return re.split(r":|\s[-–—]{1,2}\s", title)[-1].strip()


def paper_kind(title: str, abstract: str, parts: Parts) -> Kind:
    """The paper's kind; a method paper unless the title or the abstract says otherwise, and never when
    the abstract says it builds a method ("we propose", "we use NAS to design", "our model obtains")."""
    head = _head(title)
    abstract = re.sub(r"\s*\([^()]*\)", "", abstract)  # "MELODI (Monitoring …), a framework for …"
    if _POSITION.search(title) or _POSITION.search(abstract):
        return POSITION
    if _SURVEY.search(head) or (_SURVEY_ABSTRACT.search(abstract) and not _PROPOSES.search(abstract)):
        return SURVEY
    if _BENCHMARK_TITLE.search(title) and (_BENCHMARK_ABSTRACT.search(abstract) or _BENCHMARK_TITLE.search(head)) \
            and not _PROPOSES.search(abstract):
        return BENCHMARK
    if _PROPOSES.search(abstract) or _BUILDS.search(abstract):
        return METHOD
    if _STUDY_TITLE.search(head):
        if _MEASURES.search(f"{title}. {abstract}") or re.match(rf"(?:the )?(?:hidden |true |real )?{_QUANTITY}\b", head, re.I):
            return MEASUREMENT  # what it measures is energy, power, carbon: not "Profiling Submitters"
        return EVALUATION if re.search(rf"^(?:{_EVALUATE_VERB})\b|\bevaluation\b", head, re.I) else STUDY
    if _MEASURE_ABSTRACT.search(abstract):
        return MEASUREMENT
    if _EVALUATE_ABSTRACT.search(abstract):
        return EVALUATION
    if _ANALYSIS_ABSTRACT.search(abstract):
        return STUDY if _EMPIRICAL.search(abstract) else ANALYSIS
    return METHOD


# --- the subject a survey or a study is about --------------------------------------------------

_KIND_WORDS = re.compile(
    rf"^(?:(?:an?|the)\s+)?(?:(?:brief|short|{_ADJ}|critical|literature|practical|technical)\s+)*"
    r"(?:survey|review|overview|tutorial|primer|study|analysis|evaluation|benchmark(?:ing)?|characteri[sz]ation|"
    r"measurement|comparison)(?:\s+(?:methodology|suite|framework))?(?:\s+and\s+(?:comparison|analysis|evaluation|outlook|perspectives?))?"
    r"(?:\s+(?:of|on|for|into)\s+(?:the\s+)?|$)|"
    rf"^(?:{_MEASURE_VERB}|{_EVALUATE_VERB}|understanding|analy[sz]ing|investigating|examining|exploring|"
    r"dissecting|demystifying|revisiting|rethinking)\s+(?:the\s+)?|^position\s*$", re.I)
MAX_TOPIC = 16  # characters: a longer subject drops its purpose, else falls back to a tag
LOOSE = 0.4  # a title the glossary renders in part: the last resort, as for a method with no tag
_QUANTITY_ZH = (("carbon", "碳排放"), ("emission", "碳排放"), ("energy", "能耗"), ("power", "能耗"),
                ("latency", "延迟"), ("memory", "内存占用"))
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+-[a-z]{3,}|\b[a-z]{3,}\b")  # "R1-style", "thanking": English left in


def _rendered(phrase: str) -> str:
    """``phrase`` in Chinese where the glossary renders every word of it, else ""; 大语言模型推理中的能耗
    reads as 大语言模型推理能耗, a subject, not a sentence. A long phrase loses its purpose or means
    ("… Degradation for Mathematical Reasoning"), never its object ("of LLM Inference")."""
    if not phrase or "?" in phrase:
        return ""
    head = re.split(r"\s(?:for|with|via|using|through|towards?)\s", phrase, maxsplit=1, flags=re.I)[0]
    for text in dict.fromkeys((phrase, head)):
        zh = translate(text)
        said = zh.text
        if zh.unknown or zh.clause or not re.search(r"[\u4e00-\u9fff]{2}", said) or _LATIN_WORD.search(said):
            continue
        joined = re.fullmatch(r"([^的]{2,14}?)(?:中的|的)([^的]{2,4})", said)
        said = "".join(joined.groups()) if joined else said
        if said.count("的") <= 1 and len(said) <= MAX_TOPIC and not said.startswith("面向") \
                and not said.endswith("方法"):  # a topic, not 面向…的基准测试方法 inside 面向…的基准评测
            return said
    return ""


def _title_subjects(title: str) -> list[str]:
    """The title's subject phrases, best first: what follows "A Survey of" or "Measuring the …", then the
    parts beside "…: A Survey"; a title with no kind words is its own subject."""
    parts = [p.strip() for p in re.split(r":|\s[-–—]{1,2}\s", title) if p.strip()]
    stripped = [(_KIND_WORDS.sub("", p, count=1).strip(), bool(_KIND_WORDS.search(p))) for p in parts]
    return [rest for rest, had in stripped if had and rest][::-1] + [p for p, (_, had) in zip(parts, stripped) if not had]


def paper_topic(kind: Kind, title: str, abstract: str, tags: list[str] | tuple[str, ...], where: str) -> str:
    """What the paper is about: for a method paper its target (else its first tag); for a survey or a
    study the title's subject where the glossary renders it whole (知识蒸馏, 大语言模型硬件加速), for a
    measurement the quantity it measures on its target (大语言模型推理能耗), else its first technique
    tag (知识蒸馏), else the target (a position paper: the target first)."""
    fallback = where or (tags[0] if tags else "")
    if not kind.wording_problem:
        return fallback
    if kind is MEASUREMENT and where:
        text = f"{title}. {abstract}".lower()
        measured = next((zh for en, zh in _QUANTITY_ZH if re.search(rf"\b{en}", _head(title).lower())), "") or \
            next((zh for en, zh in _QUANTITY_ZH if re.search(rf"\b{en}", text)), "")
        if measured:
            return where + measured
    rendered = next((zh for zh in map(_rendered, _title_subjects(title)) if zh), "")
    tag = tags[0] if tags else ""
    field = (where or tag) if kind is POSITION else (tag or where)  # a position is on a field, not a technique
    return rendered or field or describe("", "", title, min_coverage=LOOSE, min_cjk=2)


_LACKING = re.compile(
    r"\b(?:lack(?:s|ing)?|absence|scarce|scarcity|few|missing)\b[^.]{0,60}\b(?:survey|review|overview|evaluation|"
    r"benchmark|comparison|analys[ie]s|stud(?:y|ies)|measurements?)\b|"
    r"\b(?:surveys?|reviews?|evaluations?|benchmarks?|comparisons?|analys[ie]s|stud(?:y|ies)|measurements?)\b"
    r"[^.]{0,60}\b(?:remains?|are|is)\s+(?:still\s+)?(?:scarce|lacking|missing|rare|absent|limited)\b", re.I)


def problem_wording(kind: Kind, topic: str, abstract: str) -> tuple[str, str]:
    """(the 解决了 slot of a survey or a study, the sentence it rests on): 「<topic>缺乏系统评测」 only where
    the abstract says such work is lacking, else what the kind addresses by its nature; ("", "") for a method."""
    if not kind.wording_problem:
        return "", ""
    topic = topic or "该领域"
    said = next((s for s in split_sentences(abstract) if _LACKING.search(s)), "") if kind.wording_lacking else ""
    if said:
        return kind.wording_lacking.format(topic=topic), said
    said = next((s for s in split_sentences(abstract) if _SAYS_KIND.search(s)), "")
    return kind.wording_problem.format(topic=topic), said  # the sentence that says what the paper is
