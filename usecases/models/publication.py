"""NCSC's sign-off and publication of an SC version, and notification records."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NcscPublication(models.Model):
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.PROTECT,
        related_name="ncsc_publications",
    )
    sc_document = models.ForeignKey(
        "usecases.SCDocument",
        verbose_name="SC document",
        on_delete=models.PROTECT,
        related_name="publications",
    )
    version = models.CharField("new version", max_length=20)
    published_on = models.DateField("NCSC publication date")
    ncsc_reference = models.CharField("NCSC reference", max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="recorded by",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("recorded at", default=timezone.now)

    class Meta:
        ordering = ["-published_on", "pk"]
        verbose_name = "NCSC publication"

    def __str__(self) -> str:
        return f"{self.sc_document.title} v{self.version}"


class Notification(models.Model):
    """Who was told what about a proposal, and when: the item's notification log."""

    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField("event", max_length=60)
    recipient = models.EmailField("recipient")
    subject = models.CharField("subject", max_length=200)
    queued_at = models.DateTimeField("queued at", default=timezone.now)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = "notification"

    def __str__(self) -> str:
        return f"{self.event} to {self.recipient}"
