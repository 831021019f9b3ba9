"""Referrals of a proposal to another body for its views."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from usecases.enums import ReferralBody, ReferralOutcome


class Referral(models.Model):
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    body = models.CharField("referred to", max_length=16, choices=ReferralBody.choices)
    question = models.TextField("question for the body")
    due_on = models.DateField("response due on")
    mandatory = models.BooleanField("the SSC must have this view before it decides", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="referred by",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("referred at", default=timezone.now)
    outcome = models.CharField(
        "outcome", max_length=24, choices=ReferralOutcome.choices, blank=True
    )
    response = models.TextField("response", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="outcome recorded by",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField("outcome recorded at", null=True, blank=True)
    reminded_on = models.DateField("last reminder sent on", null=True, blank=True)

    class Meta:
        ordering = ["submission", "created_at", "pk"]
        verbose_name = "referral"

    def __str__(self) -> str:
        return f"Referral to {self.get_body_display()}"

    @property
    def is_open(self) -> bool:
        return not self.outcome

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.localdate() > self.due_on
