"""A progress bar per stage on the terminal (silent when output is not a terminal); the web
import shows the same stages on its page (anju.jobs.progress)."""

from __future__ import annotations

import sys
from typing import Any

from tqdm import tqdm

from anju.registry.progress import stage_label


class TerminalProgress:
    def __init__(self) -> None:
        self._bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = tqdm(
                total=total,
                desc=stage_label(stage),
                file=sys.stderr,
                disable=None,
                leave=True,
                unit="",
            )
        bar.total = max(total, 1)
        bar.n = min(done, bar.total)
        bar.refresh()
        if done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()
