from django.contrib import admin

from .models import Reminder, ReminderPreference, SentReminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Read-only: rows are planned and sent by the services, never edited by hand."""

    list_display = ["pk", "kind", "operator", "recipient", "event_on", "due_at", "sent_at"]
    list_filter = ["kind", "sent_at"]
    list_select_related = ["operator", "recipient"]
    date_hierarchy = "due_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["message_id", "reminder", "sent_at"]
    list_select_related = ["reminder"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "delivery", "language", "updated_at"]
    list_select_related = ["user"]
