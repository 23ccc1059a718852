from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdayConfig(AppConfig):
    """The top layer: the home worklist and global search read from every app below."""

    name = "workday"
    verbose_name = _("Working day")

    def ready(self) -> None:
        # The built-in worklist sections register themselves on import.
        from . import freshness, privacy_sections, sections  # noqa: F401

        freshness.connect()
