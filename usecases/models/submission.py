"""The proposal: the SSC Part 1 template, for either kind of request."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from triage_portal.audit.models import LogMixin
from triage_portal.classification import Classification
from usecases.enums import (
    ACTIVE_STATES,
    CLARIFIABLE_STATES,
    TERMINAL_STATES,
    SubmissionKind,
    SubmissionState,
    TriState,
    YesNo,
)
from usecases.models import conditions
from usecases.models.reference import DeviceType, SCDocument

S = SubmissionState
# domain.md §2.5: ON_HOLD and SUPERSEDED are reached from any non-terminal state after
# REGISTERED, the approved ones (APPROVED, AWAITING_NCSC_PUBLICATION) included.
HOLDABLE_STATES = ACTIVE_STATES
WITHDRAWABLE_STATES = (S.SUBMITTED, S.RETURNED, *HOLDABLE_STATES, S.ON_HOLD)


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
    registered_at = models.DateTimeField("registered at", null=True, blank=True)
    state_changed_at = models.DateTimeField("state last changed at", default=timezone.now)
    resume_state = models.CharField(
        "state to resume after hold", max_length=32, choices=SubmissionState.choices, blank=True
    )
    return_state = models.CharField(
        "state to return to after clarification",
        max_length=32,
        choices=SubmissionState.choices,
        blank=True,
    )
    return_reason = models.TextField("reason for returning to the proposer", blank=True)
    hold_reason = models.TextField("reason for putting on hold", blank=True)
    hold_review_on = models.DateField("review the hold on", null=True, blank=True)
    decision_reason = models.TextField("reason for the latest decision", blank=True)
    approval_decision_reference = models.CharField(
        "reference of the SSC decision that approved it", max_length=30, blank=True
    )
    approval_conditions = models.TextField("conditions of approval", blank=True)
    withdrawn_reason = models.TextField("reason for withdrawal", blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name="superseded by",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    ncsc_advice = models.TextField("NCSC advice", blank=True)
    ncsc_advice_recorded_at = models.DateTimeField("NCSC advice recorded at", null=True, blank=True)
    use_case_number = models.PositiveSmallIntegerField(
        "Use Case number", null=True, blank=True, unique=True
    )
    guidance_version = models.CharField("SSC Guidance Part 2 version", max_length=20, blank=True)
    published_at = models.DateTimeField("published at", null=True, blank=True)
    created_at = models.DateTimeField("created at", default=timezone.now)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "proposal"
        indexes = [
            models.Index(fields=["state", "updated_at"]),
            models.Index(fields=["organisation", "state"]),
            # The secretariat's queue, in its own order: a page is read off the index instead
            # of sorting every proposal (docs/performance.md has the EXPLAINs). The state at its
            # end lets the queue's walk and the dashboards' counts by state and age read the index
            # alone: on SQLite those columns sit after the long answers, in overflow pages.
            models.Index(
                fields=["-q6_urgent", "state_changed_at", "id", "state"],
                name="submission_queue_order",
            ),
            # Most recently changed first: the proposals' own order, as the API lists them.
            models.Index(fields=["-updated_at", "-id"], name="submission_recently_changed"),
            # Newest submitted first, as the committee home page lists them.
            models.Index(fields=["-submitted_at", "-id"], name="submission_newest_first"),
            # The public register: White proposals, most recently registered first (a partial
            # index, so that no other query takes it for an index on the classification). The
            # columns after the order make it cover the register's count: without them SQLite
            # counted through the table, whose classification sits after the long answers.
            models.Index(
                fields=["-registered_at", "-id", "state", "classification", "reference"],
                condition=models.Q(classification="WHITE", reference__isnull=False),
                name="submission_public_register",
            ),
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

    @property
    def is_urgent(self) -> bool:
        return self.q6_urgent == YesNo.YES

    @property
    def is_terminal(self) -> bool:
        return self.state in TERMINAL_STATES

    @property
    def use_case_label(self) -> str:
        return f"Use Case {self.use_case_number:03d}" if self.use_case_number else ""

    # The transitions below are the whole SSC process (domain research §2.5). Bodies only set
    # fields in memory; services in usecases.workflow lock, check, save, log and notify.

    @transition(
        field=state, source=S.DRAFT, target=S.SUBMITTED, permission="usecases.submit_proposal"
    )
    def submit(self) -> None:
        """Send the proposal to the secretariat."""
        self.submitted_at = timezone.now()

    @transition(
        field=state, source=S.SUBMITTED, target=S.RETURNED, permission="usecases.return_proposal"
    )
    def return_for_completion(self, reason: str) -> None:
        """Return the proposal to its proposer to complete or clarify."""
        self.return_reason = reason

    @transition(
        field=state, source=S.RETURNED, target=S.SUBMITTED, permission="usecases.resubmit_proposal"
    )
    def resubmit(self) -> None:
        """Send the completed proposal back to the secretariat."""
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.REGISTERED,
        permission="usecases.register_proposal",
    )
    def register(self, reference: str, classification: str) -> None:
        """Accept the proposal for consideration, with its reference and paper classification."""
        self.reference = reference
        self.classification = classification
        self.registered_at = timezone.now()

    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.INITIAL_CONSIDERATION,
        permission="usecases.schedule_proposal",
    )
    def schedule(self) -> None:
        """Put the proposal before the SSC for initial consideration."""

    @transition(
        field=state,
        source=CLARIFIABLE_STATES,
        target=S.CLARIFICATION_REQUESTED,
        permission="usecases.request_clarification",
    )
    def request_clarification(self) -> None:
        """Ask the proposer questions; remember where to return when they answer."""
        self.return_state = self.state

    @transition(
        field=state,
        source=S.CLARIFICATION_REQUESTED,
        target=RETURN_VALUE(*CLARIFIABLE_STATES),
        permission="usecases.answer_clarification",
        conditions=[conditions.clarification_answered],
    )
    def answer_clarification(self) -> str:
        """Return the proposal to the state that asked the questions."""
        return self.return_state

    @transition(
        field=state,
        source=S.INITIAL_CONSIDERATION,
        target=S.UNDER_ASSESSMENT,
        permission="usecases.decide_proposal",
        conditions=[conditions.has_confirmed_supporter],
    )
    def progress(self, reason: str) -> None:
        """Record the SSC's decision to progress the proposal to assessment."""
        self.decision_reason = reason

    @transition(
        field=state,
        source=(S.INITIAL_CONSIDERATION, S.UNDER_ASSESSMENT),
        target=S.AWAITING_EXTERNAL_VIEWS,
        permission="usecases.manage_referrals",
        conditions=[conditions.has_confirmed_supporter, conditions.has_open_mandatory_referral],
    )
    def await_views(self) -> None:
        """Wait formally for the mandatory referrals the SSC requires."""

    @transition(
        field=state,
        source=S.AWAITING_EXTERNAL_VIEWS,
        target=S.UNDER_ASSESSMENT,
        permission="usecases.manage_referrals",
        conditions=[conditions.no_open_mandatory_referral],
    )
    def views_received(self) -> None:
        """Continue the assessment now that every mandatory referral has answered."""

    @transition(
        field=state,
        source=S.AWAITING_EXTERNAL_VIEWS,
        target=S.INITIAL_CONSIDERATION,
        permission="usecases.manage_referrals",
        conditions=[conditions.no_open_mandatory_referral],
    )
    def reconsider(self) -> None:
        """Return the proposal to the SSC's initial consideration with the views received."""

    @transition(
        field=state,
        source=(S.INITIAL_CONSIDERATION, S.UNDER_ASSESSMENT, S.AWAITING_EXTERNAL_VIEWS),
        target=S.DECISION_PENDING,
        permission="usecases.table_proposal",
        conditions=[
            conditions.has_confirmed_supporter,
            conditions.no_open_mandatory_referral,
            conditions.has_ncsc_advice_if_use_case,
        ],
    )
    def table_for_decision(self) -> None:
        """Table the proposal for the SSC's decision."""

    @transition(
        field=state,
        source=S.UNDER_ASSESSMENT,
        target=S.CONSULTATION,
        permission="usecases.manage_consultation",
    )
    def open_consultation(self, reason: str) -> None:
        """Open an industry consultation on the draft SC text or Use Case (the reason is logged)."""

    @transition(
        field=state,
        source=S.CONSULTATION,
        target=S.UNDER_ASSESSMENT,
        permission="usecases.manage_consultation",
    )
    def close_consultation(self, reason: str) -> None:
        """Close the consultation and return to assessment (the summary is logged)."""

    @transition(
        field=state,
        source=S.DECISION_PENDING,
        target=S.APPROVED,
        permission="usecases.decide_proposal",
        conditions=[conditions.has_ncsc_advice_if_use_case],
    )
    def approve(self, reason: str, decision_reference: str, conditions_text: str = "") -> None:
        """Record the SSC's approval, with the deciding decision's reference and any conditions."""
        self.decision_reason = reason
        self.approval_decision_reference = decision_reference
        self.approval_conditions = conditions_text

    @transition(
        field=state,
        source=S.DECISION_PENDING,
        target=S.UNDER_ASSESSMENT,
        permission="usecases.decide_proposal",
    )
    def send_back(self, reason: str) -> None:
        """Send the proposal back for further work, with the SSC's instructions."""
        self.decision_reason = reason

    @transition(
        field=state,
        source=(S.INITIAL_CONSIDERATION, S.DECISION_PENDING),
        target=S.REJECTED,
        permission="usecases.decide_proposal",
    )
    def reject(self, reason: str) -> None:
        """Record the SSC's rejection and its reason."""
        self.decision_reason = reason

    @transition(
        field=state, source=HOLDABLE_STATES, target=S.ON_HOLD, permission="usecases.decide_proposal"
    )
    def defer(self, reason: str, review_on=None) -> None:
        """Park the proposal; remember the state to resume."""
        self.resume_state = self.state
        self.hold_reason = reason
        self.hold_review_on = review_on

    @transition(
        field=state,
        source=S.ON_HOLD,
        target=RETURN_VALUE(*HOLDABLE_STATES),
        permission="usecases.resume_proposal",
    )
    def resume(self) -> str:
        """Take the proposal off hold, back to where it was."""
        return self.resume_state

    @transition(
        field=state,
        source=S.APPROVED,
        target=S.AWAITING_NCSC_PUBLICATION,
        permission="usecases.manage_publication",
        conditions=[conditions.needs_ncsc_publication],
    )
    def send_to_ncsc(self) -> None:
        """Send the approved SC change to NCSC for sign-off and publication."""

    @transition(
        field=state,
        source=S.APPROVED,
        target=S.PUBLISHED,
        permission="usecases.manage_publication",
        conditions=[conditions.is_use_case_without_sc_changes, conditions.approved_by_decision],
    )
    def publish_use_case(self, number: int, guidance_version: str, classification: str) -> None:
        """Publish the Use Case in SSC Guidance Part 2 with its number, at the public level."""
        self.use_case_number = number
        self.guidance_version = guidance_version
        self.classification = classification
        self.published_at = timezone.now()

    @transition(
        field=state,
        source=S.AWAITING_NCSC_PUBLICATION,
        target=S.PUBLISHED,
        permission="usecases.manage_publication",
        conditions=[conditions.has_ncsc_publication_record, conditions.approved_by_decision],
    )
    def record_ncsc_publication(self, classification: str) -> None:
        """Record that NCSC has signed off and published the SC version."""
        self.classification = classification
        self.published_at = timezone.now()

    @transition(
        field=state,
        source=S.AWAITING_NCSC_PUBLICATION,
        target=S.UNDER_ASSESSMENT,
        permission="usecases.manage_publication",
    )
    def ncsc_changes_required(self, reason: str) -> None:
        """Return the proposal to assessment; the SSC must decide again to approve it."""
        self.decision_reason = reason
        self.approval_decision_reference = ""

    @transition(
        field=state,
        source=WITHDRAWABLE_STATES,
        target=S.WITHDRAWN,
        permission="usecases.withdraw_proposal",
    )
    def withdraw(self, reason: str) -> None:
        """Close the proposal at the proposer's request."""
        self.withdrawn_reason = reason

    @transition(
        field=state,
        source=HOLDABLE_STATES + (S.ON_HOLD,),
        target=S.SUPERSEDED,
        permission="usecases.supersede_proposal",
    )
    def supersede(self, by: "Submission", reason: str) -> None:
        """Close the proposal because another one supersedes it."""
        self.superseded_by = by
        self.decision_reason = reason
