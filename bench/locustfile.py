"""A committee day on the cluster: proposers, the secretariat, twenty members and the public.

    locust -f bench/locustfile.py --host https://127.0.0.1:8808   (python -m bench load runs it)

LOAD_PEOPLE names the JSON bench/cluster_seed.py printed; LOAD_JOURNAL a file to which every
write the portal acknowledged (2xx, or a redirect to the page that follows) and every failed
request is appended as one JSON line, for the checks after the run (bench/cluster_checks.py);
LOAD_CERT the cluster's certificate. The people:
- Proposers finish a draft (a title changed, a PDF attached) and submit it, then read their own.
- The secretariat works the queue (registers what was submitted), issues the meeting's papers,
  asks for the meeting pack, and reads the workspace.
- Members ask for the pack and open it when built, read the papers and the proposals, and
  vote by correspondence on every open vote, once each.
- Anonymous readers page through the public registers (HTML and CSV).
LOAD_WAIT is each person's think time, "MIN,MAX" seconds (python -m bench load --pace: "1,4"
pressed, a committee day's hour in minutes; "10,30" a person's pace, reading each page);
LOAD_TIMINGS a CSV file to which every request is appended (time, name, method, what came back,
milliseconds, failed), for percentiles over all pages; LOAD_STEPS "USERS:SECONDS,..." a staircase
of users (finding where the portal breaks): see docs/load.md.
"""

import io
import itertools
import json
import os
import random
import threading
import time

from locust import HttpUser, LoadTestShape, between, events, task
from locust.exception import StopUser

from bench.portal_client import PageError, Portal

PEOPLE = json.loads(open(os.environ["LOAD_PEOPLE"]).read()) if "LOAD_PEOPLE" in os.environ else {}
JOURNAL = os.environ.get("LOAD_JOURNAL", "")
CERT = os.environ.get("LOAD_CERT", "") or False
TIMINGS = os.environ.get("LOAD_TIMINGS", "")
WAIT = tuple(float(s) for s in os.environ.get("LOAD_WAIT", "1,4").split(","))
STEPS = [
    tuple(int(n) for n in step.split(":"))
    for step in os.environ.get("LOAD_STEPS", "").split(",")
    if step
]
_lock = threading.Lock()
_taken = {kind: itertools.count() for kind in ("proposers", "office", "members")}
_queue = list(PEOPLE.get("queue", []))
_papers = list(PEOPLE.get("papers", []))


def journal(kind: str, **data) -> None:
    if not JOURNAL:
        return
    line = json.dumps({"t": time.time(), "kind": kind, **data})
    with _lock, open(JOURNAL, "a") as out:
        out.write(line + "\n")


def answer_kind(method: str, response) -> str:
    """What a request was, for the percentiles: a page (HTML read), a form sent, or a file."""
    if method != "GET":
        return "form"
    kind = (getattr(response, "headers", None) or {}).get("Content-Type", "")
    return "page" if kind.startswith("text/html") else "file"


@events.request.add_listener
def _record_timing(request_type, name, response_time, response, exception, **kwargs):
    if not TIMINGS:
        return
    line = (
        f"{time.time():.3f},{name},{request_type},{answer_kind(request_type, response)},"
        f"{response_time:.1f},{int(exception is not None)}\n"
    )
    with _lock, open(TIMINGS, "a") as out:
        out.write(line)


@events.request.add_listener
def _record_failure(request_type, name, response_time, response, exception, **kwargs):
    if exception is None:
        return
    status = getattr(response, "status_code", 0) if response is not None else 0
    body = getattr(response, "text", "") if response is not None else ""
    journal(
        "failure",
        method=request_type,
        name=name,
        status=status,
        error=str(exception)[:200],
        traceback="Traceback (most recent call last)" in body,
        page=_heading(body),
    )


@events.user_error.add_listener
def _record_user_error(user_instance, exception, tb, **kwargs):
    """A task that could not go on: the portal answered what a person would not expect."""
    journal("user_error", user=type(user_instance).__name__, error=str(exception)[:300])


def _heading(html: str) -> str:
    import re

    found = re.search(r"<h1[^>]*>(.*?)</h1>", html or "", re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()[:120] if found else ""


def one_page_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = one_page_pdf()


class Person(HttpUser):
    abstract = True
    kind = ""
    wait_time = between(*WAIT)

    def on_start(self):
        pool = PEOPLE.get(self.kind, [])
        index = next(_taken[self.kind])
        if index >= len(pool):
            raise StopUser()
        self.me = pool[index]
        self.portal = Portal(self.client, self.host, verify=CERT)
        self.signed_in = False
        self.sign_in()

    def sign_in(self):
        # A code is good once: the next sign-in of the same person uses the next one.
        for offset in range(3):
            try:
                self.portal.sign_in(
                    self.me["email"], self.me["password"], self.me["totp_key"], step_offset=offset
                )
                self.signed_in = True
                return
            except PageError:
                continue

    def ensure(self):
        if not self.signed_in:
            self.sign_in()
        if not self.signed_in:
            raise StopUser()


class Proposer(Person):
    kind = "proposers"
    fixed_count = len(PEOPLE.get("proposers", []))

    def on_start(self):
        super().on_start()
        self.drafts = list(self.me["drafts"])
        self.mine = []

    @task(3)
    def finish_and_submit_a_draft(self):
        self.ensure()
        if not self.drafts:
            return self.read_own()
        pk = self.drafts.pop()
        p = self.portal
        p.get("/proposals/", name="proposals: list")
        p.submit(
            f"/proposals/{pk}/edit/titles/",
            {"use_case_title": f"Load title {pk}", "action": "save"},
            name="proposal: save a section",
        )
        p.submit(
            f"/proposals/{pk}/edit/attachments/",
            {"action": "upload"},
            files={"file": (f"evidence-{pk}.pdf", PDF, "application/pdf")},
            name="proposal: upload a PDF",
        )
        journal("upload", submission=pk, user=self.me["id"])
        done = p.submit(f"/proposals/{pk}/check/", {"declaration": "on"}, name="proposal: submit")
        if "/submitted/" in done.url:
            journal("submitted", submission=pk, user=self.me["id"])
            self.mine.append(pk)

    @task(2)
    def read_own(self):
        self.ensure()
        self.portal.get("/", name="home (signed in)")
        if self.mine:
            self.portal.get(f"/proposals/{random.choice(self.mine)}/", name="proposal: page")


class Secretariat(Person):
    kind = "office"
    fixed_count = len(PEOPLE.get("office", []))

    @task(3)
    def register_from_the_queue(self):
        self.ensure()
        self.portal.get("/proposals/workspace/", name="workspace")
        with _lock:
            pk = _queue.pop() if _queue else None
        if pk is None:
            return
        self.portal.get(f"/proposals/{pk}/", name="proposal: page")
        done = self.portal.submit(
            f"/proposals/{pk}/act/register/",
            {"classification": "AMBER"},
            name="proposal: register",
        )
        if "The proposal has been registered." in done.text:
            journal("registered", submission=pk, user=self.me["id"])

    @task(2)
    def issue_a_paper(self):
        self.ensure()
        with _lock:
            pk = _papers.pop() if _papers else None
        if pk is None:
            return self.ask_for_the_pack()
        self.portal.get(f"/committees/papers/{pk}/pdf/", name="paper: PDF")
        done = self.portal.submit(f"/committees/papers/{pk}/", match="/issue/", name="paper: issue")
        if "The paper is issued as" in done.text:
            journal("issued", paper=pk, user=self.me["id"])

    @task(1)
    def ask_for_the_pack(self):
        self.ensure()
        meeting = PEOPLE["meetings"][0]
        asked = self.portal.submit(
            f"/committees/meetings/{meeting}/", match="/pack/", name="pack: ask"
        )
        if "/committees/packs/" in asked.url:
            job = int(asked.url.rstrip("/").rsplit("/", 1)[1])
            journal("pack", job=job, user=self.me["id"])


class Member(Person):
    kind = "members"
    fixed_count = len(PEOPLE.get("members", []))

    def on_start(self):
        super().on_start()
        self.to_vote = list(PEOPLE.get("ballots", [])) if self.me.get("votes") else []
        random.shuffle(self.to_vote)
        self.pack = None
        self.pack_asked = 0.0

    @task(3)
    def open_the_pack(self):
        self.ensure()
        p = self.portal
        meeting = PEOPLE["meetings"][0]
        if self.pack is None:
            p.get(f"/committees/meetings/{meeting}/", name="meeting: page")
            asked = p.submit(f"/committees/meetings/{meeting}/", match="/pack/", name="pack: ask")
            if "/committees/packs/" in asked.url:
                self.pack = int(asked.url.rstrip("/").rsplit("/", 1)[1])
                self.pack_asked = time.time()
                journal("pack", job=self.pack, user=self.me["id"])
            return
        status = p.get(f"/committees/packs/{self.pack}/status.json", name="pack: status").json()
        if status["status"] == "DONE":
            p.get(f"/committees/packs/{self.pack}/download/", name="pack: download")
        elif status["status"] == "FAILED" or time.time() - self.pack_asked > 600:
            self.pack = None  # ask again, as a member would after a failed pack

    @task(3)
    def vote(self):
        self.ensure()
        if not self.to_vote:
            return self.read()
        ballot = self.to_vote.pop()
        p = self.portal
        choice = random.choice(["FOR", "FOR", "FOR", "AGAINST", "ABSTAIN"])
        page = p.get(f"/committees/votes/{ballot}/", name="vote: page")
        if f"/committees/votes/{ballot}/cast/" not in page.text:
            return  # not this member's vote (a declared interest, say): nothing to cast
        confirm = p.submit(
            f"/committees/votes/{ballot}/", {"choice": choice}, match="/cast/", name="vote: choose"
        )
        form = p.form(confirm, "/cast/")
        data = {}
        for key, value in form["fields"]:
            data.setdefault(key, []).append(value)
        data["confirmed"] = ["yes"]
        receipt = p.post(form["url"].removeprefix(p.base), data, name="vote: cast")
        if receipt.status_code == 200 and "/cast/" in receipt.url:
            journal("vote", ballot=ballot, user=self.me["id"], choice=choice)

    @task(4)
    def read(self):
        self.ensure()
        p = self.portal
        p.get("/", name="home (signed in)")
        papers = PEOPLE.get("paper_proposals", [])
        if papers:
            p.get(f"/proposals/{random.choice(papers)}/", name="proposal: page")
        if PEOPLE.get("ballots"):
            p.get(f"/committees/votes/{random.choice(PEOPLE['ballots'])}/", name="vote: page")


class Reader(HttpUser):
    """Someone from the public on the registers (no sign-in)."""

    wait_time = between(*WAIT)
    weight = 1

    def on_start(self):
        self.portal = Portal(self.client, self.host, verify=CERT)

    @task(4)
    def register_page(self):
        path = random.choice(
            [
                "/proposals/registers/use-cases/",
                "/proposals/registers/sc-documents/",
                "/proposals/registers/proposals/",
            ]
        )
        self.portal.get(path, name="register: page")

    @task(1)
    def register_csv(self):
        self.portal.get("/proposals/registers/proposals/?format=csv", name="register: CSV")

    @task(1)
    def home(self):
        self.portal.get("/", name="home (anonymous)")


if STEPS:

    class Staircase(LoadTestShape):
        """LOAD_STEPS: so many users for so many seconds, then the next step."""

        def tick(self):
            elapsed, until = self.get_run_time(), 0
            for users, seconds in STEPS:
                until += seconds
                if elapsed < until:
                    return users, max(1, users // 10)
            return None
