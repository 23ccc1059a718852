from django.urls import path

from . import profile_views, views

app_name = "mentors"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("profile/", profile_views.profile_mine, name="profile_mine"),
    path("profiles/", profile_views.profile_list, name="profile_list"),
    path("profiles/<int:pk>/edit/", profile_views.profile_edit, name="profile_edit"),
    path("mentorships/new/", views.mentorship_create, name="mentorship_create"),
    path("mentorships/<int:pk>/end/", views.mentorship_end, name="mentorship_end"),
    path("candidates/<int:pk>/", views.candidate_timeline, name="candidate_timeline"),
    path("candidates/<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("placements/<int:pk>/", views.placement_timeline, name="placement_timeline"),
    path("programmes/<int:pk>/plan/", views.milestone_plan, name="milestone_plan"),
    path(
        "plan/<int:pk>/remove/",
        views.milestone_template_remove,
        name="milestone_template_remove",
    ),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("milestones/<int:pk>/evaluation/", views.evaluation_fill, name="evaluation_fill"),
    path("milestones/<int:pk>/invite/", views.evaluation_invite, name="evaluation_invite"),
    path("milestones/<int:pk>/compare/", views.evaluation_compare, name="evaluation_compare"),
    # The candidate's one-time link: no account needed (login_not_required on the view).
    path("e/<str:token>/", views.evaluation_public, name="evaluation_public"),
]
