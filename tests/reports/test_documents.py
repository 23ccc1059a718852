"""Attests and references: workflow, who may do what, the PDF itself, delivery and verification."""

import datetime
import hashlib
import io
import re
import statistics
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from candidates.models import Candidate
from core.models import AuditEntry, ConfidentialityDeclaration, Role
from placements.services import placement_create
from programs.models import Programme
from reports import services
from reports.logos import MAX_UPLOAD_BYTES
from reports.models import BatchJob, Document, DownloadLink, ImmutableDocumentError, Letterhead
from reports.renderers import BOKMAL, PHRASES, DocumentRenderer
from reports.selectors import CODE_ALPHABET
from tests.conftest import World, require_noto_fonts
from tests.factories import CandidateFactory, MembershipFactory, UserFactory
from tests.querybudget import assert_constant_queries
from tests.reports.test_pdf import embedded_file_count, pdftotext, text_lines, tool
from tests.reports.world import REFERENCE_TEXT, StubRenderer

D = datetime.date

NAMES = {
    "norwegian": ("Åse Øyen", "Ærø"),
    "arabic": ("محمد", "حسين"),
    # No zero-width non-joiner: pdftotext cannot give it back (see test_pdf.py).
    "persian": ("فاطمه", "رضایی"),
    "tigrinya": ("ተስፋይ", "ሃይለ"),
    "amharic": ("አበበ", "በቀለ"),
    "ukrainian": ("Олена", "Шевченко"),
    "somali": ("Cabdullaahi", "Maxamed Xasan"),
    "vietnamese": ("Nguyễn Thị", "Minh Khai"),
}

ATTEST_TEXT = {"tasks": "Saksbehandling, arkiv og kundemottak.", "absence": "Tre dager."}


@pytest.fixture(autouse=True)
def fresh_cache():  # type: ignore[no-untyped-def]
    """The verification rate limit lives in the cache; no test may inherit another's count."""
    cache.clear()
    yield
    cache.clear()


def member(world: World, role: str):  # type: ignore[no-untyped-def]
    return world.users[role].memberships.get()


def new_placement(world: World, candidate=None, **extra):  # type: ignore[no-untyped-def]
    fields = {
        "candidate": candidate or CandidateFactory(operator=world.operator),
        "programme": world.objects["programme"],
        "cohort": world.objects["cohort"],
        "host_unit": world.objects["host_unit"],
        "starts_on": D(2027, 3, 2),
        "planned_end": D(2028, 3, 1),
        "by": world.users["lead"],
    }
    return placement_create(**{**fields, **extra})


def approved(world: World, placement=None, kind="attest", **text):  # type: ignore[no-untyped-def]
    lead = member(world, "lead")
    texts = ATTEST_TEXT if kind == "attest" else REFERENCE_TEXT
    document = services.document_create(
        placement=placement or new_placement(world),
        kind=kind,
        membership=lead,
        **{**texts, **text},
    )
    return services.document_approve(document=document, membership=lead)


def issued(world: World, placement=None, kind="attest", renderer=None, **text):  # type: ignore[no-untyped-def]
    document = approved(world, placement, kind, **text)
    return services.document_issue(
        document=document, membership=member(world, "coordinator"), renderer=renderer
    )


def stored_pdf(document: Document) -> bytes:
    return bytes(Document.objects.get(pk=document.pk).pdf)


def supervisor_of_new_placement(world: World):  # type: ignore[no-untyped-def]
    user = UserFactory(username="veileder@example.org")
    MembershipFactory(user=user, operator=world.operator, role=Role.SUPERVISOR)
    ConfidentialityDeclaration.objects.create(
        user=user, operator=world.operator, accepted_at=timezone.now()
    )
    return user, new_placement(world, supervisor=user)


def flat(text: str) -> str:
    """Text with every kind of whitespace removed, so wrapping cannot split a comparison."""
    return re.sub(r"\s+", "", text)


# --- Workflow and rules ---------------------------------------------------------------------


def test_draft_is_prefilled_from_the_placement(world: World) -> None:
    placement = world.objects["followed_placement"]
    document = services.document_create(
        placement=placement, kind="reference", membership=member(world, "mentor")
    )
    assert document.status == Document.Status.DRAFT
    assert document.operator_id == world.operator.pk
    assert document.workplace == placement.host_unit.name
    assert (document.starts_on, document.ends_on) == (placement.starts_on, placement.planned_end)
    assert document.hours_per_week == placement.hours_per_week
    assert document.referee_name == world.users["mentor"].get_full_name()
    assert document.referee_contact == world.users["mentor"].email


def test_mentor_drafts_but_cannot_approve(world: World) -> None:
    client = world.client_for("mentor")
    placement = world.objects["followed_placement"]
    url = reverse("documents:create", kwargs={"pk": placement.pk}) + "?kind=attest"
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["workplace"] == placement.host_unit.name
    response = client.post(
        url,
        {
            "language": "nb",
            "workplace": "Eiendom",
            "role_title": "Trainee",
            "starts_on": "2027-03-02",
            "ends_on": "2028-03-01",
            "hours_per_week": "37.5",
            "tasks": "Vedlikeholdsplaner.",
            "absence": "",
        },
    )
    document = Document.objects.get(placement=placement, role_title="Trainee")
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents:detail", kwargs={"pk": document.pk}
    )
    assert client.post(reverse("documents:approve", kwargs={"pk": document.pk})).status_code == 403
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT
    with pytest.raises(PermissionDenied):
        services.document_approve(document=document, membership=member(world, "mentor"))


def test_placements_supervisor_approves_and_a_coordinator_cannot(world: World) -> None:
    supervisor, placement = supervisor_of_new_placement(world)
    document = services.document_create(
        placement=placement, kind="attest", membership=member(world, "coordinator"), **ATTEST_TEXT
    )
    url = reverse("documents:approve", kwargs={"pk": document.pk})
    assert world.client_for("coordinator").post(url).status_code == 403
    client = world.client_for("mentor")
    client.force_login(supervisor)
    assert client.post(url).status_code == 302
    document.refresh_from_db()
    assert document.status == Document.Status.APPROVED
    assert document.approved_by == supervisor
    # The supervisor may not approve for a placement someone else supervises (not even see it).
    other = services.document_create(
        placement=world.objects["placement"], kind="attest", membership=member(world, "lead")
    )
    assert client.post(reverse("documents:approve", kwargs={"pk": other.pk})).status_code == 404


def test_approval_needs_the_text(world: World) -> None:
    lead = member(world, "lead")
    attest = services.document_create(
        placement=world.objects["placement"], kind="attest", membership=lead
    )
    with pytest.raises(ValidationError) as error:
        services.document_approve(document=attest, membership=lead)
    assert "tasks" in error.value.error_dict
    reference = services.document_create(
        placement=world.objects["placement"], kind="reference", membership=lead
    )
    with pytest.raises(ValidationError) as error:
        services.document_approve(document=reference, membership=lead)
    assert {"assessment", "referee_contact"} <= set(error.value.error_dict)


def test_changing_an_approved_document_needs_a_new_approval(world: World) -> None:
    document = world.objects["doc_approved"]
    client = world.client_for("coordinator")
    url = reverse("documents:edit", kwargs={"pk": document.pk})
    data = {**client.get(url).context["form"].initial, "assessment": "Endret vurdering."}
    data = {key: "" if value is None else value for key, value in data.items()}
    assert client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT
    assert document.approved_at is None and document.assessment == "Endret vurdering."


def test_coordinator_issues_mentor_and_supervisor_cannot(world: World) -> None:
    document = world.objects["doc_approved"]
    url = reverse("documents:issue", kwargs={"pk": document.pk})
    assert world.client_for("mentor").post(url).status_code == 403
    supervisor, _placement = supervisor_of_new_placement(world)
    client = world.client_for("anon")
    client.force_login(supervisor)
    assert client.post(url).status_code == 403
    assert world.client_for("other_lead").post(url).status_code == 404
    assert Document.objects.get(pk=document.pk).status == Document.Status.APPROVED
    assert world.client_for("coordinator").post(url).status_code == 302
    document = Document.objects.get(pk=document.pk)
    assert document.status == Document.Status.ISSUED
    assert len(document.verification_code) == 10
    assert set(document.verification_code) <= set(CODE_ALPHABET)
    assert document.sha256 == hashlib.sha256(bytes(document.pdf)).hexdigest()
    assert re.fullmatch(r"reference-\d+-\d+-v1-\d{8}\.pdf", document.filename)


def test_only_coordinators_and_leads_download_and_each_read_is_logged(world: World) -> None:
    document = world.objects["doc_issued"]
    url = reverse("documents:download", kwargs={"pk": document.pk})
    for role, status in [("mentor", 403), ("partner", 403), ("other_lead", 404)]:
        assert world.client_for(role).get(url).status_code == status, role

    def reads() -> int:
        return AuditEntry.objects.filter(
            action="candidates.candidate.viewed",
            object_id=str(document.placement.candidate_id),
            data__what="document",
        ).count()

    before = reads()
    response = world.client_for("coordinator").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert response.content == stored_pdf(document)
    assert reads() == before + 1
    world.client_for("lead").get(url)
    assert reads() == before + 2


def test_an_issued_document_never_changes(world: World) -> None:
    document = Document.objects.get(pk=world.objects["doc_issued"].pk)
    with pytest.raises(ValidationError):
        services.document_update(
            document=document, membership=member(world, "lead"), tasks="Ny tekst"
        )
    document.tasks = "Ny tekst"
    with pytest.raises(ImmutableDocumentError):
        document.save()
    again = services.document_issue(document=document, membership=member(world, "lead"))
    assert again.sha256 == world.objects["doc_issued"].sha256
    url = reverse("documents:edit", kwargs={"pk": document.pk})
    assert world.client_for("lead").get(url).status_code == 302


def test_reissue_makes_a_new_version_that_supersedes_the_old_when_issued(world: World) -> None:
    old = world.objects["doc_issued"]
    client = world.client_for("coordinator")
    assert client.post(reverse("documents:reissue", kwargs={"pk": old.pk})).status_code == 302
    new = Document.objects.get(previous=old)
    assert (new.status, new.version, new.tasks) == (Document.Status.DRAFT, 2, old.tasks)
    # A second click finds the same draft rather than a second successor.
    assert services.document_reissue(document=old, membership=member(world, "lead")) == new
    assert Document.objects.get(pk=old.pk).status == Document.Status.ISSUED
    services.document_approve(document=new, membership=member(world, "lead"))
    services.document_issue(
        document=new, membership=member(world, "coordinator"), renderer=StubRenderer()
    )
    old = Document.objects.get(pk=old.pk)
    assert old.status == Document.Status.SUPERSEDED and old.superseded_at is not None
    assert old.sha256 == world.objects["doc_issued"].sha256  # the record itself is untouched


# --- The PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_round_trip_through_pdftotext(world: World, script: str, tmp_path: Path) -> None:
    require_noto_fonts()
    given, family = NAMES[script]
    candidate = CandidateFactory(operator=world.operator, given_name=given, family_name=family)
    document = issued(world, new_placement(world, candidate=candidate))
    assert document.holder_name == f"{given} {family}"
    lines = text_lines(stored_pdf(document), tmp_path, "-layout")
    assert any(f"{given} {family}" in line for line in lines), lines


def test_fonts_cover_every_script_and_are_embedded(world: World, tmp_path: Path) -> None:
    require_noto_fonts()
    candidate = CandidateFactory(
        operator=world.operator,
        given_name="محمد",
        family_name="حسين",
        given_name_latin="Mohammad",
        family_name_latin="Hussein",
    )
    others = " / ".join(f"{g} {f}" for g, f in NAMES.values())
    document = issued(world, new_placement(world, candidate=candidate), tasks=f"Kolleger: {others}")
    pdf = stored_pdf(document)
    lines = text_lines(pdf, tmp_path, "-layout")
    assert any("محمد حسين" in line and "Mohammad Hussein" in line for line in lines), lines
    # -layout moves the parenthesis around the right-to-left run; the positions show the page
    # itself reads "محمد حسين (Mohammad Hussein)", left to right.
    words = re.findall(
        r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', pdftotext(pdf, tmp_path, "-bbox")
    )
    x = {word: float(left) for left, word in words}
    assert x["(Mohammad"] > max(x["دمحم"], x["نيسح"]) > x["Navn"]
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [tool("pdffonts"), str(source)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    fonts = {row.split()[0]: row for row in out}
    assert all(re.search(r"\byes\s+yes\s+yes\b", row) for row in out), out  # emb sub uni
    assert any("Naskh-Arabic" in name for name in fonts), fonts
    assert any("Ethiopic" in name for name in fonts), fonts
    assert any(name.endswith("+Noto-Sans") for name in fonts), fonts


def test_pdf_declares_pdf_a_3b(world: World, tmp_path: Path) -> None:
    pdf = stored_pdf(issued(world))
    assert pdf.startswith(b"%PDF-1.7")
    source = tmp_path / "meta.pdf"
    source.write_bytes(pdf)
    meta = subprocess.run(
        [tool("pdfinfo"), "-meta", str(source)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r'pdfaid:part(="|>)3', meta), meta
    assert re.search(r'pdfaid:conformance(="|>)B', meta), meta
    info = subprocess.run(
        [tool("pdfinfo"), str(source)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Title:\s+Attest$", info, re.MULTILINE), info


def test_fixed_texts_follow_the_document_language_not_the_users(
    world: World, tmp_path: Path
) -> None:
    with translation.override("en"):
        bokmal = issued(world, language="nb")
    with translation.override("nb"):
        english = issued(world, language="en")
    nb_text = " ".join(text_lines(stored_pdf(bokmal), tmp_path))
    en_text = " ".join(text_lines(stored_pdf(english), tmp_path))
    for phrase in ("Attest", "Arbeidssted", "Arbeidsoppgaver og ansvar", "timer per uke"):
        assert phrase in nb_text, phrase
    assert "Certificate of service" not in nb_text
    for phrase in ("Certificate of service", "Workplace", "Tasks and responsibilities"):
        assert phrase in en_text, phrase
    assert "37.5 hours per week" in en_text and "37,5 timer per uke" in nb_text
    assert f"code {english.display_code}" in en_text.replace("\n", " ")


def test_every_fixed_phrase_has_its_bokmal_wording() -> None:
    assert set(PHRASES.values()) == set(BOKMAL)


def hostile(field: str, port: int) -> str:
    """An attachment, an image and a CSS url(), short enough for a 150-character name field."""
    trap = f"http://127.0.0.1:{port}"
    tag = hashlib.sha256(field.encode()).hexdigest()[:4]  # names the field in any hit
    text = (
        f"<link rel=attachment href=file:///etc/passwd><img src={trap}/{tag}>"
        f"<i style=background:url({trap}/{tag}c)>"
    )
    assert len(text) <= 150
    return text


def test_hostile_text_in_every_field_is_printed_and_fetches_nothing(
    world: World, trap_server, no_network, tmp_path: Path
) -> None:
    port = trap_server.server_address[1]
    candidate = CandidateFactory(
        operator=world.operator,
        **{
            name: hostile(name, port)
            for name in ("given_name", "family_name", "given_name_latin", "family_name_latin")
        },
    )
    Programme.objects.filter(pk=world.objects["programme"].pk).update(
        name=hostile("programme", port)
    )
    Letterhead.objects.create(
        operator=world.operator,
        **{
            name: hostile(name, port)
            for name in (
                "name",
                "address",
                "contact",
                "place",
                "signatory_name",
                "signatory_title",
            )
        },
    )
    placement = new_placement(world, candidate=candidate)
    attest_fields = ("workplace", "role_title", "tasks", "absence")
    reference_fields = ("assessment", "referee_name", "referee_title", "referee_contact")
    documents = [
        issued(world, placement, "attest", **{f: hostile(f, port) for f in attest_fields}),
        issued(world, placement, "reference", **{f: hostile(f, port) for f in reference_fields}),
    ]
    shown = {
        "attest": attest_fields,
        "reference": reference_fields,
    }
    common = ("given_name", "family_name", "given_name_latin", "family_name_latin", "programme")
    common += ("name", "address", "contact", "place", "signatory_name", "signatory_title")
    for document in documents:
        pdf = stored_pdf(document)
        assert embedded_file_count(pdf, tmp_path) == 0
        text = flat(pdftotext(pdf, tmp_path, "-raw"))
        for field in (*shown[document.kind], *common):
            assert flat(hostile(field, port)) in text, field
    assert trap_server.hits == []
    assert no_network == []


def test_a_malformed_logo_is_refused_not_a_server_error(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: for a PNG chunk name that is not ASCII,
    Pillow raises UnicodeDecodeError, which the logo check did not catch (a 500)."""
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00\x80"
    response = world.client_for("lead").post(
        reverse("documents:letterhead"),
        {"name": "Testby kommune", "logo": SimpleUploadedFile("logo.png", data)},
    )
    assert response.status_code == 200 and "logo" in response.context["form"].errors
    assert not Letterhead.objects.filter(operator=world.operator).exists()


def test_logo_is_checked_reencoded_and_printed(world: World, tmp_path: Path) -> None:
    client = world.client_for("lead")
    url = reverse("documents:letterhead")
    fields = {"name": "Testby kommune", "address": "Rådhuset\n1300 Sandvika", "place": "Sandvika"}

    def png(size=(400, 120)) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", size, (0, 90, 160)).save(buffer, format="PNG")
        return buffer.getvalue()

    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(url, {**fields, "logo": fake})
    assert response.status_code == 200 and "logo" in response.context["form"].errors
    big = SimpleUploadedFile("logo.png", png() + b"\0" * MAX_UPLOAD_BYTES)
    response = client.post(url, {**fields, "logo": big})
    assert response.status_code == 200 and "logo" in response.context["form"].errors
    assert not Letterhead.objects.filter(operator=world.operator).exists()

    polyglot = png((2000, 600)) + b"<script>alert(1)</script>"
    response = client.post(url, {**fields, "logo": SimpleUploadedFile("x.png", polyglot)})
    assert response.status_code == 302
    letterhead = Letterhead.objects.get(operator=world.operator)
    with letterhead.logo.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"\x89PNG") and b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).size[0] <= 830
    assert re.fullmatch(
        rf"letterheads/{world.operator.pk}-[0-9a-f]{{32}}\.png", letterhead.logo.name
    )
    assert client.get(url).context["logo"].startswith("data:image/png;base64,")

    source = tmp_path / "logo.pdf"
    source.write_bytes(stored_pdf(issued(world)))
    images = subprocess.run(
        [tool("pdfimages"), "-list", str(source)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) >= 1
    text = " ".join(text_lines(source.read_bytes(), tmp_path))
    assert "Rådhuset" in text and "1300 Sandvika" in text and "Sandvika," in text


# --- Verification -------------------------------------------------------------------------


def test_verification_shows_only_the_public_facts_and_checks_the_upload(world: World) -> None:
    candidate = CandidateFactory(
        operator=world.operator, given_name="Олена", family_name="Шевченко", email="o@example.org"
    )
    document = issued(world, new_placement(world, candidate=candidate), tasks="Hemmelig oppgave")
    pdf = stored_pdf(document)
    client = world.client_for("anon")
    url = reverse("documents:verify")

    response = client.get(url, {"code": document.display_code.lower()})
    assert response.status_code == 200 and response.context["result"] == document
    page = response.content.decode()
    assert "Олена Шевченко" in page and "Testby kommune" in page
    assert "Hemmelig oppgave" not in page and "o@example.org" not in page

    upload = SimpleUploadedFile("attest.pdf", pdf, content_type="application/pdf")
    response = client.post(url, {"code": document.verification_code, "pdf": upload})
    assert response.context["matches"] is True
    tampered = SimpleUploadedFile("attest.pdf", pdf + b"\n% changed\n")
    response = client.post(url, {"code": document.verification_code, "pdf": tampered})
    assert response.context["matches"] is False
    not_pdf = SimpleUploadedFile("attest.pdf", b"PK\x03\x04 a zip file")
    response = client.post(url, {"code": document.verification_code, "pdf": not_pdf})
    assert "pdf" in response.context["form"].errors and "matches" not in response.context
    response = client.get(url, {"code": "ABCDE-FGHJK"})
    assert response.status_code == 200 and response.context["result"] is None
    huge = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024))
    assert client.post(url, {"code": document.verification_code, "pdf": huge}).status_code == 413


def test_verification_says_when_a_document_is_superseded(world: World) -> None:
    old = issued(world)
    lead = member(world, "lead")
    new = services.document_reissue(document=old, membership=lead)
    services.document_approve(document=new, membership=lead)
    new = services.document_issue(document=new, membership=lead)
    client = world.client_for("anon")
    with translation.override("en"):
        response = client.get(
            reverse("documents:verify"), {"code": old.verification_code}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.context["result"].status == Document.Status.SUPERSEDED
    assert "replaced by a newer version" in response.content.decode()
    response = client.get(reverse("documents:verify"), {"code": new.verification_code})
    assert response.context["result"].status == Document.Status.ISSUED


def test_verification_is_rate_limited(world: World) -> None:
    client = world.client_for("anon")
    url = reverse("documents:verify")
    assert client.get(url).status_code == 200  # the empty form is not a lookup
    for _ in range(20):
        assert client.get(url, {"code": "ABCDE-FGHJK"}).status_code == 200
    response = client.get(url, {"code": "ABCDE-FGHJK"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Too many lookups" in response.content.decode()
    # Another address has its own allowance.
    assert client.get(url, {"code": "x"}, REMOTE_ADDR="10.0.0.2").status_code == 200


# --- Delivery to the candidate ------------------------------------------------------------


def test_candidate_gets_a_link_not_the_pdf_and_it_works_once(
    world: World, smtp_server, django_capture_on_commit_callbacks
) -> None:
    candidate = CandidateFactory(operator=world.operator, email="amal@example.org")
    document = issued(world, new_placement(world, candidate=candidate))
    url = reverse("documents:send", kwargs={"pk": document.pk})
    assert world.client_for("mentor").post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert world.client_for("coordinator").post(url).status_code == 302
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "amal@example.org"
    assert list(message.iter_attachments()) == []
    assert b"%PDF" not in message.as_bytes()
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/documents/d/([\w-]+)/", body)
    assert link, body
    token = link[1]
    stored = DownloadLink.objects.get(document=document)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(DownloadLink.objects.values_list()) + str(
        list(AuditEntry.objects.values_list("data", flat=True))
    )

    client = world.client_for("anon")
    page = reverse("documents:public_download", kwargs={"token": token})
    assert client.get(page).status_code == 200
    assert client.get(page).status_code == 200  # looking (or a mail scanner) does not spend it
    response = client.post(page)
    assert response.status_code == 200 and response.content == stored_pdf(document)
    assert response["Content-Disposition"].startswith("attachment;")
    assert client.post(page).status_code == 410
    assert client.get(page).status_code == 410
    assert client.get(page[:-5] + "xxxx/").status_code == 404


def test_candidate_link_expires_after_14_days(world: World) -> None:
    document = world.objects["doc_issued"]
    _link, token = services.download_link_create(document=document, by=world.users["lead"])
    page = reverse("documents:public_download", kwargs={"token": token})
    client = world.client_for("anon")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=13, hours=23)):
        assert client.get(page).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)):
        assert client.get(page).status_code == 410
        assert client.post(page).status_code == 410


def test_no_link_without_an_e_mail_address(world: World) -> None:
    document = world.objects["doc_issued"]
    Candidate.objects.filter(pk=document.placement.candidate_id).update(email="")
    with pytest.raises(ValidationError):
        services.document_send(
            document=Document.objects.get(pk=document.pk), membership=member(world, "lead")
        )


# --- Batches ------------------------------------------------------------------------------


def test_batch_issues_a_cohort_in_the_background_and_zips_it(
    world: World, django_capture_on_commit_callbacks, capsys
) -> None:
    cohort = world.objects["cohort"]
    for _ in range(9):
        approved(world)
    waiting = Document.objects.filter(placement__cohort=cohort, status="approved").count()
    assert waiting == 10  # nine new and the world's approved reference
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("documents:batch_create", kwargs={"pk": cohort.pk}))
    job = BatchJob.objects.latest("pk")
    assert response["Location"] == reverse("documents:batch_detail", kwargs={"pk": job.pk})
    assert len(callbacks) == 1 and job.status == BatchJob.Status.QUEUED and job.total == 10

    detail = reverse("documents:batch_detail", kwargs={"pk": job.pk})
    partial = client.get(detail, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in partial and "<html" not in partial
    assert client.get(reverse("documents:batch_download", kwargs={"pk": job.pk})).status_code == 302

    started = time.perf_counter()
    callbacks[0]()  # the task, run in-process (CELERY_TASK_ALWAYS_EAGER)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nbatch of {job.total} documents: {elapsed:.1f} s")
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == (BatchJob.Status.DONE, 10, 0)
    assert not Document.objects.filter(placement__cohort=cohort, status="approved").exists()
    page = client.get(detail).content.decode()
    assert "every 2s" not in page and reverse("documents:batch_download", args=[job.pk]) in page

    reads = AuditEntry.objects.filter(data__what="document").count()
    before = AuditEntry.objects.count()
    response = client.get(reverse("documents:batch_download", kwargs={"pk": job.pk}))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    documents = {d.filename: d for d in job.documents.all()}
    assert sorted(archive.namelist()) == sorted(documents)
    for name, document in documents.items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == document.sha256
    # One download, one read in the access log, naming every candidate in the ZIP.
    assert AuditEntry.objects.count() == before + 1
    read = AuditEntry.objects.get(data__what="document", action="reports.batch.downloaded")
    assert AuditEntry.objects.filter(data__what="document").count() == reads + 1
    assert read.data["documents"] == 10
    assert sorted(read.data["candidates"]) == sorted(
        {d.placement.candidate_id for d in job.documents.all()}
    )

    # Run again (a redelivered task): nothing is issued twice.
    checksums = {d.pk: d.sha256 for d in job.documents.all()}
    BatchJob.objects.filter(pk=job.pk).update(status=BatchJob.Status.RUNNING)
    services.batch_run(job_id=job.pk)
    assert {d.pk: d.sha256 for d in job.documents.all()} == checksums
    assert BatchJob.objects.get(pk=job.pk).done == 10


def test_batch_counts_documents_it_may_no_longer_issue_as_failed(world: World) -> None:
    approved(world)
    job = services.batch_create(cohort=world.objects["cohort"], membership=member(world, "lead"))
    world.users["lead"].memberships.update(role=Role.MENTOR)
    job = services.batch_run(job_id=job.pk, renderer=StubRenderer())
    assert (job.status, job.done, job.failed) == (BatchJob.Status.FAILED, 0, 2)


def test_batch_without_approved_documents_is_refused(world: World) -> None:
    Document.objects.filter(status="approved").update(status="draft", approved_at=None)
    client = world.client_for("lead")
    cohort = world.objects["cohort"]
    response = client.post(reverse("documents:batch_create", kwargs={"pk": cohort.pk}))
    assert response["Location"] == reverse("documents:cohort_documents", kwargs={"pk": cohort.pk})
    assert not BatchJob.objects.filter(cohort=cohort, status="queued").exists()


# --- Query budgets ------------------------------------------------------------------------


def test_placement_documents_page_has_a_constant_query_count(world: World) -> None:
    placement = world.objects["followed_placement"]
    lead = member(world, "lead")

    def add(n: int) -> None:
        for _ in range(n):
            services.document_create(placement=placement, kind="attest", membership=lead)

    # user; placement; audit entry (access log); count and
    # page of documents with their three users.
    assert_constant_queries(
        world.client_for("lead"),
        reverse("documents:placement_documents", kwargs={"pk": placement.pk}),
        add,
        expected=5,
    )


def test_cohort_documents_page_has_a_constant_query_count(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            services.document_create(
                placement=new_placement(world), kind="attest", membership=member(world, "lead")
            )

    # user; cohort with position figures; documents with candidate and
    # host unit; recent batches.
    assert_constant_queries(
        world.client_for("coordinator"),
        reverse("documents:cohort_documents", kwargs={"pk": world.objects["cohort"].pk}),
        add,
        expected=4,
    )


def test_document_detail_has_a_constant_query_count(world: World) -> None:
    document = world.objects["doc_issued"]

    def add(n: int) -> None:
        for _ in range(n):
            services.download_link_create(document=document, by=world.users["lead"])

    # user; the document with placement, candidate, host unit, programme,
    # its users and next version; audit entry.
    assert_constant_queries(
        world.client_for("coordinator"),
        reverse("documents:detail", kwargs={"pk": document.pk}),
        add,
        expected=3,
    )


# --- Speed --------------------------------------------------------------------------------


def test_one_document_renders_quickly_when_warm(world: World, capsys) -> None:
    document = approved(world, kind="reference")
    renderer = DocumentRenderer()
    renderer.render(document)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        renderer.render(document)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    with capsys.disabled():
        print(f"\ndocument render: warm median {median:.0f} ms (max {max(timings):.0f} ms)")
    assert median < 2000
