"""The generator: operators and staff, programmes, candidates and their placements, then their
activity, in one transaction."""

from django.db import connection, transaction

from core.bulkload import DeferredIndexes, InsertTriggersOff
from core.models import AuditEntry

from .activity import Activity
from .people import People
from .plan import (
    DEFERRED,
    LOADED,
)
from .programmes import Programmes
from .tenancy import Tenancy
from .vocabulary import (
    MARKER_ACTION,
)


class Generator(Tenancy, Programmes, People, Activity):
    # --- the run ---------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
                    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            with InsertTriggersOff(connection, [m._meta.db_table for m in LOADED]):
                self.tenancy()
                self.programmes()
                # The big tables get their indexes and constraints back once, at the end.
                with DeferredIndexes(connection, [m._meta.db_table for m in DEFERRED]):
                    self.people()
                    self.milestones()
                    self.notes()
                    self.reminders()
                self.log(f"indexes and constraints rebuilt at {self.elapsed()}")
            self.writer.reset_sequences(LOADED)
            AuditEntry.objects.create(
                action=MARKER_ACTION, data={**self.size.as_dict(), "today": self.today.isoformat()}
            )
        if connection.vendor == "postgresql":
            # As autovacuum would after a bulk load: statistics for the planner, and the
            # visibility map that lets index-only scans skip the heap. VACUUM cannot run inside
            # a transaction (a test's), where ANALYZE alone has to do.
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in LOADED)
            with connection.cursor() as cursor:
                if connection.in_atomic_block:
                    cursor.execute(f"ANALYZE {tables}")
                else:
                    cursor.execute(f"VACUUM (ANALYZE) {tables}")
            self.log(f"vacuumed and analysed at {self.elapsed()}")
        self.log(f"done in {self.elapsed()}")
        return self.counts
