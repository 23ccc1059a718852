from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("settings/", views.preferences, name="preferences"),
    path("sent/", views.sent_log, name="sent_log"),
]
