"""Django's model backend, reading the signed-in user with their organisation, and leaving the
portal's own permissions to their rules."""

import functools

import rules
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


@functools.cache
def model_permissions() -> frozenset[str]:
    """Every permission Django keeps in the database: the admin's, model by model."""
    names = set()
    for model in apps.get_models():
        meta = model._meta
        names.update(
            f"{meta.app_label}.{action}_{meta.model_name}" for action in meta.default_permissions
        )
        names.update(f"{meta.app_label}.{code}" for code, _ in meta.permissions)
    return frozenset(names)


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        """Every page's header names the user's organisation: read it with the user, in the
        query the session's user costs anyway, rather than in a query of its own."""
        users = get_user_model()._default_manager.select_related("organisation")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        """A permission only the rules define is theirs to decide (the rules backend, before
        this one). Asked here as well, it cost two queries of the database's permission tables
        on every page whose header checks one for someone the rules refuse."""
        if rules.perm_exists(perm) and perm not in model_permissions():
            return False
        return super().has_perm(user_obj, perm, obj)
