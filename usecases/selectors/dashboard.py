"""Figures for the secretariat's dashboard: the pipeline by state, time in state, what is late.

Everything is read through proposals_visible_to, so the figures never count what the viewer
may not see.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from triage_portal.perf.stamp import kept_aggregate
from triage_portal.workdays import is_working_day, subtract_working_days
from usecases.enums import TERMINAL_STATES, SubmissionState
from usecases.models import ClarificationRequest, Referral
from usecases.presentation.charts import Bar, BarChart
from usecases.selectors.proposals import bank_holidays, proposals_visible_to
from usecases.selectors.workspace import state_counts

# Working days in the current state, as bands (upper bound inclusive; None = no bound).
AGE_BANDS = ((5, "Up to 5"), (10, "6 to 10"), (20, "11 to 20"), (None, "More than 20"))
# Every bar colour has at least 3:1 contrast with the white page (WCAG 1.4.11).
AGE_COLOURS = ("#00703c", "#1d70b8", "#c25100", "#d4351c")
CLOSED_COLOUR = "#505a5f"  # finished outcomes, set apart from the work still in the pipeline


@dataclass(frozen=True)
class Attention:
    urgent: int
    clarifications_overdue: int
    referrals_overdue: int


def _open(user):
    return proposals_visible_to(user).exclude(state__in=(SubmissionState.DRAFT, *TERMINAL_STATES))


def pipeline_chart(user) -> BarChart:
    counts = state_counts(proposals_visible_to(user))
    workspace = reverse("usecases:workspace")
    bars = [
        Bar(
            label=state.label,
            value=counts.get(state.value, 0),
            href=f"{workspace}?state={state}",
            colour=CLOSED_COLOUR if state in TERMINAL_STATES else "#1d70b8",
        )
        for state in SubmissionState
        if state != SubmissionState.DRAFT
    ]
    return BarChart(slug="pipeline", title="Proposals by state", unit="proposals", bars=bars)


def age_chart(user) -> BarChart:
    """Open proposals by working days in their current state, counted by the database.

    Each band's edge is turned into a date (so many working days before today), so the
    database counts rows against dates and the cost does not grow with the number of proposals.
    """
    today = timezone.localdate()
    holidays = bank_holidays()
    anchor = today
    while not is_working_day(anchor, holidays):
        anchor -= datetime.timedelta(days=1)
    edges = {
        top: subtract_working_days(anchor, top, holidays) for top, _ in AGE_BANDS if top is not None
    }
    # A proposal changed on or after edge[top] has been in its state at most `top` working days.
    # Counted over every open proposal: kept until the next change (or the next day).
    counts = kept_aggregate(
        "age_chart",
        _open(user),
        (today, *sorted(edges.items())),
        **{
            f"upto{top}": Count("pk", filter=Q(state_changed_at__gte=_start_of(edge)))
            for top, edge in edges.items()
        },
        total=Count("pk"),
    )
    tally, below = [], 0
    for top, _ in AGE_BANDS:
        within = counts["total"] if top is None else counts[f"upto{top}"]
        tally.append(within - below)
        below = within
    bars = [
        Bar(label=f"{words} working days", value=n, colour=colour)
        for (_, words), n, colour in zip(AGE_BANDS, tally, AGE_COLOURS, strict=True)
    ]
    return BarChart(
        slug="age",
        title="Open proposals by time in their current state",
        unit="proposals",
        bars=bars,
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def attention(user) -> Attention:
    today = timezone.localdate()
    open_items = _open(user)
    late_question = ClarificationRequest.objects.filter(
        submission=OuterRef("pk"), answered_at__isnull=True, due_on__lt=today
    )
    late_referral = Referral.objects.filter(submission=OuterRef("pk"), outcome="", due_on__lt=today)
    figures = kept_aggregate(
        "attention",
        open_items,
        (today,),
        urgent=Count("pk", filter=Q(q6_urgent="YES")),
        clarifications=Count("pk", filter=Q(Exists(late_question))),
        referrals=Count("pk", filter=Q(Exists(late_referral))),
    )
    return Attention(figures["urgent"], figures["clarifications"], figures["referrals"])


def secretariat_home(user) -> dict:
    """Return the proposals' part of the secretariat's home page: pipeline, ages, what is late."""
    return {"pipeline": pipeline_chart(user), "ages": age_chart(user), "attention": attention(user)}


def committee_home(user) -> dict:
    """Return the proposals' part of a member's home page: the ten last submitted they may see."""
    recent = (
        proposals_visible_to(user)
        .exclude(state=SubmissionState.DRAFT)
        .select_related("organisation")
        .order_by("-submitted_at", "-pk")[:10]
    )
    return {"proposals": recent}
