"""The register of documents the portal has issued: the digest of each PDF exactly as served.

The public "Check a document" page recognises an uploaded PDF by its digest here, and a
pasted reference by `reference`. What it shows of a row depends on who asks (selectors).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from triage_portal.classification import Classification


class IssuedDocument(models.Model):
    class Kind(models.TextChoices):
        PAPER = "PAPER", "Committee paper"
        PACK = "PACK", "Meeting pack"
        MINUTES = "MINUTES", "Minutes"
        DECISION_LETTER = "DECISION_LETTER", "Decision letter"

    sha256 = models.CharField("SHA-256 of the PDF as served", max_length=64, unique=True)
    kind = models.CharField("kind", max_length=16, choices=Kind.choices)
    reference = models.CharField("reference printed on it", max_length=120, db_index=True)
    title = models.CharField("title", max_length=300)
    classification = models.CharField(
        "classification", max_length=8, choices=Classification.choices
    )
    issued_at = models.DateTimeField("issued at", default=timezone.now)
    issued_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="issued to",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What it was issued from, to ask who may see its title (the row outlives a deleted draft).
    paper = models.ForeignKey(
        "assessments.Paper",
        verbose_name="paper",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "assessments.Meeting",
        verbose_name="meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "assessments.Decision",
        verbose_name="decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = "issued document"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference} issued {self.issued_at:%Y-%m-%d %H:%M}"
