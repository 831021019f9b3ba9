"""Read proposals, always through the classification policy."""

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone

from triage_portal.access import named_on_its_business, sits_on_a_committee
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from triage_portal.classification import Audience, Classification, readable_by
from triage_portal.perf.memo import once_a_request
from triage_portal.perf.stamp import kept_until_a_change
from usecases.enums import (
    VERIFIED_SUPPORT,
    SubmissionState,
    SupportStatus,
    SupportVerification,
)
from usecases.models import (
    BankHoliday,
    ClarificationQuestion,
    ClarificationRequest,
    NcscPublication,
    Notification,
    Referral,
    Submission,
    SupportingParty,
    VerifiedSupporterAddress,
)
from usecases.selectors.clock import running_working_days
from usecases.workflow.support_links import levels_shown_on_link, support_verification


def _owned_by(user) -> Q:
    owned = Q(created_by=user)
    if user.organisation_verified and user.organisation_id:
        owned |= Q(organisation_id=user.organisation_id)
    return owned


def _support_tied_to(user) -> QuerySet[SupportingParty]:
    """Support the user can be tied to: confirmed, and verified as the SEC Party's.

    The user is tied as a verified member of the supporting party, as the person at the address
    the secretariat verified, or as the person who confirmed it signed in.
    """
    tied = Q(confirmed_by=user) | Q(
        email__iexact=user.email, verification=SupportVerification.ADDRESS
    )
    if user.organisation_verified and user.organisation_id:
        tied |= Q(sec_party_id=user.organisation_id)
    return SupportingParty.objects.filter(
        tied, status=SupportStatus.CONFIRMED, verification__in=VERIFIED_SUPPORT
    )


def _supported_by(user) -> Q:
    """Items whose support the user can be tied to (_support_tied_to)."""
    return Q(Exists(_support_tied_to(user).filter(submission=OuterRef("pk"))))


def _seated(user) -> bool:
    return user.role == Role.SSC_CHAIR or (
        user.role in (Role.SSC_MEMBER, Role.OBSERVER) and sits_on_a_committee(user)
    )


def proposals_visible_to(user) -> QuerySet[Submission]:
    """Return every proposal this user may see, under the Panel Information Policy.

    The proposer's organisation sees its own proposals at every level (they are its own
    words, drafts included); supporters tied to their SEC Party see the items they support up
    to AMBER. Members and observers see AMBER items only while they hold a seat whose term and
    security vetting are current; when either lapses, so does their access. Before
    registration a proposal is the proposer's and the SSC's alone: no one else sees it, at any
    level (docs/security.md, "Proposals before registration"). A RED item is otherwise seen
    only by people named on its closed-session item who hold a current, vetted seat on that
    item's committee (the committee app's rule, through triage_portal.access).
    """
    if not user.is_authenticated or not user.is_active:
        return Submission.objects.none()
    if user.role == Role.SECRETARIAT:
        return Submission.objects.all()
    not_draft = ~Q(state=SubmissionState.DRAFT)
    if _seated(user):
        open_to_user = not_draft & Q(classification__in=readable_by(Audience.COMMITTEE))
    else:
        open_to_user = Q(registered_at__isnull=False) & Q(
            classification__in=readable_by(Audience.SIGNED_IN)
        )
    visible = (
        _owned_by(user)
        | open_to_user
        | (not_draft & Q(classification__in=readable_by(Audience.SUPPORTER)) & _supported_by(user))
        | (not_draft & named_on_its_business(user))
    )
    return Submission.objects.filter(visible)


def _contact_details_shown(user) -> Q | None:
    """Return the proposals whose named people's phone numbers and e-mail addresses the user
    may see (None: every proposal they may see): the proposer's organisation's, the items
    they support, and all of them for the secretariat and the committee's current seats."""
    if user.role == Role.SECRETARIAT or _seated(user):
        return None
    return _owned_by(user) | _supported_by(user)


def with_contact_details(proposals: QuerySet[Submission], user) -> QuerySet[Submission]:
    """Annotate the proposer's contact details as this user may see them (blank where not).

    contacts_shown says whether they are; shown_proposer_phone and shown_proposer_email hold
    them. Pages, the API and exports read these, never the fields themselves.
    """
    shown = _contact_details_shown(user) if user.is_authenticated else Q(pk__in=[])
    if shown is None:
        return proposals.annotate(
            contacts_shown=Value(True),
            shown_proposer_phone=F("proposer_phone"),
            shown_proposer_email=F("proposer_email"),
        )
    return proposals.annotate(
        contacts_shown=Case(When(shown, then=Value(True)), default=Value(False)),
        shown_proposer_phone=Case(
            When(shown, then=F("proposer_phone")), default=Value(""), output_field=CharField()
        ),
        shown_proposer_email=Case(
            When(shown, then=F("proposer_email")), default=Value(""), output_field=CharField()
        ),
    )


def supporters_with_contact_details(shown: bool) -> QuerySet[SupportingParty]:
    """Return supporters with shown_phone and shown_email: their contact details, or blank."""
    supporters = SupportingParty.objects.select_related("sec_party")
    if shown:
        return supporters.annotate(shown_phone=F("phone"), shown_email=F("email"))
    return supporters.annotate(
        shown_phone=Value("", output_field=CharField()),
        shown_email=Value("", output_field=CharField()),
    )


def proposal_for_support_link(supporter: SupportingParty, user) -> Submission | None:
    """Return the proposal a support link shows, or None where the holder may not read it.

    Someone the portal ties to the SEC Party reads it as a supporter, contact details
    included; anyone else holding the link reads WHITE and GREEN answers only, without them.
    """
    verification = support_verification(supporter, user)
    levels = levels_shown_on_link(verification)
    tied = verification in VERIFIED_SUPPORT
    submission = (
        Submission.objects.filter(pk=supporter.submission_id, classification__in=levels)
        .annotate(
            contacts_shown=Value(tied),
            shown_proposer_phone=F("proposer_phone") if tied else Value(""),
            shown_proposer_email=F("proposer_email") if tied else Value(""),
        )
        .first()
    )
    if submission is not None:
        prefetch_related_objects(
            [submission],
            "device_types",
            "q4_sc_documents",
            "q5_sc_documents",
            "attachments",
            Prefetch("supporters", queryset=supporters_with_contact_details(tied)),
        )
    return submission


def verified_supporter_addresses() -> QuerySet[VerifiedSupporterAddress]:
    """Return every address the secretariat has verified for a SEC Party, by party."""
    return VerifiedSupporterAddress.objects.select_related("sec_party", "verified_by")


def annex_contact_details(submission: Submission, level: str) -> dict:
    """Return the contact details a paper's annex at this level may print.

    Annex 1 reproduces the proposer's form as the SSC template lays it out, contact details
    included, as the seed paper TABASC_45_1508_14 (WHITE) does: a paper is issued only after
    registration, at the level the proposer and the secretariat set. With
    PORTAL_ANNEX_SHOWS_CONTACTS false, a paper prints them only at a level no one outside the
    proposer's organisation, its supporters, the secretariat and the committee may read (AMBER
    and RED), and says at GREEN and WHITE that they are withheld.
    """
    shown = settings.PORTAL_ANNEX_SHOWS_CONTACTS or Classification(level) not in readable_by(
        Audience.SIGNED_IN
    )
    return {
        "shown": shown,
        "proposer_phone": submission.proposer_phone if shown else "",
        "proposer_email": submission.proposer_email if shown else "",
        "supporters": list(supporters_with_contact_details(shown).filter(submission=submission)),
    }


def proposals_supported_by(user) -> QuerySet[Submission]:
    """Return the items whose confirmed, verified support the user can be tied to."""
    if not user.is_authenticated or not user.is_active:
        return Submission.objects.none()
    # The support rows first, then their items: asked the other way round, every proposal was
    # read to look for its support (a list built from all 5,000 of them for the API's papers).
    return Submission.objects.filter(pk__in=_support_tied_to(user).values("submission"))


def proposals_of(user) -> QuerySet[Submission]:
    """Return the proposals this user's own work or organisation put in, newest first."""
    if not user.is_authenticated:
        return Submission.objects.none()
    return (
        Submission.objects.filter(_owned_by(user))
        .select_related("organisation")
        .order_by("-updated_at", "-pk")
    )


# What a list of proposals never shows: the answers and reasons, often pages long each.
LONG_TEXT = (
    "q1_issue",
    "q2_why_needed",
    "q3_solution",
    "q4_explanation",
    "q5_explanation",
    "q6_justification",
    "return_reason",
    "hold_reason",
    "decision_reason",
    "approval_conditions",
    "withdrawn_reason",
    "ncsc_advice",
)


# What a proposer's row shows: its reference, title, kind, state and last change.
PROPOSER_ROW_FIELDS = (
    "pk",
    "reference",
    "kind",
    "state",
    "updated_at",
    "use_case_title",
    "sc_mod_title",
)


def proposal_rows_of(user) -> QuerySet[Submission]:
    """Return proposals_of(user) for a list: only the columns its rows show, nothing joined."""
    return proposals_of(user).select_related(None).only(*PROPOSER_ROW_FIELDS)


def proposal_for_page(user, pk: int) -> Submission:
    """Return one visible proposal with what its page shows; raise DoesNotExist otherwise.

    Its lists are prefetched, a query each (Django's prefetch_related_objects).
    """
    # Not joined to the proposal that superseded it: few are superseded (one query for those),
    # and the join brought a second proposal's every column to every page.
    submission = with_contact_details(
        proposals_visible_to(user).select_related("organisation", "created_by"), user
    ).get(pk=pk)
    prefetch_related_objects(
        [submission],
        "device_types",
        "q4_sc_documents",
        "q5_sc_documents",
        "attachments",
        Prefetch("ncsc_publications", NcscPublication.objects.select_related("sc_document")),
        Prefetch("supporters", queryset=supporters_with_contact_details(submission.contacts_shown)),
        # Each ordered within its one proposal: the models' own orderings go through the
        # proposal (a join, and its ordering compiled) to order rows of a single proposal.
        Prefetch(
            "clarifications",
            queryset=ClarificationRequest.objects.select_related("raised_by", "answered_by")
            .order_by("number")
            .prefetch_related(
                Prefetch("questions", ClarificationQuestion.objects.order_by("number"))
            ),
        ),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related("created_by", "recorded_by").order_by(
                "created_at", "pk"
            ),
        ),
    )
    return submission


def proposal_timeline(submission: Submission) -> QuerySet[ActivityLog]:
    """Return the proposal's audit entries, oldest first."""
    return (
        ActivityLog.objects.filter(
            content_type__app_label="usecases",
            content_type__model="submission",
            object_id=str(submission.pk),
        )
        .select_related("actor")
        .order_by("timestamp", "pk")
    )


def proposal_notifications(user, submission: Submission) -> QuerySet[Notification]:
    """Return the proposal's notification log, for those who run the process; else nothing."""
    if not user.has_perm("usecases.view_workspace"):
        return Notification.objects.none()
    return submission.notifications.order_by("-queued_at", "-pk")


def bank_holidays() -> frozenset:
    """Return the days the working-day clocks skip: read once a request, however many ask,
    and kept between requests until the change stamp moves."""
    return once_a_request(
        "bank_holidays",
        # Kept between requests until the change stamp moves (any write to the table moves it).
        lambda: kept_until_a_change(
            ("bank_holidays",),
            lambda: frozenset(BankHoliday.objects.values_list("date", flat=True)),
        ),
    )


def proposal_clock(timeline) -> int | None:
    """Return working days run since registration, from the proposal's timeline entries.

    The clock stops while the proposal waits for the proposer's answers or is on hold.
    """
    history = [
        (timezone.localtime(entry.timestamp).date(), entry.data.get("state"))
        for entry in timeline
        if isinstance(entry.data, dict) and "previous" in entry.data
    ]
    return running_working_days(history, timezone.localdate(), bank_holidays())


def published_use_cases() -> QuerySet[Submission]:
    """Return the Use Cases published in SSC Guidance Part 2 whose text is public (White)."""
    return Submission.objects.filter(
        kind="USE_CASE",
        state=SubmissionState.PUBLISHED,
        use_case_number__isnull=False,
        classification=Classification.WHITE,
    ).order_by("use_case_number")


def public_proposals() -> QuerySet[Submission]:
    """Return every registered proposal classified White (Clear), for the public status register."""
    return (
        Submission.objects.filter(classification=Classification.WHITE, reference__isnull=False)
        .exclude(state=SubmissionState.DRAFT)
        .order_by("-registered_at", "-pk")
    )
