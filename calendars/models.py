"""A private iCalendar feed per membership: the secret URL's token is stored only as a hash."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Membership


class CalendarFeed(models.Model):
    """One feed per membership (operator and role): its scope is the membership's scope."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    # sha256 of the secret token; the token itself is shown once and never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    # The language the feed's texts are written in: the page's language when it was made.
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"
