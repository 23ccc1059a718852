"""The funder report as PDF and Excel in nynorsk, for a reader who has chosen nynorsk."""

import pytest
from django.urls import reverse

from core.models import User
from tests.conftest import World
from tests.exports.test_funder_report import small_programme

from .helpers import parse_xlsx, pdf_text

pytestmark = pytest.mark.django_db
__all__ = ["small_programme"]  # the fixture, used by name below


def test_funder_report_pdf_and_xlsx_in_nynorsk(world: World, small_programme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(pk=world.users["lead"].pk).update(language="nn")
    client = world.client_for("lead")
    pk = small_programme.pk
    text = pdf_text(client.get(reverse("reports:funder_pdf", kwargs={"pk": pk})), tmp_path)
    assert "Rapport til finansieringskjelde: Praksis 2025" in text
    assert "Deltakarar" in text and "Deltakere" not in text
    sheet = parse_xlsx(client.get(reverse("reports:funder_xlsx", kwargs={"pk": pk})))
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None}
    assert "Etter opphavsregion" in cells and "Etter opprinnelsesregion" not in cells, cells
