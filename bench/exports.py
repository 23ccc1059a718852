"""CSV and XLSX of every placement in the country, through the placement report's own row and
file writers. Each format runs in a fresh process (``python -m bench.exports csv``), so peak RSS
is the export's and nothing else's; a second, traced pass gives the peak of Python allocations.
"""

import json
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass

CHUNK_BYTES = "utf-8"


@dataclass
class ExportResult:
    fmt: str
    rows: int
    seconds: float
    rows_per_second: float
    megabytes: float
    first_byte_ms: float
    rss_before_mb: float
    rss_peak_mb: float
    traced_peak_mb: float


def _national():  # type: ignore[no-untyped-def]
    from placements.models import Placement
    from reports import exports

    # placement_report() without the membership scope: the same joins, annotation and order.
    return (
        Placement.objects.select_related(
            "candidate", "programme", "cohort", "host_unit", "supervisor"
        )
        .annotate(exit_kind=exports._exit_kind())
        .order_by("-starts_on", "pk")
    )


def _csv() -> tuple[int, int, float]:
    from reports import exports

    placements = _national()
    size = lines = 0
    first = 0.0
    started = time.perf_counter()
    for chunk in exports.csv_stream(placements):
        # What StreamingHttpResponse sends: text encoded, bytes (PostgreSQL's COPY) as they are.
        data = chunk.encode(CHUNK_BYTES) if isinstance(chunk, str) else chunk
        if not first:
            first = time.perf_counter() - started
        size += len(data)
        lines += data.count(b"\n")
    return lines - 1, size, first


def _xlsx() -> tuple[int, int, float]:
    from reports import exports

    rows = 0

    def counted(source):  # type: ignore[no-untyped-def]
        nonlocal rows
        for row in source:
            rows += 1
            yield row

    body = exports.placements_xlsx(counted(exports.report_rows(_national())))
    return rows, len(body), 0.0


def _rss_kb(field: str) -> int:
    """VmRSS (now) or VmHWM (the peak so far) of this process: Django, the data, every buffer."""
    with open("/proc/self/status", encoding="ascii") as handle:
        return int(next(line for line in handle if line.startswith(field)).split()[1])


def worker(fmt: str) -> None:
    import django

    django.setup()
    from django.utils import translation

    run = {"csv": _csv, "xlsx": _xlsx}[fmt]
    with translation.override("nb"):
        rss_before = _rss_kb("VmRSS")
        started = time.perf_counter()
        rows, size, first = run()
        seconds = time.perf_counter() - started
        rss_peak = _rss_kb("VmHWM")
        peak = 0
        if fmt == "csv":  # tracing slows the run down: only for the peak, never for the time
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    print(
        json.dumps(
            {
                "fmt": fmt,
                "rows": rows,
                "seconds": seconds,
                "rows_per_second": rows / seconds,
                "megabytes": size / 1e6,
                "first_byte_ms": first * 1000,
                "rss_before_mb": rss_before / 1024,
                "rss_peak_mb": rss_peak / 1024,
                "traced_peak_mb": peak / 2**20,
            }
        )
    )


def measure(fmt: str, env: dict[str, str]) -> ExportResult:
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.exports", fmt],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return ExportResult(**json.loads(out.strip().splitlines()[-1]))


if __name__ == "__main__":
    worker(sys.argv[1])
