"""A fresh install is made ready for its city in one step, by the command or on its first
page: the country's divisions and the city's committees, the city chosen, and the city
bureau's first account."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from anju.accounts.first_run import setup_code
from anju.accounts.models import Role, User
from anju.audit.models import AuditEntry
from anju.divisions.models import Division, HomeCity
from anju.divisions.selectors import home_city
from anju.divisions.shipped import edition, shipped_committees

pytestmark = pytest.mark.django_db
PUYANG = "410900000000"


def test_the_command_sets_up_a_city_and_its_bureau_s_first_account() -> None:
    out = io.StringIO()
    call_command(
        "setup", "--city", "濮阳市", "--username", "py-admin", "--name", "张伟", stdout=out
    )

    committees = [c for c, _n in shipped_committees("41") if c.startswith("4109")]
    assert Division.objects.count() == edition()["divisions"] + len(committees)
    assert home_city() == PUYANG and HomeCity.objects.get().division_id == PUYANG
    admin = User.objects.get(username="py-admin")
    assert [(m.division_id, m.role) for m in admin.memberships.all()] == [
        (PUYANG, Role.CITY_BUREAU)
    ]
    assert admin.password_changed_at is None  # issued: changed at the first sign-in
    password = out.getvalue().split("py-admin")[1].split()[0]
    assert admin.check_password(password)
    assert AuditEntry.objects.filter(action="divisions.home_city").count() == 1

    with pytest.raises(CommandError, match="濮阳市"):
        call_command("setup", "--city", "重庆市", "--username", "cq-admin")
    with pytest.raises(CommandError, match="py-admin"):
        call_command("setup", "--city", "濮阳市", "--username", "py-admin")
    with pytest.raises(CommandError, match="郑州市"):
        call_command("setup", "--city", "河南", "--username", "x")
    assert not User.objects.filter(username__in=["cq-admin", "x"]).exists()


def test_the_first_page_of_a_fresh_install_asks_for_the_operator_s_code() -> None:
    client = Client()
    assert client.get("/login/")["Location"] == "/setup/"
    form = {
        "code": "AAAA-BBBB-CCCC",
        "city": PUYANG,
        "username": "py-admin",
        "display_name": "张伟（濮阳市住建局）",
        "password1": "Puyang-own-2026",
        "password2": "Puyang-own-2026",
    }
    refused = client.post("/setup/", form)
    assert refused.status_code == 200 and "不是本服务器的设置码" in refused.content.decode()
    assert not User.objects.exists() and not Division.objects.exists()

    done = client.post("/setup/", {**form, "code": setup_code().lower()})
    assert done["Location"] == "/login/"
    admin = User.objects.get(username="py-admin")
    assert admin.password_changed_at is not None  # the holder chose it
    assert client.login(username="py-admin", password="Puyang-own-2026")
    assert client.get("/setup/").status_code == 404
    assert Client().get("/login/").status_code == 200
