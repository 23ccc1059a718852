"""Writes for placements, NAV agreements and outcomes (one module per area, re-exported here)."""

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
    "placement_complete",
    "placement_create",
    "placement_create_from_application",
    "placement_end_early",
    "placement_extend",
    "placement_start",
    "placement_update",
]
