"""Extension points of programs for the apps above it (see core.extensions)."""

from typing import Any

from core.extensions import Hook
from core.http import MemberRequest

from .models import Programme

# More of the programme page: placements adds the employers' commitments and hires.
programme_detail: Hook[[MemberRequest, Programme], dict[str, Any]] = Hook(
    "programs.programme_detail"
)
