"""Writes for placements, NAV agreements and outcomes (one module per area, re-exported here)."""

from .outcomes import outcome_record, outcome_update
from .placements import (
    nav_agreement_set,
    placement_complete,
    placement_create,
    placement_create_from_application,
    placement_end_early,
    placement_extend,
    placement_start,
    placement_update,
)

__all__ = [
    "nav_agreement_set",
    "outcome_record",
    "outcome_update",
    "placement_complete",
    "placement_create",
    "placement_create_from_application",
    "placement_end_early",
    "placement_extend",
    "placement_start",
    "placement_update",
]
