"""Reads for placements and outcomes, scoped to the active membership."""

from .placements import (
    followed_candidate_ids,
    get_placement_for,
    placement_rows,
    placements_for,
)

__all__ = ["followed_candidate_ids", "get_placement_for", "placement_rows", "placements_for"]
