from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Committee assessments"

    def ready(self):
        from triage_portal.access import register_committee_check

        register_committee_check(holds_current_seat)


def holds_current_seat(user) -> bool:
    from django.db.models import Q

    from assessments.models import Membership

    return Membership.objects.current().filter(Q(person=user) | Q(alternate=user)).exists()
