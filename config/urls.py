from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Springbrett"

urlpatterns = [
    path("", include("workday.urls")),
    path("", include("core.urls")),
    path("accounts/", include("core.account_urls")),
    path("", include("stewardship.urls")),
    path("", include("programs.urls")),
    path("candidates/", include("candidates.urls")),
    path("placements/", include("placements.urls")),
    path("follow-up/", include("mentors.urls")),
    path("events/", include("mentors.event_urls")),
    path("reminders/", include("reminders.urls")),
    path("documents/", include("reports.urls")),
    path("reports/", include("reports.export_urls")),
    path("dashboards/", include("reports.dashboard_urls")),
    path("calendar/", include("calendars.urls")),
    path("matching/", include("matching.urls")),
    path("my-page/", include("portal.urls")),
    path("host/", include("hostportal.urls")),
    path("host-submissions/", include("hostportal.review_urls")),
    path("admin/", admin.site.urls),
]
