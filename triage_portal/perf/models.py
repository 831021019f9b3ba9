"""The change stamp: one number that every write to a watched table moves (triggers.py)."""

from django.db import models


class ChangeStamp(models.Model):
    """One row (id 1) whose value database triggers raise on every write to a watched table.

    The epoch is drawn at random when the row is made (a new or flushed database), so a cache
    shared with an earlier database never matches this one's stamps.
    """

    epoch = models.CharField("epoch", max_length=32)
    value = models.BigIntegerField("change stamp", default=0)

    class Meta:
        verbose_name = "change stamp"

    def __str__(self) -> str:
        return str(self.value)
