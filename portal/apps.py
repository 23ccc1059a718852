from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Self-service for candidates: a magic-link sign-in and their own page.

    A top-layer app: it may import every other app, and none imports it.
    """

    name = "portal"
    verbose_name = _("Candidate portal")

    def ready(self) -> None:
        from . import session  # noqa: F401  (connects the staff-login receiver)
