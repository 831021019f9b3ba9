from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "triage_portal.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from triage_portal.audit import admin_log  # noqa: F401 -- connects the admin receiver
