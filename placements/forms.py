from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import limit_choices
from core.models import Membership, User
from core.names import user_order
from programs.forms import DATE
from programs.models import Cohort, HostUnit, Position, Programme

from .models import NavAgreement, Placement
from .services.placements import SUPERVISOR_ROLES


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name() or obj.username


def supervisors_of(operator_id: int):  # type: ignore[no-untyped-def]
    members = Membership.objects.filter(
        operator_id=operator_id, is_active=True, role__in=SUPERVISOR_ROLES
    ).values("user_id")
    return User.objects.filter(pk__in=members).order_by(*user_order())


class PlacementForm(forms.ModelForm):
    supervisor = UserChoiceField(
        label=_("Supervisor"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Placement
        fields = [
            "candidate",
            "programme",
            "cohort",
            "host_unit",
            "position",
            "starts_on",
            "planned_end",
            "hours_per_week",
            "supervisor",
        ]
        widgets = {"starts_on": DATE, "planned_end": DATE}
        # The model's candidate field has no verbose name of its own.
        labels = {"candidate": _("Candidate")}

    def __init__(self, *args: Any, operator_id: int, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "candidate", candidates)
        limit_choices(self, "programme", Programme.objects.filter(operator_id=operator_id))
        limit_choices(
            self,
            "cohort",
            Cohort.objects.filter(programme__operator_id=operator_id).select_related("programme"),
        )
        limit_choices(
            self, "host_unit", HostUnit.objects.filter(operator_id=operator_id, is_active=True)
        )
        limit_choices(
            self,
            "position",
            Position.objects.filter(programme__operator_id=operator_id).select_related("host_unit"),
        )
        limit_choices(self, "supervisor", supervisors_of(operator_id))

    def _post_clean(self) -> None:
        # The service validates the placement as a whole (and makes its milestones).
        pass


class PlacementEditForm(forms.Form):
    hours_per_week = forms.DecimalField(label=_("Hours per week"), max_digits=4, decimal_places=1)
    supervisor = UserChoiceField(
        label=_("Supervisor"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, operator_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "supervisor", supervisors_of(operator_id))


class ExtendForm(forms.Form):
    planned_end = forms.DateField(label=_("New planned end"), widget=DATE)


class EndEarlyForm(forms.Form):
    on = forms.DateField(label=_("Last day"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class NavAgreementForm(forms.ModelForm):
    class Meta:
        model = NavAgreement
        fields = ["reference", "benefit", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def _post_clean(self) -> None:
        pass
