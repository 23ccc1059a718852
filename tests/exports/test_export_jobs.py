"""Large XLSX exports are built off the request, with progress, for their requester alone."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEntry
from reports import exports
from reports.models import ExportJob
from reports.services import export_jobs
from tests.conftest import World
from tests.querybudget import assert_constant_queries

from .helpers import add_placements, other_unit, parse_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(exports, "XLSX_INLINE_LIMIT", 1)


def _build(client, query: str, django_capture_on_commit_callbacks) -> ExportJob:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:export_job_create"), {"query": query})
    assert response.status_code == 302
    job = ExportJob.objects.latest("pk")
    assert response["Location"] == reverse("reports:export_job", kwargs={"pk": job.pk})
    return job


def test_over_the_limit_the_xlsx_link_offers_a_background_job(world: World, small_limit) -> None:  # type: ignore[no-untyped-def]
    add_placements(world, 3, prefix="Mange")
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    exported = AuditEntry.objects.filter(action="reports.export").count()
    response = client.get(reverse("reports:placements_xlsx") + "?status=planned")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Build the spreadsheet" in page and 'value="status=planned"' in page
    assert not ExportJob.objects.filter(created_by=world.users["lead"], query="").exists()
    assert AuditEntry.objects.filter(action="reports.export").count() == exported


def test_background_xlsx_holds_the_filtered_scoped_rows(  # type: ignore[no-untyped-def]
    world: World, small_limit, django_capture_on_commit_callbacks
) -> None:
    helse = other_unit(world)
    add_placements(world, 4, host_unit=helse, prefix="Helse")
    add_placements(
        world,
        2,
        prefix="Eiendom",
    )
    add_placements(world, 1, host_unit=helse, prefix="=HYPERLINK(")
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    job = _build(client, f"host_unit={helse.pk}", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert (job.total, job.done, job.percent) == (5, 5, 100)

    page = client.get(reverse("reports:export_job", kwargs={"pk": job.pk})).content.decode()
    assert "5 of 5 rows written" in page and "Download Excel" in page

    response = client.get(reverse("reports:export_job_download", kwargs={"pk": job.pk}))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    sheet = parse_xlsx(response)
    values = list(sheet.iter_rows(values_only=True))
    membership = world.users["lead"].memberships.get()
    placements = exports.placement_report(membership).filter(host_unit=helse)
    want = {exports.neutralise(p.candidate.full_name) for p in placements}
    assert {row[0] for row in values[1:]} == want and len(values) == 6
    assert sheet.freeze_panes == "A2"
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"formula in {cell.coordinate}"
    read = AuditEntry.objects.filter(action="reports.export", object_id=str(job.pk)).get()
    assert read.data == {
        "report": "placements",
        "format": "xlsx",
        "rows": 5,
        "candidates": sorted(p.candidate_id for p in placements),
    }


def test_progress_is_written_while_the_workbook_is_built(  # type: ignore[no-untyped-def]
    world: World, small_limit, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    add_placements(world, 5, prefix="Steg")
    monkeypatch.setattr(export_jobs, "PROGRESS_STEP", 2)
    seen: list[int] = []
    build = exports.placements_xlsx

    def watching(rows):  # type: ignore[no-untyped-def]
        def each():  # type: ignore[no-untyped-def]
            for row in rows:
                yield row
                seen.append(ExportJob.objects.values_list("done", flat=True).latest("pk"))

        return build(each())

    monkeypatch.setattr(exports, "placements_xlsx", watching)
    job = _build(world.client_for("lead"), "", django_capture_on_commit_callbacks)
    total = exports.placement_report(world.users["lead"].memberships.get()).count()
    job.refresh_from_db()
    assert job.done == job.total == total
    # Written every second row while the workbook was still being built, never going back.
    assert seen == sorted(seen) and {0, 2, 4} <= set(seen) and max(seen) < total, seen


def test_a_job_is_its_requesters_alone(  # type: ignore[no-untyped-def]
    world: World, small_limit, django_capture_on_commit_callbacks
) -> None:
    add_placements(world, 2, prefix="Egen")
    job = _build(world.client_for("lead"), "", django_capture_on_commit_callbacks)
    for role in ("coordinator", "other_lead"):
        client = world.client_for(role)
        assert client.get(reverse("reports:export_job", kwargs={"pk": job.pk})).status_code == 404
        download = reverse("reports:export_job_download", kwargs={"pk": job.pk})
        assert client.get(download).status_code == 404


def test_a_requester_who_lost_access_gets_no_workbook(world: World, small_limit) -> None:  # type: ignore[no-untyped-def]
    add_placements(world, 2, prefix="Borte")
    membership = world.users["coordinator"].memberships.get()
    job = export_jobs.export_job_create(membership=membership, query="", language="nb")
    membership.is_active = False
    membership.save()
    export_jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.content is None


def test_an_empty_report_makes_no_job(world: World) -> None:
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    before = ExportJob.objects.count()
    response = client.post(
        reverse("reports:export_job_create"),
        {"query": "status=ended_early&cohort=999999"},
        follow=True,
    )
    assert ExportJob.objects.count() == before
    assert "no rows to export" in response.content.decode()


def test_workbooks_expire_after_seven_days(  # type: ignore[no-untyped-def]
    world: World, small_limit, django_capture_on_commit_callbacks
) -> None:
    add_placements(world, 2, prefix="Gammel")
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    job = _build(client, "", django_capture_on_commit_callbacks)
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=8)
    with time_machine.travel(later):
        assert export_jobs.purge_old_exports() >= 1
    job.refresh_from_db()
    assert job.content is None and job.status == ExportJob.Status.DONE
    response = client.get(
        reverse("reports:export_job_download", kwargs={"pk": job.pk}), follow=True
    )
    assert "expired" in response.content.decode()


def test_export_job_page_query_count_is_constant(world: World) -> None:
    # user, the job (without its bytes)
    def add(n: int) -> None:
        add_placements(world, n, prefix=f"J{n}-")
        job = world.objects["export_job"]
        ExportJob.objects.filter(pk=job.pk).update(total=job.total + n, done=job.done + n)

    assert_constant_queries(
        world.client_for("lead"),
        reverse("reports:export_job", kwargs={"pk": world.objects["export_job"].pk}),
        add,
        expected=2,
    )


def test_a_query_with_a_nul_byte_is_stored_encoded(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py on PostgreSQL, which refuses a NUL byte in a
    text column: storing the raw query was a 500. The query is stored re-encoded instead."""
    response = world.client_for("lead").post(
        reverse("reports:export_job_create"), {"query": "status=planned&\x00=x\x00"}
    )
    assert response.status_code == 302
    job = ExportJob.objects.latest("pk")
    assert "\x00" not in job.query and "status=planned" in job.query
