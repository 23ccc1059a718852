from django.urls import path

from . import views
from .privacy import views as privacy_views

app_name = "stewardship"

urlpatterns = [
    path("privacy/retention/", views.retention, name="retention"),
    path("privacy/retention/preview/", views.retention_preview, name="retention_preview"),
    # The candidate's rights; URLs carry the candidate's id only.
    path(
        "candidates/<int:pk>/privacy/export.json",
        privacy_views.subject_export_json,
        name="subject_export_json",
    ),
    path(
        "candidates/<int:pk>/privacy/export.pdf",
        privacy_views.subject_export_pdf_view,
        name="subject_export_pdf",
    ),
    path("candidates/<int:pk>/privacy/erase/", privacy_views.candidate_erase_view, name="erase"),
    path(
        "candidates/<int:pk>/privacy/legal-hold/",
        privacy_views.candidate_legal_hold,
        name="legal_hold",
    ),
]
