"""E-mail templates the secretariat can edit in the admin, overriding the built-in ones."""

from django.db import models


class EmailTemplate(models.Model):
    key = models.CharField(
        "template key",
        max_length=80,
        unique=True,
        help_text="For example usecases.registered. Leave a key out to use the built-in wording.",
    )
    subject = models.CharField("subject", max_length=200, help_text="Django template syntax")
    body = models.TextField(
        "body", help_text="Django template syntax; the same values as the built-in template"
    )

    class Meta:
        ordering = ["key"]
        verbose_name = "e-mail template"

    def __str__(self) -> str:
        return self.key
