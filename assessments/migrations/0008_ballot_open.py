"""A partial index on the open votes (docs/performance.md has the EXPLAIN before and after)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessments", "0007_calendar_feeds")]

    operations = [
        migrations.AddIndex(
            model_name="ballot",
            index=models.Index(
                condition=models.Q(("status", "OPEN")),
                fields=["closes_at", "id"],
                name="ballot_open",
            ),
        ),
    ]
