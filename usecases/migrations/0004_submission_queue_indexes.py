"""Indexes in the order the secretariat's queue, the committee home page and the public
register read proposals.

docs/performance.md shows the EXPLAINs before and after: without them each page sorts every
proposal to show fifty (or ten).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("usecases", "0003_submission_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                fields=["-q6_urgent", "state_changed_at", "id"], name="submission_queue_order"
            ),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(fields=["-submitted_at", "-id"], name="submission_newest_first"),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                fields=["-registered_at", "-id"],
                condition=models.Q(classification="WHITE", reference__isnull=False),
                name="submission_public_register",
            ),
        ),
    ]
