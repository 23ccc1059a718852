from django.urls import path

from . import import_views, views
from .privacy import request_views

app_name = "candidates"

urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("new/", views.candidate_create, name="create"),
    path("find/", views.candidate_find, name="find"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/reveal-id/", views.candidate_reveal_id, name="reveal_id"),
    path("<int:pk>/consents/", views.consent_add, name="consent_add"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/apply/", views.application_add, name="application_add"),
    path(
        "<int:pk>/privacy/requests/",
        request_views.subject_request_create_view,
        name="subject_request_create",
    ),
    path("privacy/requests/", request_views.subject_request_list, name="subject_requests"),
    path(
        "privacy/requests/<int:pk>/decide/",
        request_views.subject_request_decide_view,
        name="subject_request_decide",
    ),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    path("board/cohort/<int:pk>/", views.cohort_board, name="cohort_board"),
    path("board/position/<int:pk>/", views.position_board, name="position_board"),
    path("board/move/", views.board_bulk_move, name="board_bulk_move"),
    path("import/", import_views.import_upload, name="import_upload"),
    path("import/template.<str:fmt>", import_views.import_template, name="import_template"),
]
