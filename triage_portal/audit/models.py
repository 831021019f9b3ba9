"""One append-only ActivityLog records every change, for every model."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit row."""


class ActivityLog(models.Model):
    content_type = models.ForeignKey(
        ContentType, verbose_name="object type", on_delete=models.PROTECT, null=True, blank=True
    )
    object_id = models.CharField("object id", max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField("action", max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField("data", default=dict, blank=True, encoder=DjangoJSONEncoder)
    timestamp = models.DateTimeField("time", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["timestamp", "pk"]
        verbose_name = "activity log entry"
        verbose_name_plural = "activity log"
        indexes = [models.Index(fields=["content_type", "object_id", "timestamp"])]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Activity log entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Activity log entries cannot be deleted")


class LogMixin:
    """Give a model log_action(), which appends to the ActivityLog."""

    def log_action(self, action: str, *, actor=None, data: dict | None = None) -> ActivityLog:
        """Append one ActivityLog row about this object and return it."""
        return ActivityLog.objects.create(
            content_type=ContentType.objects.get_for_model(type(self)),
            object_id=str(self.pk),
            action=action,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            data=data or {},
        )


def log_event(action: str, *, actor=None, data: dict | None = None) -> ActivityLog:
    """Append an ActivityLog row that is not about one object (a sign-in, say)."""
    return ActivityLog.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        data=data or {},
    )
