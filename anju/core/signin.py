"""Who may sign in and for how long: the identity rules of the multi-level protection scheme
(GB/T 22239-2019, level 3, 8.1.4.1 身份鉴别): passwords of some complexity changed from time to
time and not reused, a lock after repeated failures, and a session that ends when left idle
and in any case after a working day."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits, string.punctuation)


@dataclass(frozen=True, slots=True)
class SignInPolicy:
    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=30)
    password_max_age: timedelta = timedelta(days=90)
    idle: timedelta = timedelta(minutes=30)
    min_classes: int = 3
    history: int = 5  # a new password is none of the last five
    lifetime: timedelta = timedelta(hours=12)  # however active, a session ends then


@dataclass(frozen=True, slots=True)
class AfterFailure:
    failures: int
    locked_until: datetime | None


def after_failure(failures: int, now: datetime, policy: SignInPolicy) -> AfterFailure:
    """The count after one more failed password; reaching the limit locks the account and
    starts the count again, so a locked account that is tried after its lock ends gets the
    full number of tries, not one."""
    failures += 1
    if failures >= policy.max_failures:
        return AfterFailure(0, now + policy.lock_for)
    return AfterFailure(failures, None)


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until


def password_expired(changed_at: datetime | None, now: datetime, policy: SignInPolicy) -> bool:
    """A password never changed by its holder (set before the rule, or by nobody) counts as
    expired, so it is changed at the next sign-in."""
    return changed_at is None or now - changed_at >= policy.password_max_age


def idle_expired(last_seen: datetime | None, now: datetime, policy: SignInPolicy) -> bool:
    return last_seen is not None and now - last_seen >= policy.idle


def lifetime_expired(signed_in: datetime | None, now: datetime, policy: SignInPolicy) -> bool:
    """A session is ended a fixed time after its sign-in, whatever it did since; one whose
    sign-in time is unknown (begun before the rule) has none left."""
    return signed_in is None or now - signed_in >= policy.lifetime


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and symbols the password uses; a Chinese
    character or another letter outside ASCII counts as a symbol, as it is as hard to guess."""
    used = {i for ch in password for i, chars in enumerate(CLASSES) if ch in chars}
    if any(not ch.isascii() for ch in password):
        used.add(3)
    return len(used)


def new_password(length: int = 14) -> str:
    """A random password that meets any class rule: one of each class, the rest from letters
    and digits (symbols beyond '-' are hard to read out or type on a phone)."""
    alphabet = string.ascii_letters + string.digits
    chars = [
        secrets.choice(string.ascii_lowercase),
        secrets.choice(string.ascii_uppercase),
        secrets.choice(string.digits),
        "-",
    ]
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)
