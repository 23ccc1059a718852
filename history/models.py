"""Change history of candidates, placements, follow-up notes and documents (django-pghistory).

PostgreSQL triggers copy every inserted, updated and deleted row into an event table, so bulk
``QuerySet.update()`` and raw SQL are recorded too. The triggers hang on proxy models declared
here, so their migrations live in this app and never in the apps that own the tables. On SQLite
the tables exist but no trigger is installed: history is recorded on PostgreSQL only.

Fields are listed explicitly: a field added to a tracked model is not snapshot (and needs no
migration here) until it is added to the list below.
"""

import pghistory
from django.db import models

from candidates.models import Candidate
from mentors.models import FollowUpNote
from placements.models import Placement
from reports.models import Document

CANDIDATE_FIELDS = [
    "id", "operator", "given_name", "family_name", "given_name_latin", "family_name_latin",
    "preferred_name", "birth_date", "gender", "email", "phone", "national_id",
    "national_id_kind", "country_of_birth", "nationality", "arrival_year", "education_level",
    "education_field", "education_country", "recognition", "profession", "norwegian_level",
    "norwegian_oral", "norwegian_reading", "norwegian_listening", "norwegian_writing",
    "other_languages", "nav_caseworker", "nav_office", "nav_phone", "nav_email", "status",
    "legal_hold", "legal_hold_reason",
]  # fmt: skip
PLACEMENT_FIELDS = [
    "id", "candidate", "programme", "cohort", "host_unit", "position", "application",
    "starts_on", "planned_end", "actual_end", "hours_per_week", "supervisor", "status",
    "end_reason",
]  # fmt: skip
NOTE_FIELDS = [
    "id", "candidate", "placement", "author", "written_on", "kind", "text", "confidential",
]  # fmt: skip
# The issued PDF stays out: it is large, and the checksum says whether it changed.
DOCUMENT_FIELDS = [
    "id", "operator", "placement", "kind", "language", "status", "version", "previous",
    "workplace", "role_title", "starts_on", "ends_on", "hours_per_week", "tasks", "absence",
    "assessment", "referee_name", "referee_title", "referee_contact", "created_by",
    "approved_by", "approved_at", "issued_by", "issued_at", "issued_on", "superseded_at",
    "holder_name", "holder_name_latin", "issuer_name", "verification_code", "sha256", "filename",
]  # fmt: skip


class TrackedCandidate(Candidate):
    class Meta:
        proxy = True


class TrackedPlacement(Placement):
    class Meta:
        proxy = True


class TrackedNote(FollowUpNote):
    class Meta:
        proxy = True


class TrackedDocument(Document):
    class Meta:
        proxy = True


def _events(model: type[models.Model], name: str, fields: list[str]) -> type[models.Model]:
    return pghistory.create_event_model(
        model,
        # Fresh trackers per model: a tracker keeps the fields of the model it was set up for.
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        fields=fields,
        model_name=name,
        abstract=False,
        obj_field=pghistory.ObjForeignKey(related_name="+", related_query_name="+"),
        meta={"ordering": ["-pgh_id"]},
    )


CandidateEvent = _events(TrackedCandidate, "CandidateEvent", CANDIDATE_FIELDS)
PlacementEvent = _events(TrackedPlacement, "PlacementEvent", PLACEMENT_FIELDS)
FollowUpNoteEvent = _events(TrackedNote, "FollowUpNoteEvent", NOTE_FIELDS)
DocumentEvent = _events(TrackedDocument, "DocumentEvent", DOCUMENT_FIELDS)
