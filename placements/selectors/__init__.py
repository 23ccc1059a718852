"""Reads for placements and outcomes, scoped to the active membership."""

from .outcomes import (
    get_outcome_for,
    hires_by_employer,
    outcome_rows,
    outcomes_due,
    outcomes_for,
    programme_figures,
)
from .placements import (
    followed_candidate_ids,
    get_placement_for,
    placement_rows,
    placements_for,
)

__all__ = [
    "followed_candidate_ids",
    "get_outcome_for",
    "get_placement_for",
    "hires_by_employer",
    "outcome_rows",
    "outcomes_due",
    "outcomes_for",
    "placement_rows",
    "placements_for",
    "programme_figures",
]
