"""The SSC decision that approved a proposal, and the proposer's own level as a floor.

Publication checks that a recorded SSC decision approved the proposal: its reference is kept
on the proposal. Proposals already approved by a decision get the reference back from the
approval's log entry, whose reason begins with it ("SSC95/D01: The SSC AGREED…"); those
approved from free text keep none, and need the SSC's decision before they are published.

A proposal not yet registered is read at its stored level, which defaulted to AMBER whatever
the proposer chose: each is raised to the proposer's own level if that is stricter. Registered
proposals keep the level the secretariat set. Raising a level is not a downgrade; the
activity log is append-only and hash-chained, so the migration writes nothing to it.
"""

import re

from django.db import migrations, models

STRICTNESS = {"WHITE": 0, "GREEN": 1, "AMBER": 2, "RED": 3}
DECISION_REFERENCE = re.compile(r"^(\S+/D\d+):")
APPROVED_STATES = ("APPROVED", "AWAITING_NCSC_PUBLICATION", "PUBLISHED")


def raise_to_proposers_level(apps, schema_editor):
    Submission = apps.get_model("usecases", "Submission")
    unregistered = Submission.objects.filter(registered_at__isnull=True).exclude(
        proposer_classification=""
    )
    for pk, stored, chosen in unregistered.values_list(
        "pk", "classification", "proposer_classification"
    ):
        if STRICTNESS.get(chosen, 0) > STRICTNESS.get(stored, 0):
            Submission.objects.filter(pk=pk).update(classification=chosen)


def recover_approving_decisions(apps, schema_editor):
    Submission = apps.get_model("usecases", "Submission")
    ActivityLog = apps.get_model("audit", "ActivityLog")
    approvals = ActivityLog.objects.filter(
        content_type__app_label="usecases",
        content_type__model="submission",
        action="usecases.proposal.approved",
    ).order_by("timestamp", "pk")
    latest = {}
    for object_id, data in approvals.values_list("object_id", "data"):
        match = DECISION_REFERENCE.match(str((data or {}).get("reason", "")))
        latest[object_id] = match.group(1) if match else ""
    for pk in Submission.objects.filter(state__in=APPROVED_STATES).values_list("pk", flat=True):
        if latest.get(str(pk)):
            Submission.objects.filter(pk=pk).update(approval_decision_reference=latest[str(pk)])


class Migration(migrations.Migration):
    dependencies = [
        ("usecases", "0005_submission_recently_changed"),
        ("audit", "0003_append_only_trigger"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="approval_decision_reference",
            field=models.CharField(
                blank=True,
                max_length=30,
                verbose_name="reference of the SSC decision that approved it",
            ),
        ),
        migrations.RunPython(raise_to_proposers_level, migrations.RunPython.noop),
        migrations.RunPython(recover_approving_decisions, migrations.RunPython.noop),
    ]
