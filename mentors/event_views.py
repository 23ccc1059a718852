"""Events: inspiration meetings, conferences and language training, with invitations and
attendance per candidate. Staff only ("events.manage")."""

from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from candidates.models import Candidate
from candidates.selectors import candidates_for, name_order
from core.forms import call_service, limit_choices
from core.http import MemberRequest
from core.models import Membership
from core.permissions import requires
from core.queries import subquery_count
from programs.models import Programme

from . import event_services as services
from .models import Attendance, Event

PAGE_SIZE = 25
ATTENDANCE_PAGE_SIZE = 100
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# --- Reads (scoped to the active membership) ------------------------------------------------


def events_for(membership: Membership | None) -> QuerySet[Event]:
    """The operator's events, each with its invitation and attendance counts (one query)."""
    if membership is None:
        return Event.objects.none()
    return (
        Event.objects.filter(operator_id=membership.operator_id)
        .select_related("programme")
        .annotate(
            invited=subquery_count(Attendance.objects.all(), "event"),
            attended=subquery_count(
                Attendance.objects.filter(status=Attendance.Status.ATTENDED), "event"
            ),
        )
    )


def get_event_for(membership: Membership | None, pk: int) -> Event:
    """The event, or 404 when it belongs to another operator."""
    return get_object_or_404(events_for(membership), pk=pk)


def get_attendance_for(membership: Membership | None, pk: int) -> Attendance:
    """An invitation to one of the operator's events, or 404."""
    if membership is None:
        raise Http404
    return get_object_or_404(
        Attendance.objects.select_related("event", "candidate"),
        pk=pk,
        event__operator_id=membership.operator_id,
    )


def attendances_of(event: Event) -> QuerySet[Attendance]:
    return event.attendances.select_related("candidate").order_by(
        *(f"candidate__{f}" for f in ("family_name", "given_name")), "pk"
    )


# --- Forms ----------------------------------------------------------------------------------


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "title", "programme", "starts_at", "location", "speakers"]
        widgets = {"starts_at": DATETIME}
        help_texts = {"speakers": gettext_lazy("Names of the speakers, separated by commas.")}

    def __init__(self, *args: Any, operator_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "programme", Programme.objects.filter(operator_id=operator_id))
        starts_at = self.fields["starts_at"]
        assert isinstance(starts_at, forms.DateTimeField)  # a ModelForm's DateTimeField
        starts_at.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _post_clean(self) -> None:
        # The service validates and saves the event.
        pass


class CandidatesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Candidate) -> str:  # type: ignore[override]
        return obj.display_name


class InviteForm(forms.Form):
    candidates = CandidatesField(
        label=gettext_lazy("Candidates to invite"),
        queryset=Candidate.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy("Hold Ctrl (Cmd on a Mac) to choose more than one."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "candidates", candidates)


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=Attendance.Status.choices)


def operator_programmes(request: Any) -> QuerySet[Programme]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return Programme.objects.none()
    return Programme.objects.filter(operator_id=membership.operator_id)


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Search"), field_name="title", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), choices=Event.Kind.choices, empty_label=gettext_lazy("All")
    )
    programme = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Programme"),
        queryset=operator_programmes,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Event
        fields = ["kind", "programme"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


# --- Views ----------------------------------------------------------------------------------


def _uninvited(membership: Membership, event: Event) -> QuerySet[Candidate]:
    return candidates_for(membership).exclude(attendances__event=event).order_by(*name_order())


@requires("events.manage")
@require_GET
def event_list(request: MemberRequest) -> HttpResponse:
    events = EventFilter(request.GET, queryset=events_for(request.membership), request=request)
    page = Paginator(events.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "events/event_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"filter": events, "page": page})


@requires("events.manage")
def event_create(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    form = EventForm(request.POST or None, operator_id=membership.operator_id)
    if request.method == "POST" and form.is_valid():
        event = call_service(
            form,
            services.event_create,
            operator=membership.operator,
            by=request.user,
            **form.cleaned_data,
        )
        if event:
            messages.success(request, _("The event was created."))
            return redirect("events:detail", pk=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "title": _("New event"), "cancel_url": reverse("events:list")},
    )


@requires("events.manage")
def event_edit(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_event_for(request.membership, pk)
    form = EventForm(request.POST or None, instance=event, operator_id=event.operator_id)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.event_update, event=event, by=request.user, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, _("The event was saved."))
        return redirect("events:detail", pk=event.pk)
    return render(
        request,
        "events/event_form.html",
        {
            "form": form,
            "title": _("Edit event"),
            "event": event,
            "cancel_url": reverse("events:detail", kwargs={"pk": event.pk}),
        },
    )


@requires("events.manage")
@require_GET
def event_detail(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_event_for(request.membership, pk)
    page = Paginator(attendances_of(event), ATTENDANCE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "page": page,
        "invite_form": InviteForm(candidates=_uninvited(request.membership, event)),
        "statuses": Attendance.Status,
    }
    return render(request, "events/event_detail.html", context)


@requires("events.manage")
@require_POST
def event_invite(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_event_for(request.membership, pk)
    form = InviteForm(request.POST, candidates=_uninvited(request.membership, event))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("events:detail", pk=event.pk)
    try:
        invited = services.attendance_invite(
            event=event, candidates=form.cleaned_data["candidates"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        count = len(invited)
        messages.success(
            request,
            ngettext(
                "%(count)d candidate was invited.", "%(count)d candidates were invited.", count
            )
            % {"count": count},
        )
    return redirect("events:detail", pk=event.pk)


@requires("events.manage")
@require_POST
def attendance_mark(request: MemberRequest, pk: int) -> HttpResponse:
    attendance = get_attendance_for(request.membership, pk)
    form = AttendanceForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Choose attended or absent.")
    else:
        try:
            services.attendance_mark(
                attendance=attendance, status=form.cleaned_data["status"], by=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        context = {"attendance": attendance, "event": attendance.event, "error": error}
        return render(request, "events/event_detail.html#attendance_row", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The attendance was saved."))
    return redirect("events:detail", pk=attendance.event_id)
