"""Papers that are not about a proposal: the committee's own business (domain.md §7).

For Information and For Discussion papers, security documents (the Security Controls
Framework, the Risk Treatment Plan …) and SCIRS items go on an agenda as a business item with
a draft paper, and are then edited and issued with a reference like any other paper.
"""

from django.conf import settings
from django.db import transaction

from assessments.enums import NON_PROPOSAL_KINDS, AnnexKind, ItemKind, MeetingStatus, PaperKind
from assessments.models import Annex, Meeting, Paper, PaperDocument, Recommendation
from assessments.papers.paper_documents import request_document_preparation
from assessments.services.meetings import add_business_item
from triage_portal.classification import Classification
from usecases.errors import ActionRefused, require
from usecases.files.uploads import PDF


def _add_document(*, paper: Paper, user, upload, original_name: str, sha256: str) -> Annex:
    document = PaperDocument(
        original_name=original_name,
        content_type=PDF.content_type,
        size=upload.size,
        sha256=sha256,
        uploaded_by=user,
    )
    document.file.save(original_name, upload, save=False)
    document.save()
    annex = Annex.objects.create(
        paper=paper,
        position=(paper.annexes.count() + 1),
        kind=AnnexKind.ATTACHMENT,
        title=original_name.rsplit(".", 1)[0],
        document=document,
        classification=paper.classification,
    )
    transaction.on_commit(lambda: request_document_preparation(document))
    return annex


@transaction.atomic
def add_paper_item(
    *,
    user,
    meeting_id: int,
    kind: str,
    title: str,
    action: str,
    classification: str,
    author_name: str,
    author_role: str,
    purpose: str = "",
    background: str = "",
    body: str = "",
    next_steps: str = "",
    recommendations: list[tuple[str, str]] = (),
    document=None,
) -> Paper:
    """Put a paper that is not about a proposal on a planned meeting's agenda, as a draft.

    `document`, when given, is a checked PDF upload: (file, original name, SHA-256 of the stored
    file), annexed to the paper as Annex 1 and prepared for it in the background.
    Side effects: adds the business item (the closed session for RED); logs
    assessments.paper.drafted with the kind of paper.
    """
    require(user, "assessments.manage_meetings")
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if kind not in NON_PROPOSAL_KINDS:
        raise ActionRefused(
            "A paper on a proposal is put on the agenda from the proposal's page."
            if kind == PaperKind.PROPOSAL
            else "Select what kind of paper this is."
        )
    if meeting.status != MeetingStatus.PLANNED:
        raise ActionRefused(
            f"{meeting} is {meeting.get_status_display().lower()}: "
            "papers go on a planned meeting's agenda."
        )
    if meeting.items.filter(kind=ItemKind.BUSINESS).count() >= settings.PORTAL_MAX_BUSINESS_ITEMS:
        raise ActionRefused(
            f"{meeting} has {settings.PORTAL_MAX_BUSINESS_ITEMS} business items already: "
            "put the paper on another meeting."
        )
    if classification not in Classification.values:
        raise ActionRefused("Select the paper's classification.")
    if not title.strip():
        raise ActionRefused("Enter the paper's title.")
    item = add_business_item(
        user=user, meeting=meeting, title=title.strip(), classification=classification
    )
    paper = Paper.objects.create(
        agenda_item=item,
        kind=kind,
        title=title.strip(),
        author_name=author_name.strip(),
        author_role=author_role.strip(),
        action=action,
        purpose=purpose,
        background=background,
        body=body,
        next_steps=next_steps,
        classification=classification,
    )
    Recommendation.objects.bulk_create(
        Recommendation(paper=paper, position=n, verb=verb, text=text)
        for n, (verb, text) in enumerate(recommendations, start=1)
    )
    data = {"meeting": str(meeting), "item": item.number, "kind": kind, "action": action}
    if document is not None:
        upload, original_name, sha256 = document
        _add_document(
            paper=paper, user=user, upload=upload, original_name=original_name, sha256=sha256
        )
        data["document"] = {"name": original_name, "sha256": sha256, "size": upload.size}
    paper.log_action("assessments.paper.drafted", actor=user, data=data)
    return paper
