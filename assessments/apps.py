from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Committee assessments"

    def ready(self):
        from triage_portal.access import register_committee_check, register_named_reader

        register_committee_check(holds_current_seat)
        register_named_reader(named_on_a_proposals_item)

        from django.db.models.signals import post_delete, post_save

        from assessments import audit_checks, membership_log
        from assessments.models import Membership
        from triage_portal.audit.record_checks import register_record_check

        register_record_check(audit_checks.decisions_differing_from_log)
        register_record_check(audit_checks.votes_differing_from_log)
        register_record_check(audit_checks.memberships_differing_from_log)
        post_save.connect(membership_log.log_membership_saved, sender=Membership)
        post_delete.connect(membership_log.log_membership_deleted, sender=Membership)

        from usecases.presentation.next_steps import register_consideration_finder

        register_consideration_finder(scheduled_consideration)

        from assessments.proposal_events import proposal_committee_events
        from usecases.presentation.timeline import register_committee_events

        register_committee_events(proposal_committee_events)

        from assessments.services.proposal_levels import raise_business_of_proposal
        from usecases.workflow.classification import register_classification_follower

        register_classification_follower(raise_business_of_proposal)

        from assessments.calendar import profile_section
        from triage_portal.accounts.profile_sections import register_profile_section

        register_profile_section(profile_section)

        _contribute_to_web()


def _contribute_to_web():
    """Add the committees' parts to the home page and their routes to the API."""
    from assessments.api.views import DecisionViewSet, MeetingViewSet, PaperViewSet
    from assessments.dashboards import member_home
    from assessments.dashboards import secretariat_home as meetings_home
    from triage_portal.web import home
    from triage_portal.web.api import register_api_route

    home.register_home_part(home.SECRETARIAT, meetings_home)
    home.register_home_part(home.COMMITTEE, member_home)
    register_api_route("meetings", MeetingViewSet, basename="meeting")
    register_api_route("papers", PaperViewSet, basename="paper")
    register_api_route("decisions", DecisionViewSet, basename="decision")


def holds_current_seat(user) -> bool:
    """Sit today, in term and vetted, on the committee that considers proposals (the SSC)."""
    from django.conf import settings

    from assessments.selectors import seats_of

    return settings.PORTAL_HOME_COMMITTEE in seats_of(user).committee_codes


def named_on_a_proposals_item(user):
    """The proposals with an agenda item that names the user, on a committee they sit on today:
    the RED rule (assessments.selectors.named_on), asked of the proposal's own page.

    As subqueries: asked on every proposal page, it adds no query of its own.
    """
    from django.db.models import Exists, OuterRef, Q

    from assessments.models import AgendaItem, Membership

    seated = Membership.objects.held_by(user).filter(
        seat__committee=OuterRef("agendaitem__meeting__committee_id")
    )
    named = AgendaItem.invitees.through.objects.filter(
        Exists(seated), user=user, agendaitem__submission=OuterRef("pk")
    )
    return Q(Exists(named))


def scheduled_consideration(submission):
    """The next planned meeting with this proposal on its agenda, for "what happens next"."""
    from django.utils import timezone

    from assessments.models import AgendaItem
    from assessments.proposal_events import consideration_at

    item = (
        AgendaItem.objects.filter(
            submission=submission,
            meeting__status="PLANNED",
            meeting__date__gte=timezone.localdate(),
        )
        .select_related("meeting__committee", "paper")
        .order_by("meeting__date", "number")
        .first()
    )
    return None if item is None else consideration_at(item)
