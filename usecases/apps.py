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

        _contribute_to_web()

        register_profile_section(your_data_section)
        register_record_check(proposals_differing_from_log)
        post_migrate.connect(ensure_search_index, sender=self)
        organisation_verified.connect(file_on_verification, dispatch_uid="usecases.file")


def _contribute_to_web():
    """Add the proposals' parts to the home page and their routes to the API."""
    from triage_portal.web import home
    from triage_portal.web.api import register_api_route
    from usecases.api.views import RegisterViewSet, SubmissionViewSet
    from usecases.selectors.dashboard import committee_home, secretariat_home

    home.register_home_part(home.SECRETARIAT, secretariat_home)
    home.register_home_part(home.COMMITTEE, committee_home)
    home.register_landing("usecases:proposal-list")
    register_api_route("submissions", SubmissionViewSet, basename="submission")
    register_api_route("registers", RegisterViewSet, basename="register")


def your_data_section(user):
    """Links on the profile page to download everything the portal holds about the person."""
    return "usecases/your_data_section.html", {}
