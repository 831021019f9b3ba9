"""Questions the SSC asks a proposer, and the proposer's answers."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from usecases.enums import SubmissionState


class ClarificationRequest(models.Model):
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.PROTECT,
        related_name="clarifications",
    )
    number = models.PositiveSmallIntegerField("request number")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="raised by",
        on_delete=models.PROTECT,
        related_name="+",
    )
    raised_at = models.DateTimeField("raised at", default=timezone.now)
    due_on = models.DateField("answer due on")
    raised_in_state = models.CharField(
        "raised in state", max_length=32, choices=SubmissionState.choices
    )
    answered_at = models.DateTimeField("answered at", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="answered by",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reminded_on = models.DateField("last reminder sent on", null=True, blank=True)

    class Meta:
        ordering = ["submission", "number"]
        verbose_name = "clarification request"
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="clarification_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"Clarification {self.number}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.localdate() > self.due_on


class ClarificationQuestion(models.Model):
    request = models.ForeignKey(
        ClarificationRequest,
        verbose_name="request",
        on_delete=models.CASCADE,
        related_name="questions",
    )
    number = models.PositiveSmallIntegerField("question number")
    text = models.TextField("question")
    answer = models.TextField("answer", blank=True)

    class Meta:
        ordering = ["request", "number"]
        verbose_name = "clarification question"
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="question_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.request.number}.{self.number}"
