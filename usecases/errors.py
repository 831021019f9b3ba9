"""Errors that services raise and views turn into messages, and the one permission check."""


class ActionRefused(Exception):
    """The user may not take this action on this proposal now; the message says why."""


def require(user, permission: str, obj=None) -> None:
    """Refuse unless the user holds the permission (on obj, when given).

    Shared by the proposal workflow and the committee services: the same permission string
    guards the button (templates, rules) and the service.
    """
    if user.has_perm(permission, obj):
        return
    if obj is None:
        raise ActionRefused("You cannot do that.")
    raise ActionRefused(f"You cannot do that to this {obj._meta.verbose_name}.")
