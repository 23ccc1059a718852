"""Reads for placements and outcomes, scoped to the active membership."""

from .outcomes import (
    commitments_of,
    get_outcome_for,
    hires_by_employer,
    outcome_rows,
    outcomes_due,
    outcomes_for,
    programme_figures,
    wall_of_fame,
)
from .placements import (
    get_placement_for,
    placement_list_rows,
    placement_rows,
    placements_for,
    supervised_candidate_ids,
)

__all__ = [
    "commitments_of",
    "get_outcome_for",
    "get_placement_for",
    "hires_by_employer",
    "outcome_rows",
    "outcomes_due",
    "outcomes_for",
    "placement_list_rows",
    "placement_rows",
    "placements_for",
    "programme_figures",
    "supervised_candidate_ids",
    "wall_of_fame",
]
