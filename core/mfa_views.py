"""Pages for two-step verification: the account page's status, set-up with a QR code, the code
asked for after the password, and turning it off (which takes a code)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.http import urlencode as django_urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from . import mfa
from .forms import call_service
from .http import SignedInRequest


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=12,
        help_text=gettext_lazy("The six digits your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Enter the six digits from the app."))
        return token


def _next(request: HttpRequest, fallback: str = "workday:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{django_urlencode({'next': target})}"


def _throttled(device) -> str:  # type: ignore[no-untyped-def]
    wait = mfa.throttle_wait(device)
    if not wait:
        return ""
    return ngettext(
        "Too many wrong codes. Wait %(seconds)s second and try again.",
        "Too many wrong codes. Wait %(seconds)s seconds and try again.",
        wait,
    ) % {"seconds": wait}


@require_GET
def mfa_overview(request: SignedInRequest) -> HttpResponse:
    """The account's two-step verification: on or off, and whether the role requires it."""
    return render(
        request,
        "registration/mfa_overview.html",
        {
            "device": mfa.confirmed_device(request.user),
            "required": mfa.mfa_required(request.membership),
        },
    )


def mfa_setup(request: SignedInRequest) -> HttpResponse:
    target = _next(request, fallback="accounts:mfa")
    if mfa.confirmed_device(request.user) is not None:
        if request.user.is_verified():
            messages.info(request, _("Two-step verification is already turned on."))
            return redirect("accounts:mfa")
        return redirect(_with_next("accounts:mfa_verify", target))
    key = request.session.get(mfa.SESSION_SETUP_KEY) or mfa.new_secret()
    request.session[mfa.SESSION_SETUP_KEY] = key
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = call_service(
            form, mfa.totp_enable, user=request.user, key=key, token=form.cleaned_data["token"]
        )
        if device is not None:
            del request.session[mfa.SESSION_SETUP_KEY]
            mfa.mark_verified(request.session, device)
            messages.success(request, _("Two-step verification is on."))
            return redirect(target)
    uri = mfa.otpauth_uri(key=key, user=request.user)
    return render(
        request,
        "registration/mfa_setup.html",
        {
            "form": form,
            "qr": mfa.qr_svg(uri, label=_("QR code for your authenticator app")),
            "secret": mfa.secret_for_humans(key),
            "required": mfa.mfa_required(request.membership),
            "next": target,
        },
    )


def mfa_verify(request: SignedInRequest) -> HttpResponse:
    target = _next(request)
    if request.user.is_verified():
        return redirect(target)
    device = mfa.confirmed_device(request.user)
    if device is None:
        request.session[mfa.SESSION_HAS_DEVICE_KEY] = False
        return redirect(_with_next("accounts:mfa_setup", target))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = _throttled(device)
        if throttled:
            form.add_error("token", throttled)
        elif mfa.totp_verify(user=request.user, device=device, token=form.cleaned_data["token"]):
            mfa.mark_verified(request.session, device)
            return redirect(target)
        else:
            form.add_error("token", _("That code is not right."))
    return render(request, "registration/mfa_verify.html", {"form": form, "next": target})


def mfa_disable(request: SignedInRequest) -> HttpResponse:
    device = mfa.confirmed_device(request.user)
    if device is None:
        return redirect("accounts:mfa")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = _throttled(device)
        if throttled:
            form.add_error("token", throttled)
        else:
            try:
                mfa.totp_disable(user=request.user, device=device, token=form.cleaned_data["token"])
            except ValidationError:
                form.add_error("token", _("That code is not right."))
            else:
                mfa.forget_device(request.session)
                messages.success(request, _("Two-step verification is off."))
                return redirect("accounts:mfa")
    return render(
        request,
        "registration/mfa_disable.html",
        {"form": form, "required": mfa.mfa_required(request.membership)},
    )
