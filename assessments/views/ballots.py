"""Votes: opening one, declaring interests, casting a vote (confirm, then receipt), closing."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments import voting
from assessments.enums import BallotMethod, BallotStatus, ConflictRuling
from assessments.forms import BallotForm, DeclarationForm, VoteForm
from assessments.models import Ballot, ConflictDeclaration, Vote
from assessments.selectors import agenda_items_visible_to, ballots_visible_to
from assessments.services import ballots as ballot_services
from assessments.services import decisions as decision_services
from triage_portal.classification import Classification
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


@login_required
@require_http_methods(["GET", "POST"])
def ballot_open(request, item_pk: int):
    if not request.user.has_perm("assessments.run_ballot"):
        raise Http404
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
    if not item.submission_id:
        return ""
    if item.classification == Classification.RED:
        # The question becomes the decision's resolution: a RED item's title stays out of both.
        named = item.submission.reference or f"on item {item.number}"
        return f"Progress the proposal {named} to assessment?"
    return f"Progress the proposal “{item.submission.title}” to assessment?"


def _quorum_status(ballot: Ballot):
    members = decision_services.ballot_members(ballot)
    votes = {v.seat_id: voting.Choice(v.choice) for v in ballot.votes.all()}
    rules = decision_services.committee_rules(ballot.committee)
    if ballot.method == BallotMethod.CORRESPONDENCE:
        return voting.tally_correspondence_vote(rules, members, votes, casting_vote=None)
    return voting.tally_meeting_vote(rules, members, votes, casting_vote=None)


@login_required
def ballot_detail(request, pk: int):
    return _detail_page(request, _ballot(request, pk))


def _detail_page(request, ballot, *, vote_form=None, declaration_form=None):
    """The vote's page; a rejected vote or declaration comes back here with what was typed."""
    my_declaration = ConflictDeclaration.objects.filter(ballot=ballot, person=request.user).first()
    my_vote = Vote.objects.filter(ballot=ballot, cast_by=request.user).first()
    is_office = request.user.has_perm("assessments.run_ballot")
    try:
        ballot_services.voter_membership(ballot, request.user)
        can_vote = True
    except ActionRefused:
        can_vote = False
    context = {
        "can_vote": can_vote,
        "ballot": ballot,
        "my_declaration": my_declaration,
        "my_vote": my_vote,
        "vote_form": vote_form or VoteForm(),
        "declaration_form": declaration_form or DeclarationForm(),
        "form": declaration_form or vote_form,  # for the error summary
        "is_office": is_office,
        "can_rule": request.user.has_perm("assessments.rule_conflict"),
        "declarations": ballot.conflicts.select_related("person__organisation").order_by("pk"),
        "votes_cast": ballot.votes.count(),
        "closed": ballot.status == BallotStatus.CLOSED,
        "decision": getattr(ballot, "decision", None)
        if ballot.status == BallotStatus.CLOSED
        else None,
    }
    if is_office and ballot.status == BallotStatus.OPEN:
        context["status"] = _quorum_status(ballot)
    return render(request, "assessments/ballot/detail.html", context)


@login_required
@require_POST
def ballot_vote(request, pk: int):
    """Show the confirmation page for the chosen vote, or cast it once confirmed."""
    ballot = _ballot(request, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, ballot, vote_form=form)
    if request.POST.get("confirmed") != "yes":
        return render(
            request,
            "assessments/ballot/confirm.html",
            {"ballot": ballot, "form": form, "data": form.cleaned_data},
        )
    try:
        vote = ballot_services.cast_vote(
            ballot_id=ballot.pk, user=request.user, **form.cleaned_data
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


@login_required
@require_POST
def declaration_rule(request, pk: int):
    declaration = get_object_or_404(ConflictDeclaration, pk=pk)
    ballot = _ballot(request, declaration.ballot_id)
    if not request.user.has_perm("assessments.rule_conflict"):
        raise Http404
    exclude = request.POST.get("ruling") == ConflictRuling.EXCLUDED
    ballot_services.rule_on_interest(
        declaration_id=declaration.pk, user=request.user, exclude=exclude
    )
    messages.success(
        request,
        f"{declaration.person.full_name} {'is excluded from' if exclude else 'may take part in'} the vote.",
    )
    return redirect("assessments:ballot-detail", ballot.pk)


@login_required
@require_POST
def ballot_close(request, pk: int):
    ballot = _ballot(request, pk)
    if not request.user.has_perm("assessments.run_ballot"):
        raise Http404
    try:
        decision = decision_services.close_ballot(
            ballot_id=ballot.pk,
            user=request.user,
            casting_vote=request.POST.get("casting_vote") or None,
        )
    except (ActionRefused, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"The vote is closed: {decision.reference}. {decision.resolution}"
        )
    return redirect("assessments:ballot-detail", ballot.pk)


@login_required
@require_POST
def ballot_to_meeting(request, pk: int):
    ballot = _ballot(request, pk)
    try:
        ballot_services.ask_for_meeting(
            ballot_id=ballot.pk, user=request.user, reason=request.POST.get("reason", "")
        )
    except ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The item will go to a meeting instead.")
    return redirect("assessments:ballot-detail", ballot.pk)
