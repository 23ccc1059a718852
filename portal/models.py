from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from core.magiclink import OneTimeToken


class SignInToken(OneTimeToken):
    """A one-time sign-in link for one candidate. Only the token's SHA-256 is stored."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="portal_tokens")

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="portal_token_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"sign-in link #{self.pk} for candidate {self.candidate_id}"
