from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.signin, name="signin"),
    path("sign-in/<str:token>/", views.link, name="link"),
    path("sign-out/", views.signout, name="signout"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("my-data.<str:fmt>", views.export, name="export"),
    path("contact/", views.contact, name="contact"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path("dates/", views.dates, name="dates"),
    path("language/", views.language, name="language"),
    path("my-dates.ics", views.dates_ics, name="dates_ics"),
]
