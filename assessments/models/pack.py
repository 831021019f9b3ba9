"""A request to build a meeting pack in the background, for one reader."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PackJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "QUEUED", "Queued"
        RUNNING = "RUNNING", "Rendering"
        DONE = "DONE", "Ready"
        FAILED = "FAILED", "Failed"

    meeting = models.ForeignKey(
        "assessments.Meeting", verbose_name="meeting", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="requested by",
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.QUEUED)
    file = models.CharField("stored file", max_length=200, blank=True)
    pages = models.PositiveIntegerField("pages", default=0)
    error = models.TextField("error", blank=True)
    created_at = models.DateTimeField("requested at", default=timezone.now)
    finished_at = models.DateTimeField("finished at", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "meeting pack"

    def __str__(self) -> str:
        return f"Pack for {self.meeting} ({self.get_status_display()})"
