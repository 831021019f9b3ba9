"""Key the chain: each entry records the id of the key that sealed it (triage_portal/audit/chain.py).

Entries already in the log keep the key id "" and their plain SHA-256 hashes, untouched (the log
is append-only). This migration appends one sealed entry, "audit.chain.sealed", whose keyed hash
covers the newest of them, so from now on none of them can be rewritten without the key either;
`verify_audit` accepts unsealed entries only as that unbroken run at the start of the log.
"""

from django.db import migrations, models
from django.utils import timezone

from triage_portal.audit.chain import UNSEALED, seal


def seal_unsealed_entries(apps, schema_editor):
    ActivityLog = apps.get_model("audit", "ActivityLog")
    ChainHead = apps.get_model("audit", "ChainHead")
    newest = ActivityLog.objects.order_by("-pk").first()
    if newest is None or newest.key_id != UNSEALED:
        return
    head, _ = ChainHead.objects.get_or_create(pk=1)
    entry = ActivityLog(
        action="audit.chain.sealed",
        data={
            "unsealed_entries": ActivityLog.objects.filter(key_id=UNSEALED).count(),
            "newest_unsealed": newest.pk,
            "head_matched": head.last_hash == newest.entry_hash,
        },
        timestamp=timezone.now(),
        previous_hash=head.last_hash,
    )
    seal(entry)
    entry.save()
    head.last_hash = entry.entry_hash
    head.save(update_fields=["last_hash"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="activitylog",
            name="key_id",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Empty for entries written before the log was keyed.",
                max_length=32,
                verbose_name="id of the key that sealed this entry",
            ),
        ),
        migrations.RunPython(seal_unsealed_entries, migrations.RunPython.noop),
    ]
