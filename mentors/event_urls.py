"""Events: inspiration meetings, conferences and language training, with attendance."""

from django.urls import path

from . import event_views

app_name = "events"

urlpatterns = [
    path("", event_views.event_list, name="list"),
    path("new/", event_views.event_create, name="create"),
    path("<int:pk>/", event_views.event_detail, name="detail"),
    path("<int:pk>/edit/", event_views.event_edit, name="edit"),
    path("<int:pk>/invite/", event_views.event_invite, name="invite"),
    path("attendance/<int:pk>/", event_views.attendance_mark, name="attendance"),
]
