"""Read-only admin views for site admins. Documents change only through the services (and an
issued one never changes), so nothing here can add, edit or delete them."""

from django.contrib import admin

from .models import BatchJob, Document, DownloadLink, Letterhead


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Letterhead)
class LetterheadAdmin(ReadOnlyAdmin):
    list_display = ["operator", "name", "place", "updated_at"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "operator", "kind", "language", "version", "status", "issued_on"]
    list_filter = ["status", "kind", "language"]
    list_select_related = ["operator"]
    # Ids and codes only: names and free text stay in the application, behind its access log.
    fields = [
        "operator",
        "placement",
        "kind",
        "language",
        "status",
        "version",
        "previous",
        "created_at",
        "approved_at",
        "issued_at",
        "issued_on",
        "superseded_at",
        "verification_code",
        "sha256",
        "filename",
    ]
    search_fields = ["=verification_code", "=sha256"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")


@admin.register(BatchJob)
class BatchJobAdmin(ReadOnlyAdmin):
    list_display = ["pk", "operator", "cohort", "status", "done", "failed", "total", "created_at"]
    list_select_related = ["operator", "cohort"]
    exclude = ["documents"]


@admin.register(DownloadLink)
class DownloadLinkAdmin(ReadOnlyAdmin):
    list_display = ["pk", "document_id", "created_at", "expires_at", "used_at"]
    exclude = ["token_hash"]
