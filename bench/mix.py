"""The key pages timed under a realistic mix: many people and URLs, with writes between them.

Each key page has several variants — different proposals, meetings, votes, list pages and
searches, each asked for by one of several signed-in sessions — and the pages are timed in
rounds, every page once a round, so that a slow spell of the machine falls on all of them. A
write goes through the real services every few requests (`WRITE_EVERY`): a draft saved, a vote
cast, a sign-in, in turn, as on a committee day; each moves the change stamp, so cached pages,
fragments and counts are worked out again as in real use. The machine's own spread is sampled
between rounds, throughout the run. Writes and spread samples are not timed as pages.
"""

import datetime
import itertools
import random
import statistics
import time
from dataclasses import dataclass, field

from django.db.models import Count
from django.test import Client
from django.utils import timezone

from assessments.models import Ballot, Committee, Meeting
from bench.dataset import _voting_memberships
from bench.measure import machine_work, p95, signed_in
from bench.text import prose
from bench.timing import CLOCK
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User
from usecases.errors import ActionRefused
from usecases.models import Submission

WRITE_EVERY = 10  # page requests between two writes
SESSIONS = 3  # signed-in sessions per person who views a page
SPREAD_SAMPLES = 3  # runs of the fixed piece of Python between two rounds


@dataclass
class Page:
    name: str
    variants: list[tuple[Client, str]]
    times: list[float] = field(default_factory=list)
    template: float = 0.0
    sql: float = 0.0
    queries: list[int] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)


class Sessions:
    """Signed-in clients, several per person, handed out in turn."""

    def __init__(self):
        self.clients: dict[str, list[Client]] = {}
        self.turn = itertools.count()

    def of(self, email: str) -> Client:
        if not email:
            return Client()
        if email not in self.clients:
            self.clients[email] = [signed_in(email) for _ in range(SESSIONS)]
        clients = self.clients[email]
        return clients[next(self.turn) % len(clients)]


def _members(code: str) -> list[str]:
    committee = Committee.objects.get(code=code)
    return [m.person.email for m in _voting_memberships(committee)]


def variants() -> list[tuple[str, list[tuple[str, str]]]]:
    """(page name, [(who, path), ...]) for every key page."""
    office = list(
        User.objects.filter(role=Role.SECRETARIAT).order_by("pk").values_list("email", flat=True)
    )
    ssc, tabasc = _members("SSC"), _members("TABASC")
    members = ssc[:5] + tabasc[:3]
    proposers = list(
        Submission.objects.filter(created_by__email__startswith="bench")
        .values("created_by__email")
        .annotate(n=Count("pk"))
        .order_by("-n", "created_by__email")
        .values_list("created_by__email", flat=True)[:6]
    ) or ["proposer@demo.example.com"]
    registered = list(
        Submission.objects.filter(reference__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    proposals = registered[:: max(1, len(registered) // 20)][:20]  # spread over the years, fixed
    meetings = list(Meeting.objects.filter(status="PLANNED").select_related("committee")) + list(
        Meeting.objects.filter(status="HELD").select_related("committee").order_by("-date")[:6]
    )
    ballots = list(
        Ballot.objects.exclude(question__startswith="Bench:")
        .select_related("committee")
        .order_by("-pk")[:12]
    )
    committee_of = {"SSC": ssc, "TABASC": tabasc}

    def who(code: str, n: int) -> str:
        people = committee_of.get(code) or ssc
        return people[n % len(people)]

    def office_at(n: int) -> str:
        return office[n % len(office)]

    filters = [
        f"state={state}&classification={level}"
        for state in ("UNDER_ASSESSMENT", "SUBMITTED", "REGISTERED")
        for level in ("AMBER", "GREEN")
    ]
    searches = ["zigbee+firmware", "certificate", "refurbishment", "DNO+key", "triage", "anomaly"]
    pages = [
        ("Proposer's list", [(p, "/proposals/") for p in proposers]),
        (
            "Secretariat queue",
            [(office_at(n), f"/proposals/workspace/?page={n + 1}") for n in range(4)],
        ),
        (
            "Queue, filtered",
            [(office_at(n), f"/proposals/workspace/?{f}") for n, f in enumerate(filters)],
        ),
        (
            "Queue, search",
            [(office_at(n), f"/proposals/workspace/?q={q}") for n, q in enumerate(searches)],
        ),
        (
            "Proposal detail",
            [(office_at(n), f"/proposals/{pk}/") for n, pk in enumerate(proposals)],
        ),
        (
            "Meeting page",
            [
                (who(m.committee.code, n), f"/committees/meetings/{m.pk}/")
                for n, m in enumerate(meetings)
            ],
        ),
        ("Your next meeting", [(m, "/committees/next/") for m in members]),
        ("Member home", [(m, "/") for m in members]),
        ("Secretariat home", [(office_at(n), "/") for n in range(3)]),
        (
            "Vote page",
            [
                (who(b.committee.code, n), f"/committees/votes/{b.pk}/")
                for n, b in enumerate(ballots)
            ],
        ),
        (
            "Public register",
            [("", f"/proposals/registers/proposals/?page={n}") for n in range(1, 5)],
        ),
        (
            "Decision log",
            [(office_at(n), f"/committees/decisions/?page={n + 1}") for n in range(4)],
        ),
    ]
    from django.urls import get_resolver

    if any(str(p.pattern).startswith("api/") for p in get_resolver().url_patterns):
        pages += [
            (
                "API submissions",
                [(office_at(n), f"/api/submissions/?page={n + 1}") for n in range(3)],
            ),
            ("API meetings", [(m, "/api/meetings/") for m in members[:4]]),
            ("API papers", [(m, "/api/papers/") for m in members[:4]]),
            ("API decisions", [(office_at(n), f"/api/decisions/?page={n + 1}") for n in range(3)]),
            ("API register", [("", f"/api/registers/proposals/?page={n}") for n in range(1, 4)]),
        ]
    return pages


class Writes:
    """A committee day's writes through the real services: a draft saved, a vote cast, a sign-in."""

    KINDS = ("draft_saved", "vote_cast", "signed_in")

    def __init__(self):
        from usecases import workflow

        self.rng = random.Random(7)
        self.proposer = User.objects.get(email="proposer@demo.example.com")
        self.office = User.objects.get(email="secretariat@demo.example.com")
        self.ssc = Committee.objects.get(code="SSC")
        self.draft = workflow.start_proposal(user=self.proposer, kind="USE_CASE")
        self.people = list(User.objects.filter(role__in=[Role.SSC_MEMBER, Role.SECRETARIAT]))
        self.ballot, self.voters = None, iter(())
        self.turn = itertools.count()
        self.ballots = itertools.count(1)
        self.done = dict.fromkeys(self.KINDS, 0)
        self.refused: list[str] = []

    def one(self) -> None:
        kind = self.KINDS[next(self.turn) % len(self.KINDS)]
        try:
            getattr(self, kind)()
            self.done[kind] += 1
        except ActionRefused as refusal:
            self.refused.append(f"{kind}: {refusal}")

    def draft_saved(self) -> None:
        from usecases import workflow

        workflow.save_answers(
            submission_id=self.draft.pk,
            user=self.proposer,
            section="bench",
            answers={"q1_issue": prose(self.rng, self.rng.randint(2_500, 6_000))},
        )

    def vote_cast(self) -> None:
        from assessments.services.ballots import cast_vote, declare_interest, open_ballot

        membership = next(self.voters, None)
        if membership is None:
            self.ballot = open_ballot(
                user=self.office,
                committee=self.ssc,
                question=f"Bench: does the SSC agree to note item {next(self.ballots)}?",
                outcome_if_passed="NOTED",
                method="CORRESPONDENCE",
                closes_at=timezone.now() + datetime.timedelta(days=3),
            )
            self.voters = iter(_voting_memberships(self.ssc))
            membership = next(self.voters)
        person = membership.person
        if self.ballot.conflicts.filter(person=person, declared_at__isnull=True).exists():
            declare_interest(ballot_id=self.ballot.pk, user=person, has_interest=False, nature="")
        cast_vote(ballot_id=self.ballot.pk, user=person, choice=self.rng.choice(["FOR", "AGAINST"]))

    def signed_in(self) -> None:
        Client().force_login(self.rng.choice(self.people))


def time_pages(
    requests: int, log=print, only: tuple[str, ...] = (), write_every: int = WRITE_EVERY
) -> dict:
    """Time every key page (or only those named) `requests` times under the mix."""
    sessions = Sessions()
    pages = []
    for name, wanted in variants():
        if only and name not in only:
            continue
        kept = []
        for who, path in wanted:
            client = sessions.of(who)
            status = client.get(path).status_code  # warm-up, and a check that it is a page
            if status == 200:
                kept.append((client, path))
            else:
                log(f"  {name}: {path} as {who or 'anyone'} answered {status}: left out")
        pages.append(Page(name, kept or [(sessions.of(who), path)]))
    writes = Writes() if write_every else None
    if writes:
        writes.every = write_every
    spread, served = [], 0
    for round_ in range(requests):
        for page in pages:
            client, path = page.variants[round_ % len(page.variants)]
            with CLOCK.request():
                start = time.perf_counter()
                response = client.get(path)
                spent = time.perf_counter() - start
                page.times.append(spent * 1000)
                page.template += CLOCK.template - CLOCK.sql_in_template
                page.sql += CLOCK.sql
                page.queries.append(CLOCK.queries)
            page.statuses.add(response.status_code)
            served += 1
            if writes and served % write_every == 0:
                writes.one()
        for _ in range(SPREAD_SAMPLES):
            spread.append(machine_work())
        if round_ % 50 == 49:
            log(f"  {round_ + 1} of {requests} rounds")
    return {
        "pages": [_summary(page) for page in pages],
        "spread": _spread(spread),
        "writes": _writes(writes),
    }


def _summary(page: Page) -> dict:
    total = sum(page.times) / 1000
    template = round(page.template / total, 3) if total else 0
    sql = round(page.sql / total, 3) if total else 0
    return {
        "name": page.name,
        "variants": len(page.variants),
        "paths": sorted({path for _, path in page.variants})[:3],
        "requests": len(page.times),
        "median_ms": round(statistics.median(page.times), 2),
        "p95_ms": round(p95(page.times), 2),
        "queries": round(statistics.median(page.queries)),
        "share_template": template,
        "share_sql": sql,
        "share_python": round(max(0.0, 1 - template - sql), 3),
        "status": 200 if page.statuses == {200} else max(page.statuses - {200}),
    }


def _spread(samples: list[float]) -> dict:
    median = statistics.median(samples)
    return {
        "samples": len(samples),
        "median_ms": round(median, 2),
        "p95_ms": round(p95(samples), 2),
        "p95_over_median": round(p95(samples) / median, 2),
    }


def _writes(writes: Writes | None) -> dict:
    if writes is None:
        return {"every": 0}
    return {
        "every": writes.every,
        **writes.done,
        "refused": writes.refused[:5],
        "refusals": len(writes.refused),
    }
