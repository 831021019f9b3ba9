from django.apps import AppConfig


class TriagePortalConfig(AppConfig):
    name = "triage_portal"
    verbose_name = "SSC Triage Portal"
