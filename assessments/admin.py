"""Committee reference data in the admin: committees and their rules, seats, members, interests.

Meetings, papers, votes and decisions change through the portal's pages and services (which
keep the audit log); the admin shows them read-only.
"""

from django.contrib import admin

from assessments.models import (
    Action,
    AgendaItem,
    Ballot,
    Committee,
    Decision,
    Interest,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Seat,
)
from triage_portal.admin_mixins import ReadOnlyAdmin


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "quorum_fraction",
        "chair_required",
        "majority_rule",
        "chair_casting_vote",
        "chair_alternate_casting_vote",
        "allow_correspondence",
        "correspondence_threshold",
        "paper_deadline_working_days",
    ]
    inlines = [SeatInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "seat",
        "alternate",
        "term_start",
        "term_end",
        "vetting_status",
        "vetting_expires_on",
    ]
    list_filter = ["seat__committee", "vetting_status"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person", "alternate"]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "nature", "declared_on"]
    search_fields = ["person__full_name", "organisation__name", "nature"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "committee", "number", "date", "status"]
    list_filter = ["committee", "status"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "meeting", "session", "classification"]


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "classification", "issued_at"]
    search_fields = ["reference", "title"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["question", "committee", "method", "status", "closes_at"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "outcome", "passed", "method", "decided_at"]
    search_fields = ["reference", "resolution"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "status", "approved_at"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "owner", "due_on", "status"]
