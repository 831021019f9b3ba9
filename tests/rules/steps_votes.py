"""Steps of the stateful test on votes: open one (in a meeting or by correspondence), declare
an interest, rule on it, cast a vote, close it with or without a casting vote.

A vote the portal accepts is checked at once against the reference's rules on who may cast
it; a vote the portal closes is checked against the reference's count, made just before.
"""

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.rules import checks, drive
from tests.rules import reference as ref

INDEX = st.integers(0, 7)
VOTERS = st.sampled_from(("m2", "m3", "m4", "m1", "alt1", "chair", "observer"))
DECLARERS = st.sampled_from(("m1", "m2", "m3", "m4", "alt1", "chair"))
CHOICES = st.sampled_from(("FOR", "AGAINST", "ABSTAIN"))
OFFICE = st.sampled_from(("chair", "secretariat"))
CLOSING = st.sampled_from(("keep open", "close", "close, casting For", "close, casting Against"))
OUTCOMES = st.sampled_from(("NOTED", "PROGRESS", "REJECT", "APPROVE"))


def has_ballots(machine) -> bool:
    return bool(machine.world.ballots)


class VoteSteps:
    def ballot(self, index: int, open_only: bool = False) -> ref.Ballot | None:
        ballots = [b for b in self.world.ballots.values() if b.open or not open_only]
        return self.pick(ballots, index)

    @precondition(lambda self: len(self.world.ballots) < 6)
    @rule(
        i=INDEX,
        method=st.sampled_from(("MEETING", "CORRESPONDENCE")),
        outcome=OUTCOMES,
        with_title=st.booleans(),
    )
    def open_vote(self, i, method, outcome, with_title):
        """Put a question on the proposal's latest agenda item (by correspondence, without one
        if it has none); the question carries the title as the ballot form's default does."""
        p = self.proposal(i)
        if p is None:
            return
        items = [pk for pk, item in self.world.items.items() if item.proposal == p.n]
        if method == "MEETING" and not items:
            return
        item_id = items[-1] if items else None
        b = len(self.world.ballots) + 1
        question = f"Agree qzx{b:02d}vot" + (f" for Use qzx{p.n:02d}tit?" if with_title else "?")
        pk, done = self.act(
            lambda: drive.open_vote(
                user=self.users["secretariat"],
                committee=self.committee,
                question=question,
                outcome=outcome,
                method=method,
                item_id=item_id,
                submission_id=None if item_id else self.submissions[p.n],
            )
        )
        if done:
            self.world.ballots[b] = ref.Ballot(n=b, method=method, proposal=p.n, item=item_id)
            self.ballot_ids[b] = pk

    @precondition(has_ballots)
    @rule(k=INDEX, who=DECLARERS, interest=st.booleans())
    def declare(self, k, who, interest):
        ballot = self.ballot(k, open_only=True)
        if ballot:
            self.declare_on(ballot, who, interest)

    def declare_on(self, ballot: ref.Ballot, who: str, interest: bool) -> None:
        ballot_id, user = self.ballot_ids[ballot.n], self.users[who]
        if self.act(lambda: drive.declare(ballot_id=ballot_id, user=user, interest=interest))[1]:
            ballot.declared.add(who)
            ballot.rulings[who] = "pending" if interest else "may_vote"

    @precondition(has_ballots)
    @rule(k=INDEX, who=DECLARERS, exclude=st.booleans())
    def rule_on_interest(self, k, who, exclude):
        ballot, person, chair = self.ballot(k), self.users[who], self.users["chair"]
        if (
            ballot
            and self.act(
                lambda: drive.rule(
                    ballot_id=self.ballot_ids[ballot.n], person=person, user=chair, exclude=exclude
                )
            )[1]
        ):
            ballot.declared.add(who)  # the Chair's ruling settles the declaration
            ballot.rulings[who] = "excluded" if exclude else "may_vote"

    @precondition(has_ballots)
    @rule(k=INDEX, who=VOTERS, choice=CHOICES)
    def vote(self, k, who, choice):
        self.cast(self.ballot(k, open_only=True), who, choice)

    @precondition(has_ballots)
    @rule(who=VOTERS, choice=CHOICES)
    def vote_on_the_latest(self, who, choice):
        self.cast(self.ballot(-1, open_only=True), who, choice)

    @precondition(has_ballots)
    @rule(
        k=INDEX,
        votes=st.lists(
            st.tuples(VOTERS, CHOICES), min_size=2, max_size=4, unique_by=lambda v: v[0]
        ),
        then=st.sampled_from(
            ("keep open", "close", "close, casting For", "close, casting Against")
        ),
        who=OFFICE,
    )
    def a_round_of_voting(self, k, votes, then, who):
        """Several people vote on one question, one after another, and the vote may then be
        closed, as in a meeting."""
        ballot = self.ballot(k, open_only=True)
        for voter, choice in votes:
            self.cast(ballot, voter, choice)
        if ballot:
            self.then(ballot, then, who)

    @precondition(has_ballots)
    @rule(
        k=INDEX,
        choices=st.lists(
            st.sampled_from(("FOR", "AGAINST", "ABSTAIN", "-")), min_size=4, max_size=4
        ),
        then=CLOSING,
        who=OFFICE,
    )
    def the_seats_vote(self, k, choices, then, who):
        """For each voting seat, whoever the reference says acts for it declares (no interest)
        and votes, or does not ("-"); then the vote may be closed. Unlike the other vote steps,
        this one asks the model whom to ask, so that whole, valid rounds of voting happen."""
        ballot = self.ballot(k, open_only=True)
        if ballot is None:
            return
        for seat, choice in zip(self.world.voting_seats(), choices, strict=False):
            voter = self.world.acting_for(seat, ballot)
            if choice == "-":
                continue
            if self.world.involved(voter, self.world.proposals[ballot.proposal]):
                self.declare_on(ballot, voter, interest=False)
            self.cast(ballot, voter, choice)
        self.then(ballot, then, who)

    def then(self, ballot: ref.Ballot, then: str, who: str) -> None:
        if then != "keep open":
            casting = then.rpartition(" ")[2].upper() if "casting" in then else None
            self.close(ballot, who, casting)

    def cast(self, ballot: ref.Ballot | None, who: str, choice: str) -> None:
        user = self.users[who]
        if ballot is None:
            return
        cast, done = self.act(
            lambda: drive.vote(ballot_id=self.ballot_ids[ballot.n], user=user, choice=choice)
        )
        if done and cast[1]:
            seat = self.seat_keys[cast[0]]
            checks.vote_allowed(self.world, ballot, who, seat)
            ballot.votes[seat] = (who, choice)

    @precondition(has_ballots)
    @rule(k=INDEX, who=OFFICE, casting=st.sampled_from((None, "FOR", "AGAINST")))
    def close_vote(self, k, who, casting):
        ballot = self.ballot(k, open_only=True)
        if ballot:
            self.close(ballot, who, casting)

    def close(self, ballot: ref.Ballot, who: str, casting: str | None) -> None:
        user = self.users[who]
        expected = self.world.tally(ballot, casting)
        decision_id, done = self.act(
            lambda: drive.close(ballot_id=self.ballot_ids[ballot.n], user=user, casting=casting)
        )
        if done:
            ballot.open = False
            self.decision_ids[ballot.n] = decision_id
            checks.closed_as_counted(self.world, ballot, decision_id, expected, casting)
