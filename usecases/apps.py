from django.apps import AppConfig


class UsecasesConfig(AppConfig):
    name = "usecases"
    verbose_name = "Proposals"

    def ready(self):
        from triage_portal.accounts.profile_sections import register_profile_section

        register_profile_section(your_data_section)


def your_data_section(user):
    """Links on the profile page to download everything the portal holds about the person."""
    return "usecases/your_data_section.html", {}
