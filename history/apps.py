from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = _("Change history")

    def ready(self) -> None:
        from .contributions import register
        from .triggers import install_fast_functions

        register()

        post_migrate.connect(install_fast_functions, sender=self, dispatch_uid="history.fast")
