"""Committee papers: their immutable references, recommendations and annexes."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.enums import AnnexKind, PaperAction, PaperKind, Verb
from triage_portal.audit.models import LogMixin
from triage_portal.classification import Classification


class Paper(LogMixin, models.Model):
    agenda_item = models.OneToOneField(
        "assessments.AgendaItem",
        verbose_name="agenda item",
        on_delete=models.PROTECT,
        related_name="paper",
    )
    reference = models.CharField(
        "paper reference", max_length=60, unique=True, null=True, blank=True
    )
    title = models.CharField("title", max_length=300)
    kind = models.CharField(
        "kind of paper", max_length=20, choices=PaperKind.choices, default=PaperKind.PROPOSAL
    )
    paper_date = models.DateField("paper date", null=True, blank=True)
    author_name = models.CharField("author", max_length=150)
    author_role = models.CharField(
        "author's role", max_length=150, help_text="For example: SSC Chair"
    )
    action = models.CharField(
        "action", max_length=20, choices=PaperAction.choices, default=PaperAction.FOR_DECISION
    )
    purpose = models.TextField("purpose", blank=True)
    background = models.TextField("background", blank=True)
    body = models.TextField("body", blank=True)
    next_steps = models.TextField("next steps", blank=True)
    recommendation_lead = models.CharField(
        "words before the recommendations",
        max_length=200,
        blank=True,
        help_text='Leave blank for "The {committee} is requested to:"',
    )
    classification = models.CharField(
        "classification", max_length=8, choices=Classification.choices, default=Classification.AMBER
    )
    issued_at = models.DateTimeField("issued at", null=True, blank=True)
    late_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="late issue approved by (Chair)",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__number"]
        verbose_name = "paper"

    def __str__(self) -> str:
        return f"{self.reference or 'Draft paper'} – {self.title}"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    @property
    def lead_sentence(self) -> str:
        return (
            self.recommendation_lead
            or f"The {self.agenda_item.meeting.committee.code} is requested to:"
        )


class Recommendation(models.Model):
    paper = models.ForeignKey(
        Paper, verbose_name="paper", on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveSmallIntegerField("order")
    verb = models.CharField("verb", max_length=10, choices=Verb.choices)
    text = models.TextField("text", help_text="What follows the verb")

    class Meta:
        ordering = ["paper", "position"]
        verbose_name = "recommendation"
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "position"], name="recommendation_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.text}"


def paper_document_path(instance: "PaperDocument", filename: str) -> str:
    # A random name: the original one is user input and is kept only as data.
    return f"paper-documents/{uuid.uuid4().hex}"


class PaperDocument(models.Model):
    """A PDF annexed to a paper that is not about a proposal (a security document, say).

    Checked and made safe at upload as a proposal's attachments are (usecases.files.uploads), and
    prepared for the paper in the background the same way (usecases.files.annexes).
    """

    file = models.FileField("file", upload_to=paper_document_path, max_length=200)
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
        verbose_name = "paper document"

    def __str__(self) -> str:
        return self.original_name


class Annex(models.Model):
    paper = models.ForeignKey(
        Paper, verbose_name="paper", on_delete=models.CASCADE, related_name="annexes"
    )
    position = models.PositiveSmallIntegerField("annex number")
    kind = models.CharField("kind", max_length=16, choices=AnnexKind.choices)
    title = models.CharField("title", max_length=300)
    attachment = models.ForeignKey(
        "usecases.Attachment",
        verbose_name="attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    document = models.ForeignKey(
        PaperDocument,
        verbose_name="document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    classification = models.CharField(
        "classification", max_length=8, choices=Classification.choices
    )

    class Meta:
        ordering = ["paper", "position"]
        verbose_name = "annex"
        verbose_name_plural = "annexes"
        constraints = [
            models.UniqueConstraint(fields=["paper", "position"], name="annex_unique_position")
        ]

    def __str__(self) -> str:
        return f"Annex {self.position} - {self.title}"

    @property
    def file(self):
        """The attached file, a proposal's attachment or a paper's own document, or None."""
        return self.attachment or self.document


class PaperRead(models.Model):
    """When a reader first opened a paper (its page or its PDF): read / unread on their home."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="papers_read"
    )
    first_read_at = models.DateTimeField("first read at", default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paper", "reader"], name="one_read_mark_per_reader")
        ]
        verbose_name = "paper read"

    def __str__(self) -> str:
        return f"{self.reader} read {self.paper} at {self.first_read_at:%Y-%m-%d %H:%M}"
