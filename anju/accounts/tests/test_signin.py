"""Signing in as level 3 of the protection scheme asks: a lock after repeated failures, a session
that ends when left idle, a password that must be changed in time and must be of several
kinds of character, a second factor for those who reach the whole registry, and every
sign-in, failure and sign-out in the audit log."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from anju.accounts.models import Role, SignInAttempts, User
from anju.accounts.services import user_create
from anju.accounts.signin import SEEN, SIGNED_IN
from anju.audit.models import AuditEntry, EntryKind
from anju.testing import CITY, PASSWORD, SYSTEM

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post("/login/", {"username": username, "password": password})


LOCKED = "尝试次数过多"


def test_five_wrong_passwords_lock_that_name_from_that_client_only(city_user: User) -> None:
    """A stranger who knows the city bureau's user name locks only their own desk out."""
    stranger = Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(4):
        answer = sign_in(stranger, "city", "Wrong-pass-2026")
        assert answer.status_code == 200 and LOCKED not in answer.content.decode()
    answer = sign_in(stranger, "city", "Wrong-pass-2026")
    assert LOCKED in answer.content.decode()
    answer = sign_in(stranger, "city", PASSWORD)
    assert answer.status_code == 200 and LOCKED in answer.content.decode()
    assert "_auth_user_id" not in stranger.session
    official = Client(REMOTE_ADDR="10.1.1.1")
    assert sign_in(official, "city", PASSWORD).status_code == 302
    actions = list(
        AuditEntry.objects.filter(target_id="city", kind=EntryKind.ACCESS).values_list(
            "action", flat=True
        )
    )
    assert actions.count("login.failed") == 6 and actions.count("login.locked") == 1
    assert actions.count("login") == 1


def test_the_lock_ends_and_a_right_password_then_clears_the_count(city_user: User) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, "city", "Wrong-pass-2026")
    SignInAttempts.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert sign_in(client, "city", PASSWORD).status_code == 302
    assert not SignInAttempts.objects.exists()
    assert AuditEntry.objects.filter(action="login", target_id="city").count() == 1


def test_a_name_that_does_not_exist_is_answered_and_locked_exactly_as_one_that_does(
    city_user: User,
) -> None:
    def answers(name: str) -> list[tuple[int, str]]:
        client = Client(REMOTE_ADDR="10.7.7.7")
        seen = []
        for _ in range(6):
            page = sign_in(client, name, "Wrong-pass-2026")
            text = page.content.decode()
            seen.append((page.status_code, "locked" if LOCKED in text else "wrong"))
        return seen

    assert answers("city") == answers("nobody") == [(200, "wrong")] * 4 + [(200, "locked")] * 2


def test_a_failed_sign_in_under_an_unknown_name_is_logged_and_says_nothing_more(
    city_user: User,
) -> None:
    answer = sign_in(Client(), "nobody", "Wrong-pass-2026")
    assert answer.status_code == 200 and "已被锁定" not in answer.content.decode()
    entry = AuditEntry.objects.get(action="login.failed")
    assert entry.target_id == "nobody" and entry.actor is None and entry.kind == EntryKind.ACCESS


def test_sign_ins_are_not_writes_so_kept_figures_stay_fresh(city_user: User) -> None:
    before = AuditEntry.objects.last_write()
    client = Client()
    sign_in(client, "city", PASSWORD)
    client.post("/logout/")
    assert AuditEntry.objects.last_write() == before
    assert AuditEntry.objects.filter(action__in=["login", "logout"]).count() == 2


def test_a_session_left_idle_ends_and_an_active_one_does_not(
    city_user: User, settings: Any
) -> None:
    client = Client()
    sign_in(client, "city", PASSWORD)
    assert client.get("/registry/communities/").status_code == 200
    session = client.session
    session[SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/registry/communities/").status_code == 200
    session = client.session
    assert session[SEEN] >= int(time.time()) - 5  # the request counted as activity
    session[SEEN] = int(time.time()) - 31 * 60
    session.save()
    answer = client.get("/registry/communities/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    answer = client.get("/api/v1/registry/communities")
    assert answer.status_code == 401


def test_an_expired_password_is_changed_before_anything_else(city_user: User) -> None:
    User.objects.filter(pk=city_user.pk).update(
        password_changed_at=timezone.now() - timedelta(days=91)
    )
    client = Client()
    sign_in(client, "city", PASSWORD)
    answer = client.get("/supervision/")
    assert answer.status_code == 302 and answer["Location"].startswith("/account/password/")
    same = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert "新密码不能与当前密码及最近 5 次用过的密码相同" in same.content.decode()
    plain = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "abcdefghijkl",
            "new_password2": "abcdefghijkl",
        },
    )
    assert "至少包含" in plain.content.decode()
    renewed = "Renewed-pass-2027"
    answer = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": renewed,
            "new_password2": renewed,
            "next": "/supervision/",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == "/supervision/"
    assert client.get("/supervision/").status_code == 200  # still signed in
    city_user.refresh_from_db()
    assert city_user.check_password(renewed)
    assert AuditEntry.objects.filter(action="user.set_password", target_id="city").exists()


def test_a_password_of_one_kind_of_character_is_refused_anywhere_users_are_made(
    city: Any,
) -> None:
    with pytest.raises(ValidationError):
        user_create(actor=SYSTEM, username="plain", password="abcdefghijklmn")
    assert not User.objects.filter(username="plain").exists()


def test_a_superuser_adds_an_authenticator_then_needs_its_code_at_every_sign_in(
    city: Any, make_user: Callable[..., User]
) -> None:
    admin = make_user("admin", CITY, Role.CITY_BUREAU)
    User.objects.filter(pk=admin.pk).update(is_superuser=True)
    client = Client()
    sign_in(client, "admin", PASSWORD)
    answer = client.get("/supervision/")
    assert answer.status_code == 302 and answer["Location"].startswith("/account/second-factor/")
    assert client.get("/api/v1/registry/communities").status_code == 403
    page = client.get(answer["Location"]).content.decode()
    assert "<svg" in page and "data-key" in page
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    wrong = client.post("/account/second-factor/", {"code": "000000"})
    assert "不正确" in wrong.content.decode()
    hurried = client.post("/account/second-factor/", {"code": code_of(device)})
    assert "请稍候再试" in hurried.content.decode()  # even the right code, straight after
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=10)
    )
    answer = client.post(
        "/account/second-factor/", {"code": code_of(device), "next": "/supervision/"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/supervision/"
    assert client.get("/supervision/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    again = Client()
    sign_in(again, "admin", PASSWORD)
    assert again.get("/supervision/").status_code == 302
    page = again.get("/account/second-factor/").content.decode()
    assert "<svg" not in page  # the key is shown once, when it is added
    assert TOTPDevice.objects.filter(user=admin).count() == 1
    actions = set(AuditEntry.objects.filter(target_id="admin").values_list("action", flat=True))
    assert {
        "user.second_factor_confirm",
        "login.second_factor",
        "login.second_factor_failed",
    } <= actions


def test_a_deployment_can_require_the_second_factor_of_a_role(
    city_user: User, hualong_user: User, settings: Any
) -> None:
    settings.SECOND_FACTOR_ROLES = ("city_bureau",)
    city, district = Client(), Client()
    sign_in(city, "city", PASSWORD)
    sign_in(district, "hualong", PASSWORD)
    assert city.get("/registry/communities/").status_code == 302
    assert district.get("/registry/communities/").status_code == 200


def code_of(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_a_wrong_current_password_on_the_change_page_counts_is_logged_and_signs_out_at_the_lock(
    city_user: User,
) -> None:
    client = Client()
    sign_in(client, "city", PASSWORD)
    wrong = {
        "old_password": "Guess-pass-2026",
        "new_password1": "N3w-pass-2027!",
        "new_password2": "N3w-pass-2027!",
    }
    for _ in range(4):
        page = client.post("/account/password/", wrong)
        assert page.status_code == 200 and "_auth_user_id" in client.session
    answer = client.post("/account/password/", wrong)
    assert answer.status_code == 302 and answer["Location"] == "/login/"
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="password_change.failed").count() == 5
    assert AuditEntry.objects.filter(action="login.locked", target_id="city").count() == 1
    assert LOCKED in sign_in(client, "city", PASSWORD).content.decode()
    city_user.refresh_from_db()
    assert city_user.check_password(PASSWORD)


def test_a_password_cannot_go_back_to_one_of_the_last_five(city_user: User) -> None:
    client = Client()
    sign_in(client, "city", PASSWORD)
    current = PASSWORD
    for n in range(1, 6):
        new = f"Next-pass-{n}-2027"
        changed = client.post(
            "/account/password/",
            {"old_password": current, "new_password1": new, "new_password2": new},
        )
        assert changed.status_code == 302, changed.content.decode()[:2000]
        current = new
    back = client.post(
        "/account/password/",
        {"old_password": current, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert "最近 5 次" in back.content.decode()
    assert city_user.password_uses.count() == 5


def test_a_password_the_bureau_issued_is_changed_at_the_first_sign_in(city: Any) -> None:
    user_create(
        actor=SYSTEM,
        username="newcomer",
        password="Issued-pass-2026",
        memberships=[(CITY, Role.CITY_BUREAU)],
    )
    client = Client()
    sign_in(client, "newcomer", "Issued-pass-2026")
    answer = client.get("/registry/communities/")
    assert answer.status_code == 302 and answer["Location"].startswith("/account/password/")


def test_a_session_ends_twelve_hours_after_its_sign_in_however_active(city_user: User) -> None:
    client = Client()
    sign_in(client, "city", PASSWORD)
    session = client.session
    session[SIGNED_IN] = int(time.time()) - 12 * 3600 + 60
    session.save()
    assert client.get("/registry/communities/").status_code == 200
    session = client.session
    session[SIGNED_IN] = int(time.time()) - 12 * 3600 - 1
    session[SEEN] = int(time.time())  # active a moment ago
    session.save()
    answer = client.get("/registry/communities/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
