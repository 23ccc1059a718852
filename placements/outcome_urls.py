"""Outcome and programme-figure URLs (included into the placements namespace)."""

from django.urls import path

from . import outcome_views

urlpatterns = [
    path("outcomes/", outcome_views.outcome_list, name="outcome_list"),
    path("outcomes/due/", outcome_views.due_list, name="outcomes_due"),
    path("outcomes/new/", outcome_views.outcome_create, name="outcome_create"),
    path("outcomes/<int:pk>/edit/", outcome_views.outcome_edit, name="outcome_edit"),
    path(
        "programmes/<int:pk>/figures/",
        outcome_views.programme_figures,
        name="programme_figures",
    ),
]
