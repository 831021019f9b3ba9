from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Committee assessments"

    def ready(self):
        from triage_portal.access import register_committee_check

        register_committee_check(holds_current_seat)

        from assessments.audit_checks import decisions_differing_from_log
        from triage_portal.audit.record_checks import register_record_check

        register_record_check(decisions_differing_from_log)


def holds_current_seat(user) -> bool:
    """Sit today, in term and vetted, on the committee that considers proposals (the SSC)."""
    from django.conf import settings
    from django.db.models import Q

    from assessments.models import Membership

    seats = Membership.objects.current().filter(
        seat__committee__code=settings.PORTAL_HOME_COMMITTEE
    )
    return seats.filter(Q(person=user) | Q(alternate=user)).exists()
