"""The benchmark's one table: printed, and written into docs/performance.md between markers
(the prose around them is kept), with the machine it ran on."""

import datetime
import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path

import django
from django.db import connection

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Row:
    area: str
    measure: str
    target: str
    measured: str
    met: bool | None  # None: no target, shown for context

    @property
    def verdict(self) -> str:
        return {True: "yes", False: "**no**", None: ""}[self.met]


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as handle:
        total_kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "RAM": f"{total_kb / 2**20:.1f} GiB",
        "PostgreSQL": postgres,
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "Load average at start": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        "Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def table(rows: list[Row]) -> str:
    lines = ["| Area | Measure | Target | Measured | Met |", "|---|---|---|---|---|"]
    lines += [f"| {r.area} | {r.measure} | {r.target} | {r.measured} | {r.verdict} |" for r in rows]
    return "\n".join(lines)


def render(rows: list[Row], info: dict[str, str], size: dict, scale: str) -> str:  # type: ignore[type-arg]
    facts = "\n".join(f"- {key}: {value}" for key, value in info.items())
    return (
        f"{START}\n"
        f"Measured by `make bench` (BENCH_SCALE={scale}; seeded size {size}).\n\n"
        f"{facts}\n\n{table(rows)}\n{END}"
    )


def write(rows: list[Row], info: dict[str, str], size: dict, scale: str) -> None:  # type: ignore[type-arg]
    block = render(rows, info, size, scale)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START in text and END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
