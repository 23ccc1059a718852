from django.urls import path

from . import views

app_name = "hostportal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.signin, name="signin"),
    path("sign-in/supervisor/", views.enter, name="enter"),
    path("sign-in/<str:token>/", views.link, name="link"),
    path("sign-out/", views.signout, name="signout"),
    path("needs/new/", views.need_new, name="need_new"),
    path("openings/new/", views.opening_new, name="opening_new"),
    path("commitment/new/", views.commitment_new, name="commitment_new"),
    path("sent/<int:pk>/", views.submission, name="submission"),
    path("occupations/", views.occupations, name="occupations"),
]
