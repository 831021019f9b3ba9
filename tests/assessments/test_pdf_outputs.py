import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.models import Annex, PackJob, Paper
from assessments.papers.cache import cached_paper_pdf, fingerprint
from assessments.papers.pack import pack_papers, render_pack
from assessments.papers.render import Reader, render_paper
from assessments.selectors import papers_visible_to
from assessments.services.meetings import add_business_item, create_meeting
from assessments.services.paper_edits import edit_paper
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from usecases import workflow

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.fixture
def meeting_with_papers(secretariat, proposer):
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    white = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    workflow.save_answers(
        submission_id=white.pk,
        user=secretariat,
        answers={"use_case_title": "Open item"},
        section="t",
    )
    paper_white = schedule_on_meeting(submission_id=white.pk, user=secretariat)
    Paper.objects.filter(pk=paper_white.pk).update(classification="AMBER")
    issue_paper(paper_id=paper_white.pk, user=secretariat)
    red_item = add_business_item(
        user=secretariat,
        meeting=meeting,
        title="Live vulnerability in a DEMO meter",
        classification="RED",
    )
    red_paper = Paper.objects.create(
        agenda_item=red_item,
        title="Vulnerability report",
        author_name="SECAS",
        author_role="Secretariat",
        classification="RED",
        purpose="Secret detail XYZZY",
    )
    issue_paper(paper_id=red_paper.pk, user=secretariat)
    return {
        "meeting": meeting,
        "member": members[0].person,
        "chair": chair.person,
        "paper": Paper.objects.get(pk=paper_white.pk),
        "red": Paper.objects.get(pk=red_paper.pk),
    }


def test_pack_classification_is_raised_by_an_amber_annex(meeting_with_papers, secretariat):
    paper = meeting_with_papers["paper"]
    Paper.objects.filter(pk=paper.pk).update(classification="WHITE")
    Annex.objects.filter(paper=paper).update(classification="AMBER")

    data = render_pack(meeting_with_papers["meeting"], [Paper.objects.get(pk=paper.pk)])

    text = text_of(data)
    assert "This document is classified as Amber" in text
    assert text.count("AMBER") >= len(PdfReader(io.BytesIO(data)).pages) * 2


def test_a_pack_holds_the_process_diagram_once_and_draws_it_for_each_paper(
    meeting_with_papers, secretariat, proposer
):
    """Each paper about a proposal draws the diagram; a paper about none (the RED report) has none."""
    second = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    papers = [
        meeting_with_papers["paper"],
        schedule_on_meeting(submission_id=second.pk, user=secretariat),
        meeting_with_papers["red"],
    ]

    reader = PdfReader(io.BytesIO(render_pack(meeting_with_papers["meeting"], papers)))

    drawing = [
        page for page in reader.pages if b"/PortalForm0 Do" in page.get_contents().get_data()
    ]
    forms = {page["/Resources"]["/XObject"].raw_get("/PortalForm0").idnum for page in drawing}
    assert len(drawing) == 2 and len(forms) == 1
    assert all("Initial consideration" in page.extract_text() for page in drawing)


def test_member_without_red_access_gets_pack_without_red_items(meeting_with_papers):
    member = meeting_with_papers["member"]
    meeting = meeting_with_papers["meeting"]

    data = render_pack(meeting, pack_papers(meeting, papers_visible_to(member)), Reader.of(member))

    text = text_of(data)
    assert "XYZZY" not in text and "Live vulnerability" not in text
    assert meeting_with_papers["paper"].reference in text
    meeting_with_papers["red"].agenda_item.invitees.add(member)
    invited = text_of(
        render_pack(meeting, pack_papers(meeting, papers_visible_to(member)), Reader.of(member))
    )
    assert "XYZZY" in invited


def test_amber_download_is_watermarked_with_the_reader(client, meeting_with_papers):
    member = meeting_with_papers["member"]
    client.force_login(member)

    response = client.get(reverse("assessments:paper-pdf", args=[meeting_with_papers["paper"].pk]))

    assert response["Content-Type"] == "application/pdf"
    assert f"issued to {member.full_name}" in text_of(response.content)


def test_pdf_download_obeys_classification(client, meeting_with_papers, other_proposer):
    client.force_login(other_proposer)
    assert (
        client.get(
            reverse("assessments:paper-pdf", args=[meeting_with_papers["paper"].pk])
        ).status_code
        == 404
    )
    client.force_login(meeting_with_papers["member"])
    assert (
        client.get(
            reverse("assessments:paper-pdf", args=[meeting_with_papers["red"].pk])
        ).status_code
        == 404
    )


def test_pack_is_built_in_the_background_and_downloaded(
    client, meeting_with_papers, django_capture_on_commit_callbacks
):
    member = meeting_with_papers["member"]
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assessments:pack-request", args=[meeting_with_papers["meeting"].pk])
        )

    job = PackJob.objects.get()
    assert response["Location"] == reverse("assessments:pack-status", args=[job.pk])
    assert job.status == "DONE" and job.pages >= 3
    download = client.get(reverse("assessments:pack-download", args=[job.pk]))
    assert "XYZZY" not in text_of(b"".join(download.streaming_content))
    client.force_login(UserFactory(role=Role.SSC_MEMBER))
    assert client.get(reverse("assessments:pack-download", args=[job.pk])).status_code == 404


def test_cache_serves_the_same_pdf_and_every_input_invalidates_it(
    meeting_with_papers, secretariat, proposer
):
    paper = meeting_with_papers["paper"]
    calls = []

    def render(p):
        calls.append(p.pk)
        return render_paper(p)

    first = cached_paper_pdf(paper, render)
    again = cached_paper_pdf(Paper.objects.get(pk=paper.pk), render)
    assert first == again and len(calls) == 1

    keys = {fingerprint(Paper.objects.get(pk=paper.pk))}
    Paper.objects.filter(pk=paper.pk).update(classification="RED")
    keys.add(fingerprint(Paper.objects.get(pk=paper.pk)))
    Paper.objects.filter(pk=paper.pk).update(purpose="A new purpose")
    keys.add(fingerprint(Paper.objects.get(pk=paper.pk)))
    paper.recommendations.update(text="changed")
    keys.add(fingerprint(Paper.objects.get(pk=paper.pk)))
    Annex.objects.filter(paper=paper).update(title="Renamed annex")
    keys.add(fingerprint(Paper.objects.get(pk=paper.pk)))
    submission = paper.agenda_item.submission
    workflow.save_answers(
        submission_id=submission.pk,
        user=secretariat,
        answers={"q1_issue": "Changed answer"},
        section="issue",
    )
    keys.add(fingerprint(Paper.objects.get(pk=paper.pk)))
    submission.supporters.update(status="DECLINED")
    keys.add(fingerprint(Paper.objects.get(pk=paper.pk)))
    assert len(keys) == 7
    assert default_storage.exists(f"pdf-cache/paper-{paper.pk}-{fingerprint(paper)}.pdf") is False
    assert len(default_storage.listdir("pdf-cache")[1]) == 1


def test_a_recorded_change_gives_a_new_pdf_at_once(meeting_with_papers, secretariat):
    paper = meeting_with_papers["paper"]
    calls = []

    def render(p):
        calls.append(p.pk)
        return render_paper(p)

    cached_paper_pdf(paper, render)
    cached_paper_pdf(Paper.objects.get(pk=paper.pk), render)
    assert len(calls) == 1  # the fingerprint, kept until a change, finds the stored PDF

    workflow.save_answers(
        submission_id=paper.agenda_item.submission.pk,
        user=secretariat,
        answers={"q1_issue": "An answer changed after the paper was stored"},
        section="issue",
    )
    changed = cached_paper_pdf(Paper.objects.get(pk=paper.pk), render)

    assert len(calls) == 2
    assert "An answer changed after the paper was stored" in text_of(changed)


def test_a_pdf_from_the_cache_reads_the_papers_row_alone(client, meeting_with_papers):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from triage_portal.perf.stamp import CACHE_ALIAS

    paper = meeting_with_papers["paper"]
    Paper.objects.filter(pk=paper.pk).update(classification="WHITE")
    caches[CACHE_ALIAS].clear()  # changed behind the services' back: nothing kept may outlive it
    client.force_login(meeting_with_papers["member"])
    url = reverse("assessments:paper-pdf", args=[paper.pk])
    first = client.get(url).content
    # The first view notes the member read the paper: a request that writes keeps nothing it
    # worked out (triage_portal/perf/README.md), so the next one keeps the fingerprint.
    assert client.get(url).content == first

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content

    read = " ".join(query["sql"] for query in queries)
    assert again == first and "Open item" in text_of(again)
    assert "assessments_recommendation" not in read and "assessments_annex" not in read
    assert "usecases_submission" not in read


@pytest.mark.parametrize(
    "answer",
    [
        "Refurbished meters " * 5_300,
        "averyveryverylongunbrokenword" * 100,
        "Ελληνικά, кириллица, العربية and Cymraeg: ŵ ŷ",
        "<script>alert('x')</script><b>bold?</b>",
    ],
    ids=["100KB", "unbroken", "non-latin", "html"],
)
def test_long_and_awkward_content_breaks_cleanly_and_is_escaped(
    meeting_with_papers, secretariat, answer
):
    paper = meeting_with_papers["paper"]
    submission = paper.agenda_item.submission
    workflow.save_answers(
        submission_id=submission.pk, user=secretariat, answers={"q3_solution": answer}, section="s"
    )

    data = render_paper(Paper.objects.get(pk=paper.pk))

    text = text_of(data)
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()
    squashed = "".join(text.split())
    assert "".join(answer.split())[:2000] in squashed
    if "<script>" in answer:
        assert "<script>alert('x')</script>" in text
    if len(answer) > 50_000:
        # Page furniture interrupts the run at each page break, so count the words themselves.
        assert squashed.count("Refurbished") == 5_300
        assert squashed.count("meters") >= 5_300


def test_draft_paper_edit_is_logged_and_issued_paper_is_frozen(meeting_with_papers, secretariat):
    from usecases.errors import ActionRefused

    with pytest.raises(ActionRefused, match="is issued"):
        edit_paper(
            paper_id=meeting_with_papers["paper"].pk,
            user=secretariat,
            recommendations=[("NOTE", "x")],
            title="New",
        )


def _pdf_with_text(words: str) -> bytes:
    from triage_portal.pdf import html_to_pdf

    return html_to_pdf(f"<p>{words}</p><p style='break-before: page'>{words} page two</p>")


def test_attached_pdfs_are_merged_with_markings_and_page_numbers(secretariat, proposer):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from usecases.files.uploads import PDF

    ssc, chair, members = ssc_with_members(3)
    create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    content = _pdf_with_text("ATTACHED EVIDENCE XQ17")
    from usecases.models import Attachment

    attachment = Attachment(
        submission=submission,
        original_name="evidence.pdf",
        content_type=PDF.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=proposer,
    )
    attachment.file.save("evidence.pdf", SimpleUploadedFile("evidence.pdf", content), save=True)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)
    issue_paper(paper_id=paper.pk, user=secretariat)

    data = render_paper(Paper.objects.get(pk=paper.pk))

    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert sum("ATTACHED EVIDENCE XQ17" in t for t in texts) == 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text and "AMBER" in text


def test_pack_contents_page_is_saved_as_png(meeting_with_papers, secretariat):
    import shutil
    import subprocess
    from pathlib import Path

    meeting = meeting_with_papers["meeting"]
    data = render_pack(meeting, pack_papers(meeting, Paper.objects.all()))
    folder = Path("test-results/pdf")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.pdf").write_bytes(data)
    assert "Contents" in text_of(data)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is installed by scripts/test")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "70",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(folder / "pack.pdf"),
            str(folder / "pack-contents"),
        ],
        check=True,
    )  # noqa: S603, S607 -- fixed tool
    assert list(folder.glob("pack-contents*.png"))


def test_twenty_paper_pack_renders_in_the_background_with_contents(
    client, secretariat, proposer, settings, django_capture_on_commit_callbacks
):
    import time

    settings.PORTAL_MAX_BUSINESS_ITEMS = 25
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    for n in range(20):
        submission = proposal_in_state(
            "REGISTERED",
            proposer=proposer,
            secretariat=secretariat,
            use_case_title=f"DEMO Use Case {n:02d}",
        )
        paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
        issue_paper(paper_id=paper.pk, user=secretariat)
    client.force_login(members[0].person)

    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessments:pack-request", args=[meeting.pk]))
    elapsed = time.perf_counter() - started

    job = PackJob.objects.get()
    text = text_of(
        b"".join(client.get(reverse("assessments:pack-download", args=[job.pk])).streaming_content)
    )
    assert job.status == "DONE"
    # The cover's agenda gives each item's proposal, paper and status, so the contents start
    # further on and run over page breaks, each with its watermark: a longer window.
    contents = text[text.index("Contents") : text.index("Contents") + 8000]
    assert all(f"SSC_95_{meeting.date:%d%m}_{item:02d}" in contents for item in range(3, 23))
    print(f"20-paper pack: {job.pages} pages in {elapsed:.1f} s")  # noqa: T201 -- the figure for the closing note


def test_html_and_script_typed_by_people_print_as_text_in_papers(meeting_with_papers, secretariat):
    payload = "<b>bold?</b><script>alert('pdf')</script> & <img src=x onerror=alert(1)>"
    proposal = meeting_with_papers["paper"].agenda_item.submission
    workflow.save_answers(
        submission_id=proposal.pk,
        user=secretariat,
        answers={"use_case_title": f"Title {payload}", "q1_issue": f"Issue {payload}"},
        section="t",
    )
    paper = meeting_with_papers["paper"]
    Paper.objects.filter(pk=paper.pk).update(purpose=f"Purpose {payload}")

    text = text_of(render_paper(Paper.objects.get(pk=paper.pk)))

    for label in ("Purpose", "Issue"):
        assert f"{label} {payload}" in text


@pytest.mark.parametrize("level", ["WHITE", "GREEN", "AMBER", "RED"])
@pytest.mark.parametrize("issued", [True, False])
def test_a_paper_read_on_its_face_is_one_the_whole_policy_shows(
    meeting_with_papers, secretariat, other_proposer, level, issued
):
    from django.contrib.auth.models import AnonymousUser

    from assessments.selectors import paper_for_page, readable_on_its_face

    paper = meeting_with_papers["red"]
    Paper.objects.filter(pk=paper.pk).update(
        classification=level, issued_at=paper.issued_at if issued else None
    )
    paper.refresh_from_db()
    inactive = UserFactory(is_active=False)
    people = [
        AnonymousUser(),
        inactive,
        other_proposer,
        meeting_with_papers["member"],
        meeting_with_papers["chair"],
        secretariat,
    ]
    for person in people:
        by_policy = papers_visible_to(person).filter(pk=paper.pk).exists()
        if readable_on_its_face(person, paper):
            assert by_policy, (person, level, issued)
        try:
            paper_for_page(person, paper.pk)
            shown = True
        except Paper.DoesNotExist:
            shown = False
        assert shown == by_policy, (person, level, issued)
    assert readable_on_its_face(other_proposer, paper) == (issued and level in ("WHITE", "GREEN"))
    assert readable_on_its_face(AnonymousUser(), paper) == (issued and level == "WHITE")
