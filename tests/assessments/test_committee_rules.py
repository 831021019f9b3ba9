"""The committee's voting rules by example: one test (or more) for each case found wrong in
issue 18's "Voting and decisions" (domain.md §3.4), through the real services."""

import datetime
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.utils import timezone

from assessments import voting
from assessments.enums import AttendanceStatus, BallotMethod, ItemKind, SeatCategory
from assessments.models import Ballot, Committee, Decision, Membership, Vote
from assessments.services.ballots import (
    cast_vote,
    declare_interest,
    open_ballot,
    rule_on_interest,
    strike_vote,
)
from assessments.services.decisions import (
    CastingVoteNeeded,
    close_ballot,
    close_due_ballots,
    preview_ballot,
    record_consensus_decision,
)
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.minutes import approve_minutes, draft_minutes
from assessments.statements import tally_line
from tests.factories.committee import seat_member, ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db

PRESENT, APOLOGIES, REPRESENTED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.REPRESENTED,
)


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def world(secretariat):
    """An SSC of a Chair and four members, and meeting 95 today (not yet attended)."""
    ssc, chair, members = ssc_with_members(4)
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=days(0))
    return SimpleNamespace(
        ssc=ssc,
        chair=chair,
        members=members,
        meeting=meeting,
        item=meeting.items.get(kind=ItemKind.AOB),
        office=secretariat,
    )


def attend(world, membership, status=PRESENT, by=None, meeting=None):
    record_attendance(
        user=world.office,
        meeting=meeting or world.meeting,
        person=membership.person,
        status=status,
        represented_by=by,
    )


def everyone_attends(world, meeting=None):
    for membership in [world.chair, *world.members]:
        attend(world, membership, meeting=meeting)


def meeting_vote(world, item=None, **kwargs):
    return open_ballot(
        user=world.office,
        committee=world.ssc,
        question="Agree the item?",
        outcome_if_passed="NOTED",
        agenda_item=item or world.item,
        **kwargs,
    )


def vote_by_correspondence(world, **kwargs):
    return open_ballot(
        user=world.office,
        committee=world.ssc,
        question="Agree the item?",
        outcome_if_passed="NOTED",
        method=BallotMethod.CORRESPONDENCE,
        closes_at=timezone.now() + datetime.timedelta(days=2),
        **kwargs,
    )


def votes(ballot, *pairs):
    for membership, choice in pairs:
        cast_vote(ballot_id=ballot.pk, user=membership.person, choice=choice)


def with_alternate(membership, alternate=None):
    membership.alternate = alternate or UserFactory(role=Role.SSC_MEMBER, full_name="Alex Alt")
    membership.save(update_fields=["alternate"])
    return membership.alternate


def set_rules(world, **rules):
    Committee.objects.filter(pk=world.ssc.pk).update(**rules)


# --- 1. The casting vote comes only from a Chair who takes part in the item -------------------


def test_a_chair_who_sent_apologies_gives_no_casting_vote_in_a_meeting(world):
    set_rules(world, chair_required=False)
    attend(world, world.chair, APOLOGIES)
    for membership in world.members:
        attend(world, membership)
    ballot = meeting_vote(world)
    votes(ballot, (world.members[0], "FOR"), (world.members[1], "AGAINST"))

    with pytest.raises(ActionRefused) as refusal:
        close_ballot(ballot_id=ballot.pk, user=world.office, casting_vote="FOR")
    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert str(refusal.value) == "The Chair cannot give a casting vote: the Chair is not present."
    assert (decision.passed, decision.snapshot["casting_vote_used"]) == (False, False)
    assert decision.resolution == "The SSC did not agree to agree the item."
    assert tally_line(decision.snapshot) == (
        "For 1, Against 1, Abstain 0 (not passed); tied, and no casting vote is possible"
        " (the Chair is not present)."
    )


def test_a_recused_chair_gives_no_casting_vote(world):
    set_rules(world, chair_required=False)
    everyone_attends(world)
    ballot = meeting_vote(world)
    chair = world.chair.person
    declaration = declare_interest(
        ballot_id=ballot.pk, user=chair, has_interest=True, nature="Shareholder"
    )
    rule_on_interest(declaration_id=declaration.pk, user=chair, exclude=True)
    votes(ballot, (world.members[0], "FOR"), (world.members[1], "AGAINST"))

    with pytest.raises(
        ActionRefused,
        match=r"^The Chair cannot give a casting vote: the Chair is recused from this item\.$",
    ):
        close_ballot(ballot_id=ballot.pk, user=world.office, casting_vote="FOR")


@pytest.mark.parametrize("alternate_may_cast", [True, False])
def test_the_chairs_alternate_casts_only_where_the_rules_allow(world, alternate_may_cast):
    set_rules(world, chair_alternate_casting_vote=alternate_may_cast)
    deputy = with_alternate(world.chair)
    attend(world, world.chair, REPRESENTED, by=deputy)
    for membership in world.members:
        attend(world, membership)
    ballot = meeting_vote(world)
    votes(ballot, (world.members[0], "FOR"), (world.members[1], "AGAINST"))

    if alternate_may_cast:
        decision = close_ballot(ballot_id=ballot.pk, user=world.office, casting_vote="FOR")
        assert (decision.passed, decision.snapshot["casting_vote_used"]) == (True, True)
    else:
        with pytest.raises(ActionRefused) as refusal:
            close_ballot(ballot_id=ballot.pk, user=world.office, casting_vote="FOR")
        assert str(refusal.value) == (
            "The Chair cannot give a casting vote: the Chair is represented by an alternate,"
            " who has no casting vote under this committee's rules."
        )


def test_by_correspondence_a_chair_holding_no_seat_gives_no_casting_vote(world):
    Membership.objects.filter(pk=world.chair.pk).update(term_end=days(-1))
    ballot = vote_by_correspondence(world)
    votes(
        ballot,
        (world.members[0], "FOR"),
        (world.members[1], "FOR"),
        (world.members[2], "AGAINST"),
        (world.members[3], "AGAINST"),
    )

    with pytest.raises(ActionRefused) as refusal:
        close_ballot(ballot_id=ballot.pk, user=world.office, casting_vote="FOR")
    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert str(refusal.value) == (
        "The Chair cannot give a casting vote: no one holds a current Chair seat."
    )
    assert (decision.passed, decision.snapshot["tied"]) == (False, True)


def test_by_correspondence_a_recused_chair_gives_no_casting_vote(world):
    ballot = vote_by_correspondence(world)
    chair = world.chair.person
    declaration = declare_interest(ballot_id=ballot.pk, user=chair, has_interest=True, nature="x")
    rule_on_interest(declaration_id=declaration.pk, user=chair, exclude=True)
    votes(
        ballot,
        (world.members[0], "FOR"),
        (world.members[1], "FOR"),
        (world.members[2], "AGAINST"),
        (world.members[3], "AGAINST"),
    )

    with pytest.raises(ActionRefused, match="the Chair is recused from this item"):
        close_ballot(ballot_id=ballot.pk, user=world.office, casting_vote="FOR")


def test_the_pure_tally_refuses_a_casting_vote_from_an_absent_chair():
    rules = voting.CommitteeRules(chair_required_for_quorum=False)
    chair = voting.Member(id=0, is_voting=False, is_chair=True, present=False)
    seats = [voting.Member(id=i, is_voting=True, is_chair=False, present=True) for i in (1, 2)]

    with pytest.raises(
        ValueError, match="^The Chair cannot give a casting vote: the Chair is not present$"
    ):
        voting.tally_meeting_vote(rules, [chair, *seats], {1: "FOR", 2: "AGAINST"}, "FOR")
    with pytest.raises(ValueError, match="no one holds a current Chair seat"):
        voting.tally_correspondence_vote(rules, seats, {1: "FOR", 2: "AGAINST"}, "FOR")


# --- 2. Against ≥ For never passes; committee rules validated in the model and the database -----


def test_a_threshold_below_one_half_is_refused_by_the_pure_rules():
    with pytest.raises(ValueError, match="at least one half and less than 1"):
        voting.CommitteeRules(correspondence_threshold=Fraction(3, 10))


BAD_RULES = [
    ("correspondence_threshold", Decimal("0")),
    ("correspondence_threshold", Decimal("0.3")),
    ("correspondence_threshold", Decimal("1")),
    ("correspondence_threshold", Decimal("1.5")),
    ("quorum_fraction", Decimal("0")),
    ("quorum_fraction", Decimal("1.5")),
    ("majority_rule", "unanimous"),
    ("paper_ref_prefix", "SMKI_PMA"),
    ("code", "SMKI_PMA"),
]


@pytest.mark.parametrize(("field", "value"), BAD_RULES)
def test_bad_committee_rules_are_refused_by_the_model(field, value):
    committee = Committee(code="XYZ", name="XYZ committee", paper_ref_prefix="XYZ")
    setattr(committee, field, value)

    with pytest.raises(ValidationError) as error:
        committee.full_clean()

    assert list(error.value.message_dict) == [field]


@pytest.mark.parametrize(("field", "value"), BAD_RULES)
def test_bad_committee_rules_are_refused_by_the_database(field, value):
    fields = {"code": "XYZ", "name": "XYZ committee", "paper_ref_prefix": "XYZ", field: value}

    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(**fields)


def test_the_admin_refuses_a_threshold_below_one_half_with_a_message(world):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = admin.site.get_model_admin(Committee).get_form(request, world.ssc)
    data = {
        "code": "SSC",
        "name": "SSC committee",
        "paper_ref_prefix": "SSC",
        "quorum_fraction": "0.5",
        "chair_required": "on",
        "majority_rule": "votes_cast",
        "correspondence_threshold": "0.3",
        "paper_deadline_working_days": "5",
    }

    form = form_class(data, instance=world.ssc)

    assert form.errors == {
        "correspondence_threshold": ["Ensure this value is greater than or equal to 0.5."]
    }


def test_the_highest_valid_threshold_still_closes(world):
    set_rules(world, correspondence_threshold=Decimal("0.999"))
    ballot = vote_by_correspondence(world)
    votes(ballot, *[(m, "FOR") for m in world.members])

    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert (decision.passed, decision.snapshot["for_count"]) == (True, 4)


# --- 3. Votes from people who are not there ------------------------------------------------


def test_members_not_there_cannot_vote_and_the_alternate_votes_for_a_represented_member(world):
    away, unrecorded, represented, present = world.members
    alternate = with_alternate(represented)
    attend(world, world.chair)
    attend(world, away, APOLOGIES)
    attend(world, represented, REPRESENTED, by=alternate)
    attend(world, present)
    ballot = meeting_vote(world)
    meeting = world.meeting

    refusals = {}
    for membership in (away, unrecorded, represented):
        with pytest.raises(ActionRefused) as refusal:
            cast_vote(ballot_id=ballot.pk, user=membership.person, choice="FOR")
        refusals[membership] = str(refusal.value)
    vote = cast_vote(ballot_id=ballot.pk, user=alternate, choice="FOR")

    assert refusals == {
        away: f"You are recorded as having sent apologies to {meeting}, so you cannot vote in it.",
        unrecorded: f"You have no attendance record for {meeting}: the secretariat records you"
        " as present before you vote.",
        represented: f"You are recorded as represented by Alex Alt at {meeting}: Alex Alt votes"
        " for your seat.",
    }
    assert (vote.seat, vote.membership, vote.cast_by) == (represented.seat, represented, alternate)


@pytest.fixture
def stray(world):
    """A vote cast, before this was checked, by a member who sent apologies."""
    away = world.members[0]
    attend(world, world.chair)
    attend(world, away, APOLOGIES)
    for membership in world.members[1:]:
        attend(world, membership)
    ballot = meeting_vote(world)
    vote = Vote.objects.create(
        ballot=ballot, seat=away.seat, membership=away, cast_by=away.person, choice="FOR"
    )
    votes(ballot, (world.members[1], "AGAINST"), (world.members[2], "AGAINST"))
    return SimpleNamespace(ballot=ballot, vote=vote, away=away)


def test_a_stray_vote_stops_the_close_with_a_message_naming_it(world, stray):
    name = stray.away.person.full_name

    with pytest.raises(ActionRefused) as refusal:
        close_ballot(ballot_id=stray.ballot.pk, user=world.office)

    cast_at = timezone.localtime(stray.vote.cast_at)
    assert str(refusal.value) == (
        f"Some votes cannot count: the vote for {stray.away.seat} cast by {name} at"
        f" {cast_at:%H:%M} ({name} sent apologies to {world.meeting}). The Chair strikes them out"
        " before the vote is closed."
    )
    assert Ballot.objects.get(pk=stray.ballot.pk).status == "OPEN"


def test_the_ballot_page_and_close_never_fail_on_a_stray_vote(client, world, stray):
    client.force_login(world.chair.person)
    url = f"/committees/votes/{stray.ballot.pk}/"

    page = client.get(url)
    closing = client.post(f"{url}close/", {"confirmed": "yes"}, follow=True)

    assert page.status_code == 200
    assert "Votes that cannot count" in page.text
    assert f"{stray.away.person.full_name} sent apologies to {world.meeting}" in page.text
    assert closing.status_code == 200 and "Some votes cannot count" in closing.text


def test_the_chair_strikes_out_a_stray_vote_which_is_then_not_counted(client, world, stray):
    with pytest.raises(ActionRefused, match="^You cannot do that.$"):
        strike_vote(vote_id=stray.vote.pk, user=world.office, reason="Sent apologies")
    with pytest.raises(ActionRefused, match="^Enter why the vote is struck out.$"):
        strike_vote(vote_id=stray.vote.pk, user=world.chair.person, reason=" ")
    counted = Vote.objects.get(ballot=stray.ballot, seat=world.members[1].seat)
    with pytest.raises(ActionRefused, match="counts: only a vote that cannot count"):
        strike_vote(vote_id=counted.pk, user=world.chair.person, reason="Mistake")

    client.force_login(world.chair.person)
    client.post(f"/committees/cast-votes/{stray.vote.pk}/strike/", {"reason": "Sent apologies"})
    decision = close_ballot(ballot_id=stray.ballot.pk, user=world.office)

    struck = Vote.objects.get(pk=stray.vote.pk)
    assert (struck.struck_by, struck.struck_reason) == (world.chair.person, "Sent apologies")
    log = ActivityLog.objects.get(action="assessments.vote.struck")
    assert (log.actor, log.data["reason"], log.data["choice"]) == (
        world.chair.person,
        "Sent apologies",
        "FOR",
    )
    assert (decision.snapshot["for_count"], decision.snapshot["against_count"]) == (0, 2)
    assert [v.get("struck", False) for v in decision.snapshot["votes"]] == [True, False, False]
    page = client.get(f"/committees/votes/{stray.ballot.pk}/")
    assert "Struck out</strong> Sent apologies" in page.text


# --- 4. Alternates ------------------------------------------------------------------------


@pytest.fixture
def proposal(proposer, secretariat):
    return proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)


def test_an_alternate_from_an_involved_organisation_is_prompted(world, proposal, proposer):
    alternate = with_alternate(world.members[0])
    alternate.organisation = proposer.organisation
    alternate.save(update_fields=["organisation"])

    ballot = meeting_vote(world, submission=proposal)

    prompted = ballot.conflicts.filter(prompted=True).values_list("person", flat=True)
    assert list(prompted) == [alternate.pk]


def test_an_excluded_alternate_cannot_vote_and_the_seat_is_recused(world, proposal, proposer):
    principal = world.members[0]
    alternate = with_alternate(principal)
    alternate.organisation = proposer.organisation
    alternate.save(update_fields=["organisation"])
    attend(world, world.chair)
    attend(world, principal, REPRESENTED, by=alternate)
    for membership in world.members[1:]:
        attend(world, membership)
    ballot = meeting_vote(world, submission=proposal)
    declaration = declare_interest(
        ballot_id=ballot.pk, user=alternate, has_interest=True, nature="Employed by the proposer"
    )
    rule_on_interest(declaration_id=declaration.pk, user=world.chair.person, exclude=True)

    with pytest.raises(ActionRefused, match="The Chair has excluded you from this vote"):
        cast_vote(ballot_id=ballot.pk, user=alternate, choice="FOR")
    votes(ballot, (world.members[1], "FOR"))
    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert decision.snapshot["recused_ids"] == [principal.seat_id]
    assert decision.snapshot["eligible_ids"] == sorted(m.seat_id for m in world.members[1:])
    assert decision.snapshot["present_ids"] == decision.snapshot["eligible_ids"]


def test_an_alternates_own_no_interest_lets_them_vote_for_the_absent_principal(
    world, proposal, proposer
):
    principal = world.members[0]
    for person in (principal.person, with_alternate(principal)):
        person.organisation = proposer.organisation
        person.save(update_fields=["organisation"])
    alternate = principal.alternate
    attend(world, principal, REPRESENTED, by=alternate)
    ballot = meeting_vote(world, submission=proposal)

    declare_interest(ballot_id=ballot.pk, user=alternate, has_interest=False)
    vote = cast_vote(ballot_id=ballot.pk, user=alternate, choice="AGAINST")

    assert ballot.conflicts.get(person=principal.person).declared_at is None
    assert (vote.seat, vote.cast_by) == (principal.seat, alternate)


def test_a_member_who_is_an_absent_members_alternate_votes_for_both_seats(client, world):
    own, represented = world.members[0], world.members[1]
    with_alternate(represented, own.person)
    attend(world, world.chair)
    attend(world, own)
    attend(world, represented, REPRESENTED, by=own.person)
    ballot = meeting_vote(world)
    client.force_login(own.person)

    page = client.get(f"/committees/votes/{ballot.pk}/")
    with pytest.raises(
        ActionRefused, match="^You vote for more than one seat on this question: choose the seat.$"
    ):
        cast_vote(ballot_id=ballot.pk, user=own.person, choice="FOR")
    mine = cast_vote(ballot_id=ballot.pk, user=own.person, choice="FOR", seat_id=own.seat_id)
    theirs = cast_vote(
        ballot_id=ballot.pk, user=own.person, choice="AGAINST", seat_id=represented.seat_id
    )

    assert page.text.count('name="seat"') == 2
    assert f"As alternate for {represented.person.full_name}" in page.text
    assert (mine.membership, theirs.membership) == (own, represented)
    assert {theirs.cast_by, mine.cast_by} == {own.person}


# --- 5. Who counted -------------------------------------------------------------------------


def test_the_correspondence_snapshot_lists_only_the_seats_that_voted(world):
    everyone_attends(world)
    ballot = vote_by_correspondence(world, agenda_item=world.item)
    votes(ballot, (world.members[0], "FOR"), (world.members[1], "AGAINST"))

    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert decision.snapshot["present_ids"] == sorted(m.seat_id for m in world.members[:2])


def test_membership_is_judged_on_the_meetings_date_not_the_closing_day(world, secretariat):
    held = create_meeting(user=secretariat, committee=world.ssc, number=94, date=days(-3))
    everyone_attends(world, meeting=held)
    ballot = meeting_vote(world, item=held.items.get(kind=ItemKind.AOB))
    votes(ballot, *[(m, "FOR") for m in world.members])
    Membership.objects.filter(pk=world.members[0].pk).update(term_end=days(-1))

    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert (decision.passed, decision.snapshot["for_count"]) == (True, 4)
    assert decision.snapshot["judged_on"] == days(-3).isoformat()


def test_a_member_appointed_after_the_meeting_cannot_vote_in_it(world, secretariat):
    held = create_meeting(user=secretariat, committee=world.ssc, number=94, date=days(-3))
    newcomer = seat_member(world.ssc, SeatCategory.SMALL_SUPPLIER, term_start=days(-1))
    attend(world, newcomer, meeting=held)
    ballot = meeting_vote(world, item=held.items.get(kind=ItemKind.AOB))

    with pytest.raises(ActionRefused) as refusal:
        cast_vote(ballot_id=ballot.pk, user=newcomer.person, choice="FOR")

    assert str(refusal.value) == f"You do not hold a voting seat on SSC on {days(-3):%-d %B %Y}."


def test_by_correspondence_membership_is_judged_on_the_day_it_opened(world):
    ballot = vote_by_correspondence(world)
    Ballot.objects.filter(pk=ballot.pk).update(opens_at=timezone.now() - datetime.timedelta(3))
    newcomer = seat_member(world.ssc, SeatCategory.SMALL_SUPPLIER, term_start=days(-1))

    with pytest.raises(ActionRefused, match=f"on SSC on {days(-3):%-d %B %Y}"):
        cast_vote(ballot_id=ballot.pk, user=newcomer.person, choice="FOR")


def test_nothing_is_decided_on_a_meeting_before_its_date(world, secretariat):
    tomorrow = create_meeting(user=secretariat, committee=world.ssc, number=96, date=days(1))
    everyone_attends(world, meeting=tomorrow)
    ballot = meeting_vote(world, item=tomorrow.items.get(kind=ItemKind.AOB))
    when = f"{days(1):%-d %B %Y}"

    with pytest.raises(ActionRefused) as cast:
        cast_vote(ballot_id=ballot.pk, user=world.members[0].person, choice="FOR")
    with pytest.raises(ActionRefused) as close:
        close_ballot(ballot_id=ballot.pk, user=world.office)
    with pytest.raises(ActionRefused) as consensus:
        record_consensus_decision(
            user=world.office,
            committee=world.ssc,
            meeting=tomorrow,
            outcome="NOTED",
            resolution="The SSC NOTED the item.",
        )

    assert str(cast.value) == (
        f"{tomorrow} has not taken place yet: votes are cast at the meeting, on or after {when}."
    )
    assert str(close.value) == (
        f"{tomorrow} has not taken place yet: its votes are closed on or after {when}."
    )
    assert str(consensus.value) == (
        f"{tomorrow} has not taken place yet: its decisions are recorded on or after {when}."
    )
    assert not Decision.objects.exists()


def test_minutes_are_not_approved_at_a_meeting_before_its_date(world, secretariat):
    minutes = draft_minutes(meeting_id=world.meeting.pk, user=secretariat)
    next_meeting = create_meeting(user=secretariat, committee=world.ssc, number=96, date=days(14))

    with pytest.raises(ActionRefused) as refusal:
        approve_minutes(minutes_id=minutes.pk, user=secretariat, at_meeting=next_meeting)

    assert str(refusal.value) == (
        f"{next_meeting} has not taken place yet: minutes are approved at it on or after"
        f" {days(14):%-d %B %Y}."
    )


# --- 6. The tally first, then the casting vote ---------------------------------------------


def tied_meeting_vote(world):
    everyone_attends(world)
    ballot = meeting_vote(world)
    votes(
        ballot,
        (world.members[0], "FOR"),
        (world.members[1], "FOR"),
        (world.members[2], "AGAINST"),
        (world.members[3], "AGAINST"),
    )
    return ballot


def test_a_tie_asks_for_the_casting_vote_after_showing_the_tally(world):
    ballot = tied_meeting_vote(world)

    preview = preview_ballot(ballot)
    with pytest.raises(CastingVoteNeeded) as tie:
        close_ballot(ballot_id=ballot.pk, user=world.office)
    decision = close_ballot(ballot_id=ballot.pk, user=world.chair.person, casting_vote="AGAINST")

    assert (preview.for_count, preview.against_count, preview.tied) == (2, 2, True)
    assert preview.casting_vote_needed is True
    assert (
        str(tie.value) == "The vote is tied (For 2, Against 2): the Chair must give a casting vote."
    )
    assert (decision.passed, decision.snapshot["casting_vote_used"]) == (False, True)


def test_a_tie_with_no_casting_vote_in_the_rules_closes_not_passed(world):
    set_rules(world, chair_casting_vote=False)
    ballot = tied_meeting_vote(world)

    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert (decision.passed, decision.snapshot["tied"]) == (False, True)


def test_the_ballot_page_asks_for_the_casting_vote_only_on_a_tie(client, world):
    ballot = tied_meeting_vote(world)
    client.force_login(world.chair.person)
    url = f"/committees/votes/{ballot.pk}/"

    before = client.get(url)
    refused = client.post(f"{url}close/")
    closed = client.post(f"{url}close/", {"casting_vote": "FOR"}, follow=True)

    assert 'name="casting_vote"' not in before.text and "For 2 · Against 2" not in before.text
    assert refused.status_code == 200
    assert 'name="casting_vote"' in refused.text
    assert "For 2 · Against 2 · Abstain 0" in refused.text
    assert "SSC95/D01: passed" in closed.text


def test_the_scheduler_leaves_a_tie_open_for_the_chairs_casting_vote(
    world, django_capture_on_commit_callbacks
):
    ballot = vote_by_correspondence(world)
    votes(
        ballot,
        (world.members[0], "FOR"),
        (world.members[1], "FOR"),
        (world.members[2], "AGAINST"),
        (world.members[3], "AGAINST"),
    )
    after = ballot.closes_at + datetime.timedelta(minutes=1)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first, again = close_due_ballots(now=after), close_due_ballots(now=after)

    waiting = Ballot.objects.get(pk=ballot.pk)
    assert (first, again, waiting.status) == ([], [], "OPEN")
    assert waiting.casting_vote_requested_at == after
    assert [m.to for m in mail.outbox] == [[world.chair.person.email]]
    assert "your casting vote is needed" in mail.outbox[0].subject
    decision = close_ballot(ballot_id=ballot.pk, user=world.chair.person, casting_vote="FOR")
    assert (decision.passed, decision.snapshot["casting_vote_used"]) == (True, True)


def test_no_vote_is_cast_after_the_correspondence_deadline(world):
    ballot = vote_by_correspondence(world)
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())

    with pytest.raises(ActionRefused, match="^Voting closed at"):
        cast_vote(ballot_id=ballot.pk, user=world.members[0].person, choice="FOR")


# --- 7. Consensus only in a quorate meeting ----------------------------------------------


def consensus(world, meeting=None):
    return record_consensus_decision(
        user=world.office,
        committee=world.ssc,
        meeting=meeting or world.meeting,
        outcome="NOTED",
        resolution="The SSC NOTED the item.",
    )


def test_consensus_needs_a_quorate_meeting(world):
    attend(world, world.chair)
    attend(world, world.members[0])

    with pytest.raises(ActionRefused) as refusal:
        consensus(world)
    for membership in world.members[1:3]:
        attend(world, membership)
    decision = consensus(world)

    assert str(refusal.value) == (
        f"{world.meeting} is not quorate, so it cannot decide by consensus (1 of 4 eligible"
        " members present; 2 needed)."
    )
    assert (decision.reference, decision.snapshot["quorum_required"]) == ("SSC95/D01", 2)


def test_consensus_needs_the_chair_where_the_rules_say_so(world):
    for membership in world.members:
        attend(world, membership)

    with pytest.raises(
        ActionRefused, match=r"\(the Chair \(or the Chair's alternate\) is not present\)"
    ):
        consensus(world)


# --- 8. References ------------------------------------------------------------------------


def test_decision_numbers_follow_the_highest_not_the_count(world):
    everyone_attends(world)
    Decision.objects.create(
        committee=world.ssc,
        meeting=world.meeting,
        reference="SSC95/D02",
        method=BallotMethod.CONSENSUS,
        outcome="NOTED",
        passed=True,
        resolution="Recorded before the portal",
        recorded_by=world.office,
    )

    assert consensus(world).reference == "SSC95/D03"


def test_a_decision_with_no_meeting_has_a_by_correspondence_reference(secretariat):
    ssc, _chair, members = ssc_with_members(2)
    world = SimpleNamespace(ssc=ssc, office=secretariat)
    first, second = vote_by_correspondence(world), vote_by_correspondence(world)
    for ballot in (first, second):
        votes(ballot, *[(m, "FOR") for m in members])

    references = [close_ballot(ballot_id=b.pk, user=secretariat).reference for b in (first, second)]

    year = timezone.localdate().year
    assert references == [f"SSC-C{year}/D01", f"SSC-C{year}/D02"]


def test_a_correspondence_decision_is_not_filed_under_a_meeting_yet_to_come(world, secretariat):
    coming = create_meeting(user=secretariat, committee=world.ssc, number=96, date=days(10))
    ballot = vote_by_correspondence(world, agenda_item=coming.items.get(kind=ItemKind.AOB))
    votes(ballot, *[(m, "FOR") for m in world.members])

    decision = close_ballot(ballot_id=ballot.pk, user=world.office)

    assert (decision.meeting, decision.reference) == (world.meeting, "SSC95/D01")


# --- 9. No RED title in the default question ------------------------------------------------


def test_the_default_question_of_a_red_item_leaves_out_its_title(client, world, proposal):
    from assessments.models import AgendaItem

    item = AgendaItem.objects.create(
        meeting=world.meeting,
        number=4,
        title="Secret title",
        session="CLOSED",
        classification="RED",
        submission=proposal,
    )
    client.force_login(world.office)

    page = client.get(f"/committees/items/{item.pk}/vote/new/")

    assert 'value="Progress the proposal Item 04 (closed session) to assessment?"' in page.text
    assert proposal.title not in page.text.split('name="question"')[1].split(">")[0]


def test_a_struck_vote_leaves_the_seat_still_to_vote_on_the_member_home(world, stray):
    from assessments.selectors import open_ballots_awaiting

    assert stray.ballot not in open_ballots_awaiting(stray.away.person)

    strike_vote(vote_id=stray.vote.pk, user=world.chair.person, reason="Sent apologies")

    assert stray.ballot in open_ballots_awaiting(stray.away.person)


def test_closing_a_vote_by_correspondence_before_its_deadline_asks_first(client, world):
    ballot = vote_by_correspondence(world)
    votes(ballot, *[(m, "FOR") for m in world.members])
    client.force_login(world.chair.person)
    url = f"/committees/votes/{ballot.pk}/close/"

    warning = client.post(url)

    assert "Voting is open until" in warning.text
    assert "at least 3 of 4" in warning.text
    assert warning.context["yet_to_vote"] == []
    assert not Decision.objects.exists()
    client.post(url, {"confirmed": "yes"})
    assert Decision.objects.get().passed is True


def test_a_meeting_vote_everyone_present_has_voted_closes_without_asking(client, world):
    everyone_attends(world)
    ballot = meeting_vote(world)
    votes(ballot, *[(m, "FOR") for m in world.members])
    client.force_login(world.chair.person)

    client.post(f"/committees/votes/{ballot.pk}/close/")

    assert Decision.objects.get().passed is True
