from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "triage_portal.notices"
    label = "notices"
    verbose_name = "E-mail templates"
