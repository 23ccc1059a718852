"""The register of personal data: every model that holds data about a candidate, how a row leads
back to the candidate, which fields are about the person, and what erasure does to it.

The subject access export (``stewardship.privacy.export``) and erasure
(``stewardship.privacy.services``) read only this register, so a model or field that is not listed
here is neither exported nor erased. ``registry_gaps()`` walks every model of our apps and names
each field that links to a candidate's data or looks personal and that the register neither lists
nor excludes with a reason; tests/privacy/test_registry.py fails on any gap.
"""

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet


def project_apps() -> list[str]:
    """Our apps: every installed app whose code lives in this project (a new app is covered by
    the register's completeness test the moment it is installed)."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    ]


class Erase(enum.Enum):
    DELETE = "delete"  # the rows go
    ANONYMISE = "anonymise"  # rows stay for the statistics; their personal fields are cleared
    KEEP = "keep"  # rows hold ids and codes only (the audit trail) and stay as they are


@dataclass(frozen=True)
class Holding:
    """One model's data about candidates."""

    label: str  # "app_label.ModelName"
    # Lookups from a row to the candidate's id, OR-ed ("pk" for the candidate itself). Forward
    # relations only, so a row is never matched twice.
    paths: tuple[str, ...]
    # About the person: exported, and cleared (or deleted with the row) on erasure.
    personal: tuple[str, ...] = ()
    # Fields that link to a candidate's data or look personal but survive erasure, with why.
    kept: Mapping[str, str] = field(default_factory=dict)
    # Fields never exported (secrets such as token hashes), with why.
    hidden: Mapping[str, str] = field(default_factory=dict)
    erase: Erase = Erase.ANONYMISE
    # Values written instead of the empty value when a row is anonymised.
    replace: Mapping[str, Any] = field(default_factory=dict)
    # A copy of another holding's rows (the change history): its personal fields are that
    # holding's personal fields, and it is erased after every other change (which it records).
    mirrors: str = ""

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def key(self) -> str:
        """The label in lower case, as the audit trail writes it ("mentors.followupnote")."""
        return self.model._meta.label_lower

    def personal_fields(self) -> tuple[str, ...]:
        if not self.mirrors:
            return self.personal
        names = {f.name for f in self.model._meta.concrete_fields}
        return tuple(n for n in holding(self.mirrors).personal_fields() if n in names)

    def declared(self) -> set[str]:
        """Every field this entry accounts for."""
        hops = {path.split("__", 1)[0] for path in self.paths}
        mirrored = set(holding(self.mirrors).declared()) if self.mirrors else set()
        return set(self.personal_fields()) | set(self.kept) | set(self.hidden) | hops | mirrored

    def rows(self, candidate_id: int) -> QuerySet:
        """This model's rows about the candidate."""
        if not self.paths:
            return self.model._default_manager.none()
        match = reduce(or_, (Q(**{path: candidate_id}) for path in self.paths))
        return self.model._default_manager.filter(match)


SAME_PERSON = "links two records of the same candidate; both are in this register"
SNAPSHOT_OF = "the registered row this history event is a snapshot of"
HISTORY_CONTEXT = "pghistory's context of a change (request and user), not about the person"
# What required text fields hold once erased; the same word core.retention writes, so both
# ways of forgetting a candidate leave the same trace.
ANONYMISED = "Anonymisert"

REGISTRY: tuple[Holding, ...] = (
    Holding(
        "candidates.Candidate",
        paths=("pk",),
        personal=(
            "given_name",
            "family_name",
            "given_name_latin",
            "family_name_latin",
            "preferred_name",
            "search_name",
            "birth_date",
            "email",
            "phone",
            "national_id",
            "national_id_kind",
            "nationality",
            "arrival_year",
            "education_level",
            "education_field",
            "education_country",
            "recognition",
            "profession",
            "norwegian_level",
            "norwegian_oral",
            "norwegian_reading",
            "norwegian_listening",
            "norwegian_writing",
            "other_languages",
            "home_municipality",
            "driving_licence",
            "max_travel_km",
            "available_from",
            "hours_available",
            "wished_occupations",
            "nav_caseworker",
            "nav_office",
            "nav_phone",
            "nav_email",
            "language",
            "legal_hold_reason",
        ),  # fmt: skip
        kept={
            "country_of_birth": "the funder report counts participants by country of birth "
            "(small cells suppressed); without a name it no longer identifies anyone",
            "gender": "the funder report counts participants by gender (small cells suppressed)",
        },
        # Names are required: an erased candidate keeps a placeholder, so lists still show a row.
        replace={"given_name": ANONYMISED, "family_name": ANONYMISED},
    ),
    Holding("candidates.Consent", paths=("candidate",), erase=Erase.DELETE),
    # The record that the candidate asked for access or erasure and how it was handled: the
    # controller's evidence, kept through erasure (ids, codes and dates only).
    Holding("candidates.SubjectRequest", paths=("candidate",), erase=Erase.KEEP),
    Holding("candidates.Application", paths=("candidate",), personal=("reason",)),
    Holding("candidates.StageChange", paths=("application__candidate",), personal=("reason",)),
    Holding(
        "placements.Placement",
        paths=("candidate",),
        personal=("end_reason",),
        kept={"application": SAME_PERSON},
        # The database insists that an early end has a reason (placement_early_end_has_reason).
        replace={"end_reason": ANONYMISED},
    ),
    Holding(
        "placements.NavAgreement",
        paths=("placement__candidate",),
        personal=("reference",),
        replace={"reference": ANONYMISED},
    ),
    Holding(
        "placements.Outcome",
        paths=("candidate",),
        kept={
            "employer_name": "the employer's name, not the candidate's; programme and network "
            "pages list the employers who hired",
            "placement": SAME_PERSON,
        },
    ),
    Holding("mentors.Mentorship", paths=("candidate",)),
    Holding(
        "mentors.FollowUpNote",
        paths=("candidate",),
        personal=("text",),
        kept={"placement": SAME_PERSON},
        erase=Erase.DELETE,
    ),
    Holding("mentors.Milestone", paths=("placement__candidate",)),
    Holding(
        "mentors.Evaluation",
        paths=("placement__candidate",),
        kept={"milestone": SAME_PERSON},
        hidden={"token_hash": "the hash of a one-time link's token: a secret, not about them"},
        erase=Erase.DELETE,
    ),
    Holding(
        "mentors.Answer",
        paths=("evaluation__placement__candidate",),
        personal=("rating", "text", "yes_no"),
        erase=Erase.DELETE,
    ),
    Holding("mentors.Attendance", paths=("candidate",)),
    # Matching decisions: who proposed or dismissed the candidate, why, and the reasons shown.
    Holding(
        "matching.MatchDecision",
        paths=("candidate",),
        personal=("reason", "reasons"),
        kept={"application": SAME_PERSON},
        erase=Erase.DELETE,
    ),
    Holding(
        "reports.Document",
        paths=("placement__candidate",),
        personal=(
            "workplace",
            "role_title",
            "tasks",
            "absence",
            "assessment",
            "referee_name",
            "referee_title",
            "referee_contact",
            "holder_name",
            "holder_name_latin",
            "issuer_name",
            "filename",
            "pdf",
        ),  # fmt: skip
        kept={"previous": SAME_PERSON},
        erase=Erase.DELETE,
    ),
    Holding(
        "reports.DownloadLink",
        paths=("document__placement__candidate",),
        hidden={"token_hash": "the hash of a one-time link's token: a secret, not about them"},
        erase=Erase.DELETE,
    ),
    Holding(
        "portal.SignInToken",
        paths=("candidate",),
        hidden={"token_hash": "the hash of a sign-in link's token: a secret, not about them"},
        erase=Erase.DELETE,
    ),
    # Reminders hold ids and codes only; the e-mail is written from the records when it is sent.
    Holding(
        "reminders.Reminder",
        paths=(
            "placement__candidate",
            "application__candidate",
            "milestone__placement__candidate",
        ),
        hidden={"claim_token": "a lease token of the sending sweep"},
    ),
    # The audit trail and access log (innsynslogg): ids and codes only, never names. Its rows are
    # found by object and data (see audit_entries_about), not by a relation.
    Holding(
        "core.AuditEntry",
        paths=(),
        kept={"data": "ids and codes only, never names or national ids"},
        erase=Erase.KEEP,
    ),
    Holding(
        "core.AuditSubject",
        paths=("candidate_id",),
        kept={"entry": "the audit entry (an export, a ZIP) that names this candidate among others"},
        erase=Erase.KEEP,
    ),
    # The change history (PostgreSQL triggers): snapshots of the rows above, erased last so the
    # events that erasure itself triggers go too.
    Holding(
        "history.CandidateEvent",
        paths=("pgh_obj",),
        mirrors="candidates.Candidate",
        kept={"pgh_context": HISTORY_CONTEXT},
        erase=Erase.DELETE,
    ),
    Holding(
        "history.PlacementEvent",
        paths=("candidate",),
        mirrors="placements.Placement",
        kept={"pgh_obj": SNAPSHOT_OF, "pgh_context": HISTORY_CONTEXT},
        erase=Erase.DELETE,
    ),
    Holding(
        "history.FollowUpNoteEvent",
        paths=("candidate",),
        mirrors="mentors.FollowUpNote",
        kept={"pgh_obj": SNAPSHOT_OF, "pgh_context": HISTORY_CONTEXT},
        erase=Erase.DELETE,
    ),
    Holding(
        "history.DocumentEvent",
        paths=("placement__candidate",),
        mirrors="reports.Document",
        kept={"pgh_obj": SNAPSHOT_OF, "pgh_context": HISTORY_CONTEXT},
        erase=Erase.DELETE,
    ),
)

# Models and fields of our apps that are not about candidates, with why. A model listed here may
# have personal-looking fields (a staff member's name); a field that links to a candidate's data
# must be listed on its own ("app.model.field"), never covered by its model.
EXCLUDED: dict[str, str] = {
    "core.user": "staff accounts (leads, coordinators, supervisors, mentors), not candidates",
    "core.organisation": "operators and partner organisations",
    "core.confidentialitydeclaration": "a staff member's accepted declaration and its version",
    "core.retentionpolicy": "an operator's retention periods in months",
    "programs.occupation": "the STYRK-08 occupation register",
    "programs.municipality": "the municipality register",
    "programs.programme": "programmes",
    "programs.cohort": "cohorts",
    "programs.hostunit": "host units and employers; the contact person is a staff member there",
    "programs.employercommitment": "an employer's commitment to a programme",
    "mentors.evaluationtemplate": "evaluation forms",
    "mentors.evaluationquestion": "the questions of an evaluation form",
    "mentors.event": "events; who attended is in mentors.Attendance",
    "reports.letterhead": "the operator's letterhead and signatory",
    "reports.exportjob": "report workbooks of many candidates for the staff member who asked; "
    "removed by reports.services.purge_old_exports, not per candidate",
    "reports.batchjob.documents": "which documents a batch issued; the documents are registered",
    "reminders.sentreminder.reminder": "the sent-log: a Message-ID and a time per reminder; "
    "reminders themselves are registered",
    "hostportal.hostsignintoken": "a host unit's sign-in links, sent to the unit's work contact "
    "address; no candidate's data",
    "hostportal.submission": "needs, commitments and job openings host units and employers "
    "sent, and the lead's answer; no candidate's data",
}

# Field names that suggest data about a person. Matched as substrings of the field name, except
# short tokens that must be a whole part between underscores.
PERSONAL_WORDS = (
    "name", "email", "phone", "national_id", "birth", "address", "text", "note", "reason",
    "contact", "comment", "remark", "referee", "holder", "assessment", "absence", "tasks",
)  # fmt: skip
PERSONAL_PARTS = ("ip", "ssn", "fnr")


def looks_personal(name: str) -> bool:
    parts = name.lower().split("_")
    return any(w in name.lower() for w in PERSONAL_WORDS) or any(p in parts for p in PERSONAL_PARTS)


def installed(label: str) -> bool:
    return apps.is_installed(label.split(".", 1)[0]) and _model_exists(label)


def _model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def holdings(registry: Iterable[Holding] = REGISTRY) -> list[Holding]:
    """The register's entries whose app is installed (the change history is optional)."""
    return [h for h in registry if installed(h.label)]


def holding(label: str) -> Holding:
    for entry in REGISTRY:
        if entry.label.lower() == label.lower():
            return entry
    raise LookupError(label)


def project_models() -> list[type[models.Model]]:
    """Every concrete model of our apps."""
    found = []
    for app_label in project_apps():
        config = apps.get_app_config(app_label)
        found += [m for m in config.get_models() if not m._meta.proxy and not m._meta.abstract]
    return found


def registry_gaps(registry: Iterable[Holding] = REGISTRY) -> list[str]:
    """One line per field that links to a candidate's data or looks personal and that the
    register neither lists nor excludes with a reason (empty when the register is complete)."""
    entries = {h.model._meta.label_lower: h for h in holdings(registry)}
    registered = {h.model._meta.concrete_model for h in holdings(registry)}
    gaps = []
    for model in project_models():
        label = model._meta.label_lower
        entry = entries.get(label)
        fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
        for f in fields:
            related = f.related_model if f.is_relation else None
            linked = related is not None and related._meta.concrete_model in registered
            if not (linked or looks_personal(f.name)):
                continue
            where = f"{label}.{f.name}"
            if entry is not None:
                if f.name not in entry.declared():
                    gaps.append(f"{where}: not in its register entry (personal, kept or hidden)")
            elif linked and not EXCLUDED.get(where):
                gaps.append(f"{where}: links to a candidate's data; register or exclude it")
            elif not linked and not (EXCLUDED.get(label) or EXCLUDED.get(where)):
                gaps.append(f"{where}: looks personal; register or exclude its model")
    for key, reason in EXCLUDED.items():
        if not reason.strip():
            gaps.append(f"{key}: excluded without a reason")
        if not _excluded_key_exists(key):
            gaps.append(f"{key}: excluded but no such model or field")
    for h in holdings(registry):
        names = {f.name for f in (*h.model._meta.concrete_fields, *h.model._meta.many_to_many)}
        # Erasure deletes and updates rows; a file in storage would outlive them.
        if h.erase is not Erase.KEEP and any(
            isinstance(f, models.FileField) for f in h.model._meta.concrete_fields
        ):
            gaps.append(f"{h.key}: has a file field; erasure must remove the stored files first")
        for name in set(h.personal_fields()) | set(h.kept) | set(h.hidden):
            if name not in names:
                gaps.append(f"{h.key}.{name}: listed in the register but no such field")
        for name, reason in {**h.kept, **h.hidden}.items():
            if not reason.strip():
                gaps.append(f"{h.key}.{name}: kept or hidden without a reason")
    return gaps


def _excluded_key_exists(key: str) -> bool:
    app_label, model_name, *rest = key.split(".")
    if not _model_exists(f"{app_label}.{model_name}"):
        return not apps.is_installed(app_label)
    if not rest:
        return True
    try:
        apps.get_model(f"{app_label}.{model_name}")._meta.get_field(rest[0])
    except FieldDoesNotExist:
        return False
    return True


def empty_value(f: models.Field) -> Any:
    """What an anonymised field holds: NULL where allowed, else the default, else empty."""
    if f.null:
        return None
    if f.has_default():
        return f.get_default()
    return ""
