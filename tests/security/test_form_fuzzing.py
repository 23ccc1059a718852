"""Hypothesis drives every form a user can submit, with data built from the form's own fields.

Every URL of the permission matrix is opened with a role that may see it; each Django form or
formset in the page's context is a form to fuzz. ``FORMS`` names them all (and where each one
posts, with which role); ``test_every_form_is_fuzzed`` fails when a page gains a form that is not
listed, and ``test_every_post_endpoint_is_fuzzed_or_takes_no_input`` does the same for POST-only
URLs. Each example starts from plausible values (the form's initial data, valid choices, sane
dates) and replaces some fields with hostile ones: NUL bytes, huge and right-to-left text, emoji,
spreadsheet formula starters, markup, numbers out of range, impossible dates, wrong choices, ids
of other operators' rows, random bytes as .csv/.xlsx/.png/.pdf uploads.

Invariants for every example:
- never a server error (the client does not re-raise, so a 500 is seen as a 500);
- nothing half-saved: when the request is refused (a re-rendered form with errors, an error
  message on a redirect, or a 4xx), the row count of every project model is unchanged;
- a redirect never leaves the site (``next`` is fuzzed too).

Each example runs in a savepoint that is rolled back, so examples do not see each other's rows,
and ``derandomize=True`` makes the examples the same on every run (CI is deterministic; see
EXAMPLES for a deeper, random hunt).
"""

import copy
import datetime
import io
import os
import string
import struct
import traceback
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.test.utils import ContextList
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import (
    url_has_allowed_host_and_scheme,
    urlencode,
    urlsafe_base64_encode,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.imports import COLUMNS
from core.models import Organisation
from mentors.event_views import AttendanceForm
from mentors.forms import MentorshipEndForm, MilestoneDoneForm
from programs.models import Position
from stewardship.privacy.forms import LegalHoldForm
from tests.conftest import ROLES, World
from tests.portal.helpers import portal_client
from tests.urlmatrix import MATRIX

# Roles tried in this order when opening a page to find its forms.
DISCOVERY_ROLES = ("lead", "mentor", "anon", "coordinator", "partner", "other_lead", "site_admin")

# Per form; the whole file stays well under three minutes on SQLite. A deeper hunt locally, with
# new examples on every run: FUZZ_EXAMPLES=500 FUZZ_RANDOM=1 .venv/bin/pytest <this file>
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "24"))
DERANDOMIZE = not os.environ.get("FUZZ_RANDOM")
FILE_EXAMPLES = max(EXAMPLES, 100)  # uploads have more ways to be wrong
AUDITED_LOGIN = {"core.AuditEntry": "a failed login is audited (core/security.py)"}


# --- Which forms, posted where, by whom ----------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A form found on ``page`` (a URL name) as an instance of ``form`` (a class name)."""

    role: str = "lead"
    post_to: str | None = None  # URL name the form is submitted to; default: the page itself
    method: str = "post"
    # Models that may change although the request was refused, with the reason.
    writes_when_refused: dict[str, str] = field(default_factory=dict)
    # Fields the form does not declare but the view reads (name -> strategy).
    more_fields: Callable[[World], dict[str, Any]] | None = None
    query: str = ""  # appended to the page's URL (and to the POST URL when it is the page)
    examples: int = EXAMPLES


def _next_field(world: World) -> dict[str, Any]:
    return {"next": NEXT_URLS}


def _import_fields(world: World) -> dict[str, Any]:
    return {
        "action": st.sampled_from(["", "confirm", "preview", "\x00"]),
        "payload": st.one_of(st.just("eJwDAAAAAAE="), nasty_text()),
        "signature": nasty_text(),
    }


def _export_query(world: World) -> dict[str, Any]:
    filters = st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from(["active", "planned", "x", "\x00"]),
            "programme": st.sampled_from([str(world.objects["programme"].pk), "0", "-1", "a"]),
            "period_from": st.sampled_from(NASTY_DATES + ["2026-01-01"]),
            "sector": nasty_text(),
            "page": st.sampled_from(["1", "0", "99999", "x"]),
        },
    )
    return {"query": st.one_of(filters.map(urlencode), nasty_text())}


def _application_field(world: World) -> dict[str, Any]:
    # The view reads "application" (the accepted application a placement starts from) itself.
    return {"application": st.sampled_from([str(world.objects["application"].pk), "²", "0", ""])}


# "<page URL name> <form class name>": every form the discovery finds must be listed here.
FORMS: dict[str, Target] = {
    # Accounts
    "accounts:login LoginForm": Target(role="anon", writes_when_refused=AUDITED_LOGIN),
    "accounts:password_change PasswordChangeForm": Target(),
    "accounts:password_reset PasswordResetForm": Target(role="anon"),
    # Two-step verification: the world's mentor has no device yet, the lead has one.
    "accounts:mfa_setup TokenForm": Target(role="mentor", more_fields=_next_field),
    "accounts:mfa_disable TokenForm": Target(),
    # Core: members
    "core:member_invite MemberInviteForm": Target(),
    "core:member_change MemberChangeForm": Target(),
    "stewardship:retention RetentionPolicyForm": Target(),
    "core:operator_language OperatorLanguageForm": Target(),
    "accounts:language UserLanguageForm": Target(role="mentor"),
    # Programmes, cohorts, host units, positions, commitments, funding
    "programs:programme_create ProgrammeForm": Target(),
    "programs:programme_edit ProgrammeForm": Target(),
    "programs:programme_funding FundingShareFormSet": Target(),
    "programs:cohort_create CohortForm": Target(),
    "programs:cohort_edit CohortForm": Target(),
    "programs:hostunit_create HostUnitForm": Target(),
    "programs:hostunit_edit HostUnitForm": Target(),
    "programs:position_create PositionForm": Target(),
    "programs:position_edit PositionForm": Target(),
    "programs:commitment_create CommitmentForm": Target(),
    "programs:opening_create JobOpeningForm": Target(),
    "programs:opening_edit JobOpeningForm": Target(),
    # Candidates, consent, selection, import
    "candidates:create CandidateForm": Target(),
    "candidates:edit CandidateForm": Target(),
    "candidates:list FindByIdForm": Target(post_to="candidates:find"),
    "candidates:detail ConsentForm": Target(post_to="candidates:consent_add"),
    "candidates:detail SubjectRequestForm": Target(post_to="candidates:subject_request_create"),
    # Matching
    "matching:dismiss DismissForm": Target(),
    "matching:weights WeightsForm": Target(),
    "matching:mentors MentorProposeForm": Target(post_to="matching:mentor_propose"),
    # Mentor profiles: a mentor edits their own, the coordinator anyone's
    "mentors:profile_mine MentorProfileForm": Target(role="mentor"),
    "mentors:profile_edit MentorProfileForm": Target(),
    # The candidate's own page: the sign-in link form needs no account
    "portal:signin SignInForm": Target(role="anon"),
    # The host units' pages: the link form needs no account; a supervisor's own login picks a
    # unit; the lead's review accepts (the edited form) or declines with a reason.
    "hostportal:signin SignInForm": Target(role="anon"),
    "hostportal:enter SupervisorEnterForm": Target(),
    "hostreview:review NeedForm": Target(),
    "hostreview:review DeclineForm": Target(post_to="hostreview:decline"),
    "candidates:detail MoveForm": Target(
        post_to="candidates:application_move", more_fields=_next_field
    ),
    "candidates:application_add ApplicationForm": Target(),
    "candidates:cohort_board BulkMoveForm": Target(
        post_to="candidates:board_bulk_move", more_fields=_next_field
    ),
    "candidates:position_board BulkMoveForm": Target(
        post_to="candidates:board_bulk_move", more_fields=_next_field
    ),
    "stewardship:erase EraseForm": Target(),
    "candidates:import_upload ImportForm": Target(
        more_fields=_import_fields, examples=FILE_EXAMPLES
    ),
    # Placements and outcomes
    "placements:create PlacementForm": Target(more_fields=_application_field),
    "placements:edit PlacementEditForm": Target(),
    "placements:nav_agreement NavAgreementForm": Target(),
    "placements:detail ExtendForm": Target(post_to="placements:extend"),
    "placements:detail EndEarlyForm": Target(post_to="placements:end_early"),
    "placements:outcome_create OutcomeForm": Target(more_fields=_next_field),
    "placements:outcome_edit OutcomeEditForm": Target(),
    # Mentoring and follow-up (supervisors and mentors write notes and evaluations)
    "mentors:mentorship_create MentorshipForm": Target(),
    "mentors:note_create NoteForm": Target(role="mentor"),
    "mentors:milestone_plan MilestoneTemplateForm": Target(),
    "mentors:evaluation_fill EvaluationForm": Target(role="mentor"),
    "mentors:evaluation_public EvaluationForm": Target(role="anon"),
    # Events
    "events:create EventForm": Target(),
    "events:edit EventForm": Target(),
    "events:detail InviteForm": Target(post_to="events:invite"),
    # Documents
    "documents:create DocumentForm": Target(),
    "documents:edit DocumentForm": Target(),
    "documents:letterhead LetterheadForm": Target(examples=FILE_EXAMPLES),
    "documents:verify VerifyForm": Target(role="anon", examples=FILE_EXAMPLES),
    # Reminders and reports
    "reminders:preferences PreferenceForm": Target(),
    "reports:funder PeriodForm": Target(method="get"),
}


# POST-only URLs whose pages render the inputs by hand (no form object in any context): what
# they read, described as a form here, and who posts it.
class _PositionStatusInput(forms.Form):
    status = forms.ChoiceField(choices=Position.Status.choices)


class _OperatorSwitchInput(forms.Form):
    operator = forms.ModelChoiceField(queryset=Organisation.objects.all())


class _LanguageInput(forms.Form):
    language = forms.ChoiceField(choices=django_settings.LANGUAGES)


class _ExportQueryInput(forms.Form):
    # The placement report's filter query string, carried to the background export.
    query = forms.CharField()


class _DecisionInput(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("decline", "decline")])


class _SubjectRequestInput(forms.Form):
    # The approved request a download carries out (optional).
    request = forms.IntegerField(required=False)


@dataclass(frozen=True)
class PostOnly:
    form: type[forms.Form]
    target: Target


POST_ONLY: dict[str, PostOnly] = {
    "mentors:mentorship_end": PostOnly(MentorshipEndForm, Target()),
    "mentors:milestone_done": PostOnly(
        MilestoneDoneForm, Target(role="mentor", more_fields=_next_field)
    ),
    "events:attendance": PostOnly(AttendanceForm, Target()),
    "stewardship:legal_hold": PostOnly(LegalHoldForm, Target()),
    "candidates:subject_request_decide": PostOnly(_DecisionInput, Target()),
    "stewardship:subject_export_json": PostOnly(_SubjectRequestInput, Target()),
    "programs:position_status": PostOnly(_PositionStatusInput, Target(more_fields=_next_field)),
    "core:operator_switch": PostOnly(_OperatorSwitchInput, Target(more_fields=_next_field)),
    "core:set_language": PostOnly(_LanguageInput, Target(more_fields=_next_field)),
    "reports:export_job_create": PostOnly(_ExportQueryInput, Target(more_fields=_export_query)),
}

# POST-only URLs that read no input but the URL itself (a button, not a form).
NO_INPUT = {
    "accounts:logout": "logs out",
    "accounts:keep_alive": "refreshes the session's clock",
    "matching:propose": "proposes the candidate named in the URL",
    "matching:undo_dismissal": "brings a dismissed candidate back",
    "candidates:reveal_id": "shows the id, audited",
    "stewardship:subject_export_pdf": "a download of everything held; its optional request id "
    "is read by the same code as the JSON download's, which is fuzzed",
    "candidates:consent_withdraw": "withdraws today",
    "placements:start": "a state change",
    "placements:complete": "a state change",
    "documents:approve": "a state change",
    "documents:issue": "a state change",
    "documents:reissue": "a state change",
    "documents:send": "sends the issued document",
    "documents:batch_create": "issues the cohort's approved documents",
    "mentors:evaluation_invite": "makes a link",
    "mentors:milestone_template_remove": "removes a plan row",
}

# Forms behind a link rather than a matrix URL, or a second variant of a listed page.
VARIANTS: dict[str, tuple[str, Target]] = {
    "documents:create DocumentForm (reference)": (
        "documents:create DocumentForm",
        Target(query="?kind=reference"),
    ),
}


# --- Hostile and plausible values ----------------------------------------------------------

NASTY_STRINGS = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "\u202egnp.exe",
    "\u200f\u05e9\u05dc\u05d5\u05dd",  # RTL mark + Hebrew
    "مرحبا بالعالم",
    "👩🏽‍💻🇳🇴" * 20,
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}",
    "{% debug %}",
    "%(name)s %s %d",
    "'; DROP TABLE core_user;--",
    "../../../etc/passwd",
    "NaN",
    "Infinity",
    "-0",
    "1e999",
    "0x1f",
    "١٢٣",
    "None",
    "\r\n\r\n",
    "x" * 10_001,
    "y" * 200_000,
]
NASTY_NUMBERS = [
    "-1",
    "0",
    "1.5",
    "1,5",
    "9" * 30,
    "-" + "9" * 30,
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "1e400",
    "NaN",
    "inf",
    "-inf",
    "١٢",
    "２",  # a fullwidth digit: str.isdigit() and int() accept it
    "²",  # str.isdigit() accepts it, int() does not
    " 7 ",
]
NASTY_DATES = [
    "2026-02-30",
    "0000-00-00",
    "2025-02-29",
    "2026-13-01",
    "2026-00-10",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "31.12.2026",
    "30/02/2026",
    "2026-1-1",
    "20260101",
    "today",
]
NASTY_DATETIMES = [
    "2026-03-29T02:30",  # does not exist in Europe/Oslo (clocks go forward)
    "2026-10-25T02:30",  # happens twice in Europe/Oslo
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "2026-02-30T10:00",
    "2026-01-01T25:00",
    "2026-01-01 10:00",
    "2026-01-01",
]
NEXT_URLS = st.sampled_from(
    [
        "",
        "/",
        "/candidates/",
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "\x00/",
        "http:/\\evil.example",
    ]
)
PLAUSIBLE_WORDS = st.text(string.ascii_letters + "æøåÆØÅ -", min_size=1, max_size=24)


def nasty_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY_STRINGS),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    )


def _png(width: int, height: int, body: bytes = b"") -> bytes:
    """A PNG signature and header chunk (with a correct CRC) claiming ``width`` x ``height``."""

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + body


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _broken_png(cut: int) -> bytes:
    """A PNG whose every CRC is right but whose image data stops after ``cut`` bytes."""
    return _png(64, 64, _chunk(b"IDAT", PIXELS[:cut]) + _chunk(b"IEND", b""))


def _image(kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(out, format=kind)
    return out.getvalue()


JPEG = _image("JPEG")
PIXELS = zlib.compress(b"".join(b"\x00" + bytes([row % 256, 7, 9]) * 64 for row in range(64)))


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook()
    for row in rows:
        # Control characters cannot be stored in a worksheet at all.
        workbook.active.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


HEADERS = [column.header for column in COLUMNS]
CELL = st.one_of(nasty_text(), PLAUSIBLE_WORDS, st.sampled_from(NASTY_DATES + NASTY_NUMBERS))


@st.composite
def _csv_bytes(draw: st.DrawFn) -> bytes:
    rows = draw(st.lists(st.lists(CELL, max_size=len(HEADERS) + 2), max_size=4))
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    lines = [delimiter.join(HEADERS)] + [delimiter.join(row) for row in rows]
    bom = draw(st.sampled_from(["\ufeff", ""]))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    return (bom + "\r\n".join(lines)).encode(encoding, errors="replace")


@st.composite
def _xlsx_bytes(draw: st.DrawFn) -> bytes:
    value = st.one_of(
        CELL,
        st.integers(),
        st.floats(allow_nan=False),
        st.dates(),
        st.booleans(),
    )
    rows = draw(st.lists(st.lists(value, max_size=len(HEADERS) + 2), max_size=3))
    return _xlsx([HEADERS, *rows])


# Files a person might really pick, and files made to break a parser.
GOOD_FILES = st.one_of(
    st.just(_image("PNG")),
    st.just(JPEG),
    st.binary(max_size=256).map(lambda b: b"%PDF-1.7\n" + b),
    _csv_bytes(),
    _xlsx_bytes(),
)
BAD_FILES = st.one_of(
    st.binary(max_size=512),
    st.just(b""),
    st.binary(min_size=8, max_size=256).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
    st.binary(min_size=8, max_size=256).map(lambda b: b"\xff\xd8\xff\xe0" + b),
    st.binary(max_size=256).map(lambda b: b"PK\x03\x04" + b),
    st.sampled_from([_png(70_000, 70_000), _png(0, 0)]),  # a decompression bomb's header
    st.integers(1, len(PIXELS) - 1).map(_broken_png),
    st.integers(4, len(JPEG) - 1).map(lambda n: JPEG[:n]),  # a truncated JPEG
)
FILE_NAMES = st.sampled_from(
    ["data.csv", "data.xlsx", "logo.png", "photo.jpg", "doc.pdf", "noext", "../../x.csv", "ü.CSV"]
)


class Upload(tuple):
    """(name, bytes), turned into a fresh uploaded file for each request."""


def _choices(form_field: forms.Field) -> list[str]:
    values: list[str] = []
    for value, label in getattr(form_field, "choices", []):
        if isinstance(label, list | tuple):  # an optgroup
            values.extend(str(v) for v, _label in label)
        elif value not in ("", None):
            values.append(str(getattr(value, "value", value)))
    return values


def _pks(form_field: forms.ModelChoiceField) -> tuple[list[str], list[str]]:
    """The ids the field offers, and every id of the model (other operators' rows too)."""
    offered = [str(pk) for pk in form_field.queryset.values_list("pk", flat=True)[:50]]
    everyone = [
        str(pk) for pk in form_field.queryset.model._base_manager.values_list("pk", flat=True)[:200]
    ]
    return offered, everyone


def _initial(bound: forms.BoundField) -> list[Any]:
    """The value the page shows, as the browser would send it (none when it is empty)."""
    value = bound.value()
    if value in (None, "", []):
        return []
    if isinstance(bound.field, forms.BooleanField):
        return ["on"] if value else []
    if isinstance(value, list | tuple):
        return [[str(v) for v in value]]
    if isinstance(value, datetime.date | datetime.datetime):
        return [bound.field.widget.format_value(value)]
    return [str(value)]


def field_strategies(
    bound: forms.BoundField, key: str
) -> tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]:
    """(plausible, hostile) values for one field, chosen by the field's type."""
    f = bound.field
    hostile_text = nasty_text()
    plausible: st.SearchStrategy[Any]
    hostile: st.SearchStrategy[Any]
    if isinstance(f, forms.FileField):
        return (
            st.tuples(FILE_NAMES, GOOD_FILES).map(Upload),
            st.tuples(FILE_NAMES, BAD_FILES).map(Upload),
        )
    if isinstance(f, forms.BooleanField | forms.NullBooleanField):
        plausible = st.sampled_from(["on", "", "true", "false"])
        hostile = st.one_of(st.sampled_from(["2", "unknown", "\x00"]), hostile_text)
    elif isinstance(f, forms.ModelMultipleChoiceField):
        offered, everyone = _pks(f)
        plausible = st.lists(st.sampled_from(offered or everyone or ["1"]), max_size=3)
        hostile = st.lists(
            st.one_of(
                st.sampled_from(everyone or ["1"]),
                st.integers(-(2**70), 2**70).map(str),
                hostile_text,
            ),
            max_size=4,
        )
    elif isinstance(f, forms.ModelChoiceField):
        offered, everyone = _pks(f)
        plausible = st.sampled_from(offered or everyone or [""])
        hostile = st.one_of(
            st.sampled_from(everyone or ["1"]),
            st.integers(-(2**70), 2**70).map(str),
            st.sampled_from(["1.0", " 1", "[1]", "0", "-1", "²", "２", "9" * 25]),
            hostile_text,
        )
    elif isinstance(f, forms.MultipleChoiceField):
        valid = _choices(f) or ["x"]
        plausible = st.lists(st.sampled_from(valid), max_size=len(valid), unique=True)
        hostile = st.lists(st.one_of(st.sampled_from(valid), hostile_text), max_size=4)
    elif isinstance(f, forms.ChoiceField):
        valid = _choices(f) or [""]
        plausible = st.sampled_from(valid)
        hostile = st.one_of(
            st.sampled_from([v.upper() for v in valid] + [f" {v}" for v in valid]),
            hostile_text,
        )
    elif isinstance(f, forms.DateTimeField):
        plausible = st.datetimes(
            datetime.datetime(2024, 1, 1), datetime.datetime(2030, 12, 31)
        ).map(lambda d: d.strftime("%Y-%m-%dT%H:%M"))
        hostile = st.one_of(
            st.sampled_from(NASTY_DATETIMES),
            st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
            hostile_text,
        )
    elif isinstance(f, forms.DateField):
        plausible = st.dates(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)).map(
            datetime.date.isoformat
        )
        hostile = st.one_of(
            st.sampled_from(NASTY_DATES), st.dates().map(datetime.date.isoformat), hostile_text
        )
    elif isinstance(f, forms.IntegerField | forms.DecimalField | forms.FloatField):
        low = f.min_value if f.min_value is not None else 0
        high = f.max_value if f.max_value is not None else 100
        plausible = st.integers(int(low), int(high)).map(str)
        hostile = st.one_of(
            st.sampled_from(NASTY_NUMBERS),
            st.integers().map(str),
            st.floats().map(str),
            st.decimals().map(str),
            hostile_text,
        )
    elif isinstance(f, forms.EmailField):
        plausible = st.sampled_from(["kari@example.org", "Ola.Nordmann@Example.NO"])
        hostile = st.one_of(
            st.sampled_from(["a@b", "@example.org", "x@" + "e" * 300 + ".org", "a@b@c.org"]),
            hostile_text,
        )
    else:
        plausible = st.one_of(PLAUSIBLE_WORDS, st.sampled_from(["2511", "Kari", "994316850"]))
        hostile = hostile_text
    initial = _initial(bound)
    if initial:
        plausible = st.one_of(st.sampled_from(initial), plausible)
    return plausible, hostile


OMIT = object()


@dataclass
class Fields:
    plausible: dict[str, st.SearchStrategy[Any]] = field(default_factory=dict)
    hostile: dict[str, st.SearchStrategy[Any]] = field(default_factory=dict)
    uploads: set[str] = field(default_factory=set)

    def add_form(self, form: forms.BaseForm) -> None:
        for name in form.fields:
            bound = form[name]
            widget = bound.field.widget
            keys = (
                [bound.html_name + suffix for suffix in widget.widgets_names]
                if isinstance(widget, forms.MultiWidget)
                else [bound.html_name]
            )
            for key in keys:
                self.plausible[key], self.hostile[key] = field_strategies(bound, key)
                if isinstance(bound.field, forms.FileField):
                    self.uploads.add(key)

    def add_formset(self, formset: BaseFormSet) -> None:
        management = formset.management_form
        for name in management.fields:
            key = management.add_prefix(name)
            current = str(management[name].value() or "0")
            self.plausible[key] = st.sampled_from([current, "1", "2", "3"])
            self.hostile[key] = st.one_of(
                st.sampled_from(NASTY_NUMBERS + ["1000", "100000", ""]), nasty_text()
            )
        forms_shown = list(formset.forms)
        for index in range(max(len(forms_shown), 3)):
            form = formset._construct_form(index)  # noqa: SLF001 - a form with index i's prefix
            self.add_form(form)

    def add_more(self, more: dict[str, Any]) -> None:
        for key, strategy in more.items():
            self.plausible[key] = strategy
            self.hostile[key] = st.one_of(strategy, nasty_text())

    def strategy(self) -> st.SearchStrategy[dict[str, Any]]:
        keys = sorted(self.plausible)
        uploads = frozenset(self.uploads)
        # Which fields get hostile values: none, one (the others plausible, so the request gets
        # past the form into the service), a few at once, or the uploads (parsers break most).
        choices = [st.just(frozenset())]
        if keys:
            choices.append(st.sampled_from(keys).map(lambda key: frozenset([key])))
        if len(keys) > 1:
            choices.append(
                st.frozensets(st.sampled_from(keys), min_size=2, max_size=min(4, len(keys)))
            )
        if uploads:
            choices += [st.just(uploads)] * 3  # weighted: as likely as all the rest together
        hostile_fields = st.one_of(choices)

        @st.composite
        def payload(draw: st.DrawFn) -> dict[str, Any]:
            broken = draw(hostile_fields)
            data: dict[str, Any] = {}
            for key in keys:
                if draw(st.integers(0, 19)) == 0:
                    continue  # a field left out of the POST altogether
                source = self.hostile if key in broken else self.plausible
                data[key] = draw(source[key])
            return data

        return payload()


# --- The page, its forms, the request ------------------------------------------------------


def contexts(response: Any) -> list[Any]:
    if response.context is None:
        return []
    if isinstance(response.context, ContextList):
        return list(response.context)
    return [response.context]


def forms_in(response: Any) -> dict[str, Any]:
    """The forms and formsets in a response's context, by class name (not filter forms)."""
    found: dict[str, Any] = {}
    skip: set[int] = set()
    values = [v for ctx in contexts(response) for v in ctx.flatten().values()]
    for value in values:
        if isinstance(value, django_filters.FilterSet):
            skip.add(id(value.form))
        elif isinstance(value, BaseFormSet):
            skip.add(id(value.management_form))
            skip.update(id(f) for f in value.forms)
    for value in values:
        if isinstance(value, forms.BaseForm | BaseFormSet) and id(value) not in skip:
            found.setdefault(type(value).__name__, value)
    return found


def discovery_role(name: str) -> str | None:
    statuses = MATRIX[name].statuses
    return next((role for role in DISCOVERY_ROLES if statuses[role] == 200), None)


def discover(world: World) -> set[str]:
    """ "<page> <form class>" for every form on every page of the matrix."""
    found: set[str] = set()
    for name in sorted(MATRIX):
        role = discovery_role(name)
        if role is None:
            continue
        url = reverse(name, kwargs=MATRIX[name].kwargs_for(world))
        response = world.client_for(role).get(url)
        found.update(f"{name} {cls}" for cls in forms_in(response))
    return found


def project_models() -> list[Any]:
    """Every concrete model of the apps in this repository (not of installed packages)."""
    root = Path(django_settings.BASE_DIR)
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(root) and "site-packages" not in Path(config.path).parts
        for model in config.get_models()
        if not model._meta.proxy and model._meta.managed
    ]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in project_models()}


def _request_data(payload: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in payload.items():
        if isinstance(value, Upload):
            name, content = value
            data[key] = SimpleUploadedFile(name, content)
        else:
            data[key] = value
    return data


def refused(response: Any) -> bool:
    """The request changed nothing by design: 4xx, an error message, or a form with errors."""
    if response.status_code >= 400:
        return True
    if 300 <= response.status_code < 400:
        return any(m.level >= messages.ERROR for m in response.wsgi_request._messages)  # noqa: SLF001
    for value in forms_in(response).values():
        if isinstance(value, BaseFormSet):
            if value.is_bound and value.total_error_count():
                return True
        elif value.is_bound and value.errors:
            return True
    return False


def _failure(response: Any, payload: dict[str, Any]) -> str:
    shown = {
        k: (v if not isinstance(v, str) or len(v) < 80 else v[:80] + "…")
        for k, v in payload.items()
    }
    trace = "".join(traceback.format_exception(*response.exc_info)) if response.exc_info else ""
    return f"status {response.status_code} for {shown}\n{trace}"


def fuzz(client: Client, target: Target, *, page_url: str, post_url: str, fields: Fields) -> None:
    client.raise_request_exception = False  # a 500 is a response to look at, not an exception
    client.get(page_url)  # a real visit first (sets the session up as a browser would)
    cookies = copy.deepcopy(client.cookies)

    @settings(
        max_examples=target.examples,
        deadline=None,
        derandomize=DERANDOMIZE,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(payload=fields.strategy())
    def check(payload: dict[str, Any]) -> None:
        cache.clear()  # throttles count per window; every example starts fresh
        client.cookies = copy.deepcopy(cookies)
        with transaction.atomic():
            before = row_counts()
            send = client.get if target.method == "get" else client.post
            response = send(post_url, _request_data(payload))
            assert response.status_code < 500, _failure(response, payload)
            location = response.get("Location", "")
            assert not location or url_has_allowed_host_and_scheme(location, {"testserver"}), (
                f"redirect off the site: {location!r} for {payload}"
            )
            if refused(response):
                after = row_counts()
                changed = {
                    label: (before[label], after[label])
                    for label in before
                    if before[label] != after[label] and label not in target.writes_when_refused
                }
                assert not changed, f"half-saved {changed}: {_failure(response, payload)}"
            transaction.set_rollback(True)

    check()


def _url(name: str, world: World) -> str:
    return reverse(name, kwargs=MATRIX[name].kwargs_for(world))


# --- Tests ---------------------------------------------------------------------------------


def test_every_form_is_fuzzed(world: World) -> None:
    """A page that gains a form must add it to FORMS (and a form that went away must leave)."""
    discovered = discover(world)
    assert discovered - set(FORMS) == set(), "forms not fuzzed: add them to FORMS"
    assert set(FORMS) - discovered == set(), "FORMS lists forms no page renders any more"
    for key, target in FORMS.items():
        assert target.role in ROLES, key
        assert target.post_to is None or target.post_to in MATRIX, key


def test_every_post_endpoint_is_fuzzed_or_takes_no_input() -> None:
    post_only = {name for name, row in MATRIX.items() if 405 in row.statuses.values()}
    fuzzed = {t.post_to for t in FORMS.values() if t.post_to} | set(POST_ONLY)
    assert post_only - fuzzed - set(NO_INPUT) == set(), "POST endpoints neither fuzzed nor listed"
    assert set(NO_INPUT) <= post_only


@pytest.mark.parametrize("key", sorted(FORMS) + sorted(VARIANTS))
def test_form_survives_arbitrary_input(world: World, key: str) -> None:
    if key in VARIANTS:
        base, target = VARIANTS[key]
        target = Target(**{**FORMS[base].__dict__, "query": target.query})
    else:
        base, target = key, FORMS[key]
    page, form_class = base.split(" ")
    page_url = _url(page, world) + target.query
    response = world.client_for(target.role).get(page_url)
    assert response.status_code == 200, (key, response.status_code)
    form = forms_in(response)[form_class]
    fields = Fields()
    if isinstance(form, BaseFormSet):
        fields.add_formset(form)
    else:
        fields.add_form(form)
    if target.more_fields:
        fields.add_more(target.more_fields(world))
    post_url = _url(target.post_to, world) if target.post_to else page_url
    client = world.client_for(target.role)
    fuzz(client, target, page_url=page_url, post_url=post_url, fields=fields)


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_endpoint_survives_arbitrary_input(world: World, name: str) -> None:
    entry = POST_ONLY[name]
    fields = Fields()
    fields.add_form(entry.form())
    if entry.target.more_fields:
        fields.add_more(entry.target.more_fields(world))
    url = _url(name, world)
    client = world.client_for(entry.target.role)
    fuzz(client, entry.target, page_url=reverse("workday:home"), post_url=url, fields=fields)


def test_password_reset_link_survives_arbitrary_input(world: World) -> None:
    """The set-password form behind a valid reset link (the matrix only has a broken link)."""
    user = world.users["lead"]
    link = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    client = world.client_for("anon")
    form_url = client.get(link)["Location"]  # the token moves into the session
    response = client.get(form_url)
    form = forms_in(response)["SetPasswordForm"]
    fields = Fields()
    fields.add_form(form)
    # The same client: its session holds the token.
    fuzz(client, Target(role="anon"), page_url=form_url, post_url=form_url, fields=fields)


# The candidate's own pages: no staff role reaches them (the matrix sends staff to the portal's
# sign-in), so discovery does not find their forms; they are fuzzed with a candidate's session.
PORTAL_FORMS = {
    "portal:contact ContactForm": Target(role="anon"),
    "portal:language LanguageForm": Target(role="anon"),
    "portal:evaluation EvaluationForm": Target(role="anon"),
}


@pytest.mark.parametrize("key", sorted(PORTAL_FORMS))
def test_portal_form_survives_arbitrary_input(world: World, key: str) -> None:
    target = PORTAL_FORMS[key]
    page, form_class = key.split(" ")
    page_url = _url(page, world)
    candidate = world.objects["followed_candidate"]
    response = portal_client(candidate).get(page_url)
    assert response.status_code == 200, (key, response.status_code)
    fields = Fields()
    fields.add_form(forms_in(response)[form_class])
    fuzz(portal_client(candidate), target, page_url=page_url, post_url=page_url, fields=fields)
