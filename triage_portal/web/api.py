"""The API's root: one router that each app fills with its routes when it loads."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()


def register_api_route(prefix: str, viewset, basename: str) -> None:
    """Serve viewset under /api/<prefix>/ (idempotent, so a second ready() changes nothing)."""
    if any(registered == prefix for registered, _viewset, _basename in router.registry):
        return
    router.register(prefix, viewset, basename=basename)
