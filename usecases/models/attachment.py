"""Files attached to a proposal, kept in Django storage outside the web root."""

import uuid

from django.conf import settings
from django.db import models


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: the original one is user input and is kept only as data.
    return f"attachments/{uuid.uuid4().hex}"


class Attachment(models.Model):
    submission = models.ForeignKey(
        "usecases.Submission",
        verbose_name="proposal",
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField("file", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("file name", max_length=255)
    content_type = models.CharField("content type", max_length=120)
    size = models.PositiveBigIntegerField("size in bytes")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uploaded by",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("uploaded at", auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = "attachment"

    def __str__(self) -> str:
        return self.original_name
