from django.urls import path

from . import views

app_name = "stewardship"

urlpatterns = [
    path("privacy/retention/", views.retention, name="retention"),
    path("privacy/retention/preview/", views.retention_preview, name="retention_preview"),
]
