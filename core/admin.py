from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEntry, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["operator"]


@admin.register(User)
class SpringbrettUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_operator", "operator", "org_number"]
    list_filter = ["kind", "is_operator"]
    search_fields = ["name", "org_number"]
    list_select_related = ["operator"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "operator", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__email", "operator__name"]
    list_select_related = ["user", "operator"]
    autocomplete_fields = ["user", "operator", "partner_organisation"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only."""

    list_display = ["at", "action", "object_type", "object_id", "actor", "operator"]
    list_filter = ["action"]
    list_select_related = ["actor", "operator"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
