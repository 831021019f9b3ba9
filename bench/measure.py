"""Measurements taken inside one Django process: votes, PDFs; helpers for the pages (bench/mix.py)."""

import datetime
import statistics
import threading
import time

from django.db import connections
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import Meeting, Paper
from triage_portal.accounts.models import User


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine_work() -> float:
    """Time the fixed piece of pure Python once (ms): a sample of the machine's own spread."""
    start = time.perf_counter()
    total = 0
    for n in range(60_000):
        total += n * n % 7
    return (time.perf_counter() - start) * 1000


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
    """Time the seed paper rendered again in this warm process, and served from the PDF cache.

    Its first render in a fresh process, the "cold" figure, is bench/fresh.py's.
    """
    from assessments.papers.cache import cached_paper_pdf
    from assessments.papers.render import render_paper

    paper = Paper.objects.get(reference="TABASC_45_1508_14")
    render_paper(paper)  # fonts and templates loaded once, as in a running worker
    warm = []
    for _ in range(7):
        start = time.perf_counter()
        render_paper(paper)
        warm.append(time.perf_counter() - start)
    cached_paper_pdf(paper, render_paper)
    hot = []
    client = signed_in("member@demo.example.com")
    for _ in range(50):
        start = time.perf_counter()
        response = client.get(f"/committees/papers/{paper.pk}/pdf/")
        hot.append((time.perf_counter() - start) * 1000)
    result = {
        "seed_paper_warm_median_s": round(statistics.median(warm), 3),
        "seed_paper_cached_median_ms": round(statistics.median(hot), 2),
        "cached_status": response.status_code,
    }
    log(
        f"  seed paper in a warm worker: {result['seed_paper_warm_median_s']} s (median of 7), "
        f"{result['seed_paper_cached_median_ms']} ms from cache ({response.status_code})"
    )
    return result
