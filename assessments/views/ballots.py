"""Votes: opening one, declaring interests, casting a vote (confirm, then receipt), closing."""

import datetime
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments.enums import BallotMethod, BallotStatus, ConflictRuling
from assessments.forms import (
    BallotForm,
    DeclarationForm,
    MoveToMeetingReasonForm,
    ReasonsForm,
    VoteForm,
)
from assessments.models import Ballot, ConflictDeclaration, Paper, Seat, Vote
from assessments.rules import is_current_member_of
from assessments.selectors import agenda_items_visible_to, ballots_visible_to
from assessments.services import ballots as ballot_services
from assessments.services import decisions as decision_services
from assessments.services import electorate
from triage_portal.classification import named_only
from triage_portal.permissions import permission_needed
from usecases.errors import ActionRefused


def _ballot(request, pk: int) -> Ballot:
    try:
        return (
            ballots_visible_to(request.user)
            .select_related("committee", "agenda_item__meeting", "submission")
            .get(pk=pk)
        )
    except Ballot.DoesNotExist as error:
        raise Http404 from error


@permission_needed("assessments.run_ballot")
@require_http_methods(["GET", "POST"])
def ballot_open(request, item_pk: int):
    item = get_object_or_404(agenda_items_visible_to(request.user), pk=item_pk)
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        initial={"question": _default_question(item)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        closes_at = None
        if data["closes_on"]:
            closes_at = timezone.make_aware(
                datetime.datetime.combine(data["closes_on"], datetime.time(17, 0))
            )
        try:
            ballot = ballot_services.open_ballot(
                user=request.user,
                committee=item.meeting.committee,
                question=data["question"],
                outcome_if_passed=data["outcome_if_passed"],
                outcome_text=data["outcome_text"],
                method=data["method"],
                agenda_item=item,
                closes_at=closes_at,
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The vote is open.")
            return redirect("assessments:ballot-detail", ballot.pk)
    return render(request, "assessments/ballot/open.html", {"item": item, "form": form})


def _default_question(item) -> str:
    """Return the question a vote on the item starts from; a RED item's title is never in it."""
    if not item.submission_id:
        return ""
    if named_only(item.classification) or named_only(item.submission.classification):
        paper = Paper.objects.filter(agenda_item=item, reference__isnull=False).first()
        name = paper.reference if paper else f"Item {item.number:02d} (closed session)"
        return f"Progress the proposal {name} to assessment?"
    return f"Progress the proposal “{item.submission.title}” to assessment?"


@login_required
def ballot_detail(request, pk: int):
    return _detail_page(request, _ballot(request, pk))


def _my_seats(ballot, user, standings) -> list[dict]:
    """Return each seat the user holds or stands in for on this vote, with its vote or form."""
    votes = {
        v.seat_id: v for v in ballot.votes.filter(struck_at__isnull=True).select_related("seat")
    }
    closed = electorate.why_voting_is_closed(ballot)
    rows = []
    for standing, why_not in electorate.seats_for(ballot, user, standings):
        seat = standing.seat
        rows.append(
            {
                "seat": seat,
                "member": standing.membership.person,
                "as_alternate": standing.membership.person_id != user.pk,
                "vote": votes.get(seat.pk),
                "why_not": closed or why_not,
                "form": VoteForm(initial={"seat": seat.pk}, auto_id=f"id_seat{seat.pk}_%s"),
            }
        )
    return rows


def _detail_page(
    request,
    ballot,
    *,
    vote_form=None,
    declaration_form=None,
    tie=None,
    status_code=200,
    reasons_form=None,
):
    """The vote's page; a rejected vote or declaration comes back here with what was typed.

    The office sees how many have voted, not the tally, until a close finds a tie the Chair
    must settle (tie, or a vote the scheduler left awaiting the casting vote): then the tally
    is shown and the casting vote asked for.
    """
    my_declaration = ConflictDeclaration.objects.filter(ballot=ballot, person=request.user).first()
    is_office = request.user.has_perm("assessments.run_ballot")
    is_open = ballot.status == BallotStatus.OPEN
    standings = electorate.seat_standings(ballot) if is_open else []
    my_seats = _my_seats(ballot, request.user, standings) if is_open else []
    if vote_form is not None:
        for row in my_seats:
            if str(row["seat"].pk) == str(vote_form.data.get("seat", "")) or len(my_seats) == 1:
                row["form"] = vote_form
    context = {
        "ballot": ballot,
        "my_declaration": my_declaration,
        # Anyone with a seat may declare an interest at any time, unless one awaits a ruling,
        # the Chair excluded them, or the portal's prompt (with its own form) is unanswered.
        "offer_declaration": is_open
        and (
            my_declaration is None
            or (my_declaration.declared_at and my_declaration.ruling == ConflictRuling.MAY_VOTE)
        )
        and is_current_member_of(request.user, ballot.committee),
        "my_seats": my_seats,
        "struck_for_me": ballot.votes.filter(cast_by=request.user, struck_at__isnull=False),
        "declaration_form": declaration_form or DeclarationForm(),
        "reasons_form": reasons_form or ReasonsForm(),
        "form": declaration_form or vote_form,  # for the error summary
        "is_office": is_office,
        "can_rule": request.user.has_perm("assessments.rule_conflict"),
        "can_strike": request.user.has_perm("assessments.strike_vote"),
        "declarations": ballot.conflicts.select_related("person__organisation").order_by("pk"),
        "votes_cast": ballot.votes.filter(struck_at__isnull=True).count(),
        "closed": ballot.status == BallotStatus.CLOSED,
        "decision": getattr(ballot, "decision", None)
        if ballot.status == BallotStatus.CLOSED
        else None,
    }
    if is_office and is_open:
        counted = electorate.counted_votes(ballot, standings)
        status = electorate.tally(ballot, standings, counted)
        context["status"] = status
        context["yet_to_vote"] = electorate.seats_yet_to_vote(standings, counted)
        context["strays"] = electorate.stray_votes(ballot, standings)
        context["struck"] = ballot.votes.filter(struck_at__isnull=False).select_related(
            "seat", "cast_by", "struck_by"
        )
        asked = tie is not None or ballot.casting_vote_requested_at is not None
        context["tie"] = tie or (status if asked and status.casting_vote_needed else None)
    return render(request, "assessments/ballot/detail.html", context, status=status_code)


@login_required
@require_POST
def ballot_vote(request, pk: int):
    """Show the confirmation page for the chosen vote, or cast it once confirmed."""
    ballot = _ballot(request, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, ballot, vote_form=form)
    data = form.cleaned_data
    if request.POST.get("confirmed") != "yes":
        seat = Seat.objects.filter(pk=data["seat"]).first() if data["seat"] else None
        return render(
            request,
            "assessments/ballot/confirm.html",
            {"ballot": ballot, "form": form, "data": data, "seat": seat},
        )
    try:
        vote = ballot_services.cast_vote(
            ballot_id=ballot.pk,
            user=request.user,
            choice=data["choice"],
            reason=data["reason"],
            seat_id=data["seat"],
        )
    except ActionRefused as error:
        messages.error(request, str(error))
        return redirect("assessments:ballot-detail", ballot.pk)
    return render(request, "assessments/ballot/receipt.html", {"ballot": ballot, "vote": vote})


@login_required
@require_POST
def ballot_declare(request, pk: int):
    ballot = _ballot(request, pk)
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            ballot_services.declare_interest(
                ballot_id=ballot.pk,
                user=request.user,
                has_interest=form.cleaned_data["has_interest"] == "yes",
                nature=form.cleaned_data["nature"],
            )
        except ActionRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your declaration has been recorded.")
    else:
        return _detail_page(request, ballot, declaration_form=form)
    return redirect("assessments:ballot-detail", ballot.pk)


@permission_needed("assessments.rule_conflict")
@require_POST
def declaration_rule(request, pk: int):
    declaration = get_object_or_404(ConflictDeclaration, pk=pk)
    if declaration.ballot_id is None:
        item = get_object_or_404(
            agenda_items_visible_to(request.user).select_related("meeting"),
            pk=declaration.agenda_item_id,
        )
        back = ("assessments:item-declare", item.meeting_id, item.pk)
    else:
        back = ("assessments:ballot-detail", _ballot(request, declaration.ballot_id).pk)
    exclude = request.POST.get("ruling") == ConflictRuling.EXCLUDED
    ballot_services.rule_on_interest(
        declaration_id=declaration.pk, user=request.user, exclude=exclude
    )
    messages.success(
        request,
        f"{declaration.person.full_name} {'is excluded from' if exclude else 'may take part in'} the vote.",
    )
    return redirect(*back)


@permission_needed("assessments.run_ballot")
@require_POST
def ballot_close(request, pk: int):
    """Close the vote; on a tie the Chair must settle, show the tally and ask for the casting vote."""
    ballot = _ballot(request, pk)
    reasons = ReasonsForm(request.POST)
    reasons.is_valid()
    if request.POST.get("confirmed") != "yes":
        early = _closing_early(ballot)
        if early:
            return render(
                request, "assessments/ballot/close_confirm.html", early | {"reasons": reasons}
            )
    try:
        decision = decision_services.close_ballot(
            ballot_id=ballot.pk,
            user=request.user,
            casting_vote=request.POST.get("casting_vote") or None,
            reasons=reasons.cleaned_data.get("reasons", ""),
        )
    except decision_services.CastingVoteNeeded as tie:
        messages.info(request, f"{tie} Choose it below to close the vote.")
        return _detail_page(request, ballot, tie=tie.result, reasons_form=reasons)
    except ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"The vote is closed: {decision.reference}. {decision.resolution}"
        )
    return redirect("assessments:ballot-detail", ballot.pk)


def _closing_early(ballot: Ballot) -> dict | None:
    """Return what the Chair must see before closing early, or None when nothing is early.

    Early: seats that may still vote have not, or a vote by correspondence before its deadline.
    """
    standings = electorate.seat_standings(ballot)
    counted = electorate.counted_votes(ballot, standings)
    yet_to_vote = electorate.seats_yet_to_vote(standings, counted)
    before_deadline = (
        ballot.method == BallotMethod.CORRESPONDENCE
        and ballot.closes_at is not None
        and timezone.now() < ballot.closes_at
    )
    if not yet_to_vote and not before_deadline:
        return None
    status = electorate.tally(ballot, standings, counted)
    rules = decision_services.committee_rules(ballot.committee)
    eligible = len(status.eligible_ids)
    needed = None
    if ballot.method == BallotMethod.CORRESPONDENCE:
        needed = math.floor(rules.correspondence_ratio * eligible) + 1
    return {
        "ballot": ballot,
        "yet_to_vote": yet_to_vote,
        "before_deadline": before_deadline,
        "votes_cast": len(counted),
        "eligible": eligible,
        "needed": needed,
    }


@permission_needed("assessments.strike_vote")
@require_POST
def vote_strike(request, pk: int):
    """Strike out a vote that cannot count (the Chair), with the reason given."""
    vote = get_object_or_404(Vote, pk=pk)
    ballot = _ballot(request, vote.ballot_id)
    try:
        ballot_services.strike_vote(
            vote_id=vote.pk, user=request.user, reason=request.POST.get("reason", "")
        )
    except ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The vote for {vote.seat} is struck out.")
    return redirect("assessments:ballot-detail", ballot.pk)


@login_required
@require_http_methods(["GET", "POST"])
def ballot_to_meeting(request, pk: int):
    """Ask for a vote by correspondence to go to a meeting: the reason, then confirm."""
    ballot = _ballot(request, pk)
    form = MoveToMeetingReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ballot_services.ask_for_meeting(
                ballot_id=ballot.pk, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "The question will be decided in a meeting instead. The Chair and the"
                " secretariat have been told.",
            )
            return redirect("assessments:ballot-detail", ballot.pk)
    return render(request, "assessments/ballot/to_meeting.html", {"ballot": ballot, "form": form})
