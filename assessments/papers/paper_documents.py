"""A committee's own paper documents (PDFs annexed to papers not about a proposal), prepared
for papers as a proposal's attached PDFs are (usecases.files.annexes), on the same queue."""

from django.tasks import task

from assessments.models import Annex, PaperDocument
from triage_portal.taskqueue import retried
from usecases.files.annexes import Preparation, prepare


def prepare_document(document: PaperDocument) -> Preparation:
    """Prepare the document now unless done before; log it on the paper that annexes it."""
    annex = Annex.objects.select_related("paper").filter(document=document).first()

    def logged(record: dict) -> None:
        if annex is not None:
            annex.paper.log_action(
                "assessments.paper.document_prepared",
                data={"document": document.pk, "sha256": document.sha256, **record},
            )

    return prepare(document, on_prepared=logged)


@task(queue_name="annexes")
def prepare_paper_document(*, document_id: int, attempt: int = 1) -> str:
    """Prepare one paper document for papers; return its state. A failure is retried."""
    with retried(prepare_paper_document, {"document_id": document_id}, attempt):
        document = PaperDocument.objects.filter(pk=document_id).first()
        if document is None:
            return "GONE"
        return prepare_document(document).state


def request_document_preparation(document: PaperDocument) -> None:
    """Queue the document's preparation (the immediate backend runs it at once)."""
    prepare_paper_document.enqueue(document_id=document.pk)
