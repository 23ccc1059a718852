from django.contrib import admin

from mentors.models import MentorProfile
from programs.models import JobOpening

from .models import MatchDecision, MatchWeights


@admin.register(JobOpening)
class JobOpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "employer", "programme", "status", "starts_on"]
    list_filter = ["status"]
    raw_id_fields = ["programme", "employer", "occupation", "work_municipality"]


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["mentor", "operator", "max_mentees", "available_from"]
    raw_id_fields = ["mentor", "operator", "occupation"]


@admin.register(MatchWeights)
class MatchWeightsAdmin(admin.ModelAdmin):
    list_display = ["programme", "updated_at"]


@admin.register(MatchDecision)
class MatchDecisionAdmin(admin.ModelAdmin):
    list_display = ["candidate_id", "kind", "score", "decided_by", "decided_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in MatchDecision._meta.fields]
