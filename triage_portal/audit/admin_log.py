"""Every change made in the Django admin also goes to the hash-chained ActivityLog."""

import json

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.text import capfirst

from triage_portal.audit.models import log_event

ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}


@receiver(post_save, sender=LogEntry)
def record_admin_change(sender, instance: LogEntry, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    model = instance.content_type.model if instance.content_type_id else "object"
    app = instance.content_type.app_label if instance.content_type_id else "unknown"
    log_event(
        f"admin.{app}.{model}.{ACTIONS.get(instance.action_flag, 'changed')}",
        actor=instance.user,
        data={
            "object_id": str(instance.object_id),
            "object": instance.object_repr[:200],
            "fields": changed_fields(instance),
            "change": instance.get_change_message()[:1000],
        },
    )


def changed_fields(entry: LogEntry) -> list[str]:
    """Return the names (not the labels, nor the values) of the fields the admin changed."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    labels = {}
    if model is not None:
        labels = {
            capfirst(str(field.verbose_name)): field.name
            for field in model._meta.get_fields()
            if hasattr(field, "verbose_name")
        }
    try:
        message = json.loads(entry.change_message or "[]")
    except ValueError:
        return []
    names = []
    for part in message if isinstance(message, list) else []:
        for label in part.get("changed", {}).get("fields", []):
            if "name" not in part.get("changed", {}):  # an inline's fields belong to another model
                names.append(labels.get(label, label))
    return names
