"""Exports in the test world: a finished spreadsheet job of the lead's."""

from reports.models import ExportJob


def extend(world) -> None:  # type: ignore[no-untyped-def]
    world.objects["export_job"] = ExportJob.objects.create(
        operator=world.operator,
        created_by=world.users["lead"],
        report=ExportJob.Report.PLACEMENTS,
        query="status=planned",
        status=ExportJob.Status.DONE,
        total=1,
        done=1,
        content=b"PK\x03\x04 not a real workbook",
    )
