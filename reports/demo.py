"""Demo letterheads for the four operators, and an issued attest and reference for one completed
placement (when the placement demo has made one).

Idempotent: a letterhead is found by its operator and the documents by their placement, so
seeding twice writes nothing, not even an audit entry.
"""

from typing import Any

from core.demo import DemoWorld
from core.models import Membership, Role
from placements.models import Placement

from . import services
from .models import Document, Letterhead

# Demo addresses and contacts only: the .demo domain never resolves.
LETTERHEADS: dict[str, dict[str, Any]] = {
    "baerum": {
        "address": "Rådhuset\nPostboks 700\n1304 Sandvika",
        "contact": "post@baerum.demo",
        "place": "Sandvika",
        "signatory_name": "Ingrid Solberg",
        "signatory_title": "HR-prosjektleder, traineeprogrammet",
    },
    "kia": {
        "address": "Kirkegata 1\n3716 Skien",
        "contact": "post@kia.demo",
        "place": "Skien",
        "signatory_name": "Amina Hassan",
        "signatory_title": "Daglig leder",
    },
    "vo": {
        "address": "Kjørbokollen 1\n1337 Sandvika",
        "contact": "post@vo.demo",
        "place": "Sandvika",
        "signatory_name": "Gro Skansen",
        "signatory_title": "Rektor",
    },
    "globale": {
        "address": "Sandvika storsenter\n1338 Sandvika",
        "contact": "post@globale.demo",
        "place": "Sandvika",
        "signatory_name": "Tore Gulli",
        "signatory_title": "Prosjektleder",
    },
}

ATTEST = {
    "tasks": (
        "Deltok i det daglige arbeidet i avdelingen med planlegging, dokumentasjon og "
        "oppfølging av prosjekter. Hadde ansvar for egne oppgaver i samråd med veileder og "
        "deltok på avdelingsmøter."
    ),
    "absence": "",
}
REFERENCE = {
    "tasks": "Planlegging, dokumentasjon og oppfølging av prosjekter.",
    "assessment": (
        "Kandidaten har vært pålitelig, nøyaktig og lærevillig gjennom hele praksisperioden. "
        "Hen tok raskt ansvar for egne oppgaver, samarbeidet godt med kollegaene og hadde god "
        "fremgang i norsk. Vi anbefaler kandidaten varmt."
    ),
}


def _letterheads(world: DemoWorld) -> None:
    for key, fields in LETTERHEADS.items():
        operator = world.operators.get(key)
        if operator is None or Letterhead.objects.filter(operator=operator).exists():
            continue
        services.letterhead_save(
            operator=operator, by=world.users_by_operator(key), name=operator.name, **fields
        )


def _documents(world: DemoWorld) -> None:
    operators = [operator.pk for operator in world.operators.values()]
    placement = (
        Placement.objects.filter(
            status=Placement.Status.COMPLETED, candidate__operator_id__in=operators
        )
        .select_related("candidate", "host_unit", "supervisor", "position")
        .order_by("pk")
        .first()
    )
    if placement is None or Document.objects.filter(placement=placement).exists():
        return
    lead = Membership.objects.get(
        user=world.users_by_operator_id(placement.candidate.operator_id),
        operator_id=placement.candidate.operator_id,
        role=Role.LEAD,
    )
    for kind, text in ((Document.Kind.ATTEST, ATTEST), (Document.Kind.REFERENCE, REFERENCE)):
        document = services.document_create(placement=placement, kind=kind, membership=lead, **text)
        if kind == Document.Kind.REFERENCE and not document.referee_name:
            document = services.document_update(
                document=document,
                membership=lead,
                referee_name=lead.user.get_full_name(),
                referee_contact=lead.user.email,
            )
        document = services.document_approve(document=document, membership=lead)
        services.document_issue(document=document, membership=lead)


def seed(world: DemoWorld) -> None:
    _letterheads(world)
    _documents(world)
