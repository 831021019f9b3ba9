from django.contrib import admin

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
class SubmissionAdmin(admin.ModelAdmin):
    """Read-only: proposals change only through the workflow services, which keep the audit log."""

    list_display = ["__str__", "kind", "state", "classification", "organisation", "submitted_at"]
    list_filter = ["kind", "state", "classification"]
    search_fields = ["use_case_title", "sc_mod_title", "proposer_name", "reference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BankHoliday)
class BankHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["queued_at", "event", "recipient", "subject", "submission"]
    list_filter = ["event"]
    search_fields = ["recipient", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
