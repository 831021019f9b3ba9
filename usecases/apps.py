from django.apps import AppConfig


class UsecasesConfig(AppConfig):
    name = "usecases"
    verbose_name = "Proposals"

    def ready(self):
        from django.db.models.signals import post_migrate

        from triage_portal.accounts.profile_sections import register_profile_section
        from triage_portal.accounts.signals import organisation_verified
        from triage_portal.audit.record_checks import register_record_check
        from usecases.selectors.audit_checks import proposals_differing_from_log
        from usecases.selectors.search_index import ensure_search_index
        from usecases.workflow.organisations import file_on_verification

        register_profile_section(your_data_section)
        register_record_check(proposals_differing_from_log)
        post_migrate.connect(ensure_search_index, sender=self)
        organisation_verified.connect(file_on_verification, dispatch_uid="usecases.file")


def your_data_section(user):
    """Links on the profile page to download everything the portal holds about the person."""
    return "usecases/your_data_section.html", {}
