from django.urls import path

from . import opening_views, views

app_name = "programs"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/funding/", views.programme_funding, name="programme_funding"),
    path("programmes/<int:pk>/cohorts/new/", views.cohort_create, name="cohort_create"),
    path(
        "programmes/<int:pk>/positions/new/",
        opening_views.position_create,
        name="position_create",
    ),
    path("programmes/<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("programmes/<int:pk>/openings/new/", opening_views.opening_create, name="opening_create"),
    path("openings/<int:pk>/", opening_views.opening_detail, name="opening_detail"),
    path("openings/<int:pk>/edit/", opening_views.opening_edit, name="opening_edit"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", views.cohort_edit, name="cohort_edit"),
    path("positions/<int:pk>/edit/", opening_views.position_edit, name="position_edit"),
    path("positions/<int:pk>/status/", views.position_status, name="position_status"),
    path("occupations/", views.occupation_search, name="occupation_search"),
    path("hosts/", views.hostunit_list, name="hostunit_list"),
    path("hosts/new/", views.hostunit_create, name="hostunit_create"),
    path("hosts/<int:pk>/", views.hostunit_detail, name="hostunit_detail"),
    path("hosts/<int:pk>/edit/", views.hostunit_edit, name="hostunit_edit"),
]
