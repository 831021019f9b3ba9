"""E-mails about committee business: papers and packs issued, votes opened and moved to a
meeting, declarations asked for, late papers approved, referral papers sent.

Who is told is decided person by person by the same policy their pages use
(papers_visible_to, ballots_visible_to, agenda_items_visible_to), so RED business reaches only
people named on its invitation who hold a current, vetted seat. What an e-mail may say is
decided by triage_portal.classification.may_quote: for AMBER and RED business it names the reference and
the event and links to the portal, never the title or content. Each subject carries the level.

Every function here runs after the change it reports has been committed (services queue them
with transaction.on_commit), and returns the addresses it e-mailed.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from assessments.enums import BallotMethod
from assessments.models import AgendaItem, Ballot, Meeting, Paper
from assessments.selectors import agenda_items_visible_to, ballots_visible_to, papers_visible_to
from assessments.services.electorate import ballot_day, seat_standings, voting_memberships
from triage_portal.accounts.models import User
from triage_portal.classification import Classification, may_quote, strictest
from triage_portal.links import portal_url
from triage_portal.mail import queue_email
from usecases.models import Referral


def seat_holders(committee, day: datetime.date | None = None) -> list[User]:
    """Return the active people holding a current, vetted seat on the committee, as member or
    alternate, on the day (today by default), each once."""
    people: dict[int, User] = {}
    for membership in voting_memberships(committee, day or timezone.localdate()):
        for person in (membership.person, membership.alternate):
            if person is not None and person.is_active:
                people.setdefault(person.pk, person)
    return sorted(people.values(), key=lambda person: person.email)


def ballot_level(ballot: Ballot) -> str:
    """Return the level of the business a vote is on: the strictest of its item's and its
    proposal's; AMBER for a vote on neither."""
    levels = []
    if ballot.agenda_item_id:
        levels.append(ballot.agenda_item.classification)
    if ballot.submission_id:
        levels.append(ballot.submission.classification)
    return strictest(*levels) if levels else Classification.AMBER


def _send(
    *, template: str, people: Iterable, context: dict, classification: str, extra=()
) -> list[str]:
    """E-mail each person (a User, or a plain address) once; return the addresses sent to."""
    sent: list[str] = []
    for person in [*people, *extra]:
        address = (person.email if isinstance(person, User) else person).lower()
        if not address or address in sent:
            continue
        queue_email(
            template=template,
            key=f"assessments.{template}",
            to=[address],
            context={
                "person": person if isinstance(person, User) else None,
                "substance": may_quote(classification),
                "classification": Classification(classification).value,
                **context,
            },
            classification=classification,
        )
        sent.append(address)
    return sent


def _may_read_paper(person: User, paper: Paper) -> bool:
    return papers_visible_to(person).filter(pk=paper.pk).exists()


def may_read_ballot(person: User, ballot: Ballot) -> bool:
    """Return whether the person may read the vote (ballots_visible_to: RED when named)."""
    return ballots_visible_to(person).filter(pk=ballot.pk).exists()


def _paper(paper_id: int) -> Paper:
    return Paper.objects.select_related(
        "agenda_item__meeting__committee", "agenda_item__submission", "late_approved_by"
    ).get(pk=paper_id)


def tell_paper_issued(paper_id: int, *, late: bool = False) -> list[str]:
    """E-mail the seat holders of the paper's committee who may read it that it is issued."""
    paper = _paper(paper_id)
    meeting = paper.agenda_item.meeting
    people = [p for p in seat_holders(meeting.committee) if _may_read_paper(p, paper)]
    return _send(
        template="paper_issued",
        people=people,
        context={
            "paper": paper,
            "meeting": meeting,
            "late": late,
            "link": portal_url(reverse("assessments:paper-detail", args=[paper.pk])),
        },
        classification=paper.classification,
    )


def tell_pack_issued(meeting_id: int) -> list[str]:
    """E-mail each seat holder of the meeting's committee the issued papers they may read.

    The e-mail lists each paper by reference, with its title where its level allows; its
    subject carries the strictest level among the papers listed to that person.
    """
    meeting = Meeting.objects.select_related("committee").get(pk=meeting_id)
    issued = (
        Paper.objects.filter(agenda_item__meeting=meeting, issued_at__isnull=False)
        .select_related("agenda_item")
        .order_by("agenda_item__number")
    )
    link = portal_url(reverse("assessments:meeting-detail", args=[meeting.pk]))
    sent: list[str] = []
    for person in seat_holders(meeting.committee):
        readable = set(papers_visible_to(person).filter(pk__in=issued).values_list("pk", flat=True))
        papers = [
            {"paper": paper, "quote": may_quote(paper.classification)}
            for paper in issued
            if paper.pk in readable
        ]
        if not papers:
            continue
        level = strictest(*(row["paper"].classification for row in papers))
        sent += _send(
            template="pack_issued",
            people=[person],
            context={"meeting": meeting, "papers": papers, "link": link},
            classification=level,
        )
    return sent


def voters_of(ballot: Ballot) -> list[User]:
    """Return the people who may vote on the ballot: for each voting seat held on its day,
    who votes for it (in a meeting whose attendance is not yet recorded, the member and the
    alternate, either of whom may come to vote)."""
    people: dict[int, User] = {}
    for standing in seat_standings(ballot):
        if not standing.seat.is_voting:
            continue
        membership = standing.membership
        ids = set(standing.voters)
        if ballot.method == BallotMethod.MEETING and standing.attendance is None:
            ids |= {membership.person_id, membership.alternate_id}
        for person in (membership.person, membership.alternate):
            if person is not None and person.pk in ids and person.is_active:
                people.setdefault(person.pk, person)
    return sorted(people.values(), key=lambda person: person.email)


def _ballot(ballot_id: int) -> Ballot:
    return Ballot.objects.select_related(
        "committee", "agenda_item__meeting", "submission", "created_by"
    ).get(pk=ballot_id)


def _ballot_context(ballot: Ballot) -> dict:
    return {
        "ballot": ballot,
        "meeting": ballot.agenda_item.meeting if ballot.agenda_item_id else None,
        "reference": ballot.submission.reference if ballot.submission_id else "",
        "link": portal_url(reverse("assessments:ballot-detail", args=[ballot.pk])),
    }


def tell_vote_opened(ballot_id: int) -> list[str]:
    """E-mail everyone who may vote, and may read the vote, that it is open."""
    ballot = _ballot(ballot_id)
    people = [p for p in voters_of(ballot) if may_read_ballot(p, ballot)]
    return _send(
        template="vote_opened",
        people=people,
        context=_ballot_context(ballot),
        classification=ballot_level(ballot),
    )


def tell_declarations_asked(ballot_id: int, person_ids: Iterable[int]) -> list[str]:
    """E-mail each person prompted to declare an interest on a vote (who may read the vote)."""
    ballot = _ballot(ballot_id)
    people = [
        p
        for p in User.objects.filter(pk__in=list(person_ids), is_active=True).order_by("email")
        if may_read_ballot(p, ballot)
    ]
    return _send(
        template="declaration_requested",
        people=people,
        context=_ballot_context(ballot),
        classification=ballot_level(ballot),
    )


def tell_vote_moved_to_meeting(ballot_id: int, *, moved_by_id: int, reason: str) -> list[str]:
    """E-mail the Chair, the secretariat and everyone who could vote that a vote by
    correspondence was moved to a meeting, and by whom."""
    ballot = _ballot(ballot_id)
    chairs = [
        m.person
        for m in voting_memberships(ballot.committee, ballot_day(ballot))
        if m.seat.is_chair and m.person.is_active
    ]
    people = [p for p in [*chairs, *voters_of(ballot)] if may_read_ballot(p, ballot)]
    return _send(
        template="vote_moved_to_meeting",
        people=people,
        extra=[settings.SECRETARIAT_EMAIL],
        context={
            **_ballot_context(ballot),
            "moved_by": User.objects.get(pk=moved_by_id),
            "reason": reason,
        },
        classification=ballot_level(ballot),
    )


def tell_late_paper_approved(paper_id: int, *, reason: str) -> list[str]:
    """E-mail the secretariat, who issue it, that the Chair approved a paper's late issue."""
    paper = _paper(paper_id)
    return _send(
        template="late_paper_approved",
        people=[],
        extra=[settings.SECRETARIAT_EMAIL],
        context={
            "paper": paper,
            "meeting": paper.agenda_item.meeting,
            "reason": reason,
            "link": portal_url(reverse("assessments:paper-detail", args=[paper.pk])),
        },
        classification=paper.classification,
    )


def tell_referral_paper(paper_id: int, referral_id: int) -> list[str]:
    """E-mail the seat holders of the committee a referral is sent to (those who may read its
    agenda item) that the SSC's referral is on their next agenda, with the response's due date."""
    paper = _paper(paper_id)
    referral = Referral.objects.select_related("submission").get(pk=referral_id)
    item: AgendaItem = paper.agenda_item
    people = [
        p
        for p in seat_holders(item.meeting.committee)
        if agenda_items_visible_to(p).filter(pk=item.pk).exists()
    ]
    return _send(
        template="referral_paper",
        people=people,
        context={
            "paper": paper,
            "meeting": item.meeting,
            "referral": referral,
            "reference": referral.submission.reference,
            "link": portal_url(reverse("assessments:meeting-detail", args=[item.meeting.pk])),
        },
        classification=item.classification,
    )
