from django.urls import path

from . import language_views, views

app_name = "core"

urlpatterns = [
    path("operator/switch/", views.operator_switch, name="operator_switch"),
    path("operator/language/", language_views.operator_language, name="operator_language"),
    path("members/", views.member_list, name="member_list"),
    path("members/add/", views.member_invite, name="member_invite"),
    path("members/<int:pk>/", views.member_change, name="member_change"),
    path("declaration/", views.declaration, name="declaration"),
    path("privacy/access-log/", views.access_log, name="access_log"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/setlang/", language_views.language_switch, name="set_language"),
]
