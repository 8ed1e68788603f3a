"""The digest: issues (期) over date windows, trends between them, and the lock that keeps runs apart.

Public: ``DigestPlan``, ``DigestOutcome``, ``run_digest``, ``rebuild_site``, ``DigestRecords``,
``IssueRecord``, ``Window``, ``next_window``, ``IssueCounts``, ``Trends``, ``issue_trends``.
The site (``paperbrief.site``) and the mail (``paperbrief.mail``) read issues from the store
through ``DigestRecords``; nothing here imports the brief writers or the report's overview.
"""
from __future__ import annotations

from .records import DigestRecords, IssueRecord
from .run import DigestOutcome, DigestPlan, build_with_runner, llm_summarizer, rebuild_site, run_digest
from .topic_query import TopicQuery, topic_query
from .trends import IssueCounts, Trends, all_trends, issue_trends
from .windows import Window, next_window

__all__ = ["DigestOutcome", "DigestPlan", "DigestRecords", "IssueCounts", "IssueRecord", "TopicQuery", "Trends",
           "Window", "all_trends", "build_with_runner", "issue_trends", "llm_summarizer", "next_window", "rebuild_site", "run_digest",
           "topic_query"]
