"""Questions put to a vote, the votes cast, and declarations of interest."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from assessments.enums import BallotMethod, BallotStatus, Choice, ConflictRuling, Outcome
from triage_portal.audit.models import LogMixin


class Ballot(LogMixin, FSMModelMixin, models.Model):
    committee = models.ForeignKey(
        "assessments.Committee",
        verbose_name="committee",
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    agenda_item = models.ForeignKey(
        "assessments.AgendaItem",
        verbose_name="agenda item",
        on_delete=models.PROTECT,
        related_name="ballots",
        null=True,
        blank=True,
    )
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    question = models.TextField("question", help_text="For example: Approve the Use Case?")
    outcome_if_passed = models.CharField(
        "decision if passed", max_length=24, choices=Outcome.choices
    )
    outcome_text = models.TextField("decision text, conditions or reason", blank=True)
    method = models.CharField(
        "method", max_length=16, choices=BallotMethod.choices, default=BallotMethod.MEETING
    )
    status = FSMField(
        "status",
        max_length=20,
        choices=BallotStatus.choices,
        default=BallotStatus.DRAFT,
        protected=True,
    )
    opens_at = models.DateTimeField("opens at", null=True, blank=True)
    closes_at = models.DateTimeField("closes at", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("created at", default=timezone.now)
    reminded_members = models.JSONField("members reminded to vote", default=list, blank=True)
    casting_vote_requested_at = models.DateTimeField(
        "tied at its deadline; the Chair was asked for a casting vote at",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "vote"
        indexes = [
            # Open votes are a handful among ten years of closed ones; every committee home
            # page, the meeting pages and the reminders ask for them (docs/performance.md).
            # Not a partial index on status = 'OPEN': SQLite went through the committee's own
            # index instead, every vote of ten years; led by the status and the committee,
            # this one is the better choice for both databases.
            models.Index(fields=["status", "committee", "closes_at"], name="ballot_status"),
        ]

    def __str__(self) -> str:
        return self.question

    # The life of a vote; the services in assessments/services/ballots.py and decisions.py
    # lock, check, take these and log. Bodies only set fields in memory.
    @transition(field=status, source=BallotStatus.DRAFT, target=BallotStatus.OPEN)
    def open(self) -> None:
        self.opens_at = timezone.now()

    @transition(field=status, source=BallotStatus.OPEN, target=BallotStatus.CLOSED)
    def close(self) -> None:
        self.closes_at = self.closes_at or timezone.now()

    @transition(field=status, source=BallotStatus.DRAFT, target=BallotStatus.CLOSED)
    def decide_by_consensus(self) -> None:
        """Record a question the meeting decided without a vote: opened and closed at once."""
        self.opens_at = self.closes_at = timezone.now()

    @transition(field=status, source=BallotStatus.OPEN, target=BallotStatus.MOVED_TO_MEETING)
    def move_to_meeting(self) -> None:
        pass


class Vote(models.Model):
    ballot = models.ForeignKey(
        Ballot, verbose_name="vote", on_delete=models.PROTECT, related_name="votes"
    )
    seat = models.ForeignKey(
        "assessments.Seat", verbose_name="seat", on_delete=models.PROTECT, related_name="+"
    )
    membership = models.ForeignKey(
        "assessments.Membership",
        verbose_name="membership",
        on_delete=models.PROTECT,
        related_name="+",
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="cast by", on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField("choice", max_length=8, choices=Choice.choices)
    reason = models.TextField("reason", blank=True)
    cast_at = models.DateTimeField("cast at", default=timezone.now)
    struck_at = models.DateTimeField("struck out at", null=True, blank=True)
    struck_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="struck out by",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    struck_reason = models.TextField("why it was struck out", blank=True)

    class Meta:
        ordering = ["ballot", "cast_at"]
        verbose_name = "cast vote"
        constraints = [
            # One counted vote per seat; a vote struck out is kept, and the seat may vote again.
            models.UniqueConstraint(
                fields=["ballot", "seat"],
                condition=models.Q(struck_at__isnull=True),
                name="vote_one_per_seat",
            ),
            models.CheckConstraint(
                condition=models.Q(struck_at__isnull=True, struck_by__isnull=True, struck_reason="")
                | (
                    models.Q(struck_at__isnull=False, struck_by__isnull=False)
                    & ~models.Q(struck_reason="")
                ),
                name="vote_struck_by_someone_with_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.choice}{' (struck out)' if self.struck_at else ''}"


class ConflictDeclaration(LogMixin, models.Model):
    agenda_item = models.ForeignKey(
        "assessments.AgendaItem",
        verbose_name="agenda item",
        on_delete=models.PROTECT,
        related_name="conflicts",
        null=True,
        blank=True,
    )
    ballot = models.ForeignKey(
        Ballot,
        verbose_name="vote",
        on_delete=models.PROTECT,
        related_name="conflicts",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="member", on_delete=models.PROTECT, related_name="+"
    )
    nature = models.TextField("nature of the interest", blank=True)
    prompted = models.BooleanField("prompted by the portal", default=False)
    declared_at = models.DateTimeField("declared at", null=True, blank=True)
    ruling = models.CharField(
        "Chair's ruling",
        max_length=12,
        choices=ConflictRuling.choices,
        default=ConflictRuling.PENDING,
    )
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ruled by",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    ruled_at = models.DateTimeField("ruled at", null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = "declaration of interest"
        constraints = [
            models.UniqueConstraint(fields=["ballot", "person"], name="conflict_once_per_ballot"),
            models.CheckConstraint(
                condition=models.Q(agenda_item__isnull=False) | models.Q(ballot__isnull=False),
                name="conflict_has_item_or_ballot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name}: {self.get_ruling_display()}"
