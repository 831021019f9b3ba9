"""A request to build a meeting pack in the background, for one reader."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition


class PackJob(FSMModelMixin, models.Model):
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
    status = FSMField(
        "status", max_length=8, choices=Status.choices, default=Status.QUEUED, protected=True
    )
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

    # A worker takes the job (again after a failed attempt, see taskqueue.retried), and ends
    # it ready or failed. A pack finished after the recovery job gave its worker up for lost
    # (fail_abandoned_packs) is still a good pack: it may be finished from FAILED too.
    @transition(
        field=status, source=[Status.QUEUED, Status.RUNNING, Status.FAILED], target=Status.RUNNING
    )
    def start(self) -> None:
        pass

    @transition(field=status, source=[Status.RUNNING, Status.FAILED], target=Status.DONE)
    def finish(self, *, file: str, pages: int, notes: str) -> None:
        self.file, self.pages, self.error = file, pages, notes
        self.finished_at = timezone.now()

    @transition(field=status, source=[Status.QUEUED, Status.RUNNING], target=Status.FAILED)
    def fail(self, *, error: str) -> None:
        self.error = error
        self.finished_at = timezone.now()
