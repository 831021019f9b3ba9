"""The proposal: the SSC Part 1 template, for either kind of request."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from triage_portal.audit.models import LogMixin
from triage_portal.classification import Classification
from usecases.enums import SubmissionKind, SubmissionState, TriState, YesNo
from usecases.models.reference import DeviceType, SCDocument


class Submission(LogMixin, FSMModelMixin, models.Model):
    kind = models.CharField("kind", max_length=20, choices=SubmissionKind.choices)
    state = FSMField(
        "state", default=SubmissionState.DRAFT, choices=SubmissionState.choices, protected=True
    )
    reference = models.CharField("reference", max_length=30, null=True, blank=True, unique=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="proposer's organisation",
        on_delete=models.PROTECT,
        related_name="submissions",
        null=True,
        blank=True,
    )

    sc_mod_title = models.CharField("proposed SC Modification title", max_length=300, blank=True)
    use_case_title = models.CharField("proposed Use Case title", max_length=300, blank=True)

    proposer_name = models.CharField("proposer's name", max_length=150, blank=True)
    proposer_organisation_name = models.CharField(
        "proposer's organisation", max_length=200, blank=True
    )
    proposer_phone = models.CharField("proposer's contact number", max_length=40, blank=True)
    proposer_email = models.EmailField("proposer's e-mail address", blank=True)
    submitted_at = models.DateTimeField("submission date", null=True, blank=True)

    q1_issue = models.TextField("1. What issue are you looking to address?", blank=True)
    q2_why_needed = models.TextField(
        "2. Why does this issue need to be addressed? (Why is doing nothing not an option?)",
        blank=True,
    )
    q3_solution = models.TextField("3. What is your proposed solution?", blank=True)
    q4_affects_existing_sc = models.CharField(
        "4. Does this affect an existing SC?", max_length=3, choices=TriState.choices, blank=True
    )
    q4_explanation = models.TextField("4. Explanation", blank=True)
    q4_sc_documents = models.ManyToManyField(
        SCDocument, verbose_name="SC documents affected", blank=True, related_name="+"
    )
    q5_requires_new_sc = models.CharField(
        "5. Does this require a new SC?", max_length=3, choices=TriState.choices, blank=True
    )
    q5_explanation = models.TextField("5. Explanation", blank=True)
    q5_sc_documents = models.ManyToManyField(
        SCDocument, verbose_name="SC documents related to the new SC", blank=True, related_name="+"
    )
    q6_urgent = models.CharField(
        "6. Is this proposal an urgent business need?",
        max_length=3,
        choices=YesNo.choices,
        blank=True,
    )
    q6_justification = models.TextField("6. Justification", blank=True)

    device_types = models.ManyToManyField(
        DeviceType, verbose_name="device types affected", blank=True
    )
    proposer_classification = models.CharField(
        "proposer's classification", max_length=8, choices=Classification.choices, blank=True
    )
    classification = models.CharField(
        "paper classification",
        max_length=8,
        choices=Classification.choices,
        default=Classification.AMBER,
    )

    declaration_accepted_at = models.DateTimeField("declaration accepted at", null=True, blank=True)
    withdrawn_reason = models.TextField("reason for withdrawal", blank=True)
    created_at = models.DateTimeField("created at", default=timezone.now)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "proposal"
        indexes = [
            models.Index(fields=["state", "updated_at"]),
            models.Index(fields=["organisation", "state"]),
        ]

    def __str__(self) -> str:
        return self.title or f"Untitled {self.get_kind_display().lower()}"

    def get_absolute_url(self) -> str:
        return reverse("usecases:proposal-detail", args=[self.pk])

    @property
    def title(self) -> str:
        if self.kind == SubmissionKind.SC_MODIFICATION:
            return self.sc_mod_title or self.use_case_title
        return self.use_case_title or self.sc_mod_title

    @property
    def is_draft(self) -> bool:
        return self.state == SubmissionState.DRAFT

    @transition(
        field=state,
        source=SubmissionState.DRAFT,
        target=SubmissionState.SUBMITTED,
        permission="usecases.submit_proposal",
    )
    def submit(self) -> None:
        """Send the proposal to the secretariat."""
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=SubmissionState.SUBMITTED,
        target=SubmissionState.WITHDRAWN,
        permission="usecases.withdraw_proposal",
    )
    def withdraw(self, reason: str) -> None:
        """Close the proposal at the proposer's request."""
        self.withdrawn_reason = reason
