"""Bring existing committees within the rules 0011 enforces, before it adds the constraints.

* A correspondence threshold below one half, or of 1 or more, becomes one half (the default):
  below one half a motion could pass with more Against than For, and at 1 or more none could.
* A majority rule that is not one of the choices becomes "votes_cast" (the default).
* "_" (and "/" or "-") leave committee codes, and "_" becomes "-" in paper reference prefixes:
  paper references are split on "_". Papers already issued keep their references.
"""

from decimal import Decimal

from django.db import migrations


def repair(apps, schema_editor):
    Committee = apps.get_model("assessments", "Committee")
    for committee in Committee.objects.all():
        changed = []
        threshold = committee.correspondence_threshold
        if threshold is None or not Decimal("0.5") <= threshold < 1:
            committee.correspondence_threshold = Decimal("0.5")
            changed.append("correspondence_threshold")
        if committee.majority_rule not in ("votes_cast", "all_voting_members"):
            committee.majority_rule = "votes_cast"
            changed.append("majority_rule")
        code = "".join(c for c in committee.code if c not in "_-/")
        if code != committee.code:
            committee.code = code
            changed.append("code")
        prefix = committee.paper_ref_prefix.replace("_", "-")
        if prefix != committee.paper_ref_prefix:
            committee.paper_ref_prefix = prefix
            changed.append("paper_ref_prefix")
        if changed:
            committee.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0009_ballot_status")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
