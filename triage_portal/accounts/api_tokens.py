"""Personal API tokens: made and revoked on the profile page, kept only as a hash."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from triage_portal.accounts.models import ApiToken
from triage_portal.audit.models import log_event

PREFIX = "ssc_"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(*, user, name: str) -> str:
    """Make a token for the user and return it; this is the only time it can be seen."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "API token", prefix=key[:8], key_hash=_hash(key)
    )
    log_event(
        "accounts.api_token.created", actor=user, data={"token": token.pk, "name": token.name}
    )
    return key


@transaction.atomic
def revoke_token(*, user, token_id: int) -> None:
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user, revoked_at=None)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_event(
        "accounts.api_token.revoked", actor=user, data={"token": token.pk, "name": token.name}
    )


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token ssc_…` for scripts; the browser uses its session instead."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        if not header.startswith(self.keyword + " "):
            return None
        key = header[len(self.keyword) + 1 :].strip()
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=_hash(key), revoked_at=None, user__is_active=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("The API token is not valid or was revoked.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token in the OpenAPI schema."""

    target_class = "triage_portal.accounts.api_tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token ssc_…`, made on your profile page.",
        }
