from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "triage_portal.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"
