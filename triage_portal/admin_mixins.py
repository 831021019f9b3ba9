from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show records that only the portal's services may change (they keep the audit log)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
