"""Data classes that cross stage boundaries.

Every stage takes and returns these; no stage reaches into another's internals.
They are plain, JSON-friendly values so the store can persist them as-is.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Source:
    """One input to the pipeline: a local PDF, possibly fetched from arXiv."""

    path: str  # the local PDF to read
    label: str  # what the user gave (a path as typed, an arXiv ID) - used in messages and JSON "file"
    arxiv: ArxivEntry | None = None
    from_query: bool = False  # found by a search, not named by the user: relevance selection applies


@dataclass(frozen=True)
class ArxivEntry:
    """Metadata the arXiv API gives; wins over the PDF for authors (see docs/design.md)."""

    arxiv_id: str
    title: str
    authors: tuple[str, ...]
    abstract: str
    categories: tuple[str, ...] = ()
    published: str = ""  # ISO date
    updated: str = ""
    abs_url: str = ""
    pdf_url: str = ""


@dataclass
class Paper:
    """What extraction gives for one PDF. ``author_count`` is always ``len(authors)``."""

    file: str
    sha256: str
    title: str
    authors: list[str]
    affiliations: list[str]
    abstract: str
    author_affiliations: list[list[int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    arxiv_id: str | None = None
    url: str | None = None
    annotations: Annotations | None = None  # made once by the annotation step; not part of the extraction

    @property
    def author_count(self) -> int:
        return len(self.authors)

    def to_dict(self) -> dict[str, Any]:
        """What extraction found (the annotations are stored and shown apart)."""
        d = asdict(replace(self, annotations=None))
        del d["annotations"]
        d["author_count"] = self.author_count
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Paper:
        keys = cls.__dataclass_fields__.keys() - {"annotations"}
        return cls(**{k: v for k, v in d.items() if k in keys})


@dataclass(frozen=True)
class Failure:
    """An input that did not make it into the report, and why (one line)."""

    file: str
    stage: str  # "source", "extract", "brief", ...
    reason: str

    def line(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass(frozen=True)
class Tag:
    """A technique tag and the phrase of the paper that justifies it."""

    name: str
    evidence: str


@dataclass(frozen=True)
class Institution:
    """One institution of a paper, normalised: ``name`` is Chinese where our table knows it (``known``),
    else the institution part of the printed affiliation."""

    name: str
    known: bool = False
    sector: str = ""  # "academia", "industry" or "" when neither the table nor the name says
    region: str = ""  # country or region in Chinese ("中国大陆", "美国"), "" when the table does not say


@dataclass(frozen=True)
class Annotations:
    """Facts about a paper that every later stage reads, worked out once (``paperbrief.annotate``).

    ``institutions``: distinct, in printed order; ``tags``: technique tags, strongest first;
    ``headlines``: the abstract's headline figures as printed ("2.2×", "83.0%"); ``target``: the
    model kind and stage it is about, in Chinese ("大语言模型推理服务"), "" when none is named.
    """

    institutions: tuple[Institution, ...] = ()
    tags: tuple[Tag, ...] = ()
    headlines: tuple[str, ...] = ()
    target: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Annotations:
        return cls(institutions=tuple(Institution(**i) for i in d["institutions"]),
                   tags=tuple(Tag(**t) for t in d["tags"]), headlines=tuple(d["headlines"]), target=d["target"])


@dataclass(frozen=True)
class Relevance:
    """How well a paper fits the topic profile, and whether it passed the threshold.

    ``borderline``: not selected but within the topic's band below the threshold, so the
    report lists it as 可能相关 for a reader to rescue. ``category``: the topic's technique
    category the paper matches best ('' when nothing points to one).
    """

    score: float
    selected: bool
    keyword_hits: tuple[str, ...] = ()
    semantic: float | None = None
    category: str = ""
    borderline: bool = False


@dataclass(frozen=True)
class Judgement:
    """A language model's answer to "is this 可能相关 paper on topic?", with its one-line reason.

    ``relevant`` None: no usable answer (a refusal, garbage, an English reason); the paper
    then stays under 可能相关 exactly as without a model, and ``reason`` says why.
    ``transient``: the endpoint failed, not the answer: not stored, asked again next run.
    """

    relevant: bool | None
    reason: str  # one short Chinese sentence from the model, or why there is no verdict
    model: str
    transient: bool = False


@dataclass(frozen=True)
class KeyResult:
    """One headline number of a paper, as its title or abstract prints it (never computed).

    The overview's table of results is built from these, so a number reaches it only
    through a writer that took it from the paper.
    """

    metric: str  # what was measured, in Chinese where known: "SLO达成率", "峰值内存", "top-1准确率"
    value: str  # the number with its unit as printed: "2.2×", "83.0%", "79.97%"
    direction: str = ""  # "提升", "降低", "达到" or "" when the abstract does not say


@dataclass
class Brief:
    """One paper's brief. ``text`` is the assembled seed sentence."""

    text: str
    institutions: str
    technique: str
    problem: str
    result: str
    writer: str  # registry name of the writer that produced it, e.g. "offline", "openai"
    model: str | None = None
    fallback: bool = False  # True when an LLM answer failed validation and the offline writer stood in
    fallback_reason: str | None = None
    transient: bool = False  # fallback because the endpoint failed (not the answer): not cached, retried next run
    key_results: list[KeyResult] = field(default_factory=list)  # the 达成了 slot's numbers, structured
    # slot ("technique", "problem", "result") -> the title or abstract sentence it was built from, so a
    # reader can check each clause; empty for writers that do not record it and for briefs stored before it
    evidence: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Brief:
        keys = cls.__dataclass_fields__.keys()
        b = cls(**{k: v for k, v in d.items() if k in keys})
        b.key_results = [k if isinstance(k, KeyResult) else KeyResult(**k) for k in b.key_results]
        b.evidence = {str(k): str(v) for k, v in (b.evidence or {}).items()}
        return b


@dataclass
class Entry:
    """A paper as it appears in the report."""

    paper: Paper
    brief: Brief | None  # None for papers left out by relevance selection: they are not briefed
    relevance: Relevance | None = None
    judge: Judgement | None = None  # the model's verdict on a 可能相关 paper (promoted when relevant)

    @property
    def notes(self) -> Annotations:
        """The paper's annotations (empty for a paper that was never annotated)."""
        return self.paper.annotations or Annotations()

    @property
    def tags(self) -> tuple[Tag, ...]:
        return self.notes.tags


@dataclass
class RunStats:
    done: int = 0
    failed: int = 0
    cached_extract: int = 0
    cached_brief: int = 0
    excluded: int = 0
    requests: int = 0  # every LLM request of the run, the judge's included
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    judged: int = 0  # 可能相关 papers put to the model (cached answers included)
    cached_judge: int = 0
    promoted: int = 0  # judged relevant, so briefed
    judge_requests: int = 0  # of ``requests``
    judge_tokens: int = 0  # of the prompt and completion tokens


@dataclass
class Report:
    """Everything a renderer needs; renderers are pure functions of this."""

    title: str
    generated_at: str  # "YYYY-MM-DD HH:MM:SS"
    entries: list[Entry]
    failures: list[Failure] = field(default_factory=list)
    excluded: list[Entry] = field(default_factory=list)  # below the relevance threshold
    borderline: list[Entry] = field(default_factory=list)  # 可能相关: just below it, not briefed
    stats: RunStats = field(default_factory=RunStats)
