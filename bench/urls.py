"""The app's URLs plus a stock Django admin of the listed models, for the benchmark only.

Springbrett keeps candidates, placements and notes out of the real admin on purpose (site admins
manage operators and accounts, not personal data). The comparison with "what the admin would
cost" therefore uses this separate admin site, mounted only in the benchmark process.
"""

import functools
from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from candidates.models import Candidate
from config.urls import urlpatterns as app_urlpatterns
from mentors.models import FollowUpNote
from placements.models import Placement
from programs.models import Programme

if TYPE_CHECKING:
    from django.template.backends.base import _EngineTemplate

site = admin.AdminSite(name="bench_admin")


@admin.register(Candidate, site=site)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "nationality", "profession", "status"]
    list_select_related = ["profession"]
    list_filter = ["status"]


@admin.register(Placement, site=site)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["candidate", "host_unit", "programme", "starts_on", "supervisor", "status"]
    list_select_related = ["candidate", "host_unit", "programme", "supervisor"]
    list_filter = ["status"]


@admin.register(FollowUpNote, site=site)
class FollowUpNoteAdmin(admin.ModelAdmin):
    list_display = ["written_on", "kind", "author", "placement"]
    list_select_related = ["author", "placement"]
    list_filter = ["kind"]

    def lookup_allowed(self, lookup, value, request=None):  # type: ignore[no-untyped-def]
        # One candidate's notes, like the timeline (a list_filter on candidate would load all).
        return lookup == "candidate__id__exact" or super().lookup_allowed(lookup, value, request)


@admin.register(Programme, site=site)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "operator", "starts_on"]
    list_select_related = ["operator"]
    list_filter = ["kind"]


@functools.cache
def _layout_template() -> "_EngineTemplate":
    """The layout alone: the same middleware, header, navigation and footer as every page, an
    empty content block and no query of its own. Compiled once, as the loader keeps a page's."""
    return engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}{% endblock content %}'
    )


def layout_only(request: HttpRequest) -> HttpResponse:
    """What a page costs before it shows anything."""
    return HttpResponse(_layout_template().render({}, request))


urlpatterns = [
    *app_urlpatterns,
    path("bench-admin/", site.urls),
    path("bench-layout/", layout_only, name="bench_layout"),
]
