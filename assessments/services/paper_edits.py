"""Editing a draft paper's content; issued papers change only through a new version."""

from django.db import transaction

from assessments.models import Paper, Recommendation
from usecases.errors import ActionRefused, require

EDITABLE = (
    "title",
    "author_name",
    "author_role",
    "action",
    "classification",
    "purpose",
    "background",
    "body",
    "next_steps",
)


@transaction.atomic
def edit_paper(*, paper_id: int, user, recommendations: list[tuple[str, str]], **fields) -> Paper:
    """Save a draft paper's fields and recommendations; log old and new values of each change."""
    require(user, "assessments.issue_paper")
    paper = Paper.objects.select_for_update().get(pk=paper_id)
    if paper.is_issued:
        raise ActionRefused(f"Paper {paper.reference} is issued and cannot be changed.")
    changes = {}
    for name in EDITABLE:
        if name in fields and getattr(paper, name) != fields[name]:
            changes[name] = {"old": getattr(paper, name), "new": fields[name]}
            setattr(paper, name, fields[name])
    if changes:
        paper.save(update_fields=list(changes))
    old_recommendations = [(r.verb, r.text) for r in paper.recommendations.all()]
    if old_recommendations != list(recommendations):
        paper.recommendations.all().delete()
        Recommendation.objects.bulk_create(
            Recommendation(paper=paper, position=n, verb=verb, text=text)
            for n, (verb, text) in enumerate(recommendations, start=1)
        )
        changes["recommendations"] = {"old": old_recommendations, "new": list(recommendations)}
    if changes:
        paper.log_action("assessments.paper.edited", actor=user, data={"changes": changes})
    return paper
