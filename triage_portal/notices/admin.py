from django.contrib import admin

from triage_portal.notices.models import EmailTemplate


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "subject"]
    search_fields = ["key", "subject", "body"]
