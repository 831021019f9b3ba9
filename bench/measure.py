"""Measurements taken inside one Django process: page times and queries, votes, PDFs, memory."""

import datetime
import statistics
import threading
import time
from dataclasses import asdict, dataclass

from django.db import connection, connections
from django.test import Client, override_settings
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import Ballot, Meeting, Paper
from triage_portal.accounts.models import User
from usecases.models import Submission


@dataclass
class PageTiming:
    name: str
    path: str
    requests: int
    median_ms: float
    p95_ms: float
    queries: int
    status: int


class QueryCounter(list):
    """A database execute wrapper that notes each statement."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine_jitter(runs: int = 200) -> dict:
    """A fixed piece of pure Python (no database, no Django), timed as often as a page.

    On a shared virtual machine the same work takes longer in some seconds than in others;
    its p95 over its median is the spread that any page's p95 carries from the machine alone.
    """

    def work():
        total = 0
        for n in range(60_000):
            total += n * n % 7
        return total

    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    return {
        "median_ms": round(median, 2),
        "p95_ms": round(p95(times), 2),
        "p95_over_median": round(p95(times) / median, 2),
    }


def signed_in(email: str) -> Client:
    """A client signed in as a real user would be, second factor included for committee roles."""
    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    if user.is_committee:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="Bench authenticator", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def key_pages() -> list[tuple[str, str, str]]:
    """(name, who, path) for every key page of the issue."""
    eon = Submission.objects.filter(reference__isnull=False).order_by("pk").first()
    busiest = (
        Submission.objects.filter(created_by__email__startswith="bench0.")
        .order_by("pk")
        .values_list("created_by__email", flat=True)
        .first()
    ) or "proposer@demo.example.com"
    meeting = Meeting.objects.filter(committee__code="SSC", status="PLANNED").order_by("date")[0]
    ballot = Ballot.objects.filter(status="OPEN").order_by("pk").first() or Ballot.objects.first()
    pages = [
        ("Proposer's list", busiest, "/proposals/"),
        ("Secretariat queue", "secretariat@demo.example.com", "/proposals/workspace/"),
        (
            "Queue, filtered",
            "secretariat@demo.example.com",
            "/proposals/workspace/?state=UNDER_ASSESSMENT&classification=AMBER",
        ),
        (
            "Queue, search",
            "secretariat@demo.example.com",
            "/proposals/workspace/?q=zigbee+firmware",
        ),
        ("Proposal detail", "secretariat@demo.example.com", f"/proposals/{eon.pk}/"),
        ("Meeting page", "member@demo.example.com", f"/committees/meetings/{meeting.pk}/"),
        ("Your next meeting", "member@demo.example.com", "/committees/next/"),
        ("Member home", "member@demo.example.com", "/"),
        ("Secretariat home", "secretariat@demo.example.com", "/"),
        ("Vote page", "member@demo.example.com", f"/committees/votes/{ballot.pk}/"),
        ("Public register", "", "/proposals/registers/proposals/"),
        ("Decision log", "secretariat@demo.example.com", "/committees/decisions/"),
    ]
    from django.urls import get_resolver

    if any(str(p.pattern).startswith("api/") for p in get_resolver().url_patterns):
        pages += [
            ("API submissions", "secretariat@demo.example.com", "/api/submissions/"),
            ("API meetings", "member@demo.example.com", "/api/meetings/"),
            ("API papers", "member@demo.example.com", "/api/papers/"),
            ("API decisions", "secretariat@demo.example.com", "/api/decisions/"),
            ("API register", "", "/api/registers/proposals/"),
        ]
    return pages


def time_pages(requests: int, log=print, only: tuple[str, ...] = ()) -> list[PageTiming]:
    """Time each key page (or only those named) over `requests` requests after a warm-up.

    Pages are timed as deployed. The proposal detail, the page the page cache keeps, is timed
    twice: rendered afresh each time (the cache off), and from the cache, as a browser session
    that views it again meets it.
    """
    results = []
    clients: dict[str, Client] = {}
    for name, who, path in key_pages():
        if only and name not in only:
            continue
        client = clients.get(who) or clients.setdefault(who, signed_in(who) if who else Client())
        if name == "Proposal detail":
            with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
                results.append(_time_page(client, name, path, requests, log))
            results.append(_time_page(client, f"{name}, cached", path, requests, log))
        else:
            results.append(_time_page(client, name, path, requests, log))
    return [asdict(r) for r in results]


def _time_page(client: Client, name: str, path: str, requests: int, log) -> PageTiming:
    client.get(path)  # warm up
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        client.get(path)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    timing = PageTiming(
        name=name,
        path=path,
        requests=requests,
        median_ms=round(statistics.median(times), 2),
        p95_ms=round(p95(times), 2),
        queries=len(queries),
        status=response.status_code,
    )
    log(
        f"  {name:22} {timing.median_ms:7.1f} ms median {timing.p95_ms:7.1f} ms p95 "
        f"{timing.queries:3} queries  ({response.status_code})"
    )
    return timing


def concurrent_votes(log=print) -> dict:
    """Fifteen members vote within the same second, each on their own connection."""
    from assessments.models import Vote
    from assessments.services.ballots import cast_vote, open_ballot
    from bench.dataset import _voting_memberships

    office = User.objects.get(email="secretariat@demo.example.com")
    meeting = Meeting.objects.filter(committee__code="SSC", status="PLANNED").order_by("date")[0]
    memberships = _voting_memberships(meeting.committee)[:15]
    ballot = open_ballot(
        user=office,
        committee=meeting.committee,
        question="Bench: fifteen members vote at once",
        outcome_if_passed="NOTED",
        method="CORRESPONDENCE",
        closes_at=timezone.now() + datetime.timedelta(days=3),
    )
    barrier = threading.Barrier(len(memberships))
    times, errors = [], []

    def vote(membership):
        try:
            barrier.wait()
            start = time.perf_counter()
            cast_vote(ballot_id=ballot.pk, user=membership.person, choice="FOR")
            times.append((time.perf_counter() - start) * 1000)
        except Exception as error:  # noqa: BLE001 -- counted and reported, not hidden
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(m,)) for m in memberships]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall_ms = (time.perf_counter() - wall) * 1000
    recorded = Vote.objects.filter(ballot=ballot).count()
    result = {
        "voters": len(memberships),
        "recorded": recorded,
        "errors": errors,
        "wall_ms": round(wall_ms, 1),
        "max_vote_ms": round(max(times, default=0), 1),
    }
    log(
        f"  {recorded} of {len(memberships)} votes recorded in {wall_ms:.0f} ms "
        f"(slowest {result['max_vote_ms']} ms), {len(errors)} errors"
    )
    return result


def pdf_timings(log=print) -> dict:
    from assessments.papers.cache import cached_paper_pdf
    from assessments.papers.render import render_paper

    paper = Paper.objects.get(reference="TABASC_45_1508_14")
    render_paper(paper)  # fonts and templates loaded once, as in a running worker
    cold = []
    for _ in range(7):
        start = time.perf_counter()
        render_paper(paper)
        cold.append(time.perf_counter() - start)
    cached_paper_pdf(paper, render_paper)
    hot = []
    client = signed_in("member@demo.example.com")
    for _ in range(50):
        start = time.perf_counter()
        response = client.get(f"/committees/papers/{paper.pk}/pdf/")
        hot.append((time.perf_counter() - start) * 1000)
    result = {
        "seed_paper_cold_median_s": round(statistics.median(cold), 3),
        "seed_paper_cached_median_ms": round(statistics.median(hot), 2),
        "cached_status": response.status_code,
    }
    log(
        f"  seed paper: {result['seed_paper_cold_median_s']} s cold (median of 7), "
        f"{result['seed_paper_cached_median_ms']} ms from cache ({response.status_code})"
    )
    return result
