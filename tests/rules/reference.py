"""The SSC's rules as shared/docs/domain.md states them, written without reading the portal.

Who may read what (§5.2 and §8.2), and how a vote is counted (§3.4). Nothing here imports the
portal: the stateful test (test_committee_stateful.py) keeps this model of the world beside the
real one, from what it asked the services to do, and compares the two after every step.

Where the brief is open, the choice made is a named constant or a sentence in a docstring:
- a proposer's organisation always reads its own proposal's words (they wrote them), at every
  level and as a draft; committee words about a RED item (a vote's question) are not theirs;
- before registration a proposal is at the proposer's own level; its contact details go only
  to the proposer's organisation, the supporters, the committee and the secretariat (issue 18);
- WHITE titles are public once registered (§8.5: a public register of submissions by status),
  WHITE answers only once published (§5.2: "public if published");
- the Chair, an office, reads up to AMBER without a seat; RED needs an invitation and a
  current seat from the Chair as from everyone else;
- a member whose organisation proposed or supports the item must declare before voting
  (§3.4 "auto-prompt a declaration"), and one who declared an interest votes only once the
  Chair has ruled that they may;
- alternates do not vote by correspondence (§8.6 question 2; the portal's default).
"""

import math
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

LEVELS = ("WHITE", "GREEN", "AMBER", "RED")
RANK = {level: rank for rank, level in enumerate(LEVELS)}
ALTERNATES_VOTE_BY_CORRESPONDENCE = False

# What a marker stands for: a proposal's title, its answers, its proposer's contact details,
# and the question of a vote (committee words about the vote's proposal).
TITLE, ANSWERS, CONTACT, QUESTION = "tit", "ans", "con", "vot"


def strictest(*levels: str) -> str:
    return max(levels, key=RANK.__getitem__)


@dataclass
class Person:
    role: str
    email: str
    org: str | None = None
    org_verified: bool = False
    office: str = ""  # "secretariat", "chair" or ""
    signed_in: bool = True


@dataclass
class Seat:
    key: str
    principal: str
    kind: str  # "voting", "chair" or "observer"
    term_start: date
    term_end: date
    vetted_until: date
    alternate: str | None = None

    def current(self, day: date) -> bool:
        """In term and vetted on the day (§3.1: 24-month terms; nominees are security vetted)."""
        return self.term_start <= day <= self.term_end and day <= self.vetted_until


@dataclass
class Supporter:
    email: str
    party: str
    status: str = "named"  # named, confirmed or declined


@dataclass
class Proposal:
    n: int
    author: str
    owners: frozenset
    org: str | None
    proposer_level: str
    level: str
    supporters: list = field(default_factory=list)
    kind: str = "USE_CASE"
    state: str = "DRAFT"
    registered: bool = False


@dataclass
class Meeting:
    day: date
    attendance: dict = field(default_factory=dict)  # role: (status, represented_by role)


@dataclass
class Item:
    meeting: int
    proposal: int
    invitees: set = field(default_factory=set)


@dataclass
class Ballot:
    n: int
    method: str  # "MEETING" or "CORRESPONDENCE"
    proposal: int
    item: int | None
    open: bool = True
    votes: dict = field(default_factory=dict)  # seat key: (role, choice)
    declared: set = field(default_factory=set)
    rulings: dict = field(default_factory=dict)  # role: "may_vote", "pending" or "excluded"


@dataclass(frozen=True)
class Rules:
    quorum: Fraction
    chair_required: bool
    casting_vote: bool
    threshold: Fraction


@dataclass(frozen=True)
class Tally:
    passed: bool
    for_count: int
    against_count: int
    abstain_count: int
    quorate: bool
    casting_used: bool
    eligible: int


@dataclass
class World:
    today: date
    rules: Rules
    people: dict = field(default_factory=dict)
    seats: dict = field(default_factory=dict)
    proposals: dict = field(default_factory=dict)
    meetings: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    ballots: dict = field(default_factory=dict)  # by marker number

    # Who stands how towards what.

    def holds_current_seat(self, role: str, day: date | None = None) -> bool:
        day = day or self.today
        return any(
            s.current(day) and role in (s.principal, s.alternate) for s in self.seats.values()
        )

    def reads_as_committee(self, role: str) -> bool:
        """Members, alternates and observers with a current seat; the Chair by office (§5.2)."""
        return self.people[role].office == "chair" or self.holds_current_seat(role)

    def invited_with_seat(self, role: str, proposal: int) -> bool:
        """RED: named for an item on this proposal, and holding a current, vetted seat."""
        named = any(
            role in item.invitees for item in self.items.values() if item.proposal == proposal
        )
        return named and self.holds_current_seat(role)

    def supports(self, role: str, p: Proposal) -> bool:
        """A named supporting-party contact, or a verified member of the supporting party."""
        person = self.people[role]
        return any(
            s.status != "declined"
            and (
                s.email == person.email
                or (person.org_verified and person.org is not None and person.org == s.party)
            )
            for s in p.supporters
        )

    def involved(self, role: str, p: Proposal) -> bool:
        """Whether the person's organisation proposed or supports the item (§3.4)."""
        org = self.people[role].org
        return org is not None and (org == p.org or org in {s.party for s in p.supporters})

    # Reading (§5.2, §8.2).

    def may_read(self, role: str, kind: str, n: int) -> bool:
        """Whether the person may read the marker of this kind for proposal (or vote) n."""
        person = self.people[role]
        if person.office == "secretariat":
            return True
        if kind == QUESTION:
            return self._reads_committee_words(role, self.proposals[self.ballots[n].proposal])
        p = self.proposals[n]
        if role in p.owners:
            return True
        if p.state == "DRAFT":
            return False
        if kind == CONTACT and not p.registered:
            if p.level == "RED":
                return self.invited_with_seat(role, p.n)
            return self.reads_as_committee(role) or self.supports(role, p)
        return self._reads_level(role, p, kind)

    def _reads_level(self, role: str, p: Proposal, kind: str) -> bool:
        if p.level == "RED":
            return self.invited_with_seat(role, p.n)
        if self.supports(role, p):
            return True  # the supporting party reads the item it supports, up to AMBER
        if p.level == "AMBER":
            return self.reads_as_committee(role)
        if self.people[role].signed_in:
            return True
        return p.level == "WHITE" and (p.state == "PUBLISHED" or (kind == TITLE and p.registered))

    def _reads_committee_words(self, role: str, p: Proposal) -> bool:
        """A vote's question: the item's level, with the proposer and the supporting party
        told of decisions on their own item (§8.4), but never by the owners' exception."""
        if p.level == "RED":
            return self.invited_with_seat(role, p.n)
        if role in p.owners or self.supports(role, p):
            return True
        if p.level == "AMBER":
            return self.reads_as_committee(role)
        return self.people[role].signed_in

    def may_read_by_link(self, contact: str, kind: str, n: int) -> bool:
        """A supporter's e-mailed link: the named contact reads that proposal up to AMBER while
        it is live, without signing in; anything else only if it is public."""
        if self.may_read("anonymous", kind, n):
            return True
        if kind == QUESTION:
            return False
        p = self.proposals[n]
        named = any(s.email == self.people[contact].email for s in p.supporters)
        return named and p.state != "WITHDRAWN" and RANK[p.level] <= RANK["AMBER"]

    def may_email(self, recipient: str, kind: str, n: int) -> bool:
        """§8.4: e-mails about AMBER and RED items carry no substance; the rest follows §5.2."""
        if kind in (TITLE, ANSWERS, QUESTION):
            p = self.proposals[self.ballots[n].proposal if kind == QUESTION else n]
            if RANK[p.level] >= RANK["AMBER"]:
                return False
        return self.may_read(recipient, kind, n)

    # Voting (§3.4).

    def voting_seats(self) -> list:
        return [s for s in self.seats.values() if s.kind == "voting"]

    def chair_seat(self) -> Seat:
        return next(s for s in self.seats.values() if s.kind == "chair")

    def ballot_day(self, ballot: Ballot) -> date:
        if ballot.method == "MEETING":
            return self.meetings[self.items[ballot.item].meeting].day
        return self.today

    def _attendance(self, ballot: Ballot) -> dict:
        if ballot.item is None:
            return {}
        return self.meetings[self.items[ballot.item].meeting].attendance

    def _attends(self, seat: Seat, attendance: dict) -> bool:
        status, by = attendance.get(seat.principal, ("", None))
        return status == "PRESENT" or (
            status == "REPRESENTED" and seat.alternate is not None and by == seat.alternate
        )

    def acting_for(self, seat: Seat, ballot: Ballot) -> str:
        """Who casts the seat's vote: its alternate when recorded as representing an absent
        member in this meeting, otherwise the member."""
        if ballot.method == "MEETING":
            status, by = self._attendance(ballot).get(seat.principal, ("", None))
            if status == "REPRESENTED" and seat.alternate is not None and by == seat.alternate:
                return seat.alternate
        return seat.principal

    def why_vote_invalid(self, ballot: Ballot, role: str, seat_key: str) -> str | None:
        """Return why this person may not cast this seat's vote now, or None if they may."""
        seat = self.seats[seat_key]
        if seat.kind != "voting":
            return "the Chair and observers have no deliberative vote"
        if not ballot.open:
            return "the vote is closed"
        day = self.ballot_day(ballot)
        if ballot.method == "MEETING" and self.today < day:
            return f"the meeting is on {day}, after today ({self.today})"
        if not seat.current(day):
            return f"the seat's membership is not current on {day} (term or vetting)"
        if ballot.method == "MEETING":
            status, by = self._attendance(ballot).get(seat.principal, ("", None))
            if role == seat.principal and status != "PRESENT":
                return f"the member is not recorded present (attendance: {status or 'none'})"
            if role != seat.principal and not (
                role == seat.alternate and status == "REPRESENTED" and by == role
            ):
                return "only the member, or the alternate recorded as representing them, votes"
        elif role != seat.principal and not (
            ALTERNATES_VOTE_BY_CORRESPONDENCE and role == seat.alternate
        ):
            return "only the member votes by correspondence"
        ruling = ballot.rulings.get(role)
        if ruling == "excluded":
            return "the Chair excluded this person from the vote"
        if ruling == "pending":
            return "this person declared an interest and the Chair has not ruled"
        if role not in ballot.declared and self.involved(role, self.proposals[ballot.proposal]):
            return "this person's organisation is involved and they made no declaration"
        return None

    def chair_takes_part(self, ballot: Ballot) -> bool:
        """Present (in a meeting), holding a current seat, and not excluded from the item."""
        chair = self.chair_seat()
        if not chair.current(self.ballot_day(ballot)):
            return False
        if ballot.rulings.get(chair.principal) == "excluded":
            return False
        if ballot.method == "MEETING":
            return self._attendance(ballot).get(chair.principal, ("", None))[0] == "PRESENT"
        return True

    def tally(self, ballot: Ballot, casting: str | None) -> Tally:
        """Count the vote as §3.4 says; a casting vote counts only from a Chair taking part."""
        rules, day, meeting = self.rules, self.ballot_day(ballot), ballot.method == "MEETING"
        attendance = self._attendance(ballot)
        eligible = [
            s
            for s in self.voting_seats()
            if s.current(day) and ballot.rulings.get(self.acting_for(s, ballot)) != "excluded"
        ]
        voters = [s for s in eligible if self._attends(s, attendance)] if meeting else eligible
        counted = [
            ballot.votes[s.key][1]
            for s in voters
            if s.key in ballot.votes and ballot.votes[s.key][0] == self.acting_for(s, ballot)
        ]
        f, a, b = (counted.count(choice) for choice in ("FOR", "AGAINST", "ABSTAIN"))
        if meeting:
            needed = math.ceil(rules.quorum * len(eligible))
            chair_ok = not rules.chair_required or self.chair_takes_part(ballot)
            quorate = len(voters) >= needed and chair_ok
            passed = quorate and f > a
        else:
            quorate = True
            passed = f > a and f > rules.threshold * len(eligible)
        casting_ok = (
            casting in ("FOR", "AGAINST")
            and rules.casting_vote
            and quorate
            and not passed
            and f == a >= 1
            and self.chair_takes_part(ballot)
        )
        if casting_ok and not meeting and f + 1 <= rules.threshold * len(eligible):
            casting_ok = False
        if casting_ok:
            passed = casting == "FOR"
        return Tally(passed, f, a, b, quorate, bool(casting_ok), len(eligible))
