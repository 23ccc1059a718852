"""Attests in nynorsk: the PDF's fixed texts, dates and numbers, and the e-mail with the link."""

import datetime
from pathlib import Path

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.conftest import World
from tests.factories import CandidateFactory
from tests.reports.test_documents import issued, new_placement, stored_pdf
from tests.reports.test_pdf import text_lines


def test_attest_pdf_is_written_in_nynorsk(world: World, tmp_path: Path) -> None:
    with translation.override("en"):  # the reader's language does not matter, the document's does
        document = issued(world, language="nn")
    text = " ".join(text_lines(stored_pdf(document), tmp_path))
    for phrase in ("Attest", "Arbeidsstad", "Arbeidsoppgåver og ansvar", "37,5 timar per veke"):
        assert phrase in text, phrase
    assert "2. mars 2027 til 1. mars 2028" in text
    assert "Arbeidsoppgaver" not in text and "timer per uke" not in text
    assert f"koden {document.display_code}" in text


@time_machine.travel(datetime.datetime(2027, 3, 5, 10, tzinfo=datetime.UTC), tick=False)
def test_candidate_gets_the_link_in_nynorsk(
    world: World, django_capture_on_commit_callbacks
) -> None:
    candidate = CandidateFactory(operator=world.operator, email="nynorsk@example.org")
    document = issued(world, new_placement(world, candidate=candidate), language="nn")
    url = reverse("documents:send", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert world.client_for("coordinator", HTTP_ACCEPT_LANGUAGE="en").post(url).status_code
    (message,) = mail.outbox
    assert message.subject.startswith("Dokument frå ")
    assert "har utferda eit dokument til deg: Attest." in message.body
    assert "Lenkja verkar éin gong, til og med 19. mars 2027." in message.body
    html = message.alternatives[0].content
    assert '<html lang="nn">' in html and "har utferda eit dokument til deg" in html
