"""A progress bar per stage on the terminal, silent when output is not a terminal: what the
long commands (a ledger's import, the division tables' load) show while they work."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from tqdm import tqdm


class TerminalProgress:
    """Called with a stage, how far it is and how far it goes; ``label`` names a stage."""

    def __init__(self, label: Callable[[str], str] = str) -> None:
        self._bars: dict[str, Any] = {}
        self._label = label

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = tqdm(
                total=total,
                desc=self._label(stage),
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
