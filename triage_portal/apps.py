from django.apps import AppConfig


class TriagePortalConfig(AppConfig):
    name = "triage_portal"
    verbose_name = "SSC Triage Portal"

    def ready(self):
        from triage_portal.observability import start_sentry

        start_sentry()
