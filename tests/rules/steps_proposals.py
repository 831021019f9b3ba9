"""Steps of the stateful test on proposals: propose, submit, support, register, classify,
withdraw, decide from the page, record NCSC advice, table and publish.

Each step asks the portal (through drive.py) and, when the portal does it, records in the
reference world what was done. Indexes pick among the objects that exist, so that any drawn
number names one; a step with nothing to act on does nothing.
"""

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.rules import drive
from tests.rules import reference as ref

LEVELS = st.sampled_from(ref.LEVELS)
AUTHORS = st.sampled_from(("proposer", "otherfirm", "outsider"))
OFFICE = st.sampled_from(("chair", "secretariat"))
INDEX = st.integers(0, 7)
SUPPORT = {
    "tied": [("Sam Supporter", "supporter")],
    "untied": [("Someone Else", "stranger")],
    "both": [("Sam Supporter", "supporter"), ("Someone Else", "stranger")],
}


def answers_for(n: int, user, level: str) -> dict:
    """A complete form whose title, answers and contact address carry proposal n's markers."""
    words = f"qzx{n:02d}ans"
    return {
        "use_case_title": f"Use qzx{n:02d}tit",
        "sc_mod_title": f"Use qzx{n:02d}tit",
        "proposer_name": user.full_name,
        "proposer_organisation_name": user.organisation.name,
        "proposer_phone": "01632 960 200",
        "proposer_email": f"qzx{n:02d}con@proposers.example",
        **{name: words for name in ("q1_issue", "q2_why_needed", "q3_solution")},
        **{name: words for name in ("q4_explanation", "q5_explanation", "q6_justification")},
        "q4_affects_existing_sc": "NO",
        "q5_requires_new_sc": "NO",
        "q6_urgent": "NO",
        "proposer_classification": level,
    }


class ProposalSteps:
    def proposal(self, index: int) -> ref.Proposal | None:
        return self.pick(list(self.world.proposals.values()), index)

    def on_proposal(self, p: ref.Proposal, call, who: str = "secretariat", **arguments) -> bool:
        """Ask the portal to act on the proposal as `who`; return whether it did."""
        sid = self.submissions[p.n]
        return self.act(lambda: call(submission_id=sid, user=self.users[who], **arguments))[1]

    @precondition(lambda self: len(self.world.proposals) < 5)
    @rule(
        author=AUTHORS,
        kind=st.sampled_from(("USE_CASE", "SC_MODIFICATION")),
        level=LEVELS,
        support=st.sampled_from(tuple(SUPPORT)),
        send=st.booleans(),
    )
    def propose(self, author, kind, level, support, send):
        self.add_proposal(author, kind, level, support, send)

    def add_proposal(self, author, kind, level, support, send) -> ref.Proposal:
        world, user = self.world, self.users[author]
        n = len(world.proposals) + 1
        party = self.users["supporter"].organisation
        supporters = [(name, party, world.people[role].email) for name, role in SUPPORT[support]]
        answers = answers_for(n, user, level)
        pk, done = self.act(
            lambda: drive.draft(author=user, kind=kind, answers=answers, supporters=supporters)
        )
        assert done, "starting and filling in a draft was refused"
        person = world.people[author]
        owners = {author, f"contact{n}"}
        if person.org_verified:
            owners |= {r for r, q in world.people.items() if q.org_verified and q.org == person.org}
        # The proposer's contact address, to which the portal e-mails them.
        world.people[f"contact{n}"] = ref.Person(
            role=f"contact{n}", email=answers["proposer_email"], signed_in=False
        )
        p = world.proposals[n] = ref.Proposal(
            n=n,
            author=author,
            owners=frozenset(owners),
            org=person.org if person.org_verified else None,
            proposer_level=level,
            level=level,
            supporters=[ref.Supporter(email, party.name) for _, _, email in supporters],
            kind=kind,
        )
        self.submissions[n] = pk
        if send:
            self.on_proposal(p, drive.submit, p.author)
        return p

    @rule(i=INDEX)
    def submit(self, i):
        p = self.proposal(i)
        if p:
            self.on_proposal(p, drive.submit, p.author)

    @rule(i=INDEX, confirm=st.booleans())
    def answer_support_link(self, i, confirm):
        """A supporter (or whoever holds the named address) answers the e-mailed link."""
        p = self.proposal(i)
        if p:
            self.answer_links(p, confirm)

    def answer_links(self, p: ref.Proposal, confirm: bool) -> None:
        for email, token in drive.support_tokens(submission_id=self.submissions[p.n]):
            answer = lambda token=token: drive.respond_to_support(token=token, confirm=confirm)  # noqa: E731
            if self.act(answer)[1]:
                for s in p.supporters:
                    if s.email == email:
                        s.status = "confirmed" if confirm else "declined"

    @rule(i=INDEX, level=LEVELS)
    def register(self, i, level):
        p = self.proposal(i)
        if p and self.on_proposal(p, drive.register, level=level):
            p.level, p.registered = level, True

    @rule(i=INDEX, level=LEVELS)
    def classify(self, i, level):
        p = self.proposal(i)
        if p and self.on_proposal(p, drive.classify, level=level):
            p.level = level

    @rule(i=INDEX)
    def withdraw(self, i):
        p = self.proposal(i)
        if p:
            self.on_proposal(p, drive.withdraw, p.author)

    @rule(i=INDEX, who=OFFICE, what=st.sampled_from(tuple(drive.DIRECT_DECISIONS)))
    def decide_on_the_page(self, i, who, what):
        p = self.proposal(i)
        if p:
            self.on_proposal(p, drive.decide_directly, who, what=what)

    @rule(i=INDEX, step=st.sampled_from(("advice", "table", "publish")))
    def move_on(self, i, step):
        p = self.proposal(i)
        call = {"advice": drive.record_advice, "table": drive.table, "publish": drive.publish}
        if p and self.on_proposal(p, call[step]):
            if step == "advice":
                self.advice.add(p.n)
            if step == "publish":
                p.level = "WHITE"  # §2.5: publication sets the published text's level
