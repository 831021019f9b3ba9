"""Check a document: is this PDF, or this reference, something the portal issued?

What a check says depends on who asks, under the Panel Information Policy (domain.md §5, §8):

- An uploaded PDF that carries the portal's valid signature and whose exact bytes are in the
  register is genuine, and the answer gives the date it was issued and its classification to
  anyone: the holder has the document, whose marking is printed on every page, and a third
  party must be able to rely on it. Its kind, reference and title are shown only to someone
  who may read what it was issued from now.
- A PDF that carries the portal's signature but changed after signing is "altered"; one
  without the portal's valid signature was "not issued by this portal", whatever the register
  says (a row an insider added there makes nothing genuine).
  Neither answer says anything about the document it may once have been.
- A pasted reference is answered only for someone who may read a document issued under it;
  for anyone else the answer is word for word the answer for a reference never issued, so
  the page cannot be used to learn which RED or AMBER references exist. The page is
  rate-limited per client address.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from assessments.models import Decision, IssuedDocument, Paper
from assessments.selectors import is_office, meetings_visible_to, minutes_visible_to, paper_for_pdf
from triage_portal.signing import Verdict, check_signature
from usecases.selectors.proposals import proposals_visible_to


class Outcome(StrEnum):
    GENUINE = "genuine"
    SIGNED_NOT_RECORDED = "signed-not-recorded"
    ALTERED = "altered"
    NOT_ISSUED = "not-issued"
    REFERENCE_FOUND = "reference-found"
    NOT_CONFIRMED = "not-confirmed"


@dataclass(frozen=True)
class CheckResult:
    outcome: Outcome
    issued_at: datetime | None = None
    classification: str = ""
    # Only for someone entitled to read what the document was issued from:
    kind: str = ""
    reference: str = ""
    title: str = ""
    copies: int = 0
    last_issued_at: datetime | None = None


def decision_for_letter(user, pk: int) -> Decision | None:
    """Return the decision whose letter the user may download, or None.

    The secretariat, and the proposer or whoever may edit the proposal, when they may see it.
    """
    decision = (
        Decision.objects.select_related("submission", "committee")
        .filter(pk=pk, submission__isnull=False)
        .first()
    )
    if decision is None or not user.is_authenticated:
        return None
    visible = proposals_visible_to(user).filter(pk=decision.submission_id).exists()
    entitled = (
        user.has_perm("assessments.record_decision")
        or user.has_perm("usecases.edit_proposal", decision.submission)
        or decision.submission.created_by_id == user.pk
    )
    return decision if visible and entitled else None


def may_read_issued(user, document: IssuedDocument) -> bool:
    """Whether the user may read, now, what the document was issued from."""
    kind = IssuedDocument.Kind
    if document.kind == kind.PAPER and document.paper_id:
        try:
            paper_for_pdf(user, document.paper_id)
        except Paper.DoesNotExist:
            return False
        return True
    if document.kind == kind.MINUTES and document.meeting_id:
        return minutes_visible_to(user).filter(meeting=document.meeting_id).exists()
    if document.kind == kind.PACK and document.meeting_id:
        # A pack holds what its reader may see: the title is for that reader and the office.
        own = user.is_authenticated and document.issued_to_id == user.pk
        return meetings_visible_to(user).filter(pk=document.meeting_id).exists() and (
            own or is_office(user)
        )
    if document.kind == kind.DECISION_LETTER and document.decision_id:
        return decision_for_letter(user, document.decision_id) is not None
    return False


def check_upload(user, data: bytes) -> CheckResult:
    """Return what the portal can say to this user about an uploaded PDF.

    Genuine needs both: the portal's valid signature over the whole file, and its digest in
    the register. A row written into the register by someone with database access but not
    the signing key makes nothing genuine; the date shown is the one the signature covers.
    """
    signature = check_signature(data)  # in a process of its own, with limits
    if signature.verdict == Verdict.ALTERED:
        return CheckResult(Outcome.ALTERED)
    if signature.verdict != Verdict.VALID:
        return CheckResult(Outcome.NOT_ISSUED)
    digest = hashlib.sha256(data).hexdigest()
    document = IssuedDocument.objects.filter(sha256=digest).first()
    if document is None:
        return CheckResult(Outcome.SIGNED_NOT_RECORDED, issued_at=signature.signed_at)
    shown = _described(document) if may_read_issued(user, document) else {}
    return CheckResult(
        Outcome.GENUINE,
        issued_at=signature.signed_at or document.issued_at,
        classification=document.classification,
        **shown,
    )


def check_reference(user, reference: str) -> CheckResult:
    """Return what the portal can say to this user about a reference.

    Unknown references and references the user may not read get the same answer.
    """
    answers: dict[tuple, bool] = {}  # asked once for each thing the copies were issued from
    documents = []
    for document in IssuedDocument.objects.filter(reference__iexact=reference.strip()).order_by(
        "issued_at"
    )[:500]:
        source = (
            document.kind,
            document.paper_id,
            document.meeting_id,
            document.decision_id,
            document.issued_to_id if document.kind == IssuedDocument.Kind.PACK else None,
        )
        if source not in answers:
            answers[source] = may_read_issued(user, document)
        if answers[source]:
            documents.append(document)
    if not documents:
        return CheckResult(Outcome.NOT_CONFIRMED)
    first, last = documents[0], documents[-1]
    return CheckResult(
        Outcome.REFERENCE_FOUND,
        issued_at=first.issued_at,
        classification=last.classification,
        copies=len(documents),
        last_issued_at=last.issued_at,
        **_described(last),
    )


def _described(document: IssuedDocument) -> dict:
    return {
        "kind": document.get_kind_display(),
        "reference": document.reference,
        "title": document.title,
    }
