"""STYRK-08 and municipalities from the CSV files in programs/data/ (SSB KLASS, NLOD 2.0)."""

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def load_reference_data(occupation_model: Any, municipality_model: Any) -> None:
    """Insert or update every code; safe to run again (migrations pass their historical models)."""
    # Parents come before children (levels 1..4), so each parent exists when a child needs it.
    for row in sorted(_rows("styrk08.csv"), key=lambda r: int(r["level"])):
        occupation_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": int(row["level"]),
                "parent_id": row["parent_code"] or None,
            },
        )
    for row in _rows("kommuner_2024.csv"):
        municipality_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"]}
        )
    # Migration 0002's historical model has no points yet; 0005 adds and loads them.
    if any(f.name == "latitude" for f in municipality_model._meta.get_fields()):
        load_centroids(municipality_model)


def load_centroids(municipality_model: Any) -> None:
    """Set each municipality's representative point (see data/README.md for the source)."""
    for row in _rows("kommuner_2024_centroids.csv"):
        municipality_model.objects.filter(code=row["code"]).update(
            latitude=float(row["latitude"]), longitude=float(row["longitude"])
        )
