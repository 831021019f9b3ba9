from django.apps import AppConfig
from django.core import checks


def signing_key_check(app_configs, **kwargs) -> list[checks.Error]:
    """Refuse a signing key that cannot be read or does not match its certificate."""
    from triage_portal.signing import configuration_problems

    return [
        checks.Error(problem, hint="See README.md, Signed documents", id="triage_portal.E001")
        for problem in configuration_problems()
    ]


class TriagePortalConfig(AppConfig):
    name = "triage_portal"
    verbose_name = "SSC Triage Portal"

    def ready(self):
        checks.register(signing_key_check, checks.Tags.security)
        from triage_portal.observability import start_sentry

        start_sentry()
