"""The audit log is append-only in the database: the ORM and raw SQL can neither change nor delete
a row; only ``core.audit.audit_purge()`` (the retention service's path) may delete."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from core.audit import audit_purge
from core.models import AuditEntry, AuditSubject, User
from core.services import audit_access, audit_log
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world: World) -> AuditEntry:
    return audit_access(
        actor=world.users["lead"],
        operator=world.operator,
        action="reports.export",
        candidate_ids=[world.objects["candidate"].pk],
        data={"report": "placements"},
    )


def refused(statement) -> None:  # type: ignore[no-untyped-def]
    """The statement fails in the database and, rolled back, changes nothing."""
    with pytest.raises(DatabaseError), transaction.atomic():
        statement()


def test_orm_update_is_refused(entry: AuditEntry) -> None:
    refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(action="tampered"))
    entry.action = "tampered"
    refused(lambda: entry.save())
    refused(lambda: AuditSubject.objects.filter(entry=entry).update(candidate_id=1))
    assert AuditEntry.objects.get(pk=entry.pk).action == "reports.export"


def test_orm_delete_is_refused(entry: AuditEntry) -> None:
    refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())
    refused(lambda: entry.delete())
    refused(lambda: AuditSubject.objects.filter(entry=entry).delete())
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert AuditSubject.objects.filter(entry=entry).count() == 1


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_update_and_delete_are_refused(entry: AuditEntry) -> None:
    refused(lambda: _raw("UPDATE core_auditentry SET action = %s WHERE id = %s", ["x", entry.pk]))
    refused(lambda: _raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk]))
    refused(lambda: _raw("DELETE FROM core_auditsubject WHERE entry_id = %s", [entry.pk]))
    refused(lambda: _raw("UPDATE core_auditsubject SET candidate_id = %s", [1]))
    assert AuditEntry.objects.filter(pk=entry.pk, action="reports.export").exists()


def test_the_purge_path_deletes_and_closes_again(entry: AuditEntry, world: World) -> None:
    other = audit_log(actor=None, operator=world.operator, action="core.test")
    with transaction.atomic():
        with audit_purge():
            AuditSubject.objects.filter(entry=entry).delete()
            AuditEntry.objects.filter(pk=entry.pk).delete()
        # Still in the same transaction: the path is closed again.
        refused(lambda: AuditEntry.objects.filter(pk=other.pk).delete())
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(pk=other.pk).exists()


def test_the_purge_path_never_allows_an_update(entry: AuditEntry) -> None:
    with transaction.atomic(), audit_purge():
        refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(action="tampered"))


def test_a_failed_purge_leaves_the_path_closed(entry: AuditEntry) -> None:
    with transaction.atomic():
        with pytest.raises(RuntimeError), audit_purge():
            raise RuntimeError("the purge failed half-way")
        refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())


def test_deleting_a_user_keeps_their_entries(world: World) -> None:
    user = User.objects.create(username="leaving@example.org", email="leaving@example.org")
    entry = audit_log(actor=user, operator=world.operator, action="core.test")
    user_id = user.pk
    user.delete()
    kept = AuditEntry.objects.select_related("actor").get(pk=entry.pk)
    assert kept.actor_id == user_id and kept.actor is None


@pytest.mark.django_db(transaction=True)
def test_a_database_flush_still_empties_the_log() -> None:
    """Test teardown flushes every table: TRUNCATE on PostgreSQL passes the row triggers, and on
    SQLite the flush raises the purge flag around its DELETEs."""
    audit_log(actor=None, operator=None, action="core.test")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    refused_after = audit_log(actor=None, operator=None, action="core.test")
    refused(lambda: AuditEntry.objects.filter(pk=refused_after.pk).delete())
