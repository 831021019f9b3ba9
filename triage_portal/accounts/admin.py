from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from triage_portal.accounts.models import Organisation, User
from triage_portal.accounts.services import record_organisation_verified


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "is_sec_party", "party_category", "org_type"]
    list_filter = ["is_sec_party", "party_category", "org_type"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = [
        "full_name",
        "email",
        "role",
        "organisation",
        "organisation_verified",
        "is_active",
    ]
    list_filter = ["role", "organisation_verified", "is_active", "is_staff"]
    search_fields = ["full_name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Person",
            {
                "fields": (
                    "full_name",
                    "phone",
                    "job_title",
                    "organisation",
                    "organisation_verified",
                    "role",
                )
            },
        ),
        (
            "Status",
            {"fields": ("is_active", "email_confirmed_at", "is_staff", "is_superuser", "groups")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    # Only a superuser hands out the admin itself or its permissions: the secretariat manages
    # people, not who may manage them.
    privileges = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        """Return the fields the user may not change: the privilege fields for all but superusers."""
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else fields + self.privileges

    def save_model(self, request, obj, form, change):
        """Save, then record a newly verified organisation through the accounts service."""
        super().save_model(request, obj, form, change)
        if {"organisation", "organisation_verified"} & set(form.changed_data):
            record_organisation_verified(actor=request.user, user=obj)

    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "password1", "password2"),
            },
        ),
    )
