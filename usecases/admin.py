from django.contrib import admin

from triage_portal.admin_mixins import ReadOnlyAdmin
from usecases.models import BankHoliday, DeviceType, DnoArea, Notification, SCDocument, Submission


@admin.register(DeviceType)
class DeviceTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "cpa_certified", "position"]


@admin.register(SCDocument)
class SCDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "published_on"]


@admin.register(DnoArea)
class DnoAreaAdmin(admin.ModelAdmin):
    list_display = ["area_id", "letter", "name", "licensee"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    """Read-only: proposals change only through the workflow services, which keep the audit log."""

    list_display = ["__str__", "kind", "state", "classification", "organisation", "submitted_at"]
    list_filter = ["kind", "state", "classification"]
    search_fields = ["use_case_title", "sc_mod_title", "proposer_name", "reference"]


@admin.register(BankHoliday)
class BankHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["queued_at", "event", "recipient", "subject", "submission"]
    list_filter = ["event"]
    search_fields = ["recipient", "subject"]
