"""Deployment secrets: from ANJU_<NAME> in the environment, else a file made once under var/.

A fresh install thus never runs on a key shipped in the source, and a bureau's operators can
move the keys into their own secret store by setting the variables.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_secret(name: str, var_dir: Path) -> str:
    value = os.environ.get(f"ANJU_{name}")
    if value:
        return value
    path = var_dir / f"{name.lower()}.secret"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    var_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value
