"""The lead's review of what host units sent, included at /host-submissions/."""

from django.urls import path

from . import review

app_name = "hostreview"

urlpatterns = [
    path("", review.review_list, name="list"),
    path("<int:pk>/", review.review, name="review"),
    path("<int:pk>/decline/", review.decline, name="decline"),
]
