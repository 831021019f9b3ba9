"""Read committee business, always through the classification policy."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone

from assessments.enums import BallotMethod
from assessments.models import (
    AgendaItem,
    Annex,
    Ballot,
    Decision,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Recommendation,
    Vote,
)
from triage_portal.accounts.enums import Role
from triage_portal.classification import (
    NAMED_ONLY,
    Audience,
    Classification,
    may_read,
    readable_by,
)
from triage_portal.perf.memo import once_a_request
from triage_portal.perf.stamp import kept_until_a_change
from usecases.models import Submission
from usecases.selectors.proposals import proposals_supported_by


@dataclass(frozen=True)
class Seats:
    """What the user holds today, term current and vetting valid, as member or alternate."""

    seats: tuple[int, ...] = ()
    committees: tuple[int, ...] = ()
    committee_codes: tuple[str, ...] = ()


def seats_of(user) -> Seats:
    """Return the user's current seats and their committees: one query, once a request, and
    kept between requests until the change stamp moves (and for the day).

    The visibility rules below use the ids themselves rather than a subquery each: building
    and planning those subqueries was most of a member's home page.
    """
    if not user.is_authenticated:
        return Seats()

    def current_seats() -> Seats:
        rows = set(
            Membership.objects.held_by(user)
            .order_by()  # a set: the model's ordering goes through seat and committee
            .values_list("seat_id", "seat__committee_id", "seat__committee__code")
        )
        return Seats(
            seats=tuple(sorted({seat for seat, _, _ in rows})),
            committees=tuple(sorted({committee for _, committee, _ in rows})),
            committee_codes=tuple(sorted({code for _, _, code in rows})),
        )

    # Kept between requests until the change stamp moves (seats, memberships and users are
    # watched tables: tests/triage_portal/perf), and for the day: a term or a vetting lapses
    # overnight with nothing written.
    key = ("seats", user.pk, timezone.localdate())
    return once_a_request(key, lambda: kept_until_a_change(key, current_seats))


def is_office(user) -> bool:
    return (
        user.is_authenticated and user.is_active and user.role in (Role.SECRETARIAT, Role.SSC_CHAIR)
    )


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Return meetings of committees the user sits on; the secretariat and Chair see all."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    if is_office(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(committee_id__in=seats_of(user).committees)


def red_business(*, item: str, submission: str) -> Q:
    """Whether a row is RED business: its agenda item (at `item`) is RED, or it has no item and
    its proposal (at `submission`) is RED."""
    return Q(**{f"{item}__classification__in": NAMED_ONLY}) | Q(
        **{f"{item}__isnull": True, f"{submission}__classification__in": NAMED_ONLY}
    )


def named_on(user, *, item: str, committee: str) -> Q:
    """Whether the user may read the RED item at `item`: named on its invitation
    (AgendaItem.invitees) and holding a current, vetted seat, as member, alternate or observer,
    on its committee (the committee's id at `committee`).

    The one rule for RED business (domain.md §5), asked by papers, votes, decisions, the meeting
    page, the minutes, the member's home page, the API and the PDFs. Attending the meeting is
    not an invitation: a member recorded present, sending apologies or represented reads
    nothing RED unless named; nor is a seat whose term or vetting has lapsed. The secretariat
    reads all RED business without it (each caller's first clause).

    An EXISTS subquery rather than a join through the invitees: the join gave a row per invitee,
    which DISTINCT then had to fold back over every column.
    """
    committees = seats_of(user).committees
    if not committees:
        return Q(pk__in=[])  # never true; not Q(), which drops out of an OR
    invitation = AgendaItem.invitees.through.objects.filter(agendaitem=OuterRef(item), user=user)
    return Q(Exists(invitation)) & Q(**{f"{committee}__in": committees})


def agenda_items_visible_to(user) -> QuerySet[AgendaItem]:
    """Return the items of meetings the user may see whose title and business the user may read:
    any item but a RED one, and a RED one when named_on it (the secretariat reads all)."""
    items = AgendaItem.objects.filter(meeting__in=meetings_visible_to(user))
    if user.is_authenticated and user.role == Role.SECRETARIAT:
        return items
    return items.filter(
        ~Q(classification__in=NAMED_ONLY)
        | named_on(user, item="pk", committee="meeting__committee_id")
    )


def _item_conditions(user) -> dict[Audience, Callable[[], Q]]:
    """How the user may stand towards a paper's item: each a condition on the paper, built when
    asked for (each costs a subquery to build)."""

    def own_item() -> Q:
        # The user's own proposals as a subquery on their indexes, not a join from every paper:
        # SQLite keeps a proposal's owner and organisation after its long answers, so the join
        # read those pages for each paper (108 ms of the API's paper list at 5,000 proposals).
        own = Q(created_by=user)
        if user.organisation_verified and user.organisation_id:
            own |= Q(organisation_id=user.organisation_id)
        return Q(agenda_item__submission__in=Submission.objects.filter(own).values("pk"))

    return {
        Audience.OWN_ITEM: own_item,
        Audience.SUPPORTER: lambda: Q(agenda_item__submission__in=proposals_supported_by(user)),
        Audience.NAMED: lambda: named_on(
            user, item="agenda_item", committee="agenda_item__meeting__committee_id"
        ),
    }


def papers_visible_to(user) -> QuerySet[Paper]:
    """Return the papers the user may read under the Panel Information Policy.

    RED: only people named on the item's invitation who hold a current seat (named_on).
    AMBER: members of the committee, and the proposer's organisation and confirmed supporters
    for their own item.
    GREEN: any signed-in user.
    WHITE: everyone, once issued. Drafts: the secretariat and the Chair only.
    """
    issued = Q(issued_at__isnull=False)
    public = issued & Q(classification=Classification.WHITE)
    if not user.is_authenticated or not user.is_active:
        return Paper.objects.filter(public)
    if user.role == Role.SECRETARIAT:
        return Paper.objects.all()
    item = {audience: condition() for audience, condition in _item_conditions(user).items()}
    member = Q(agenda_item__meeting__committee_id__in=seats_of(user).committees)
    # Always true for the Chair, never for anyone else. Not Q(): an empty Q drops out of an OR,
    # which left the Chair without the drafts this policy gives them.
    office = Q(pk__isnull=False) if user.role == Role.SSC_CHAIR else Q(pk__in=[])
    visible = (
        public
        | (issued & Q(classification__in=readable_by(Audience.SIGNED_IN)))
        | (
            (issued | office)
            & Q(classification__in=readable_by(Audience.COMMITTEE))
            & (member | office)
        )
        | (issued & Q(classification__in=readable_by(Audience.OWN_ITEM)) & item[Audience.OWN_ITEM])
        | (
            issued
            & Q(classification__in=readable_by(Audience.SUPPORTER))
            & item[Audience.SUPPORTER]
        )
        | (
            (issued | office)
            & Q(classification__in=readable_by(Audience.NAMED))
            & item[Audience.NAMED]
        )
    )
    return Paper.objects.filter(visible)


def papers_of_meeting_visible_to(user, meeting: Meeting) -> QuerySet[Paper]:
    """papers_visible_to(user) for one meeting's papers, with what the meeting already settles.

    To someone who sits on the meeting's committee, every issued paper at a level the
    committee reads is readable whatever its item; the policy's conditions on the item are
    asked only of the levels beyond those (by default, Red: named on the item's invitation).
    The whole policy's query cost more to build than to run (docs/performance.md).
    The Chair, whose office also opens drafts, and anyone else get the whole policy.
    """
    settled = (
        user.is_authenticated
        and user.is_active
        and user.role not in (Role.SECRETARIAT, Role.SSC_CHAIR)
        and meeting.committee_id in seats_of(user).committees
    )
    if not settled:
        return papers_visible_to(user).filter(agenda_item__meeting=meeting)
    at_sight = {
        *readable_by(Audience.PUBLIC),
        *readable_by(Audience.SIGNED_IN),
        *readable_by(Audience.COMMITTEE),
    }
    visible = Q(classification__in=sorted(at_sight))
    for audience, condition in _item_conditions(user).items():
        beyond = [level for level in readable_by(audience) if level not in at_sight]
        if beyond:
            visible |= Q(classification__in=beyond) & condition()
    return Paper.objects.filter(visible, agenda_item__meeting=meeting, issued_at__isnull=False)


def readable_on_its_face(user, paper: Paper) -> bool:
    """Whether papers_visible_to lets the user read the paper on the paper's own fields alone.

    Its first clauses: an issued paper at a level the public, or anyone signed in, may read.
    When this says no, the whole policy is asked (it may still say yes).
    """
    if paper.issued_at is None:
        return False
    audiences = [Audience.PUBLIC]
    if user.is_authenticated and user.is_active:
        audiences.append(Audience.SIGNED_IN)
    return may_read(paper.classification, audiences)


def paper_for_pdf(user, pk: int) -> Paper:
    """Return one paper the user may read, for its PDF: the row alone (raise DoesNotExist).

    A PDF from the cache needs nothing more; a render reads what it shows itself.
    """
    return _readable_paper(user, pk, Paper.objects.all())


def _readable_paper(user, pk: int, rows) -> Paper:
    # By primary key with get(): first() ordered by the model's ordering (a join through the
    # item to the meeting, and the meeting's own ordering) to pick the one row there is.
    try:
        paper = rows.get(pk=pk)
    except Paper.DoesNotExist:
        paper = None
    # Most papers are Green: read from the row itself, without building the whole policy's
    # query. Otherwise the policy is asked on its own: joined to a select_related it made
    # PostgreSQL plan a dozen tables for one row (docs/performance.md).
    if paper is None or not (
        readable_on_its_face(user, paper) or papers_visible_to(user).filter(pk=pk).exists()
    ):
        raise Paper.DoesNotExist(f"No visible paper {pk}")
    return paper


def paper_for_page(user, pk: int) -> Paper:
    """Return one paper the user may read, with what its page shows; raise DoesNotExist otherwise."""
    paper = _readable_paper(
        user,
        pk,
        Paper.objects.select_related(
            "agenda_item__meeting__committee", "agenda_item__submission", "late_approved_by"
        ),
    )
    # Ordered within the one paper: the models' orderings go through the paper to its meeting.
    prefetch_related_objects(
        [paper],
        Prefetch("recommendations", Recommendation.objects.order_by("position")),
        Prefetch(
            "annexes", Annex.objects.select_related("attachment", "document").order_by("position")
        ),
    )
    return paper


def ballots_visible_to(user) -> QuerySet[Ballot]:
    """Return votes of the user's committees (all committees for the secretariat and Chair).

    A vote on RED business is seen only by the secretariat and those named_on its item: its
    question can say as much as the paper.
    """
    if not user.is_authenticated or not user.is_active:
        return Ballot.objects.none()
    if user.role == Role.SECRETARIAT:
        return Ballot.objects.all()
    ballots = (
        Ballot.objects.all()
        if is_office(user)
        else Ballot.objects.filter(committee_id__in=seats_of(user).committees)
    )
    return ballots.filter(
        ~red_business(item="agenda_item", submission="submission")
        | named_on(user, item="agenda_item", committee="committee_id")
    )


def _committee_decisions(user) -> QuerySet[Decision]:
    if not user.is_authenticated or not user.is_active:
        return Decision.objects.none()
    if is_office(user):
        return Decision.objects.all()
    return Decision.objects.filter(committee_id__in=seats_of(user).committees)


def _readable_decision(user) -> Q:
    """Whether the user may read a decision of their committees in full: any but RED business,
    and RED business when named_on its vote's item (the same rule as its vote)."""
    return ~red_business(item="ballot__agenda_item", submission="submission") | named_on(
        user, item="ballot__agenda_item", committee="committee_id"
    )


def decisions_visible_to(user) -> QuerySet[Decision]:
    """Return the decisions the user may read in full: those of the user's committees (all
    committees for the secretariat and Chair); on RED business, only for the secretariat and
    those named_on its item.

    A decision on RED business with no vote on an item (a consensus decision on a RED proposal)
    has no invitation to be named on: the secretariat alone reads it.
    """
    decisions = _committee_decisions(user)
    if user.is_authenticated and user.role == Role.SECRETARIAT:
        return decisions
    return decisions.filter(_readable_decision(user))


def decision_log_visible_to(user) -> QuerySet[Decision]:
    """Return every decision of the user's committees, each with `withheld` true where the user
    may not read it (decisions_visible_to leaves it out): the log shows such a decision by its
    reference and date alone, so that its numbering has no unexplained gaps.
    """
    decisions = _committee_decisions(user)
    if user.is_authenticated and user.role == Role.SECRETARIAT:
        return decisions.annotate(withheld=Value(False))
    return decisions.annotate(
        withheld=Case(
            When(_readable_decision(user), then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        )
    )


def decisions_minuted_at(meeting: Meeting) -> tuple[QuerySet[Decision], QuerySet[Decision]]:
    """Return the decisions the meeting's minutes record: those taken at it, and those taken by
    correspondence since the committee's previous meeting, up to its date."""
    previous = (
        Meeting.objects.filter(committee=meeting.committee_id, date__lt=meeting.date)
        .order_by("-date")
        .first()
    )
    by_correspondence = Decision.objects.filter(
        committee=meeting.committee_id,
        method=BallotMethod.CORRESPONDENCE,
        decided_at__date__lte=meeting.date,
    )
    if previous:
        by_correspondence = by_correspondence.filter(decided_at__date__gt=previous.date)
    return meeting.decisions.exclude(method=BallotMethod.CORRESPONDENCE), by_correspondence


def minutes_visible_to(user) -> QuerySet[Minutes]:
    """Return the minutes of meetings the user may see, at a level the committee reads; minutes
    marked RED as a whole are for the secretariat alone (a meeting's RED business is shown to
    each reader beside the minutes, assessments.closed_session)."""
    minutes = Minutes.objects.filter(meeting__in=meetings_visible_to(user))
    if user.is_authenticated and user.role == Role.SECRETARIAT:
        return minutes
    return minutes.filter(classification__in=readable_by(Audience.COMMITTEE))


def next_meeting_for(user) -> Meeting | None:
    """Return the user's next planned meeting."""
    return (
        meetings_visible_to(user)
        .filter(date__gte=timezone.localdate(), status="PLANNED")
        .select_related("committee")
        .order_by("date")
        .first()
    )


def open_ballots_awaiting(user) -> QuerySet[Ballot]:
    """Return open votes of the user's committees on which the user's seat has not voted."""
    voted = Vote.objects.filter(
        ballot=OuterRef("pk"), seat_id__in=seats_of(user).seats, struck_at__isnull=True
    )
    return (
        ballots_visible_to(user)
        .filter(status="OPEN")
        .exclude(method="CONSENSUS")
        .filter(~Exists(voted))
        .select_related("committee")
    )
