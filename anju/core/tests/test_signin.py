from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from anju.core.signin import (
    SignInPolicy,
    after_failure,
    character_classes,
    idle_expired,
    is_locked,
    new_password,
    password_expired,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
POLICY = SignInPolicy()


@given(st.integers(min_value=1, max_value=20))
def test_the_account_locks_on_exactly_the_limit_th_failure(limit: int) -> None:
    policy = SignInPolicy(max_failures=limit)
    failures, locks = 0, []
    for _ in range(limit):
        step = after_failure(failures, NOW, policy)
        failures = step.failures
        locks.append(step.locked_until)
    assert locks[:-1] == [None] * (limit - 1)
    assert locks[-1] == NOW + policy.lock_for and failures == 0


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=2)))
def test_a_lock_holds_until_its_end_and_not_a_moment_after(elapsed: timedelta) -> None:
    until = NOW + POLICY.lock_for
    assert is_locked(until, NOW + elapsed) == (elapsed < POLICY.lock_for)
    assert not is_locked(None, NOW)


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
def test_a_password_expires_at_its_age_and_one_never_changed_is_expired(age: timedelta) -> None:
    assert password_expired(NOW - age, NOW, POLICY) == (age >= timedelta(days=90))
    assert password_expired(None, NOW, POLICY)


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=3)))
def test_a_session_idle_for_the_limit_ends(idle: timedelta) -> None:
    assert idle_expired(NOW - idle, NOW, POLICY) == (idle >= timedelta(minutes=30))
    assert not idle_expired(None, NOW, POLICY)


def test_character_classes_count_lower_upper_digits_and_symbols() -> None:
    assert character_classes("aaaaaaaaaa") == 1
    assert character_classes("aaaaAAAA11") == 3
    assert character_classes("aA1-") == 4
    assert character_classes("安居abc123") == 3


def test_new_passwords_use_every_class_and_differ() -> None:
    made = {new_password() for _ in range(50)}
    assert len(made) == 50
    assert all(character_classes(p) == 4 and len(p) == 14 for p in made)
