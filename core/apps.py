from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Count failed logins from every entry point, not only web requests; note at every login
        # whether the user has an authenticator app (two-step verification).
        from . import (
            membership_cache,  # noqa: F401
            mfa,  # noqa: F401
            security,  # noqa: F401
        )
        from .audit import allow_flush_on_sqlite
        from .choices import install
        from .dbcursor import use_prepared_reads

        install()  # get_FOO_display() from labels gathered once per field (core/choices.py)

        connection_created.connect(allow_flush_on_sqlite, dispatch_uid="core.audit.flush")
        connection_created.connect(use_prepared_reads, dispatch_uid="core.dbcursor.prepared")
