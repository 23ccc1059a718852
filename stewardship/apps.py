from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    """Work that spans every app: demo data, the scale generator and retention.

    The top layer: it may import every other app, and none imports it.
    """

    name = "stewardship"
    verbose_name = _("Stewardship")
