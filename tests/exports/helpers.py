"""Builders for export tests: placements through the services, and parsers for each format."""

import csv
import datetime
import io
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from placements.services import placement_create
from tests.conftest import require_tool
from tests.factories import CandidateFactory, HostUnitFactory

D = datetime.date


def add_placements(world, n: int, *, host_unit=None, prefix: str = "Row", **fields):  # type: ignore[no-untyped-def]
    """Add ``n`` placements of new candidates to the world's programme."""
    unit = host_unit or world.objects["host_unit"]
    made = []
    for i in range(n):
        candidate = CandidateFactory(
            operator=world.operator, given_name=f"{prefix}{i}", family_name="Testesen"
        )
        made.append(
            placement_create(
                candidate=candidate,
                programme=world.objects["programme"],
                host_unit=unit,
                starts_on=D(2027, 1, 4),
                planned_end=D(2027, 6, 30),
                by=world.users["lead"],
                **fields,
            )
        )
    return made


def other_unit(world, name: str = "Helse", sector: str = "private"):  # type: ignore[no-untyped-def]
    return HostUnitFactory(operator=world.operator, name=name, sector=sector)


def body_of(response) -> bytes:  # type: ignore[no-untyped-def]
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def parse_csv(response, delimiter: str = ";") -> list[list[str]]:  # type: ignore[no-untyped-def]
    raw = body_of(response)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM first"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def parse_xlsx(response):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(body_of(response))).active


def pdf_text(response, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    tool = require_tool("pdftotext", "poppler-utils")
    source = tmp_path / "out.pdf"
    source.write_bytes(body_of(response))
    return subprocess.run(
        [tool, "-layout", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
