"""A fresh install before its first account: the set-up page is open to whoever holds the
set-up code, which only the server's operator can read (`anju setup --code`), so that nobody
else on the intranet makes themselves the city bureau first."""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings

from anju.accounts.models import User


def fresh() -> bool:
    """No account yet: the install waits for its set-up."""
    return not User.objects.exists()


def setup_code() -> str:
    """Derived from the deployment's secret key, so it is the same on every worker and known
    only where the key is; it stops opening anything once an account exists."""
    digest = hmac.new(settings.SECRET_KEY.encode(), b"anju first run", hashlib.sha256).digest()
    text = base64.b32encode(digest).decode()[:12]
    return "-".join(text[i : i + 4] for i in range(0, 12, 4))


def code_matches(typed: str) -> bool:
    wanted = setup_code().replace("-", "")
    return hmac.compare_digest(typed.strip().upper().replace("-", "").replace(" ", ""), wanted)
