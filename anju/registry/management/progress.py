"""A progress bar per stage on the terminal (silent when output is not a terminal)."""

from __future__ import annotations

import sys
from typing import Any

from django.utils.translation import gettext as _
from tqdm import tqdm


class TerminalProgress:
    def __init__(self) -> None:
        self._bars: dict[str, Any] = {}
        self._labels = {
            "validate": _("Validating"),
            "communities": _("Communities"),
            "buildings": _("Buildings"),
            "dwellings": _("Dwellings"),
            "read": _("Reading"),
            "write": _("Writing"),
        }

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = tqdm(
                total=total,
                desc=self._labels.get(stage, stage),
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
