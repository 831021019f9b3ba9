from django.conf import settings


def portal(request):
    """Add portal-wide template values."""
    return {"show_demo_banner": settings.PORTAL_SHOW_DEMO_BANNER}
