"""Pages for two-factor sign-in: set up an authenticator, give a code, manage backup codes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from triage_portal.accounts import two_factor

CODES_SESSION_KEY = "two_factor_new_backup_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )


def _next_url(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if request.user.is_verified() or not two_factor.has_two_factor(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.verify(request, form.cleaned_data["code"])
        except two_factor.TwoFactorError as error:
            form.add_error("code", str(error))
        else:
            left = two_factor.backup_codes_left(request.user)
            if left <= 3:
                messages.warning(
                    request,
                    f"You have {left} backup codes left. Make new ones on your profile page.",
                )
            return redirect(_next_url(request))
    return render(
        request, "accounts/two_factor/verify.html", {"form": form, "next": _next_url(request)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up (or replace) the authenticator app. Replacing one needs a verified session."""
    if two_factor.has_two_factor(request.user) and not request.user.is_verified():
        return redirect("accounts:two-factor-verify")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_enrolment(request, form.cleaned_data["code"])
        except two_factor.TwoFactorError as error:
            form.add_error("code", str(error))
        else:
            request.session[CODES_SESSION_KEY] = codes
            return redirect(
                f"{reverse('accounts:two-factor-backup-codes')}?next={_next_url(request)}"
            )
    enrolment = two_factor.start_enrolment(request.user)
    return render(
        request,
        "accounts/two_factor/setup.html",
        {
            "form": form,
            "enrolment": enrolment,
            "required": two_factor.must_use_two_factor(request.user),
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """Show new backup codes once; POST makes a new set (the old ones stop working)."""
    if not request.user.is_verified():
        return redirect("accounts:profile")
    if request.method == "POST":
        request.session[CODES_SESSION_KEY] = two_factor.new_backup_codes(request.user)
        return redirect("accounts:two-factor-backup-codes")
    codes = request.session.pop(CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/two_factor/backup_codes.html",
        {"codes": codes, "next": _next_url(request, default="accounts:profile")},
    )


@login_required
@require_POST
def turn_off(request):
    if not request.user.is_verified():
        return redirect("accounts:profile")
    try:
        two_factor.turn_off(request.user)
    except two_factor.TwoFactorError as error:
        messages.error(request, str(error))
    else:
        two_factor.note_enrolment(request, request.user)
        messages.success(request, "Two-factor sign-in is off for your account.")
    return redirect("accounts:profile")
