"""Owners voting with the codes on their notices while officials browse, for locust.

LOAD_SETUP names a JSON file with the ballot codes not yet used and the officials' sign-ins
(bench/load/run.py writes it); each code is handed to one owner once. LOAD_OUT names the file
the codes whose vote was taken are written to when the run stops, for the count to be checked
against the database."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

SETUP: dict[str, Any] = json.loads(Path(os.environ["LOAD_SETUP"]).read_text(encoding="utf-8"))
CODES: list[str] = list(SETUP["codes"])
OFFICIALS: list[list[str]] = list(SETUP["officials"])
TAKEN: list[str] = []
REFUSED: list[str] = []
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Owner(HttpUser):
    """One owner after another at a phone: open the ballot, choose, confirm; a few press
    confirm twice, which must not count twice."""

    weight = 3
    wait_time = between(0.5, 2)

    @task
    def vote(self) -> None:
        if not CODES:
            self.client.get("/v/", name="/v/")
            return
        code = CODES.pop()
        self.client.cookies.clear()
        page = self.client.get(f"/v/{code}/", name="/v/[code]/")  # held, and on to /v/ballot/
        token = TOKEN.search(page.text)
        if token is None:
            return
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "choice": random.choice(("agree", "agree", "against", "abstain")),
            "step": "confirm",
        }
        with self.client.post(
            "/v/ballot/",
            form,
            name="/v/ballot/ confirm",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code == 302:
                TAKEN.append(code)
                answer.success()
            elif answer.status_code in (200, 409):  # the owner has voted for another dwelling
                REFUSED.append(code)
                answer.success()
            else:
                answer.failure(f"a vote answered {answer.status_code}")
        if random.random() < 0.2:
            with self.client.post(
                "/v/ballot/",
                form,
                name="/v/ballot/ confirm again",
                allow_redirects=False,
                catch_response=True,
            ) as again:
                if again.status_code in (200, 409):
                    again.success()
                else:
                    again.failure(f"a second confirm answered {again.status_code}")


class Official(HttpUser):
    """An official of the city or a district signed in through the form, reading in turn."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self) -> None:
        username, password, self.district, self.community = random.choice(OFFICIALS)
        page = self.client.get("/login/", name="/login/")
        token = TOKEN.search(page.text)
        assert token is not None
        with self.client.post(
            "/login/",
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
            name="/login/ sign in",
            allow_redirects=False,
            catch_response=True,
        ) as signed:
            if signed.status_code != 302:
                signed.failure(f"sign-in of {username} answered {signed.status_code}")

    @task
    def browse(self) -> None:
        for name, address in (
            ("communities", "/registry/communities/"),
            ("district's communities", f"/registry/communities/?district={self.district}"),
            ("community", f"/registry/communities/{self.community}/"),
            ("supervision dashboard", "/supervision/"),
            ("alerts", "/supervision/alerts/"),
            ("ledger", "/supervision/ledger/"),
        ):
            with self.client.get(
                address, name=name, allow_redirects=False, catch_response=True
            ) as page:
                if page.status_code != 200:
                    page.failure(f"{address} answered {page.status_code}")


@events.test_stop.add_listener
def write_out(**_: Any) -> None:
    Path(os.environ["LOAD_OUT"]).write_text(
        json.dumps({"taken": TAKEN, "refused": REFUSED}), encoding="utf-8"
    )
