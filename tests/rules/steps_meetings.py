"""Steps of the stateful test on meetings: add a meeting, schedule a proposal, issue its paper,
record attendance, invite someone to an item, let a term or vetting lapse, draft and approve
minutes."""

import datetime

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.rules import checks, drive
from tests.rules import reference as ref

INDEX = st.integers(0, 7)
OFFSETS = st.sampled_from((0, -7, 14))  # days from today: held today, a week ago, in a fortnight
ATTENDEES = st.sampled_from(("chair", "m1", "m2", "m3", "m4", "observer"))
STATUSES = st.sampled_from(("PRESENT", "APOLOGIES", "REPRESENTED"))
# Who is recorded as representing an absent member: their own alternate, or someone else.
REPRESENTATIVES = st.sampled_from(("alternate", "alt1", "m2"))
INVITEES = st.sampled_from(("chair", "m1", "m2", "m3", "m4", "alt1", "observer"))
SEATED = st.sampled_from(("chair", "m1", "m2", "m3", "m4", "observer"))


class MeetingSteps:
    def meeting(self, index: int):
        return self.pick(list(self.meeting_rows.values()), index)

    def add_meeting(self, offset: int) -> None:
        day = self.world.today + datetime.timedelta(days=offset)
        number = 95 + len(self.meeting_rows)
        user = self.users["secretariat"]
        meeting, done = self.act(
            lambda: drive.create_meeting(
                user=user, committee=self.committee, number=number, day=day
            )
        )
        if done:
            self.meeting_rows[meeting.pk] = meeting
            self.world.meetings[meeting.pk] = ref.Meeting(day=day)

    @precondition(lambda self: len(self.world.meetings) < 3)
    @rule(offset=OFFSETS)
    def new_meeting(self, offset):
        self.add_meeting(offset)

    @rule(i=INDEX, m=INDEX)
    def schedule(self, i, m):
        p, meeting = self.proposal(i), self.meeting(m)
        if p and meeting:
            self.put_on_agenda(p, meeting)

    def put_on_agenda(self, p: ref.Proposal, meeting) -> int | None:
        """Schedule the proposal on the meeting; return the new paper's id."""
        sid, user = self.submissions[p.n], self.users["secretariat"]
        ids, done = self.act(lambda: drive.schedule(submission_id=sid, user=user, meeting=meeting))
        if not done:
            return None
        item_id, paper_id = ids
        self.world.items[item_id] = ref.Item(meeting=meeting.pk, proposal=p.n)
        self.papers.append(paper_id)
        self.paper_items[paper_id] = item_id
        return paper_id

    @rule(k=INDEX)
    def issue_paper(self, k):
        paper = self.pick(self.papers, k)
        if paper:
            self.act(lambda: drive.issue(paper_id=paper, user=self.users["secretariat"]))

    @rule(m=INDEX, who=ATTENDEES, status=STATUSES, by=REPRESENTATIVES)
    def attend(self, m, who, status, by):
        self.record_attendance(m, who, status, by)

    def record_attendance(self, m, who, status, by):
        meeting = self.meeting(m)
        if meeting is None:
            return
        if status != "REPRESENTED":
            by = None
        elif by == "alternate":
            by = self.world.seats[who].alternate or "alt1"
        _, done = self.act(
            lambda: drive.attend(
                user=self.users["secretariat"],
                meeting=meeting,
                person=self.users[who],
                status=status,
                represented_by=self.users[by] if by else None,
            )
        )
        if done:
            self.world.meetings[meeting.pk].attendance[who] = (status, by)

    @rule(k=INDEX, who=INVITEES)
    def invite(self, k, who):
        item_id = self.pick(list(self.world.items), k)
        user, person = self.users["secretariat"], self.users[who]
        if item_id and self.act(lambda: drive.invite(user=user, item_id=item_id, person=person))[1]:
            self.world.items[item_id].invitees.add(who)

    @rule(who=SEATED, what=st.sampled_from(("vetting", "term")))
    def lapse(self, who, what):
        membership, user = self.memberships[who], self.users["secretariat"]
        if self.act(lambda: drive.lapse(user=user, membership=membership, what=what))[1]:
            seat = self.world.seats[who]
            yesterday = self.world.today - datetime.timedelta(days=1)
            if what == "term":
                seat.term_start = min(seat.term_start, yesterday)
                seat.term_end = yesterday
            else:
                seat.vetted_until = yesterday
            membership.refresh_from_db()

    @rule(m=INDEX)
    def draft_minutes(self, m):
        meeting = self.meeting(m)
        if meeting:
            user = self.users["secretariat"]
            self.act(lambda: drive.draft_minutes(meeting_id=meeting.pk, user=user))

    @rule(m=INDEX, at=INDEX)
    def approve_minutes(self, m, at):
        meeting, later, user = self.meeting(m), self.meeting(at), self.users["secretariat"]
        if (
            meeting
            and self.act(
                lambda: drive.approve_minutes(meeting=meeting, user=user, at_meeting=later)
            )[1]
        ):
            checks.minutes_approved_in_time(self.world, later.date)
