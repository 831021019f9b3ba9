"""Make and revoke personal API tokens (from the profile page)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from triage_portal.accounts import api_tokens
from triage_portal.accounts.models import ApiToken


class TokenNameForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter a name for the token, so you know later what uses it",
            "max_length": "Keep the name to 100 characters or fewer",
        },
    )


@login_required
@require_POST
def token_create(request):
    form = TokenNameForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, f"{errors[0]}.")
        return redirect("/accounts/profile/#api-tokens")
    name = form.cleaned_data["name"]
    key = api_tokens.create_token(user=request.user, name=name)
    return render(request, "accounts/api_token_created.html", {"key": key, "name": name})


@login_required
@require_POST
def token_revoke(request, pk: int):
    try:
        api_tokens.revoke_token(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist as error:
        raise Http404 from error
    messages.success(request, "The token is revoked. Anything using it can no longer sign in.")
    return redirect("/accounts/profile/#api-tokens")
