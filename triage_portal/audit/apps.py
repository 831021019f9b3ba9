from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "triage_portal.audit"
    label = "audit"
    verbose_name = "Audit trail"
