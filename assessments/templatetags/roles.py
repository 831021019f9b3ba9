"""A person's role as the portal names it, with the committee a member sits on."""

from django import template

from assessments.selectors import seats_of
from triage_portal.accounts.enums import Role

register = template.Library()


@register.filter
def role_label(user) -> str:
    """Return the user's role; a member with no SSC seat is named by the committees they sit on.

    The role "SSC member" is the portal's for any committee member; someone who holds only a
    TABASC seat reads as a "TABASC member".
    """
    if user.role != Role.SSC_MEMBER:
        return user.get_role_display()
    codes = seats_of(user).committee_codes
    if not codes or "SSC" in codes:
        return user.get_role_display()
    return f"{' and '.join(codes)} member"
