"""Make and revoke personal API tokens (from the profile page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from triage_portal.accounts import api_tokens
from triage_portal.accounts.models import ApiToken


@login_required
@require_POST
def token_create(request):
    name = (request.POST.get("name") or "").strip()
    if not name:
        messages.error(request, "Enter a name for the token, so you know later what uses it.")
        return redirect("/accounts/profile/#api-tokens")
    key = api_tokens.create_token(user=request.user, name=name)
    return render(request, "accounts/api_token_created.html", {"key": key, "name": name[:100]})


@login_required
@require_POST
def token_revoke(request, pk: int):
    try:
        api_tokens.revoke_token(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist as error:
        raise Http404 from error
    messages.success(request, "The token is revoked. Anything using it can no longer sign in.")
    return redirect("/accounts/profile/#api-tokens")
