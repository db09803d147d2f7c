"""A background job's progress, where a page can read it while the job's own transaction is
still open (an import writes everything in one, so nothing it writes is visible before the
end): a small JSON file beside the job, replaced whole at each step, at most a few times a
second."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any


class ProgressFile:
    """The progress callback of the command line's bars, (stage, done, total), kept in a file."""

    def __init__(self, path: Path, every: float = 0.25) -> None:
        self.path = path
        self.every = every
        self._last = 0.0
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self._stage and done < total and now - self._last < self.every:
            return
        self._stage, self._last = stage, now
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps({"stage": stage, "done": done, "total": total}))
        os.replace(partial, self.path)

    @staticmethod
    def read(path: Path) -> dict[str, Any] | None:
        try:
            found = json.loads(path.read_text())
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None
