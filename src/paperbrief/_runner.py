"""Glue between resolved configuration and the pipeline: builds the store, the writer (and,
with an LLM endpoint, the relevance judge), the sources and the topic, runs the pipeline and
returns the Report."""
from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from . import config as cfg
from .brief import WriterSettings, get_writer
from .pipeline import RunConfig, run
from .store import Store


def build_report(*, inputs: list[str], env: Mapping[str, str], file_cfg: Mapping[str, Any], llm: cfg.LLMConfig,
                 title: str | None = None, store_path: str | None = None, topic_path: str | None = None,
                 select: bool = False, arxiv_query: str | None = None, since: date | None = None,
                 until: date | None = None, categories: list[str] | None = None, max_results: int | None = None,
                 arxiv_api_url: str | None = None, arxiv_delay: float | None = None, workers: int | None = None,
                 extract_timeout: float = 30.0, progress: bool = False,
                 select_overrides: Mapping[str, float] | None = None, skip_arxiv: Collection[str] = ()):
    """``skip_arxiv``: base arXiv IDs left out of the query's results (a digest's earlier issues)."""
    import sys

    from ._progress import ConsoleProgress

    report_cfg = file_cfg.get("report", {})
    arxiv_cfg = file_cfg.get("arxiv", {})
    topic_path = topic_path or report_cfg.get("topic")
    needs_topic = select or bool(arxiv_query or categories or since or until or topic_path)
    topic = None
    if needs_topic:
        from .select import load_topic

        topic = dataclasses.replace(load_topic(topic_path), **(select_overrides or {}))
    title = title or report_cfg.get("title") or (topic.title if topic_path and topic else None) or cfg.DEFAULT_TITLE

    settings = WriterSettings(base_url=llm.base_url, model=llm.model, api_key=llm.api_key,
                              concurrency=llm.concurrency, timeout=llm.timeout,
                              max_requests=llm.max_requests, env=dict(env))
    writer = get_writer(llm.writer_name(), settings)
    judge = None
    chat = getattr(writer, "chat", None)  # writers that ask an LLM endpoint share their client
    if topic is not None and chat is not None and cfg.llm_judge(file_cfg.get("select", {})):
        from .brief.llm.judge import Judge

        judge = Judge(chat, topic)
    # after every configuration check: a bad setting must not cost an arXiv query first
    sources, failures = _collect(inputs, env, arxiv_cfg, arxiv_query, since, until, categories or [],
                                 max_results, arxiv_api_url, arxiv_delay, skip_arxiv)
    console = ConsoleProgress(sys.stderr, show_bars=progress)
    try:
        with Store(store_path or report_cfg.get("store") or cfg.default_store(env)) as store:
            return run(sources, failures, store=store, writer=writer,
                       config=RunConfig(title=title, select=select, topic=topic, workers=workers,
                                        extract_timeout=extract_timeout),
                       progress=console, judge=judge)
    finally:
        console.stop()


def _collect(inputs, env, arxiv_cfg, query, since, until, categories, max_results, api_url, delay, skip=()):
    from .sources import ArxivQuery, collect

    settings = None
    if query or categories or since or until or any(not Path(i).exists() for i in inputs):
        from .sources.arxiv import ArxivSettings

        kw: dict[str, Any] = {}
        if api_url or arxiv_cfg.get("api_url"):
            kw["api_url"] = api_url or arxiv_cfg["api_url"]
        if delay is not None or arxiv_cfg.get("delay") is not None:
            kw["delay"] = float(delay if delay is not None else arxiv_cfg["delay"])
        if arxiv_cfg.get("contact"):  # arXiv asks API clients for a way to reach them
            kw["user_agent"] = f"{ArxivSettings().user_agent} mailto:{arxiv_cfg['contact']}"
        settings = ArxivSettings(**kw)
    q = ArxivQuery(query=query, since=since, until=until, categories=categories, max_results=max_results)
    return collect(inputs, arxiv=q, arxiv_settings=settings, cache_dir=cfg.default_cache_dir(env), skip=skip)
