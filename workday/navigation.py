"""Navigation by task: a few top-level entries, each a link or a menu of related pages, shown by
capability. A menu with one visible page becomes a plain link, so no role sees an empty or
one-item menu; no role gets more than ``MAX_TOP_LEVEL`` entries (tests/workday/test_browser.py).

Which pages a user sees depends only on the viewer (role and whether a site admin) and which is
current only on the view, so the entries are worked out once per viewer, view, language and URL
configuration and kept (a few thousand small lists at most), not on every page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.permissions import FOLLOW_UP, role_has_capability

MAX_TOP_LEVEL = 7


class Viewer(NamedTuple):
    """What the header depends on about the user: the active role and site-admin status."""

    role: str | None
    staff: bool


Visible = Callable[[Viewer], bool]
Current = Callable[[str, str, str], bool]  # (app_name, url_name, view_name)


def can(capability: str) -> Visible:
    return lambda viewer: role_has_capability(viewer.role, capability)


def role_in(*roles: str) -> Visible:
    return lambda viewer: viewer.role in roles


def app_is(app: str, *, unless: str = "") -> Current:
    return lambda a, u, v: a == app and not (unless and unless in u)


def name_has(*fragments: str) -> Current:
    return lambda a, u, v: any(f in u for f in fragments)


def view_is(*names: str) -> Current:
    return lambda a, u, v: v in names


@dataclass(frozen=True)
class Page:
    label: Promise
    url_name: str
    visible: Visible
    current: Current


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Entry:
    """One top-level entry as the template shows it: a link, or a menu of links."""

    key: str
    label: str
    url: str = ""
    current: bool = False
    pages: list["Entry"] = field(default_factory=list)

    @property
    def is_menu(self) -> bool:
        return bool(self.pages)


GROUPS: tuple[Group, ...] = (
    Group(
        "home",
        _("Home"),
        (Page(_("Home"), "workday:home", lambda viewer: True, view_is("workday:home")),),
    ),
    Group(
        "programmes",
        _("Programmes"),
        (
            Page(
                _("Programmes"),
                "programs:programme_list",
                can("programmes.view"),
                lambda a, u, v: (a == "programs" and "hostunit" not in u) or a == "dashboards",
            ),
            Page(
                _("Host units"),
                "programs:hostunit_list",
                can("hostunits.view"),
                name_has("hostunit"),
            ),
            # What host units and employers sent from their own pages (hostportal).
            Page(
                _("Submissions from host units"),
                "hostreview:list",
                can("hostunits.manage"),
                lambda a, u, v: a == "hostreview",
            ),
        ),
    ),
    Group(
        "people",
        _("People"),
        (
            Page(_("My candidates"), "mentors:mine", role_in(*FOLLOW_UP), view_is("mentors:mine")),
            Page(
                _("Candidates"), "candidates:list", can("candidates.manage"), app_is("candidates")
            ),
        ),
    ),
    Group(
        "follow_up",
        _("Follow-up"),
        (
            Page(
                _("Placements"),
                "placements:list",
                can("placements.view"),
                lambda a, u, v: a == "placements" and "outcome" not in u,
            ),
            Page(
                _("Outcomes"),
                "placements:outcomes_due",
                can("outcomes.manage"),
                name_has("outcome"),
            ),
            Page(_("Events"), "events:list", can("events.manage"), app_is("events")),
        ),
    ),
    Group(
        "reports",
        _("Reports"),
        (
            Page(
                _("Reports"),
                "reports:placements",
                can("placements.manage"),
                app_is("reports"),
            ),
        ),
    ),
    Group(
        "administration",
        _("Administration"),
        (
            Page(_("Members"), "core:member_list", can("members.manage"), name_has("member")),
            Page(
                _("Access log"),
                "core:access_log",
                can("privacy.access_log"),
                view_is("core:access_log"),
            ),
            Page(
                _("Access and erasure"),
                "candidates:subject_requests",
                can("privacy.request"),
                view_is("candidates:subject_requests"),
            ),
            Page(
                _("Retention"),
                "stewardship:retention",
                can("privacy.retention"),
                view_is("stewardship:retention", "stewardship:retention_preview"),
            ),
            Page(
                _("Sent reminders"),
                "reminders:sent_log",
                can("members.manage"),
                view_is("reminders:sent_log"),
            ),
            Page(
                _("Letterhead"),
                "documents:letterhead",
                can("programmes.manage"),
                view_is("documents:letterhead"),
            ),
            Page(
                _("Site administration"),
                "admin:index",
                lambda viewer: viewer.staff,
                lambda a, u, v: a == "admin",
            ),
        ),
    ),
)


_URLS: dict[tuple[str, str, str], str] = {}


def _url(name: str) -> str:
    """``reverse(name)`` of a page without arguments, worked out once per URL configuration and
    script prefix (the header reverses some twenty of them on every page)."""
    key = (name, str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix())
    url = _URLS.get(key)
    if url is None:
        url = _URLS[key] = reverse(name)
    return url


def viewer_of(request: HttpRequest) -> Viewer:
    membership = getattr(request, "membership", None)
    return Viewer(
        membership.role if membership is not None else None,
        bool(getattr(request.user, "is_staff", False)),
    )


def build_entries(viewer: Viewer, where: tuple[str, str, str]) -> tuple[Entry, ...]:
    """The top-level entries ``viewer`` sees, the one for ``where`` (app, URL and view name)
    marked current, labels in the active language."""
    entries = []
    for group in GROUPS:
        pages = [
            Entry(page.url_name, str(page.label), _url(page.url_name), page.current(*where))
            for page in group.pages
            if page.visible(viewer)
        ]
        if not pages:
            continue
        if len(pages) == 1:
            page = pages[0]
            entries.append(Entry(group.key, page.label, page.url, page.current))
        else:
            current = any(p.current for p in pages)
            entries.append(Entry(group.key, str(group.label), current=current, pages=pages))
    return tuple(entries)


_ENTRIES: dict[tuple[object, ...], tuple[Entry, ...]] = {}
_KEEP_AT_MOST = 20_000  # viewers × views × languages; cleared if ever exceeded


def entries_for(request: HttpRequest) -> tuple[Entry, ...]:
    """The top-level entries for this request's user, the current one marked."""
    match = getattr(request, "resolver_match", None)
    where = (
        (match.app_name or "", match.url_name or "", match.view_name or "")
        if match
        else ("", "", "")
    )
    viewer = viewer_of(request)
    key = (
        viewer,
        where,
        get_language(),
        str(get_urlconf() or settings.ROOT_URLCONF),
        get_script_prefix(),
    )
    entries = _ENTRIES.get(key)
    if entries is None:
        if len(_ENTRIES) >= _KEEP_AT_MOST:
            _ENTRIES.clear()
        entries = _ENTRIES[key] = build_entries(viewer, where)
    return entries


def navigation(request: HttpRequest) -> dict[str, object]:
    """Context processor: ``nav`` for the header (nothing for anonymous visitors)."""
    if not request.user.is_authenticated:
        return {"nav": ()}
    return {"nav": entries_for(request)}
