"""Hold a password-only session at the second-factor step until a code is given."""

from django.shortcuts import redirect
from django.urls import reverse

from triage_portal.accounts.two_factor import has_two_factor, needs_verification

OPEN_PATH_PREFIXES = ("/static/", "/healthz", "/readyz")


class TwoFactorRequiredMiddleware:
    """After OTPMiddleware: a signed-in user who owes a code may only reach the 2FA pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and needs_verification(request) and not self._open(request.path):
            step = (
                "accounts:two-factor-verify"
                if has_two_factor(user)
                else "accounts:two-factor-setup"
            )
            return redirect(
                f"{reverse(step)}?next={request.get_full_path()}"
                if request.method == "GET"
                else reverse(step)
            )
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        allowed = (
            reverse("accounts:two-factor-verify"),
            reverse("accounts:two-factor-setup"),
            reverse("accounts:logout"),
        )
        return path in allowed or path.startswith(OPEN_PATH_PREFIXES)
