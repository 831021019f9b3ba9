"""Errors and small helpers shared by the committee services."""

from usecases.errors import ActionRefused


class LatePaper(ActionRefused):
    """The paper would be issued after the committee's deadline; the caller must confirm."""


def require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise ActionRefused("You cannot do that.")
