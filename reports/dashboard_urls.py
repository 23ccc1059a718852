"""Dashboards, included at /dashboards/. The wall of fame and the API are public (the API checks
its bearer token itself)."""

from django.urls import path

from . import dashboard_views as views

app_name = "dashboards"

urlpatterns = [
    path("programme/<int:pk>/", views.programme, name="programme"),
    path("wall/<int:pk>/", views.wall_of_fame, name="wall_of_fame"),
    path("api/", views.api_docs, name="api_docs"),
    path("api/token/", views.api_token, name="api_token"),
    path("api/programme/<int:pk>/", views.api_programme, name="api_programme"),
]
