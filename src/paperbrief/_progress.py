"""Progress on stderr (rich) and one line per failure: the CLI's view of a run."""
from __future__ import annotations

from typing import TextIO

from .models import Failure

STAGES = {"extract": "提取 PDF", "select": "相关度", "judge": "模型复核", "brief": "撰写简报"}


class ConsoleProgress:
    """Shows bars only on a terminal; failures are always one plain line each."""

    def __init__(self, stream: TextIO, show_bars: bool) -> None:
        from rich.console import Console

        self.console = Console(file=stream, highlight=False, soft_wrap=True)
        self.stream = stream
        self._bars = None
        self._tasks: dict[str, int] = {}
        if show_bars:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bars = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), console=self.console, transient=True)
            self._bars.start()

    def start(self, stage: str, total: int) -> None:
        if self._bars is not None:
            self._tasks[stage] = self._bars.add_task(STAGES.get(stage, stage), total=total)

    def advance(self, stage: str, n: int = 1) -> None:
        if self._bars is not None and stage in self._tasks and n:
            self._bars.advance(self._tasks[stage], n)

    def failure(self, failure: Failure) -> None:
        line = f"paperbrief: error: {failure.line()}"
        if self._bars is not None:
            self._bars.console.print(line, markup=False)
        else:
            print(line, file=self.stream, flush=True)

    def stop(self) -> None:
        if self._bars is not None:
            self._bars.stop()
