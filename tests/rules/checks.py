"""The invariants of the stateful test, each failing with its own exception class.

Hypothesis tells distinct failures apart by their exception's type and place, so each rule of
the brief broken here is reported (and shrunk) on its own.
"""

from collections import Counter

from tests.rules import drive
from tests.rules import reference as ref
from tests.rules.people import PEOPLE, recipient_of


class RuleBroken(AssertionError):
    """The portal did something the SSC's rules (shared/docs/domain.md) do not allow."""


# A vote the portal accepted from someone the rules say may not cast it, by why not.
class VoteFromSomeoneAbsent(RuleBroken):
    pass


class VoteBeforeTheMeeting(RuleBroken):
    pass


class VoteFromLapsedSeat(RuleBroken):
    pass


class VoteForSomeoneElsesSeat(RuleBroken):
    pass


class VoteDespiteExclusion(RuleBroken):
    pass


class VoteWithoutDeclaration(RuleBroken):
    pass


class VoteFromNonVoter(RuleBroken):
    pass


# A closed vote whose recorded result is not the reference's count.
class CastingVoteWrong(RuleBroken):
    pass


class PassedWrong(RuleBroken):
    pass


class CountWrong(RuleBroken):
    pass


class DecidedBeforeTheMeeting(RuleBroken):
    pass


class MinutesApprovedEarly(RuleBroken):
    pass


class DecisionWithoutVote(RuleBroken):
    pass


class ProgressWithoutGenuineSupport(RuleBroken):
    pass


class TabledWithoutNcscAdvice(RuleBroken):
    pass


class PublishedButNotPublic(RuleBroken):
    pass


VOTE_ERRORS = {
    "absent": VoteFromSomeoneAbsent,
    "early": VoteBeforeTheMeeting,
    "lapsed": VoteFromLapsedSeat,
    "seat": VoteForSomeoneElsesSeat,
    "excluded": VoteDespiteExclusion,
    "undeclared": VoteWithoutDeclaration,
    "no_vote": VoteFromNonVoter,
}
WHY = {
    "no deliberative vote": "no_vote",
    "after today": "early",
    "not current": "lapsed",
    "not recorded present": "absent",
    "only the member": "seat",
    "excluded": "excluded",
    "has not ruled": "excluded",
    "no declaration": "undeclared",
    "closed": "no_vote",
}


def vote_allowed(world: ref.World, ballot: ref.Ballot, role: str, seat: str) -> None:
    """Fail if the vote the portal just accepted is one the rules do not allow."""
    why = world.why_vote_invalid(ballot, role, seat)
    if why:
        kind = next(v for k, v in WHY.items() if k in why)
        raise VOTE_ERRORS[kind](
            f"vote {ballot.n} ({ballot.method.lower()}): the portal accepted {role}'s vote "
            f"for {seat}'s seat, but {why}"
        )


def closed_as_counted(world, ballot, decision_id, expected: ref.Tally, casting) -> None:
    """Fail unless the recorded result equals the reference's count of the same vote."""
    from assessments.models import Decision

    recorded = drive.recorded_tally(Decision.objects.get(pk=decision_id))
    summary = (
        f"vote {ballot.n} ({ballot.method.lower()}, casting vote {casting}, "
        f"{len(world.voting_seats())} voting seats, {expected.eligible} eligible, "
        f"rules {world.rules}): recorded {recorded}, reference {expected}"
    )
    if ballot.method == "MEETING" and world.ballot_day(ballot) > world.today:
        raise DecidedBeforeTheMeeting(f"decided before its meeting's date: {summary}")
    if bool(recorded["casting_used"]) != expected.casting_used:
        raise CastingVoteWrong(summary)
    if recorded["passed"] != expected.passed:
        raise PassedWrong(summary)
    counts = (recorded["for_count"], recorded["against_count"], recorded["abstain_count"])
    if counts != (expected.for_count, expected.against_count, expected.abstain_count):
        raise CountWrong(summary)


def minutes_approved_in_time(world, at_day) -> None:
    if at_day > world.today:
        raise MinutesApprovedEarly(f"minutes approved at a meeting on {at_day}, not yet held")


# Moves of a proposal that only a recorded committee Decision may make (domain.md §2.5).
DECIDED = {
    ("INITIAL_CONSIDERATION", "UNDER_ASSESSMENT"): {"PROGRESS"},
    ("INITIAL_CONSIDERATION", "REJECTED"): {"REJECT"},
    ("DECISION_PENDING", "REJECTED"): {"REJECT"},
    ("DECISION_PENDING", "APPROVED"): {"APPROVE", "APPROVE_WITH_CONDITIONS"},
    ("DECISION_PENDING", "UNDER_ASSESSMENT"): {"SEND_BACK"},
}
PAST_INITIAL = {"UNDER_ASSESSMENT", "DECISION_PENDING", "AWAITING_EXTERNAL_VIEWS"}


def proposal_moves(machine, states: dict) -> None:
    """Check every proposal that moved in the last step moved as the rules allow."""
    world = machine.world
    outcomes = getattr(machine, "outcomes", {})
    for n, p in world.proposals.items():
        sid = machine.submissions[n]
        new = states[sid]
        counts = Counter(drive.passed_outcomes(submission_id=sid))
        before, outcomes[n] = outcomes.get(n, Counter()), counts
        old, p.state = p.state, new
        if old == new:
            continue
        needed = DECIDED.get((old, new))
        if needed and not any(counts[o] > before[o] for o in needed):
            raise DecisionWithoutVote(
                f"proposal {n} moved {old} -> {new} with no passed Decision ({sorted(needed)})"
            )
        if old == "INITIAL_CONSIDERATION" and new in PAST_INITIAL and not genuine_support(world, p):
            raise ProgressWithoutGenuineSupport(
                f"proposal {n} moved {old} -> {new}; supporters {p.supporters}"
            )
        if new == "DECISION_PENDING" and p.kind == "USE_CASE" and n not in machine.advice:
            raise TabledWithoutNcscAdvice(f"Use Case {n} tabled for decision from {old}")
    machine.outcomes = outcomes


def genuine_support(world, p) -> bool:
    """Support confirmed by someone the portal can tie to the SEC Party (issue 18)."""
    tied = {
        q.email
        for q in world.people.values()
        if q.org_verified and q.email and any(q.org == s.party for s in p.supporters)
    }
    return any(s.status == "confirmed" and s.email in tied for s in p.supporters)


LISTS = [
    ("api", "/api/submissions/"),
    ("api", "/api/decisions/"),
    ("api", "/api/papers/"),
    ("csv", "/committees/decisions/?format=csv"),
    ("page", "/committees/decisions/"),
]
PROPOSERS = ("proposer", "outsider", "otherfirm", "supporter")
PUBLIC = [("page", "/proposals/registers/proposals/"), ("page", "/proposals/registers/use-cases/")]


def meeting_urls(pk: int) -> list:
    urls = [("page", f"/committees/meetings/{pk}/")]
    if drive.has_minutes(meeting_id=pk):
        urls += [
            ("page", f"/committees/meetings/{pk}/minutes/"),
            ("pdf", f"/committees/meetings/{pk}/minutes.pdf"),
        ]
    return urls


def family(machine, n: int) -> list:
    """Every page about proposal n: its own, its papers', its votes' and its meetings'."""
    world, pk = machine.world, machine.submissions[n]
    urls = [("page", f"/proposals/{pk}/"), ("api", f"/api/submissions/{pk}/")]
    for paper, item in machine.paper_items.items():
        if world.items[item].proposal == n:
            urls += [
                ("page", f"/committees/papers/{paper}/"),
                ("pdf", f"/committees/papers/{paper}/pdf/"),
            ]
    for b, ballot in world.ballots.items():
        if ballot.proposal == n:
            urls.append(("page", f"/committees/votes/{machine.ballot_ids[b]}/"))
    for item in world.items.values():
        if item.proposal == n:
            urls += meeting_urls(item.meeting)
    return urls


def everything(machine) -> list:
    urls = [u for n in machine.world.proposals for u in family(machine, n)]
    return urls + [u for pk in machine.meeting_rows for u in meeting_urls(pk)]


def touched(machine, changes) -> tuple[list, bool]:
    """The URLs the recorded changes can have altered (for anyone), and whether a proposal moved.

    A change to anything not mapped here (a seat, a person, the committee) may alter what any
    page shows anyone, so it touches everything.
    """
    world = machine.world
    by_pk = {
        "usecases.submission": {str(pk): n for n, pk in machine.submissions.items()},
        "assessments.ballot": {
            str(pk): b.proposal
            for b, pk in ((world.ballots[n], pk) for n, pk in machine.ballot_ids.items())
        },
        "assessments.decision": {
            str(pk): world.ballots[n].proposal for n, pk in machine.decision_ids.items()
        },
        "assessments.agendaitem": {str(pk): item.proposal for pk, item in world.items.items()},
        "assessments.paper": {
            str(p): world.items[i].proposal for p, i in machine.paper_items.items()
        },
    }
    urls, proposals = [], False
    for label, object_id in changes:
        if label in by_pk and object_id in by_pk[label]:
            urls += family(machine, by_pk[label][object_id])
            proposals |= label == "usecases.submission"
        elif label == "assessments.meeting" and int(object_id) in machine.meeting_rows:
            urls += meeting_urls(int(object_id))
            for item in world.items.values():
                if item.meeting == int(object_id):
                    urls += family(machine, item.proposal)
        elif label == "assessments.minutes":
            urls += [u for pk in machine.meeting_rows for u in meeting_urls(pk)]
        else:
            return everything(machine), True
    return list(dict.fromkeys(urls)), proposals


def fingerprint(url: str) -> str | None:
    parts = url.strip("/").split("/")
    if url.endswith("/pdf/"):
        return drive.pdf_fingerprint("paper", int(parts[2]))
    if url.endswith("minutes.pdf"):
        return drive.pdf_fingerprint("minutes", int(parts[2]))
    return None


def what_everyone_sees(machine) -> None:
    """Read every output as every person and compare with the reference."""
    world, observer = machine.world, machine.observer
    observer.check_mail(world, lambda address: recipient_of(world, address))
    observer.check_links(world)
    changes, machine.last_log = drive.changes_since(machine.last_log)
    pages, proposals_moved = touched(machine, changes)
    own = {}
    if proposals_moved:
        own = {role: [("page", "/proposals/")] for role in PROPOSERS} | {"anonymous": PUBLIC}
    observer.check_urls(world, LISTS + pages, own, PEOPLE, fingerprint)
    published = [
        n for n, p in world.proposals.items() if p.state == "PUBLISHED" and p.kind == "USE_CASE"
    ]
    if published:
        public = observer.read("anonymous", "/proposals/registers/use-cases/")
        missing = [n for n in published if (ref.TITLE, n) not in public]
        if missing:
            raise PublishedButNotPublic(
                f"published Use Cases {missing} are not on the public register"
            )
