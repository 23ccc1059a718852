from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("candidates/<int:pk>/", views.suggestions, name="suggestions"),
    path("candidates/<int:pk>/mentors/", views.mentors, name="mentors"),
    path("candidates/<int:pk>/mentors/<int:mentor>/", views.mentor_propose, name="mentor_propose"),
    path("dismissals/<int:pk>/undo/", views.undo_dismissal, name="undo_dismissal"),
    path("programmes/<int:pk>/weights/", views.weights, name="weights"),
    # kind is "position" or "opening"; anything else is 404.
    path("<slug:kind>/<int:pk>/", views.shortlist, name="shortlist"),
    path("<slug:kind>/<int:pk>/propose/<int:candidate>/", views.propose, name="propose"),
    path("<slug:kind>/<int:pk>/dismiss/<int:candidate>/", views.dismiss, name="dismiss"),
]
