"""Django's model backend, reading the signed-in user with their organisation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalModelBackend(ModelBackend):
    """Every page's header names the user's organisation: read it with the user, in the one
    query the session's user costs anyway, rather than in a query of its own on every page."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("organisation")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
