"""Random sequences of the real committee services, checked after every step (issue 18).

The machine submits proposals, classifies them up and down, registers and schedules them,
records attendance, invites people to RED items, lets terms and vetting lapse, takes
declarations and rulings, votes in meetings and by correspondence, closes votes (with and
without a casting vote), drafts and approves minutes, decides and publishes. After every step
it checks, for every person, that no page, CSV, API response, PDF or e-mail holds a marker
above what tests/rules/reference.py (written from shared/docs/domain.md) lets them read; that
every vote the portal accepted was one the rules allow; and that every closed vote's recorded
result equals the reference's count. A refusal (ActionRefused) is never a failure by itself.

CI runs a fixed, derandomised search: RULES_EXAMPLES (default 12) sequences of up to
RULES_STEPS (default 25) steps. A longer local search, say before a release:

    RULES_EXAMPLES=500 RULES_STEPS=40 .venv/bin/python -m pytest tests/rules -q

RULES_RANDOM=1 searches different sequences on each run; RULES_SHRINK=0 reports failures unshrunk (faster);
RULES_FULL_SCAN=1 asks every person for every URL (see observe.py). docs/testing-rules.md
says more.
"""

import os
from fractions import Fraction

import pytest
from django.core import mail
from django.core.cache import caches
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    run_state_machine_as_test,
)

from tests.rules import checks, drive
from tests.rules import reference as ref
from tests.rules.observe import Observer
from tests.rules.people import PEOPLE, make_people
from tests.rules.steps_meetings import OFFSETS, REPRESENTATIVES, MeetingSteps
from tests.rules.steps_proposals import LEVELS, ProposalSteps
from tests.rules.steps_votes import VoteSteps
from usecases.errors import ActionRefused

ATTENDING = ("chair", "m1", "m2", "m3", "m4", "observer")
# The first meeting's roll call: present more often than not.
ROLL_CALL = st.sampled_from(("PRESENT", "APOLOGIES", "REPRESENTED", "PRESENT", "not recorded"))


class CommitteeMachine(ProposalSteps, MeetingSteps, VoteSteps, RuleBasedStateMachine):
    """Each example starts from an empty database, inside a transaction rolled back after it."""

    def __init__(self):
        super().__init__()
        for alias in ("default", "pages"):
            caches[alias].clear()
        mail.outbox = []
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.world = None

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def act(self, call) -> tuple[object, bool]:
        """Run one service call as a request would (its on-commit work, e-mail, runs after);
        return (its result, True), or (None, False) if the portal refused."""
        with TestCase.captureOnCommitCallbacks(execute=True):
            try:
                return call(), True
            except ActionRefused:
                return None, False

    def pick(self, items: list, index: int):
        return items[index % len(items)] if items else None

    @initialize(
        quorum=st.sampled_from((Fraction(1, 2), Fraction(2, 3))),
        chair_required=st.booleans(),
        casting_vote=st.booleans(),
        threshold=st.sampled_from((Fraction(1, 2), Fraction(3, 10), Fraction(2, 3))),
        offset=OFFSETS,
        level=LEVELS,
        attendance=st.fixed_dictionaries(
            {who: st.tuples(ROLL_CALL, REPRESENTATIVES) for who in ATTENDING}
        ),
        method=st.sampled_from(("MEETING", "CORRESPONDENCE")),
        with_title=st.booleans(),
    )
    def build(
        self,
        quorum,
        chair_required,
        casting_vote,
        threshold,
        offset,
        level,
        attendance,
        method,
        with_title,
    ):
        """A committee with these rules and its people, a meeting `offset` days from today,
        and on it a proposal registered at `level` with its support confirmed and its paper
        issued; the attendance drawn; and a vote open on the proposal."""
        committee = drive.make_committee(
            code="SSC",
            quorum=quorum,
            chair_required=chair_required,
            casting_vote=casting_vote,
            threshold=threshold,
        )
        rules = ref.Rules(  # as the portal stored them: it may refuse some and use defaults
            quorum=Fraction(committee.quorum_fraction),
            chair_required=committee.chair_required,
            casting_vote=committee.chair_casting_vote,
            threshold=Fraction(committee.correspondence_threshold),
        )
        self.world = ref.World(today=timezone.localdate(), rules=rules)
        self.committee = committee
        self.users, self.memberships = make_people(self.world, committee)
        self.seat_keys = {m.seat_id: key for key, m in self.memberships.items()}
        self.observer = Observer({role: self.users.get(role) for role in PEOPLE})
        self.meeting_rows, self.papers, self.paper_items, self.advice = {}, [], {}, set()
        self.submissions, self.ballot_ids, self.decision_ids = {}, {}, {}
        self.stamp, self.last_log, self.outcomes = None, 0, {}
        self.add_meeting(offset)
        p = self.add_proposal("proposer", "USE_CASE", level, "tied", send=True)
        self.answer_links(p, confirm=True)
        if self.on_proposal(p, drive.register, level=level):
            p.level, p.registered = level, True
        paper = self.put_on_agenda(p, self.meeting(0))
        if paper:
            self.act(lambda: drive.issue(paper_id=paper, user=self.users["secretariat"]))
        for who, (status, by) in attendance.items():
            if status != "not recorded":
                self.record_attendance(0, who, status, by)
        self.open_vote(0, method, "NOTED", with_title)

    @invariant()
    def nothing_above_entitlement(self):
        """Check what everyone sees, and how proposals moved (domain.md §2.5, §3.4, §5, §8)."""
        if self.world is None:
            return
        checks.proposal_moves(self, drive.states())
        stamp = (drive.change_stamp(), len(mail.outbox))
        if stamp == self.stamp:
            return  # nothing changed: every page reads as it did
        self.stamp = stamp
        checks.what_everyone_sees(self)


EXAMPLES = int(os.environ.get("RULES_EXAMPLES", "12"))
STEPS = int(os.environ.get("RULES_STEPS", "25"))
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
if os.environ.get("RULES_SHRINK", "1") != "0":
    PHASES.append(Phase.shrink)
SEARCH = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    derandomize=os.environ.get("RULES_RANDOM") != "1",
    deadline=None,
    database=None,
    phases=PHASES,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)


@pytest.mark.django_db
def test_committee_rules_hold_after_every_step(settings):
    settings.PORTAL_ALTERNATES_VOTE_BY_CORRESPONDENCE = ref.ALTERNATES_VOTE_BY_CORRESPONDENCE
    run_state_machine_as_test(CommitteeMachine, settings=SEARCH)
