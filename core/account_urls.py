from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import mfa_views, session_views
from .forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The idle-timeout warning's "stay signed in" (POST only).
    path("session/keep-alive/", session_views.keep_alive, name="keep_alive"),
    # Two-step verification (core.mfa).
    path("two-step/", mfa_views.mfa_overview, name="mfa"),
    path("two-step/set-up/", mfa_views.mfa_setup, name="mfa_setup"),
    path("two-step/verify/", mfa_views.mfa_verify, name="mfa_verify"),
    path("two-step/turn-off/", mfa_views.mfa_disable, name="mfa_disable"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done")
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
