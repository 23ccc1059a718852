from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostPortalConfig(AppConfig):
    """Self-service for host units and network employers: a magic-link sign-in (or the
    supervisor's own login), their needs and commitments, and the lead's review of them.

    A top-layer app: it may import every other app, and none imports it.
    """

    name = "hostportal"
    verbose_name = _("Host units' pages")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers the worklist section and its topic)
