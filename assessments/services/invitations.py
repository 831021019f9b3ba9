"""Invitations to closed-session items: who is named on a RED item (domain.md §5).

A RED item is read only by the secretariat and the people named on its invitation who hold a
current, vetted seat on its committee (assessments.selectors.named_on). Attending the meeting
is not an invitation.
"""

from collections.abc import Iterable

from django.db import transaction

from assessments.closed_session import invitation_list
from assessments.enums import Session
from assessments.models import AgendaItem
from triage_portal.accounts.models import User
from usecases.errors import ActionRefused, require

# The view that shows the invitation page and the service that changes it ask the same rule.
INVITE_PERMISSION = "assessments.invite_to_item"


@transaction.atomic
def set_invitees(*, user, item_id: int, people: Iterable[int]) -> AgendaItem:
    """Name exactly these people on the closed-session item's invitation.

    Someone newly named must hold a current, vetted seat on the item's committee (as member,
    alternate or observer); someone named earlier whose seat has since lapsed may stay named,
    and reads nothing until seated again.

    Side effects: adds and removes the item's invitees; logs the old and new lists and who was
    added and removed ("assessments.item.invitations_changed"), which also lets go of every
    page and figure kept for the old list.
    """
    require(user, INVITE_PERMISSION)
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item_id)
    if item.session != Session.CLOSED:
        raise ActionRefused(
            "Only closed-session items have invitations: "
            "an open item is read by the whole committee."
        )
    chosen = set(people)
    listed = {row.pk: row for row in invitation_list(item)}
    old = {pk for pk, row in listed.items() if row.invited}
    added, removed = chosen - old, old - chosen
    names = dict(User.objects.filter(pk__in=added | removed).values_list("pk", "full_name"))
    unseated = sorted(
        names.get(pk, "someone unknown")
        for pk in added
        if pk not in listed or not listed[pk].seated
    )
    if unseated:
        raise ActionRefused(
            f"{', '.join(unseated)} cannot be invited: only people with a current, vetted seat "
            f"on {item.meeting.committee.code} can be named on a closed-session item."
        )
    if not added and not removed:
        return item
    item.invitees.add(*added)
    item.invitees.remove(*removed)
    item.log_action(
        "assessments.item.invitations_changed",
        actor=user,
        data={
            "changes": {"invitees": {"old": sorted(old), "new": sorted(chosen)}},
            "added": sorted(names[pk] for pk in added),
            "removed": sorted(names[pk] for pk in removed),
        },
    )
    return item
