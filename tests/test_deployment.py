"""The production set-up shipped in deploy/ (docs/deployment.md) holds together: with its
environment Anju passes Django's deployment checks without a warning; every `anju` command its
units run exists; and Debian's nginx, given the shipped site, ends TLS in front of gunicorn as
the web unit runs it: plain HTTP sent to HTTPS, the static files its own, a sign-in through it
logged with the address nginx saw, never one the client wrote."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import ssl
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from anju.testing import Deployment, demo_deployment, deployment_at, free_port

HOST = "anju.example.gov.cn"

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def shipped_environment() -> dict[str, str]:
    lines = (DEPLOY / "anju.env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def as_shipped(anju: Deployment) -> None:
    """The shipped environment, but for the test's own database and folders."""
    own = {"ANJU_DATABASE_URL", "ANJU_VAR_DIR"}
    anju.env |= {k: v for k, v in shipped_environment().items() if k not in own}
    anju.env["ANJU_STATIC_ROOT"] = str(anju.root / "static")
    anju.env["ANJU_BACKUP_DIR"] = str(anju.root / "backups")


def test_the_shipped_environment_passes_the_deployment_checks(tmp_path: Path) -> None:
    shipped = shipped_environment()
    assert shipped["ANJU_HTTPS"] == shipped["ANJU_BEHIND_PROXY"] == "1"
    with deployment_at(tmp_path / "bureau") as anju:
        as_shipped(anju)

        done = anju.run("check", "--deploy", "--fail-level", "WARNING", ok=False)

        assert done.returncode == 0, done.stderr


def test_every_command_the_units_run_exists(tmp_path: Path) -> None:
    commands = {
        match.group(1)
        for unit in (DEPLOY / "systemd").glob("*.service")
        for match in re.finditer(r"/bin/anju ([\w-]+)", unit.read_text(encoding="utf-8"))
    }
    assert commands >= {"db_worker", "reports", "refresh-supervision", "backup"}
    with deployment_at(tmp_path / "bureau") as anju:
        for command in sorted(commands):
            anju.run("help", command)


def site(anju: Deployment, web: int, plain: int, tls: int) -> Path:
    """The shipped site with this test's certificate, folders and ports."""
    certificate, key = anju.root / "anju.crt", anju.root / "anju.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    text = (DEPLOY / "nginx" / "anju.conf").read_text(encoding="utf-8")
    for shipped, here in {
        "/etc/nginx/tls/anju.crt": str(certificate),
        "/etc/nginx/tls/anju.key": str(key),
        "/var/lib/anju/static/": f"{anju.root / 'static'}/",
        "127.0.0.1:8000": f"127.0.0.1:{web}",
        "listen 80;": f"listen 127.0.0.1:{plain};",
        "listen 443 ssl": f"listen 127.0.0.1:{tls} ssl",
        "https://$host$request_uri": f"https://$host:{tls}$request_uri",
    }.items():
        assert shipped in text, shipped
        text = text.replace(shipped, here)
    work = anju.root / "nginx"
    work.mkdir()
    conf = work / "nginx.conf"
    conf.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        + "http {\ninclude /etc/nginx/mime.types;\naccess_log off;\n"
        + "".join(f"{k}_temp_path {work}/{k};\n" for k in ("client_body", "proxy"))
        + text
        + "\n}\n",
        encoding="utf-8",
    )
    return conf


def ask(
    port: int, method: str, path: str, *, body: str = "", headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    sent = {"Host": f"{HOST}:{port}", **(headers or {})}
    if body:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body or None, headers=sent)
    answer = connection.getresponse()
    answer.read()
    return answer


def test_nginx_with_the_shipped_site_serves_anju_over_tls_and_logs_the_client_it_saw(
    tmp_path: Path,
) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "scripts/system-deps installs Debian's nginx for this test"
    with demo_deployment(tmp_path / "bureau") as anju:
        as_shipped(anju)
        anju.run("collectstatic", "--noinput", "--verbosity", "0")
        anju.run(
            "shell", "--no-imports", "-c",
            "from anju.accounts.services import user_create;"
            "from anju.audit.context import Actor; user_create(actor=Actor.command_line(), "
            "username='official', password='Deploy-test-pass-2026', memberships=[], must_change=False)",
        )  # fmt: skip
        web, plain, tls = free_port(), free_port(), free_port()
        unit = (DEPLOY / "systemd" / "anju-web.service").read_text(encoding="utf-8")
        assert "--bind 127.0.0.1:8000" in unit
        nginx_site = [nginx, "-c", str(site(anju, web, plain, tls)), "-g", "daemon off;"]
        with (
            anju.running(anju.gunicorn(web, 2), web, "gunicorn.log"),
            anju.running(nginx_site, tls, "nginx.log"),
        ):
            plain_http = http.client.HTTPConnection("127.0.0.1", plain, timeout=30)
            plain_http.request("GET", "/login/", headers={"Host": HOST})
            moved = plain_http.getresponse()
            assert moved.status == 301
            assert moved.getheader("Location") == f"https://{HOST}:{tls}/login/"

            static = ask(tls, "GET", "/static/vendor/echarts/echarts.min.js")
            assert static.status == 200  # by nginx from ANJU_STATIC_ROOT, cached a week
            assert static.getheader("Cache-Control") == "max-age=604800, public"

            login = ask(tls, "GET", "/login/")
            assert login.status == 200
            assert login.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")
            cookie = login.getheader("Set-Cookie", "")
            assert "Secure" in cookie
            token = cookie.split("csrftoken=", 1)[1].split(";", 1)[0]
            signed = ask(
                tls, "POST", "/login/",
                body=urlencode({"csrfmiddlewaretoken": token, "username": "official", "password": "Deploy-test-pass-2026"}),
                headers={"Cookie": f"csrftoken={token}", "Referer": f"https://{HOST}:{tls}/login/", "X-Real-IP": "6.6.6.6"},
            )  # fmt: skip
            assert signed.status == 302, signed.status

        [(origin,)] = anju.sql("SELECT origin FROM audit_auditentry WHERE action = 'login'")
        assert origin == "web 127.0.0.1"
