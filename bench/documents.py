"""Attest PDF: our renderer (print stylesheet, font fallback, PDF/A-3b) against WeasyPrint
rendering the same HTML with no stylesheet and no PDF/A, in one warm process."""

import datetime
import re
import time
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from placements.models import Placement
from reports.models import Document
from reports.pdf import INTERNAL_ORIGIN, StaticOnlyFetcher
from reports.renderers import DocumentRenderer

RUNS = 12
TASKS = (
    "Deltok i planlegging og oppfølging av vedlikeholdsprosjekter i kommunale bygg, med ansvar "
    "for tilstandsvurderinger, kostnadsoverslag og kontakt med entreprenører.\n\n"
    "Utarbeidet tekniske beskrivelser og deltok på byggemøter. Arbeidet selvstendig og i team."
)


@dataclass
class PdfResult:
    ours_ms: float
    plain_ms: float
    pages: int
    bytes: int

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.plain_ms


def _attest(operator_id: int) -> Document:
    """An issued-looking attest for a placement whose holder's name is in Arabic script, built
    in memory (nothing is saved)."""
    placements = Placement.objects.select_related("candidate", "programme", "host_unit").filter(
        candidate__operator_id=operator_id
    )
    placement = (
        placements.filter(candidate__family_name__regex=r"[\u0600-\u06FF]").order_by("pk").first()
        or placements.order_by("pk").first()
    )
    assert placement is not None
    return Document(
        pk=1,
        operator_id=operator_id,
        placement=placement,
        kind=Document.Kind.ATTEST,
        language=Document.Language.NB,
        status=Document.Status.ISSUED,
        workplace=placement.host_unit.name,
        role_title="Traineeingeniør",
        starts_on=placement.starts_on,
        ends_on=placement.actual_end or placement.planned_end,
        hours_per_week=Decimal("37.5"),
        tasks=TASKS,
        absence="Ingen fravær utover avtalt ferie.",
        issued_on=datetime.date.today(),
        verification_code="ABCDEFGHJK",
        version=1,
    )


def _best(action, runs: int = RUNS) -> list[float]:  # type: ignore[no-untyped-def]
    action()  # warm: fonts and the stylesheet cascade are cached after the first render
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples)


def measure(operator_id: int) -> PdfResult:
    document = _attest(operator_id)
    renderer = DocumentRenderer()
    with translation.override(document.language):
        html = render_to_string(renderer.template_name, renderer.context(document))
    plain_html = re.sub(r"<link[^>]*stylesheet[^>]*>", "", html)
    body = renderer.render(document)[1]
    ours = _best(lambda: renderer.render(document))
    plain = _best(lambda: HTML(string=plain_html).write_pdf())
    pages = len(
        HTML(string=html, base_url=INTERNAL_ORIGIN + "/", url_fetcher=StaticOnlyFetcher())
        .render()
        .pages
    )
    return PdfResult(
        ours_ms=ours[len(ours) // 2], plain_ms=plain[len(plain) // 2], pages=pages, bytes=len(body)
    )
