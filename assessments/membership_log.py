"""Log every membership as it is saved or deleted, with its seat, term and vetting.

Memberships change in the admin (whose own entry names only the fields changed), in the demo
and in tests, never through a service; so the values are logged here, on every save through
Django, for `verify_audit` to replay against the table. A change made in the database directly
logs nothing, and is named by verify_audit.
"""

from assessments.audit_checks import membership_values


def log_membership_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:  # loading a backup or a fixture: the log is loaded with it
        return
    instance.log_action(
        "assessments.membership.saved",
        data={"created": created, **membership_values(instance)},
    )


def log_membership_deleted(sender, instance, **kwargs) -> None:
    instance.log_action("assessments.membership.deleted", data=membership_values(instance))


def log_unlogged_memberships() -> int:
    """Log the current values of every membership the log holds none for; return how many."""
    from django.contrib.contenttypes.models import ContentType

    from assessments.models import Membership
    from triage_portal.audit.models import ActivityLog

    logged = set(
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Membership),
            action__startswith="assessments.membership.",
        ).values_list("object_id", flat=True)
    )
    count = 0
    for membership in Membership.objects.order_by("pk"):
        if str(membership.pk) not in logged:
            membership.log_action(
                "assessments.membership.recorded", data=membership_values(membership)
            )
            count += 1
    return count
