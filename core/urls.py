from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.i18n import set_language

from . import views

app_name = "core"

urlpatterns = [
    path("operator/switch/", views.operator_switch, name="operator_switch"),
    path("members/", views.member_list, name="member_list"),
    path("members/add/", views.member_invite, name="member_invite"),
    path("members/<int:pk>/", views.member_change, name="member_change"),
    path("declaration/", views.declaration, name="declaration"),
    path("privacy/access-log/", views.access_log, name="access_log"),
    path("privacy/retention/", views.retention, name="retention"),
    path("privacy/retention/preview/", views.retention_preview, name="retention_preview"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]
