"""One append-only, hash-chained ActivityLog records every change, for every model.

Each row stores a keyed hash (HMAC, with a key kept outside the database: chain.py) of its own
content and of the row before it, so that changing or removing any row breaks the chain
(python manage.py verify_audit finds where). A trigger refuses UPDATE and DELETE on the table,
on PostgreSQL and on SQLite; the model refuses them everywhere.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from triage_portal.audit.chain import seal


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
    previous_hash = models.CharField("hash of the previous entry", max_length=64, blank=True)
    entry_hash = models.CharField("hash of this entry", max_length=64, blank=True)
    key_id = models.CharField(
        "id of the key that sealed this entry",
        max_length=32,
        blank=True,
        default="",
        help_text="Empty for entries written before the log was keyed.",
    )

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
        with transaction.atomic():
            head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
            self.previous_hash = head.last_hash
            seal(self)
            super().save(*args, **kwargs)
            head.last_hash = self.entry_hash
            head.save(update_fields=["last_hash"])

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Activity log entries cannot be deleted")


class ChainHead(models.Model):
    """The newest entry's hash; locking this one row keeps the chain in order under load."""

    last_hash = models.CharField("hash of the newest entry", max_length=64, blank=True)

    class Meta:
        verbose_name = "audit chain head"

    def __str__(self) -> str:
        return self.last_hash or "(empty chain)"


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
