"""Papers and agenda items follow their proposal's level up: never less strict than it."""

from django.db import transaction

from assessments.enums import AnnexKind, Session
from assessments.models import AgendaItem, Paper
from triage_portal.classification import STRICTNESS, Classification, named_only


def _stricter(level: str, than: str) -> bool:
    return STRICTNESS[Classification(level)] > STRICTNESS[Classification(than)]


@transaction.atomic
def raise_business_of_proposal(*, submission, user, level: str) -> None:
    """Raise the proposal's agenda items, papers and form annexes to at least its new level.

    A paper is at least as strict as its annexes, and its page names the proposal, so a
    proposal raised to AMBER or RED takes its papers with it; a RED item moves to the closed
    session. Nothing is lowered: lowering a paper is the secretariat's own decision.
    Side effects: each row raised is saved and logged with its previous and new level.
    """
    note = {"new": level, "because": f"proposal {submission.reference or submission.pk} raised"}
    items = AgendaItem.objects.select_for_update().filter(submission=submission)
    for item in items:
        if _stricter(level, item.classification):
            previous, item.classification = item.classification, level
            if named_only(level):
                item.session = Session.CLOSED
            item.save(update_fields=["classification", "session"])
            item.log_action(
                "assessments.agenda_item.classification_raised",
                actor=user,
                data={**note, "previous": previous, "session": item.session},
            )
    for paper in Paper.objects.select_for_update().filter(agenda_item__submission=submission):
        previous = paper.classification
        annexes = [
            annex
            for annex in paper.annexes.filter(kind=AnnexKind.PROPOSAL_FORM)
            if _stricter(level, annex.classification)
        ]
        for annex in annexes:
            annex.classification = level
            annex.save(update_fields=["classification"])
        if _stricter(level, previous):
            paper.classification = level
            paper.save(update_fields=["classification"])
        if annexes or paper.classification != previous:
            paper.log_action(
                "assessments.paper.classification_raised",
                actor=user,
                data={
                    **note,
                    "previous": previous,
                    "reference": paper.reference,
                    "annexes_raised": [annex.position for annex in annexes],
                },
            )
