"""Command line: parses options, loads config, calls the library, renders. Nothing else."""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import PaperbriefError


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"paperbrief: error: {message}", err=True)
    sys.exit(code)


def handle_errors(fn):
    """Our errors become one line; anything else is a bug and shows its traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except PaperbriefError as exc:
            _fail(str(exc))

    return wrapper


def extract_options(fn):
    fn = click.option("--workers", type=click.IntRange(1), default=None,
                      help="Extraction worker processes (default: one per CPU core).")(fn)
    fn = click.option("--extract-timeout", type=click.FloatRange(0.1), default=30.0, show_default=True,
                      help="Seconds one PDF may take before it is given up as stalled.")(fn)
    return fn


def writer_choices() -> list[str]:
    """``--llm`` values: the two aliases and every registered writer (entry points), so a
    writer plugin shows up in --help without a change here."""
    from .brief import available

    return ["auto", "off", *available()]


def llm_options(fn):
    for decorator in reversed([
        click.option("--llm", "writer", type=click.Choice(writer_choices()), default=None,
                     help="Brief writer: auto (the LLM if an endpoint is configured, else offline), off (= offline), "
                          "or a registered writer (env PAPERBRIEF_LLM)."),
        click.option("--llm-base-url", "base_url", default=None, metavar="URL",
                     help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (env OPENAI_BASE_URL)."),
        click.option("--model", default=None, help="Model name for the endpoint (env PAPERBRIEF_MODEL)."),
        click.option("--concurrency", type=click.IntRange(1), default=None, help="LLM requests in flight (default 8)."),
        click.option("--llm-timeout", "timeout", type=click.FloatRange(0.1), default=None,
                     help="Seconds per LLM request (default 60)."),
        click.option("--max-requests", type=click.IntRange(0), default=None,
                     help="Cap on LLM requests this run; papers past it get the offline brief."),
    ]):
        fn = decorator(fn)
    return fn


def arxiv_options(fn):
    for decorator in reversed([
        click.option("--arxiv", "arxiv_query", default=None, metavar="QUERY",
                     help='arXiv search query, e.g. "all:quantization AND all:LLM".'),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="First submission date (YYYY-MM-DD)."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Last submission date (YYYY-MM-DD)."),
        click.option("--category", "categories", multiple=True, help="arXiv category, e.g. cs.LG (repeatable)."),
        click.option("--max", "max_results", type=click.IntRange(1), default=200, show_default=True,
                     help="At most N papers from the query (each costs a polite 3 s request)."),
        click.option("--arxiv-api-url", envvar="PAPERBRIEF_ARXIV_API_URL", default=None,
                     help="arXiv export API query URL (env PAPERBRIEF_ARXIV_API_URL)."),
        click.option("--arxiv-delay", type=click.FloatRange(0), default=None,
                     help="Seconds between arXiv requests (default 3, the API's politeness rule)."),
    ]):
        fn = decorator(fn)
    return fn


REPORT_HELP = """\b
Examples:
  paperbrief report examples/papers -o report.md
  paperbrief report 2401.02385 https://arxiv.org/abs/2402.17764 -o report.html
  paperbrief report --arxiv "all:quantization" --since 2026-11-18 --category cs.LG -o week.md

\b
Configuration: paperbrief.toml in the working folder, else in the user data dir
(flag > paperbrief.toml > environment > default). Environment variables:
  OPENAI_API_KEY            key for the LLM endpoint (never logged or stored)
  OPENAI_BASE_URL           OpenAI-compatible endpoint; none set: the offline writer
  PAPERBRIEF_MODEL          model name at that endpoint
  PAPERBRIEF_LLM            brief writer, as --llm
  PAPERBRIEF_HOME           user data dir: config, store, arXiv PDF cache
                            (default ~/.local/share/paperbrief on Linux)
  PAPERBRIEF_ARXIV_API_URL  arXiv export API URL, as --arxiv-api-url

\b
Network: only arXiv IDs and --arxiv (arxiv.org) and a configured LLM endpoint.
Local PDFs with the offline writer need none.

\b
Exit status:
  0  the report has at least one paper
  2  no paper made it into the report, or bad usage, config or -o folder
  1  an internal error (a bug: the traceback is shown)
"""

EXTRACT_HELP = """\b
Examples:
  paperbrief extract examples/papers/d001.pdf
  paperbrief extract examples/papers --format json > papers.json
  paperbrief extract a.pdf b.pdf | jq -r .title

\b
Reads no paperbrief.toml and no environment variable, and needs no network.

\b
Exit status:
  0  at least one PDF was read
  2  none was, or bad usage
  1  an internal error (a bug: the traceback is shown)
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Run 'paperbrief COMMAND --help' for a command's examples, configuration and exit status.")
@click.version_option(__version__, "-V", "--version", prog_name="paperbrief")
def cli() -> None:
    """Turn a batch of AI-inference papers into a Chinese technical-brief report."""


@cli.command(epilog=REPORT_HELP)
@click.argument("inputs", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Report file (written atomically); default: standard output.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default=None,
              help="Output format (default: from the output file's suffix, else md).")
@click.option("--title", default=None, help="Report title (default: the topic's, 'AI推理加速技术论文分析报告').")
@click.option("--store", "store_path", type=click.Path(dir_okay=False), default=None,
              help="SQLite store for incremental re-runs (default: in the user data dir; env PAPERBRIEF_HOME moves it).")
@click.option("--topic", "topic_path", type=click.Path(dir_okay=False), default=None,
              help="Topic profile TOML (default: the bundled inference-acceleration profile).")
@click.option("--select", is_flag=True, help="Filter papers named one by one by relevance too (arXiv queries always are).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Relevance a paper needs to be briefed (default: the topic's calibrated threshold).")
@click.option("--band", type=click.FloatRange(0, 1), default=None,
              help="Width of the 可能相关 band below --min-score: those papers are listed, not briefed.")
@click.option("--progress/--no-progress", default=None, help="Progress bars on stderr (default: when stderr is a terminal).")
@llm_options
@arxiv_options
@extract_options
@handle_errors
def report(inputs, output, fmt, title, store_path, topic_path, select, min_score, band, progress, writer, base_url, model,
           concurrency, timeout, max_requests, arxiv_query, since, until, categories, max_results,
           arxiv_api_url, arxiv_delay, workers, extract_timeout) -> None:
    """Build the report from PDFs, folders of PDFs, arXiv IDs/URLs and/or an arXiv query."""
    from . import config as cfg
    from ._runner import build_report

    if not inputs and not (arxiv_query or categories or since):
        raise click.UsageError("give PDF files, folders, arXiv IDs, or --arxiv QUERY")
    if output and not Path(output).parent.is_dir():  # checked first: a typo must not cost a whole run
        _fail(f"{Path(output).parent}: no such folder for the report (-o); create it first")
    env = os.environ
    file_cfg = cfg.load_file(cfg.find_config(env, Path.cwd()))
    llm = cfg.llm_config(
        {"writer": writer, "base_url": base_url, "model": model, "concurrency": concurrency,
         "timeout": timeout, "max_requests": max_requests},
        file_cfg.get("llm", {}), env,
    )
    fmt = fmt or {".html": "html", ".htm": "html", ".json": "json"}.get(Path(output or "").suffix.lower(), "md")
    result = build_report(
        inputs=list(inputs), env=env, file_cfg=file_cfg, llm=llm, title=title, store_path=store_path,
        topic_path=topic_path, select=select, arxiv_query=arxiv_query,
        select_overrides=cfg.select_overrides({"min_score": min_score, "band": band}, file_cfg.get("select", {})),
        since=since.date() if since else None, until=until.date() if until else None,
        categories=list(categories), max_results=max_results, arxiv_api_url=arxiv_api_url,
        arxiv_delay=arxiv_delay, workers=workers, extract_timeout=extract_timeout,
        progress=sys.stderr.isatty() if progress is None else progress,
    )
    from . import report as renderers
    from ._atomic import write_text

    text = renderers.render(result, fmt)
    if output:
        write_text(output, text)
    else:
        sys.stdout.write(text)
    click.echo(f"paperbrief: {summary_line(result.stats)}", err=True)
    sys.exit(0 if result.entries else 2)


def summary_line(s) -> str:
    judged = f", {s.cached_judge} judgements" if s.judged else ""
    cached = "all cached" if s.done and s.cached_extract >= s.done and s.cached_brief >= s.done \
        and s.cached_judge >= s.judged else f"cached: {s.cached_extract} extractions, {s.cached_brief} briefs{judged}"
    parts = [f"{s.done} papers done", f"{s.failed} failed"]
    if s.excluded:
        parts.append(f"{s.excluded} below relevance threshold")
    if s.judged:
        parts.append(f"{s.promoted} of {s.judged} borderline promoted by the LLM")
    requests = f"{s.requests} LLM requests" + (f" ({s.judge_requests} for relevance)" if s.judged else "")
    parts += [cached, requests, f"{s.prompt_tokens + s.completion_tokens} tokens", f"{s.seconds:.2f} s"]
    return ", ".join(parts)


@cli.command(epilog=EXTRACT_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one object per input PDF, in input order; json: one array.")
@extract_options
@handle_errors
def extract(paths, fmt, workers, extract_timeout) -> None:
    """Print the metadata of each PDF: file, status, error, title, authors, author_count, affiliations, abstract."""
    from .extract.batch import Job, extract_many
    from .models import Failure
    from .sources import local_sources

    sources, failures = local_sources(list(paths))
    rows = []
    for f in failures:
        click.echo(f"paperbrief: error: {f.line()}", err=True)
        rows.append({"file": f.file, "status": "error", "error": f.reason})
    ok = 0
    for _, result in extract_many([Job(s.path, s.label) for s in sources], workers=workers, timeout=extract_timeout):
        if isinstance(result, Failure):
            click.echo(f"paperbrief: error: {result.line()}", err=True)
            row = {"file": result.file, "status": "error", "error": result.reason}
        else:
            ok += 1
            d = result.to_dict()
            row = {"file": d.pop("file"), "status": "ok", "error": None, "title": d.pop("title"),
                   "authors": d.pop("authors"), "author_count": d.pop("author_count"),
                   "affiliations": d.pop("affiliations"), "abstract": d.pop("abstract"), **d}
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            rows.append(row)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    sys.exit(0 if ok else 2)


DIGEST_HELP = """\b
Examples:
  paperbrief digest --topic my-topic.toml --arxiv "abs:quantization" --site site
  paperbrief digest --every day --site site --mail
  paperbrief digest --until 2026-11-23 --site site      # backfill: the window ends that day

\b
The window runs from the end of the last issue to today (the first: the last 7 days, or 1
with --every day). Papers an earlier issue showed, in any version, are skipped before their
PDF is fetched; a window with nothing new makes no issue and no LLM request. The store's
lock keeps two runs of one topic from making two issues.

\b
Configuration: [digest] (topic, site, base_url, every, trend_issues, mail) and [mail]
(host, port, user, from, to, starttls) in paperbrief.toml; the topic file's [digest] table
may hold the query (arxiv, categories, max). Environment: as for report, plus
  PAPERBRIEF_SMTP_PASSWORD  the SMTP password (never read from a file)

\b
Exit status:
  0  an issue was made, or there was nothing new
  2  bad usage or config, the lock is held, the arXiv query failed, or the mail was not
     sent (the issue is stored: send it again with 'paperbrief mail --issue N')
  1  an internal error (a bug: the traceback is shown)
"""

SITE_HELP = """\b
Examples:
  paperbrief site site/
  paperbrief site public/ --topic my-topic.toml --base-url https://you.github.io/digest/

\b
Rebuilds the digest's static site from the store alone (no network, no LLM), in a temp
folder swapped in at the end. Serve it with any static server: python3 -m http.server -d site

\b
Exit status: 0 built; 2 no issue in the store, or bad usage; 1 an internal error.
"""

MAIL_HELP = """\b
Examples:
  paperbrief mail                 # the latest issue
  paperbrief mail --issue 3       # send issue 3 (again)

\b
SMTP settings from [mail] in paperbrief.toml, the password from PAPERBRIEF_SMTP_PASSWORD
(or the variable [mail] password_env names); STARTTLS unless starttls = false.

\b
Exit status: 0 sent; 2 not sent (one line says why), no such issue, or bad config; 1 a bug.
"""


def digest_store_options(fn):
    fn = click.option("--store", "store_path", type=click.Path(dir_okay=False), default=None,
                      help="SQLite store (default: in the user data dir; env PAPERBRIEF_HOME moves it).")(fn)
    fn = click.option("--topic", "topic_path", type=click.Path(dir_okay=False), default=None,
                      help="Topic profile TOML; its name keys the digest's issues in the store.")(fn)
    return fn


def _digest_context(topic_path, store_path):
    """Config file, topic (name and title) and store path shared by digest, site and mail."""
    from . import config as cfg
    from .select import load_topic

    env = os.environ
    file_cfg = cfg.load_file(cfg.find_config(env, Path.cwd()))
    topic_path = topic_path or file_cfg.get("digest", {}).get("topic") or file_cfg.get("report", {}).get("topic")
    topic = load_topic(topic_path)
    title = file_cfg.get("digest", {}).get("title") or file_cfg.get("report", {}).get("title") or topic.title
    store = store_path or file_cfg.get("report", {}).get("store") or str(cfg.default_store(env))
    return env, file_cfg, topic_path, topic, title, store


@cli.command(epilog=DIGEST_HELP)
@digest_store_options
@click.option("--every", type=click.Choice(["week", "day"]), default=None, help="Issue period: the first window's length (default week).")
@click.option("--site", "site_dir", type=click.Path(file_okay=False), default=None,
              help="Static site folder to rebuild after a new issue (default: [digest] site; none: no site).")
@click.option("--base-url", "site_url", default=None, help="The site's public URL, for absolute links in feed.xml.")
@click.option("--until", "until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="End of the window (YYYY-MM-DD; default today, UTC).")
@click.option("--trend-issues", type=click.IntRange(1), default=None, help="N of 'the last N issues' in the trends (default 4).")
@click.option("--mail/--no-mail", "mail", default=None, help="Mail the new issue ([mail] in paperbrief.toml).")
@click.option("--summary/--no-summary", "summary", default=None,
              help="Ask the LLM endpoint for a checked 本期综述 paragraph ([digest] summary; default no).")
@click.option("--arxiv", "query", default=None, metavar="QUERY", help="arXiv query (default: the topic file's [digest] arxiv).")
@click.option("--category", "categories", multiple=True, help="arXiv category, repeatable (default: the topic file's).")
@click.option("--max", "max_results", type=click.IntRange(1), default=None, help="At most N papers per window (default 200).")
@click.option("--arxiv-api-url", envvar="PAPERBRIEF_ARXIV_API_URL", default=None,
              help="arXiv export API query URL (env PAPERBRIEF_ARXIV_API_URL).")
@click.option("--arxiv-delay", type=click.FloatRange(0), default=None, help="Seconds between arXiv requests (default 3).")
@llm_options
@extract_options
@handle_errors
def digest(topic_path, store_path, every, site_dir, site_url, until, trend_issues, mail, summary, query, categories,
           max_results,
           arxiv_api_url, arxiv_delay, writer, base_url, model, concurrency, timeout, max_requests, workers,
           extract_timeout) -> None:
    """Make the next issue of the digest from the topic's arXiv query, and rebuild its site."""
    from datetime import UTC, datetime

    from . import config as cfg
    from .digest import DigestPlan, DigestRecords, build_with_runner, run_digest
    from .digest.settings import digest_settings

    env, file_cfg, topic_path, topic, title, store = _digest_context(topic_path, store_path)
    s = digest_settings({"topic": topic_path, "query": query, "categories": categories, "max_results": max_results,
                         "site": site_dir, "base_url": site_url, "every": every, "trend_issues": trend_issues,
                         "mail": mail, "summary": summary}, file_cfg)
    if not (s.query or s.categories):
        raise click.UsageError("no arXiv query: give --arxiv or --category, or arxiv under [digest] in paperbrief.toml or the topic file")
    llm = cfg.llm_config({"writer": writer, "base_url": base_url, "model": model, "concurrency": concurrency,
                          "timeout": timeout, "max_requests": max_requests}, file_cfg.get("llm", {}), env)
    mailer = _mailer(file_cfg, env) if s.mail else None  # checked first: a bad [mail] must not cost a run
    summarize = None
    if s.summary:
        if not (llm.base_url and llm.model):
            raise click.UsageError("--summary needs an LLM endpoint and model (--llm-base-url, --model)")
        from .digest import llm_summarizer
        from .digest.summary import SummarySettings

        summarize = llm_summarizer(SummarySettings(llm.base_url, llm.model, llm.api_key, llm.timeout))
    build = build_with_runner(env=env, file_cfg=file_cfg, llm=llm, topic_path=s.topic_path, query=s.query,
                              categories=s.categories, max_results=s.max_results or 200, title=title, store_path=store,
                              select_overrides=cfg.select_overrides({}, file_cfg.get("select", {})),
                              arxiv_api_url=arxiv_api_url, arxiv_delay=arxiv_delay, progress=sys.stderr.isatty(), workers=workers,
                              extract_timeout=extract_timeout)
    today = until.date() if until else datetime.now(UTC).date()
    plan = DigestPlan(topic=topic.name, title=title, today=today, every=s.every, site=s.site, base_url=s.base_url, n=s.n)
    with DigestRecords(store) as records:
        out = run_digest(records, plan, build, summarize)
        where = f"{out.window.since} – {out.window.until}"
        if out.issue is None:
            click.echo(f"paperbrief: nothing new in {where}: no issue made", err=True)
        else:
            site = f"; site rebuilt in {out.site}" if out.site else ""
            click.echo(f"paperbrief: issue {out.issue.number} ({where}): {len(out.report.entries)} papers{site}", err=True)
        if out.summary_note:
            click.echo(f"paperbrief: 本期综述 left out: {out.summary_note}", err=True)
        click.echo(f"paperbrief: {summary_line(out.report.stats)}", err=True)
        if out.issue is not None and mailer is not None:
            _send_issue(records, topic.name, out.issue.number, mailer, s.n)


def _mailer(file_cfg, env):
    from .mail import mail_settings

    settings = mail_settings(file_cfg.get("mail", {}))
    return settings, (env.get(settings.password_env) or None)


def _send_issue(records, topic: str, number: int, mailer, n: int) -> None:
    from .errors import MailError
    from .mail import compose, send
    from .site import issue_trends_of

    settings, password = mailer
    issues = [i for i in records.issues(topic) if i.number <= number]
    issue = issues[-1]
    try:
        send(compose(issue, issue_trends_of(issues, n)[number], settings), settings, password)
    except MailError as exc:
        _fail(f"{exc} (issue {number} is stored; send it again with: paperbrief mail --issue {number})")
    records.mark_mailed(topic, number)
    click.echo(f"paperbrief: issue {number} mailed to {', '.join(settings.to)}", err=True)


@cli.command(epilog=SITE_HELP)
@click.argument("out", type=click.Path(file_okay=False))
@digest_store_options
@click.option("--base-url", default=None, help="The site's public URL, for absolute links in feed.xml.")
@click.option("--trend-issues", type=click.IntRange(1), default=None, help="N of 'the last N issues' (default 4).")
@handle_errors
def site(out, topic_path, store_path, base_url, trend_issues) -> None:
    """Rebuild the digest's static site from the store alone."""
    from .digest import DigestRecords, rebuild_site
    from .digest.settings import digest_settings

    _, file_cfg, topic_path, topic, title, store = _digest_context(topic_path, store_path)
    s = digest_settings({"topic": topic_path, "base_url": base_url, "trend_issues": trend_issues}, file_cfg)
    with DigestRecords(store) as records:
        count = len(records.issues(topic.name))
        if not count:
            _fail(f"{store}: no issue of {topic.name!r} in the store (known: {', '.join(records.topics()) or 'none'})")
        with records.lock(topic.name):
            path = rebuild_site(records, topic.name, Path(out), title, s.base_url, s.n)
    click.echo(f"paperbrief: site of {count} issues written to {path}", err=True)


@cli.command(epilog=MAIL_HELP)
@digest_store_options
@click.option("--issue", "number", type=click.IntRange(1), default=None, help="Issue number (default: the latest).")
@handle_errors
def mail(topic_path, store_path, number) -> None:
    """Mail an issue of the digest (again): HTML with a plain-text alternative."""
    from .digest import DigestRecords
    from .digest.settings import digest_settings

    env, file_cfg, topic_path, topic, _, store = _digest_context(topic_path, store_path)
    s = digest_settings({"topic": topic_path}, file_cfg)
    mailer = _mailer(file_cfg, env)
    with DigestRecords(store) as records:
        issues = records.issues(topic.name)
        if not issues or (number is not None and number > issues[-1].number):
            _fail(f"{store}: no issue {number or ''} of {topic.name!r} in the store".replace("  ", " "))
        _send_issue(records, topic.name, number or issues[-1].number, mailer, s.n)


def main() -> None:
    cli(prog_name="paperbrief")


if __name__ == "__main__":
    main()
