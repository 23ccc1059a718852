"""Site admins manage the plans and forms; notes and answers are personal data and stay out."""

from django.contrib import admin

from .models import EvaluationQuestion, EvaluationTemplate, MilestoneTemplate


class EvaluationQuestionInline(admin.TabularInline):
    model = EvaluationQuestion
    extra = 0
    fields = ["order", "text", "text_en", "kind"]


@admin.register(EvaluationTemplate)
class EvaluationTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "operator"]
    list_filter = ["operator"]
    list_select_related = ["operator"]
    search_fields = ["name"]
    inlines = [EvaluationQuestionInline]


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(admin.ModelAdmin):
    """Read-only here: changes go through the milestone plan page, which re-dates placements."""

    list_display = ["__str__", "programme", "kind", "anchor", "offset_days", "repeat_every_days"]
    list_filter = ["kind", "anchor"]
    list_select_related = ["programme"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
