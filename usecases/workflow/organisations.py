"""Filing proposals under the organisation their creator belongs to, once that is verified."""

from django.db import transaction

from usecases.models import Submission


@transaction.atomic
def file_proposals_under_organisation(*, user, actor=None) -> int:
    """File the proposals a person started, and kept to themselves, under their organisation.

    Called when the secretariat verifies the person's membership: until then a claim made at
    sign-up shares nothing with the organisation's people. Each proposal filed is logged.
    Return how many were filed.
    """
    if not (user.organisation_verified and user.organisation_id):
        return 0
    proposals = Submission.objects.select_for_update().filter(
        created_by=user, organisation__isnull=True
    )
    filed = 0
    for submission in proposals:
        submission.organisation_id = user.organisation_id
        submission.save(update_fields=["organisation"])
        submission.log_action(
            "usecases.proposal.filed_under_organisation",
            actor=actor,
            data={"organisation": user.organisation_id, "creator": user.pk},
        )
        filed += 1
    return filed


def file_on_verification(sender, *, user, actor=None, **kwargs) -> None:
    """Receive accounts' organisation_verified signal."""
    file_proposals_under_organisation(user=user, actor=actor)
