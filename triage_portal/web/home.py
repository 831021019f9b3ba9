"""The home page: a landing page for visitors and a page of their own for each audience.

Each app adds its part of an audience's page when it loads: a function user -> dict of
context. An audience is one of AUDIENCES; a signed-in user in none of them is sent to the
landing page an app registered (the proposals app: the list of the user's proposals).
"""

from collections.abc import Callable

from django.shortcuts import redirect, render

from triage_portal.accounts.enums import Role

SECRETARIAT = "secretariat"
COMMITTEE = "committee"
AUDIENCES = {SECRETARIAT: "home_secretariat.html", COMMITTEE: "home_committee.html"}

_parts: dict[str, list[Callable]] = {audience: [] for audience in AUDIENCES}
_landing: list[str] = []


def register_home_part(audience: str, part: Callable) -> None:
    """Add part (user -> dict of context) to the home page of an audience."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown home page audience {audience!r}; one of {sorted(AUDIENCES)}")
    if part not in _parts[audience]:
        _parts[audience].append(part)


def register_landing(url_name: str) -> None:
    """Send a signed-in user with no home page of their own to url_name."""
    _landing[:] = [url_name]


def audience_of(user) -> str | None:
    """Return which home page the user sees, or None when they have none of their own."""
    if user.role == Role.SECRETARIAT:
        return SECRETARIAT
    if user.is_committee:
        return COMMITTEE
    return None


def home_context(audience: str, user) -> dict:
    """Return the context every registered part gives the audience's page, refusing a clash."""
    context: dict = {}
    for part in _parts[audience]:
        given = part(user)
        clash = context.keys() & given.keys()
        if clash:
            raise ValueError(f"two home page parts both give {sorted(clash)}")
        context.update(given)
    return context


def home(request):
    user = request.user
    if not user.is_authenticated:
        return render(request, "home.html")
    audience = audience_of(user)
    if audience is None:
        return redirect(_landing[0])
    return render(request, AUDIENCES[audience], home_context(audience, user))
