from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate


class SignInToken(models.Model):
    """A one-time sign-in link for one candidate. Only the token's SHA-256 is stored."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="portal_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

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
