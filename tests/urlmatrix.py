"""The permission matrix: every URL name and the status each role gets for a GET.

Roles: anonymous, lead, coordinator, mentor (supervisors behave the same), partner viewer, the lead
of another operator, and a site admin without memberships. Objects in ``kwargs`` belong to the
first operator, so the other operator's lead must get 404 wherever the role itself would be allowed.
A URL the resolver knows but this table does not makes ``test_every_url_is_in_the_matrix`` fail.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.conftest import ROLES, World

Kwargs = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Row:
    statuses: dict[str, int]
    kwargs: Kwargs | None = None
    # Pages that are not HTML for a browser (health checks, redirects only) are not scanned by axe.
    html: bool = True

    def kwargs_for(self, world: World) -> dict[str, Any]:
        return self.kwargs(world) if self.kwargs else {}


def row(*statuses: int, kwargs: Kwargs | None = None, html: bool = True) -> Row:
    assert len(statuses) == len(ROLES), statuses
    return Row(dict(zip(ROLES, statuses, strict=True)), kwargs, html)


def member_of(role: str) -> Kwargs:
    return lambda w: {"pk": w.users[role].memberships.get().pk}


def pk_of(key: str) -> Kwargs:
    return lambda w: {"pk": w.objects[key].pk}  # type: ignore[attr-defined]


#                                   anon lead coord mentor partner other admin
MATRIX: dict[str, Row] = {
    "workday:home": row(302, 200, 200, 200, 200, 200, 200),
    "core:operator_switch": row(302, 405, 405, 405, 405, 405, 405, html=False),
    "core:operator_language": row(302, 200, 403, 403, 403, 200, 403),
    "core:member_list": row(302, 200, 403, 403, 403, 200, 403),
    "core:member_invite": row(302, 200, 403, 403, 403, 200, 403),
    "core:member_change": row(302, 200, 403, 403, 403, 404, 403, kwargs=member_of("coordinator")),
    "core:declaration": row(302, 200, 200, 200, 200, 200, 200),
    "core:accessibility": row(200, 200, 200, 200, 200, 200, 200),
    "core:healthz": row(200, 200, 200, 200, 200, 200, 200, html=False),
    "core:set_language": row(302, 302, 302, 302, 302, 302, 302, html=False),
    "accounts:login": row(200, 302, 302, 302, 302, 302, 302),
    "accounts:logout": row(302, 405, 405, 405, 405, 405, 405, html=False),
    "accounts:language": row(302, 200, 200, 200, 200, 200, 200),
    "accounts:password_change": row(302, 200, 200, 200, 200, 200, 200),
    "accounts:password_change_done": row(302, 200, 200, 200, 200, 200, 200),
    "accounts:password_reset": row(200, 200, 200, 200, 200, 200, 200),
    "accounts:password_reset_done": row(200, 200, 200, 200, 200, 200, 200),
    "accounts:password_reset_confirm": row(
        200, 200, 200, 200, 200, 200, 200, kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "accounts:password_reset_complete": row(200, 200, 200, 200, 200, 200, 200),
    # Programmes: leads manage, coordinators view, partners see their own programmes' aggregates.
    "programs:programme_list": row(302, 200, 200, 403, 200, 200, 403),
    "programs:programme_create": row(302, 200, 403, 403, 403, 200, 403),
    "programs:programme_detail": row(302, 200, 200, 403, 200, 404, 403, kwargs=pk_of("programme")),
    "programs:programme_edit": row(302, 200, 403, 403, 403, 404, 403, kwargs=pk_of("programme")),
    "programs:programme_funding": row(302, 200, 403, 403, 403, 404, 403, kwargs=pk_of("programme")),
    "programs:cohort_create": row(302, 200, 403, 403, 403, 404, 403, kwargs=pk_of("programme")),
    "programs:cohort_detail": row(302, 200, 200, 403, 200, 404, 403, kwargs=pk_of("cohort")),
    "programs:cohort_edit": row(302, 200, 403, 403, 403, 404, 403, kwargs=pk_of("cohort")),
    # Host units and positions: leads and coordinators.
    "programs:position_create": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("programme")),
    "programs:position_edit": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("position")),
    "programs:opening_create": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("network")),
    "programs:opening_detail": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("opening")),
    "programs:opening_edit": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("opening")),
    "programs:position_status": row(
        302, 405, 405, 403, 403, 405, 403, kwargs=pk_of("position"), html=False
    ),
    "programs:commitment_create": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("network")),
    "programs:occupation_search": row(302, 200, 200, 403, 403, 200, 403, html=False),
    "programs:hostunit_list": row(302, 200, 200, 403, 403, 200, 403),
    "programs:hostunit_create": row(302, 200, 200, 403, 403, 200, 403),
    "programs:hostunit_detail": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("host_unit")),
    "programs:hostunit_edit": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("host_unit")),
    # Candidates: staff manage; mentors see only their own people (404 for this one).
    "candidates:list": row(302, 200, 200, 200, 403, 200, 403),
    "candidates:create": row(302, 200, 200, 403, 403, 200, 403),
    "candidates:find": row(302, 405, 405, 403, 403, 405, 403, html=False),
    "candidates:detail": row(302, 200, 200, 404, 403, 404, 403, kwargs=pk_of("candidate")),
    "candidates:edit": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("candidate")),
    "candidates:reveal_id": row(
        302, 405, 403, 403, 403, 405, 403, kwargs=pk_of("candidate"), html=False
    ),
    "candidates:consent_add": row(
        302, 405, 405, 403, 403, 405, 403, kwargs=pk_of("candidate"), html=False
    ),
    "candidates:consent_withdraw": row(
        302, 405, 405, 403, 403, 405, 403, kwargs=pk_of("consent"), html=False
    ),
    "candidates:application_add": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("candidate")),
    "candidates:application_move": row(
        302, 405, 405, 403, 403, 405, 403, kwargs=pk_of("application"), html=False
    ),
    "candidates:cohort_board": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("cohort")),
    "candidates:position_board": row(302, 200, 200, 403, 403, 404, 403, kwargs=pk_of("position")),
    "candidates:board_bulk_move": row(302, 405, 405, 403, 403, 405, 403, html=False),
    "candidates:import_upload": row(302, 200, 200, 403, 403, 200, 403),
    "candidates:import_template": row(
        302, 200, 200, 403, 403, 200, 403, kwargs=lambda w: {"fmt": "xlsx"}, html=False
    ),
}

# Django admin is for site admins only: every admin URL sends anyone else to the admin login.
ADMIN_NAMESPACE = "admin"


AREAS = (
    "placements",
    "mentors",
    "outcomes",
    "reminders",
    "reports",
    "exports",
    "dashboards",
    "privacy",
    "accounts",
    "calendars",
    "matching",
    "workday",
    "portal",
    "hostportal",
)


def _area_rows() -> dict[str, Row]:
    """Each area lists its URLs in tests/<area>/matrix.py as ``ROWS``:
    ``{name: ((anon, lead, coordinator, mentor, partner, other_lead, site_admin), kwargs, html)}``.
    """
    rows: dict[str, Row] = {}
    for area in AREAS:
        try:
            module = importlib.import_module(f"tests.{area}.matrix")
        except ModuleNotFoundError:
            continue
        overlap = (set(rows) | set(MATRIX)) & set(module.ROWS)
        assert not overlap, f"URL names listed twice: {overlap}"
        for name, (statuses, kwargs, html) in module.ROWS.items():
            rows[name] = row(*statuses, kwargs=kwargs, html=html)
    return rows


MATRIX.update(_area_rows())
