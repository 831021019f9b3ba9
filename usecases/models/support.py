"""SEC Parties that support a proposal, and whether they have confirmed it."""

from django.db import models

from triage_portal.audit.models import LogMixin
from usecases.enums import SupportStatus


class SupportingParty(LogMixin, models.Model):
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.CASCADE,
        related_name="supporters",
    )
    name = models.CharField("name", max_length=150)
    sec_party = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="SEC Party",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_sec_party": True},
    )
    phone = models.CharField("contact number", max_length=40, blank=True)
    email = models.EmailField("e-mail address")
    status = models.CharField(
        "support status",
        max_length=16,
        choices=SupportStatus.choices,
        default=SupportStatus.NOT_REQUESTED,
    )
    requested_at = models.DateTimeField("confirmation requested at", null=True, blank=True)
    responded_at = models.DateTimeField("responded at", null=True, blank=True)
    response_note = models.TextField("note from the supporter", blank=True)
    created_at = models.DateTimeField("added at", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "SEC Party supporter"

    def __str__(self) -> str:
        return f"{self.name} ({self.sec_party})"
