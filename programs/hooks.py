"""Extension points of programs for the apps above it (see core.extensions)."""

from typing import Any

from core.extensions import Hook
from core.http import MemberRequest

from .models import JobOpening, Programme

# More of the programme page: placements adds the employers' commitments and hires.
programme_detail: Hook[[MemberRequest, Programme], dict[str, Any]] = Hook(
    "programs.programme_detail"
)

# More of a job opening's page: candidates adds the applications proposed to it.
opening_detail: Hook[[MemberRequest, JobOpening], dict[str, Any]] = Hook("programs.opening_detail")
