"""The agenda as each reader sees it, on the meeting page's source and in the pack."""

import io

import pytest
from pypdf import PdfReader

from assessments.agenda import agenda_for
from assessments.models import Paper
from assessments.papers.pack import pack_papers, render_pack
from assessments.papers.render import Reader
from assessments.selectors import papers_visible_to
from tests.factories.closed_session import RED_WORDS, closed_session
from triage_portal.classification import RESTRICTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(secretariat, proposer):
    return closed_session(secretariat, proposer)


def test_a_red_item_is_restricted_in_the_closed_session_for_someone_not_named(session):
    agenda = agenda_for(session.people["present"], session.meeting)

    (line,) = [x for x in agenda.closed_session if x.item.pk == session.red_item.pk]
    assert (line.withheld, line.title, line.proposal_reference, line.paper) == (
        True,
        RESTRICTED,
        "",
        None,
    )
    assert session.red_item.pk not in [x.item.pk for x in agenda.open_session]


def test_a_named_member_reads_the_red_item_with_its_paper(session):
    agenda = agenda_for(session.people["invited"], session.meeting)

    (line,) = [x for x in agenda.closed_session if x.item.pk == session.red_item.pk]
    submission = session.red_item.submission
    assert (line.withheld, line.title, line.proposal_reference) == (
        False,
        str(submission),
        submission.reference,
    )
    assert line.paper_reference == Paper.objects.get(pk=session.red_paper.pk).reference
    assert line.paper_status.startswith("Issued ")


def test_the_pack_cover_lists_open_and_closed_sessions_as_the_reader_may_read_them(session):
    member = session.people["present"]
    meeting = session.meeting

    data = render_pack(
        meeting,
        pack_papers(meeting, papers_visible_to(member)),
        Reader.of(member),
        agenda_for(member, meeting),
    )

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    cover = text[: text.index("Contents")]
    assert "Open session" in cover and "Closed session (RED)" in cover
    closed = cover[cover.index("Closed session (RED)") :]
    assert f"{session.red_item.number:02d} {RESTRICTED}" in closed
    assert not [word for word in RED_WORDS if word in text]
