"""Mentor profiles: a mentor keeps their own; a mentor coordinator lists and edits them all."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.forms import call_service
from core.http import MemberRequest
from core.permissions import requires

from . import selectors, services
from .forms import MentorProfileForm
from .models import MentorProfile

PAGE_SIZE = 25


def _edit(
    request: MemberRequest, profile: MentorProfile, title: str, done_url: str
) -> HttpResponse:
    form = MentorProfileForm(request.POST or None, instance=profile)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.mentor_profile_save,
            profile=profile,
            by=request.user,
            **form.cleaned_data,
        )
        is not None
    ):
        messages.success(request, _("The mentor profile was saved."))
        return redirect(done_url)
    context = {"form": form, "title": title, "profile": profile, "cancel_url": done_url}
    return render(request, "mentors/profile_form.html", context)


@requires("mentoring.profile")
def profile_mine(request: MemberRequest) -> HttpResponse:
    if request.membership is None:
        raise Http404
    profile = selectors.own_mentor_profile(request.membership)
    return _edit(request, profile, _("My mentor profile"), reverse("mentors:profile_mine"))


@requires("mentoring.manage")
@require_GET
def profile_list(request: MemberRequest) -> HttpResponse:
    profiles = selectors.mentor_profiles_for(request.membership)
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mentors/profile_list.html", {"page": page})


@requires("mentoring.manage")
def profile_edit(request: MemberRequest, pk: int) -> HttpResponse:
    profile = selectors.get_mentor_profile_for(request.membership, pk)
    return _edit(request, profile, _("Edit mentor profile"), reverse("mentors:profile_list"))
