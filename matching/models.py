"""Matching: weights per programme, and the decisions people took on suggestions.

The score is advice; a decision row records who proposed or dismissed whom, with the score and
reasons shown at that moment and, for a dismissal, why.
"""

from typing import cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from candidates.models import Application, Candidate
from programs.models import JobOpening, Position, Programme

from .scoring import Weights

DEFAULTS = Weights()


def _weight(label: str | Promise, default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(cast(str, label), default=default)


class MatchWeights(models.Model):
    """A programme's weights; without a row the defaults in matching.scoring.Weights apply."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="match_weights"
    )
    base = _weight(_("starting score"), DEFAULTS.base)
    occupation = _weight(_("occupation (STYRK-08 closeness)"), DEFAULTS.occupation)
    norwegian = _weight(_("Norwegian: points off per level below"), DEFAULTS.norwegian)
    education = _weight(_("education level and field"), DEFAULTS.education)
    distance = _weight(_("distance from home"), DEFAULTS.distance)
    wishes = _weight(_("the candidate's wishes"), DEFAULTS.wishes)
    languages = _weight(_("other languages"), DEFAULTS.languages)
    availability = _weight(
        _("availability: points off when late or too few hours"), DEFAULTS.availability
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")
        constraints = [
            models.CheckConstraint(
                condition=Q(base__lte=100)
                & Q(occupation__lte=100)
                & Q(norwegian__lte=100)
                & Q(education__lte=100)
                & Q(distance__lte=100)
                & Q(wishes__lte=100)
                & Q(languages__lte=100)
                & Q(availability__lte=100),
                name="matchweights_at_most_100",
                violation_error_message=_("A weight is at most 100."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.programme)

    def as_weights(self) -> Weights:
        return Weights(**{name: getattr(self, name) for name in Weights.FIELDS})


class MatchDecision(models.Model):
    """A proposal or a dismissal of one candidate for one position, opening or mentor."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DISMISSED = "dismissed", _("Dismissed")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    opening = models.ForeignKey(
        JobOpening, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    reasons = models.JSONField(_("reasons shown"), default=list, blank=True)
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matching decision")
        verbose_name_plural = _("matching decisions")
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(position__isnull=False, opening__isnull=True, mentor__isnull=True)
                    | Q(position__isnull=True, opening__isnull=False, mentor__isnull=True)
                    | Q(position__isnull=True, opening__isnull=True, mentor__isnull=False)
                ),
                name="matchdecision_one_target",
                violation_error_message=_("A decision is about one position, opening or mentor."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="dismissed") | ~Q(reason=""),
                name="matchdecision_dismissal_has_reason",
                violation_error_message=_("Give a reason for dismissing a suggestion."),
            ),
            models.UniqueConstraint(
                fields=["candidate", "position"],
                condition=Q(position__isnull=False),
                name="matchdecision_once_per_position",
                violation_error_message=_("This candidate has already been decided on."),
            ),
            models.UniqueConstraint(
                fields=["candidate", "opening"],
                condition=Q(opening__isnull=False),
                name="matchdecision_once_per_opening",
                violation_error_message=_("This candidate has already been decided on."),
            ),
            models.UniqueConstraint(
                fields=["candidate", "mentor"],
                condition=Q(mentor__isnull=False),
                name="matchdecision_once_per_mentor",
                violation_error_message=_("This candidate has already been decided on."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.kind}"
