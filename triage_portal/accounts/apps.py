from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "triage_portal.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"

    def ready(self):
        from triage_portal.accounts import signals  # noqa: F401 -- connects the audit receivers
