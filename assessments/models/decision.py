"""Decisions with their immutable tally snapshots, minutes and the action log."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from assessments.enums import ActionStatus, BallotMethod, MinutesStatus, Outcome
from triage_portal.audit.models import LogMixin
from triage_portal.classification import Classification


class Decision(LogMixin, models.Model):
    committee = models.ForeignKey(
        "assessments.Committee",
        verbose_name="committee",
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    meeting = models.ForeignKey(
        "assessments.Meeting",
        verbose_name="meeting",
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
    )
    ballot = models.OneToOneField(
        "assessments.Ballot",
        verbose_name="vote",
        on_delete=models.PROTECT,
        related_name="decision",
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
    reference = models.CharField("decision reference", max_length=30, unique=True)
    method = models.CharField("method", max_length=16, choices=BallotMethod.choices)
    outcome = models.CharField("outcome", max_length=24, choices=Outcome.choices)
    passed = models.BooleanField("motion passed")
    resolution = models.TextField("resolution")
    reasons = models.TextField(
        "reasons",
        blank=True,
        help_text="Why the committee decided as it did; the decision letter gives them.",
    )
    snapshot = models.JSONField(
        "eligibility and tally snapshot", encoder=DjangoJSONEncoder, default=dict
    )
    decided_at = models.DateTimeField("decided at", default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="recorded by",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = "decision"
        # The decision log lists the newest first, 50 to a page (docs/performance.md).
        indexes = [models.Index(fields=["-decided_at", "-id"], name="decision_newest_first")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.resolution[:60]}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("Decisions are immutable once recorded")
        super().save(*args, **kwargs)


class Minutes(LogMixin, FSMModelMixin, models.Model):
    meeting = models.OneToOneField(
        "assessments.Meeting",
        verbose_name="meeting",
        on_delete=models.PROTECT,
        related_name="minutes",
    )
    body = models.TextField("minutes")
    status = FSMField(
        "status",
        max_length=8,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
        protected=True,
    )
    approved_at_meeting = models.ForeignKey(
        "assessments.Meeting",
        verbose_name="approved at meeting",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField("approved at", null=True, blank=True)
    classification = models.CharField(
        "classification", max_length=8, choices=Classification.choices, default=Classification.AMBER
    )

    class Meta:
        verbose_name = "minutes"
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    @transition(field=status, source=MinutesStatus.DRAFT, target=MinutesStatus.APPROVED)
    def approve(self, at_meeting) -> None:
        """Approved at a later meeting; services/minutes.py checks which meeting may."""
        self.approved_at = timezone.now()
        self.approved_at_meeting = at_meeting


class ItemMinutes(LogMixin, models.Model):
    """What the minutes record of the discussion of one agenda item."""

    minutes = models.ForeignKey(
        Minutes, verbose_name="minutes", on_delete=models.PROTECT, related_name="item_minutes"
    )
    agenda_item = models.OneToOneField(
        "assessments.AgendaItem",
        verbose_name="agenda item",
        on_delete=models.PROTECT,
        related_name="item_minutes",
    )
    discussion = models.TextField("discussion", blank=True)

    class Meta:
        ordering = ["agenda_item__number"]
        verbose_name = "minutes of an item"
        verbose_name_plural = "minutes of items"

    def __str__(self) -> str:
        return f"Minutes of item {self.agenda_item.number} of {self.minutes.meeting}"


class Action(LogMixin, models.Model):
    meeting = models.ForeignKey(
        "assessments.Meeting",
        verbose_name="meeting",
        on_delete=models.PROTECT,
        related_name="actions",
    )
    agenda_item = models.ForeignKey(
        "assessments.AgendaItem",
        verbose_name="agenda item",
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
    )
    reference = models.CharField("reference", max_length=30, unique=True)
    description = models.TextField("action")
    owner = models.CharField("owner", max_length=150)
    due_on = models.DateField("due on", null=True, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_at = models.DateTimeField("closed or superseded at", null=True, blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = "action"

    def __str__(self) -> str:
        return f"{self.reference}: {self.description[:60]}"
