"""Wires the stages: sources -> extract -> select (-> judge the 可能相关 band) -> annotate -> brief -> Report.

Data flows one way; each stage's result is persisted in the store as soon as it exists,
so a re-run does only new work and a killed run resumes where it stopped.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from .brief import Writer
from .extract.batch import DEFAULT_TIMEOUT, Job, extract_many
from .extract.core import EXTRACTOR_VERSION, file_sha256
from .models import Entry, Failure, Judgement, Paper, Relevance, Report, RunStats, Source
from .report import sort_entries
from .store import Store, brief_key, paper_key

if TYPE_CHECKING:
    from .brief.llm.judge import Judge


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...
    def advance(self, stage: str, n: int = 1) -> None: ...
    def failure(self, failure: Failure) -> None: ...


class _Silent:
    def start(self, stage: str, total: int) -> None: ...
    def advance(self, stage: str, n: int = 1) -> None: ...
    def failure(self, failure: Failure) -> None: ...


@dataclass(frozen=True)
class RunConfig:
    title: str
    select: bool = False  # filter papers the user named one by one too (query results always are)
    topic: object | None = None  # a paperbrief.select.Topic, needed when anything is filtered
    workers: int | None = None
    extract_timeout: float = DEFAULT_TIMEOUT


def extract_sources(sources: list[Source], store: Store, progress: Progress,
                    workers: int | None = None, timeout: float = DEFAULT_TIMEOUT) -> tuple[list[tuple[Source, Paper]], list[Failure], int]:
    """Papers for the sources (cached or freshly extracted), failures, and the cached count."""
    results: list[Paper | Failure | None] = [None] * len(sources)
    hashes: list[str | None] = [None] * len(sources)
    jobs: list[tuple[int, Job]] = []
    cached = 0
    progress.start("extract", len(sources))
    for i, src in enumerate(sources):
        try:
            hashes[i] = file_sha256(src.path)
        except OSError as exc:
            results[i] = Failure(src.label, "extract", f"cannot read file: {exc.strerror or exc}")
            continue
        hit = store.get_extraction(hashes[i], EXTRACTOR_VERSION)
        if hit is None:
            jobs.append((i, Job(src.path, src.label, hashes[i])))
        else:
            cached += 1
            results[i] = _relabel(hit, src.label)
            progress.advance("extract")
    for j, result in extract_many([job for _, job in jobs], workers=workers, timeout=timeout):
        i = jobs[j][0]
        store.put_extraction(hashes[i], EXTRACTOR_VERSION, result)
        results[i] = result
        progress.advance("extract")
    papers, failures, seen = [], [], set()
    for src, result in zip(sources, results):
        if isinstance(result, Failure):
            failures.append(result)
            progress.failure(result)
        elif isinstance(result, Paper) and result.sha256 not in seen:
            seen.add(result.sha256)
            papers.append((src, result))
    return papers, failures, cached


def _hollow(paper: Paper) -> Failure | None:
    """A paper without authors or abstract would reach the reader as a hollow entry: fail it."""
    missing = [name for name, value in (("author names", paper.authors), ("abstract", paper.abstract)) if not value]
    if missing:
        return Failure(paper.file, "extract", f"no {' and no '.join(missing)} found in the PDF")
    return None


def _relabel(result: Paper | Failure, label: str) -> Paper | Failure:
    """A cached result carries the label of the run that made it; show this run's."""
    if isinstance(result, Paper):
        result.file = label
        return result
    return Failure(label, result.stage, result.reason)


def _merge_arxiv(src: Source, paper: Paper) -> Paper:
    if src.arxiv is None:
        return paper
    from .sources.merge import merge

    return merge(paper, src.arxiv)


def score_relevance(papers: list[Paper], topic, store: Store, progress: Progress) -> list[Relevance]:
    from .select import score

    topic_key = f"{topic.name}:{hash_topic(topic)}"
    out: list[Relevance | None] = [store.get_relevance(paper_key(p), topic_key) for p in papers]
    todo = [i for i, r in enumerate(out) if r is None]
    progress.start("select", len(papers))
    progress.advance("select", len(papers) - len(todo))
    if todo:
        for i, rel in zip(todo, score([papers[i] for i in todo], topic)):
            store.put_relevance(paper_key(papers[i]), topic_key, rel)
            out[i] = rel
        progress.advance("select", len(todo))
    return [r for r in out if r is not None]


def hash_topic(topic) -> str:
    import hashlib

    return hashlib.sha256(repr(topic).encode()).hexdigest()[:16]


def cached_each(papers: list[Paper], stage: str, progress: Progress, get: Callable[[Paper], Any],
                put: Callable[[Paper, Any], None], ask: Callable[[list[Paper], Callable[[int, Any], None]], list]
                ) -> tuple[list, int]:
    """Each paper's stored result, or one from ``ask(todo, on_done)`` stored as it arrives (a
    transient one, from an endpoint outage, is not: it is asked again next run); and how many
    were stored already."""
    found = [get(p) for p in papers]
    todo = [i for i, r in enumerate(found) if r is None]
    progress.start(stage, len(papers))
    progress.advance(stage, len(papers) - len(todo))

    def done(j: int, result: Any) -> None:
        i = todo[j]
        if not result.transient:
            put(papers[i], result)
        found[i] = result
        progress.advance(stage)

    if todo:
        for j, result in enumerate(ask([papers[i] for i in todo], done)):
            if found[todo[j]] is None:  # an asker that never called on_done still counts
                done(j, result)
    return found, len(papers) - len(todo)


def annotate_papers(papers: list[Paper], store: Store) -> list[Paper]:
    """The papers with their annotations (stored, or made now and stored)."""
    from .annotate import annotate, version

    out = []
    for paper in papers:
        key = paper_key(paper)
        notes = store.get_annotations(key, version())
        if notes is None:
            notes = annotate(paper)
            store.put_annotations(key, version(), notes)
        out.append(replace(paper, annotations=notes))
    return out


def write_briefs(papers: list[Paper], writer: Writer, store: Store, progress: Progress) -> tuple[list, int]:
    key = writer.cache_key()
    return cached_each(papers, "brief", progress, lambda p: store.get_brief(brief_key(p), key),
                       lambda p, b: store.put_brief(brief_key(p), key, b),
                       lambda todo, done: writer.write(todo, on_brief=done))


def judge_band(papers: list[Paper], judge: Judge, store: Store, progress: Progress) -> tuple[list[Judgement], int]:
    """The judge's answer for each 可能相关 paper (stored, or asked now), and how many were stored."""
    key, topic = judge.cache_key(), judge.topic_key()
    found, cached = cached_each(papers, "judge", progress, lambda p: store.get_judgement(paper_key(p), key, topic),
                                lambda p, v: store.put_judgement(paper_key(p), key, topic, v),
                                lambda todo, done: judge.judge(todo, on_verdict=done))
    return [v for v in found if v is not None], cached


def run(sources: list[Source], source_failures: list[Failure], *, store: Store, writer: Writer,
        config: RunConfig, progress: Progress | None = None, now: datetime | None = None,
        judge: Judge | None = None) -> Report:
    """The report for ``sources``. With a ``judge``, 可能相关 papers the model calls relevant are
    briefed like selected ones; the others stay listed with the model's reason."""
    started = time.perf_counter()
    progress = progress or _Silent()
    for f in source_failures:
        progress.failure(f)
    pairs, failures, cached_extract = extract_sources(sources, store, progress, config.workers, config.extract_timeout)
    merged = [(src, _merge_arxiv(src, p)) for src, p in pairs]
    pairs = []
    for src, paper in merged:
        if hollow := _hollow(paper):
            failures.append(hollow)
            progress.failure(hollow)
        else:
            pairs.append((src, paper))
    papers = [p for _, p in pairs]
    filtered = [config.select or src.from_query for src, _ in pairs]

    relevance: list[Relevance | None] = [None] * len(papers)
    if any(filtered):
        for i, rel in zip([i for i, f in enumerate(filtered) if f],
                          score_relevance([p for p, f in zip(papers, filtered) if f], config.topic, store, progress)):
            relevance[i] = rel
    band = [i for i, rel in enumerate(relevance) if rel is not None and rel.borderline]
    verdicts: dict[int, Judgement] = {}
    cached_judge = 0
    if judge is not None and band:
        found, cached_judge = judge_band([papers[i] for i in band], judge, store, progress)
        verdicts = {i: v for i, v in zip(band, found) if v.relevant is not None}
    keep = [i for i, rel in enumerate(relevance)
            if rel is None or rel.selected or (i in verdicts and verdicts[i].relevant)]

    papers = annotate_papers(papers, store)  # the left-out ones too: the report shows their tags
    briefs, cached_brief = write_briefs([papers[i] for i in keep], writer, store, progress)
    entries = [Entry(papers[i], b, relevance[i], verdicts.get(i)) for i, b in zip(keep, briefs)]
    left_out = [Entry(papers[i], None, relevance[i], verdicts.get(i))
                for i in sorted(set(range(len(papers))) - set(keep))]
    borderline = [e for e in left_out if e.relevance and e.relevance.borderline]
    excluded = [e for e in left_out if not (e.relevance and e.relevance.borderline)]
    all_failures = list(source_failures) + failures
    usage, asked = writer.usage, judge.usage if judge is not None else None
    stats = RunStats(
        done=len(entries), failed=len(all_failures), cached_extract=cached_extract, cached_brief=cached_brief,
        excluded=len(left_out), requests=usage.requests + (asked.requests if asked else 0),
        prompt_tokens=usage.prompt_tokens + (asked.prompt_tokens if asked else 0),
        completion_tokens=usage.completion_tokens + (asked.completion_tokens if asked else 0),
        seconds=round(time.perf_counter() - started, 3),
        judged=len(band) if judge is not None else 0, cached_judge=cached_judge,
        promoted=sum(v.relevant is True for v in verdicts.values()),
        judge_requests=asked.requests if asked else 0,
        judge_tokens=asked.prompt_tokens + asked.completion_tokens if asked else 0,
    )
    return Report(
        title=config.title,
        generated_at=(now or datetime.now()).strftime("%Y-%m-%d %H:%M:%S"),
        entries=sort_entries(entries),
        failures=all_failures,
        excluded=sorted(excluded, key=lambda e: -(e.relevance.score if e.relevance else 0)),
        borderline=sorted(borderline, key=lambda e: -(e.relevance.score if e.relevance else 0)),
        stats=stats,
    )
