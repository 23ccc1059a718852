from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("", views.feed_settings, name="feed_settings"),
    # The feed: the secret token is the only thing in the path (no names, no ids).
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
