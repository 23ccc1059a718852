"""The history triggers' helper functions run without a subtransaction per row."""

import pgtrigger
import pytest
from django.db import connection

from candidates.models import Candidate
from history.models import CandidateEvent
from tests.conftest import World

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _source(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [name])
        return cursor.fetchone()[0]


def test_helper_functions_have_no_exception_block() -> None:
    for name in ("_pgtrigger_should_ignore", "_pgh_attach_context"):
        source = _source(name).upper()
        assert "CURRENT_SETTING" in source and "EXCEPTION" not in source, name


def test_history_is_still_written_and_ignoring_still_works(world: World) -> None:
    candidate = world.objects["candidate"]
    before = CandidateEvent.objects.filter(pgh_obj_id=candidate.pk).count()
    Candidate.objects.filter(pk=candidate.pk).update(phone="+47 400 00 001")
    assert CandidateEvent.objects.filter(pgh_obj_id=candidate.pk).count() == before + 1
    with pgtrigger.ignore():
        Candidate.objects.filter(pk=candidate.pk).update(phone="+47 400 00 002")
    assert CandidateEvent.objects.filter(pgh_obj_id=candidate.pk).count() == before + 1
