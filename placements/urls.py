from django.urls import include, path

from . import views

app_name = "placements"

urlpatterns = [
    path("", views.placement_list, name="list"),
    path("new/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/edit/", views.placement_edit, name="edit"),
    path("<int:pk>/start/", views.placement_start, name="start"),
    path("<int:pk>/extend/", views.placement_extend, name="extend"),
    path("<int:pk>/end-early/", views.placement_end_early, name="end_early"),
    path("<int:pk>/complete/", views.placement_complete, name="complete"),
    path("<int:pk>/nav-agreement/", views.nav_agreement, name="nav_agreement"),
    path("", include("placements.outcome_urls")),
]
