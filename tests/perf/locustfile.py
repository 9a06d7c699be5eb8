"""Mixed load (issue 15): leads browsing, filtering and exporting; practice users
filling in the questionnaire with autosave; visitors reading the website and toolkits;
trainers marking attendance; the office comparing coalitions.

Run through `make load` (tests/perf/load.py), which builds or reuses the national data
set, logs the users in (session cookies in LOAD_SESSIONS) and starts gunicorn on
127.0.0.1. The ids of the pages come in LOAD_IDS.
"""

from __future__ import annotations

import json
import os
import random
from http.cookiejar import Cookie

from locust import FastHttpUser, between, task

# Each user waits 0.2-0.8 s between requests (0.5 s on average): 60 users can offer
# about 85 req/s to a server answering in 200 ms, above the 60 req/s target. With the
# 0.5-2 s of before they could offer at most 48 req/s however fast the server was.
THINK = between(0.2, 0.8)

SESSIONS = json.loads(os.environ.get("LOAD_SESSIONS", "{}"))
IDS = json.loads(os.environ.get("LOAD_IDS", "{}"))


def _cookie(name: str, value: str) -> Cookie:
    return Cookie(
        0, name, value, None, False, "127.0.0.1", True, False, "/", True, False,
        None, False, None, None, {},
    )  # fmt: skip


class _User(FastHttpUser):
    """FastHttpUser (geventhttpclient): the load generator shares the machine with
    the server. Every page of the mix answers 200 itself: anything else (a redirect
    to the login page) is a failure."""

    abstract = True
    wait_time = THINK

    def get(self, url: str, name: str | None = None):
        with self.client.get(
            url, name=name or url, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {url}")
        return response

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == name), "")


class _LoggedIn(_User):
    abstract = True
    role = ""

    def on_start(self) -> None:
        self.client.cookiejar.set_cookie(_cookie("sessionid", SESSIONS[self.role]))


class Lead(_LoggedIn):
    role = "lead"
    weight = 4

    @task(4)
    def practice_list(self):
        self.get("/praktijken/")

    @task(3)
    def filtered(self):
        state = random.choice(["at_risk", "overdue", "on_track"])
        self.get(f"/praktijken/?state={state}&step=2", name="/praktijken/?state")

    @task(1)
    def sorted_deep(self):
        self.get("/praktijken/?sort=-deadline_state&page=3", name="/praktijken/?sort")

    @task(2)
    def dashboard(self):
        self.get("/praktijken/go-live/")

    @task(1)
    def practice(self):
        self.get(f"/praktijken/{IDS['practice']}/", name="/praktijken/<pk>/")

    @task(1)
    def bottlenecks(self):
        self.get("/bezoeken/knelpunten/")

    @task(1)
    def export(self):
        self.get("/praktijken/?export=xlsx", name="/praktijken/?export=xlsx")


class Practice(_LoggedIn):
    role = "practice"
    weight = 3

    @task(1)
    def form(self):
        self.get(
            f"/vragenlijsten/antwoorden/{IDS['response']}/",
            name="/vragenlijsten/antwoorden/<pk>/",
        )

    @task(4)
    def autosave(self):
        token = self.cookie("csrftoken")
        if not token:
            self.form()
            token = self.cookie("csrftoken")
        with self.client.post(
            f"/vragenlijsten/antwoorden/{IDS['response']}/vraag/calls_per_week/",
            data={"calls_per_week": str(random.randint(100, 900))},
            headers={"X-CSRFToken": token, "HX-Request": "true"},
            name="/vragenlijsten/antwoorden/<pk>/vraag/<code>/",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 200:
                response.failure(str(response.status_code))


class Visitor(_User):
    weight = 3

    @task(2)
    def home(self):
        self.get("/")

    @task(1)
    def agenda(self):
        self.get("/scholing/agenda/")

    @task(1)
    def search(self):
        self.get("/inhoud/zoeken/?q=portaal", name="/inhoud/zoeken/")


class Trainer(_LoggedIn):
    role = "trainer"
    weight = 1

    @task(2)
    def sessions(self):
        self.get("/scholing/")

    @task(3)
    def session(self):
        self.get(f"/scholing/sessies/{IDS['session']}/", name="/scholing/sessies/<pk>/")


class Office(_LoggedIn):
    role = "office"
    weight = 1

    @task(1)
    def comparison(self):
        self.get("/coalities-vergelijken/")

    @task(2)
    def practice_list(self):
        self.get("/praktijken/", name="/praktijken/ (office)")
