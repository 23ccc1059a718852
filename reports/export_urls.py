"""The placement report and the funder report with their downloads. Included at /reports/."""

from django.urls import path

from . import export_views as views

app_name = "reports"

urlpatterns = [
    path("placements/", views.placement_report, name="placements"),
    path("placements/csv/", views.placement_report_csv, name="placements_csv"),
    path("placements/xlsx/", views.placement_report_xlsx, name="placements_xlsx"),
    path("placements/pdf/", views.placement_report_pdf, name="placements_pdf"),
    path("exports/", views.export_job_create, name="export_job_create"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/download/", views.export_job_download, name="export_job_download"),
    path("funder/<int:pk>/", views.funder_report, name="funder"),
    path("funder/<int:pk>/xlsx/", views.funder_report_xlsx, name="funder_xlsx"),
    path("funder/<int:pk>/pdf/", views.funder_report_pdf, name="funder_pdf"),
]
