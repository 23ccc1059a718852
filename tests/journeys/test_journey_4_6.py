"""Journeys 4–6 of DOMAIN.md in real Chromium, in bokmål and in English, as people do them:
links and buttons by their visible names, fields by their labels, never a form posted by hand.
Only the state before a journey (people, placements) is made through the services.

4. A supervisor writes and approves an attest and a reference; a coordinator issues them and
   sends the candidate the link; the candidate downloads each PDF on a phone; an employer
   verifies the code printed in the PDF on the public page (and the file itself).
5. A coordinator registers outcomes at exit and after 6 months from the worklist; the programme's
   results page shows the figures counted from them and the progress toward the goal.
6. A coordinator exports the funder report for a period as XLSX and PDF; both files hold the
   figures of the page.

Every page a journey shows passes axe (WCAG 2.1 A/AA) in the journey's language.
"""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from core.models import ConfidentialityDeclaration, Role
from placements.models import Outcome
from placements.services import placement_complete, placement_create, placement_start
from placements.services.outcomes import outcome_record
from programs.models import OutcomeKind
from programs.services import programme_set_funding
from reports.selectors import CODE_ALPHABET
from tests.browser import conftest as browser
from tests.browser.conftest import log_in
from tests.conftest import World
from tests.factories import (
    CandidateFactory,
    MembershipFactory,
    PartnerFactory,
    ProgrammeFactory,
    UserFactory,
)

from .helpers_4_6 import (  # noqa: F401 (fixture)
    LANGS,
    Visits,
    artifacts,
    definitions,
    field,
    pdftotext,
    speak,
    t,
    table_rows,
    tc,
    tn,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("artifacts")]
# The browser fixtures (Debian's Chromium, a world for the live server) from tests/browser.
browser_type_launch_args = browser.browser_type_launch_args
live_world = browser.live_world

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
CODE = re.compile(rf"\b([{CODE_ALPHABET}]{{5}}-[{CODE_ALPHABET}]{{5}})\b")
K = OutcomeKind


def nav(page, lang: str, label: str):  # type: ignore[no-untyped-def]
    """A link of the main navigation, its group's menu opened when it is in one."""
    menu = page.get_by_role("navigation", name=t(lang, "Main navigation"))
    link = menu.get_by_role("link", name=t(lang, label), exact=True)
    if not link.is_visible():
        group = menu.locator(
            ".dropdown",
            has=page.get_by_role("link", name=t(lang, label), exact=True, include_hidden=True),
        )
        group.locator("[data-bs-toggle=dropdown]").first.click()
    return link


def message(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.locator(".messages").inner_text().split())


def downloaded(download) -> bytes:  # type: ignore[no-untyped-def]
    return Path(download.path()).read_bytes()


def finished_placement(world: World, candidate, programme, *, ends_on, **extra):  # type: ignore[no-untyped-def]
    lead = world.users["lead"]
    placement = placement_create(
        candidate=candidate,
        programme=programme,
        host_unit=world.objects["host_unit"],
        starts_on=ends_on - datetime.timedelta(days=180),
        planned_end=ends_on,
        by=lead,
        **extra,
    )
    placement_start(placement=placement, by=lead)
    return placement_complete(placement=placement, by=lead, on=ends_on)


# --- Journey 4: attest and reference, from approval to a verified PDF ----------------------


def supervised_placement(world: World, lang: str):  # type: ignore[no-untyped-def]
    supervisor = UserFactory(
        username=f"veileder-{lang}@example.org", first_name="Kari", last_name="Haugen"
    )
    MembershipFactory(user=supervisor, operator=world.operator, role=Role.SUPERVISOR)
    ConfidentialityDeclaration.objects.create(
        user=supervisor, operator=world.operator, accepted_at=timezone.now()
    )
    candidate = CandidateFactory(
        operator=world.operator,
        given_name="محمد",
        family_name="حسين",
        given_name_latin="Mohammad",
        family_name_latin="Hussein",
        email="mohammad@example.org",
    )
    placement = finished_placement(
        world,
        candidate,
        world.objects["programme"],
        ends_on=timezone.localdate() - datetime.timedelta(days=3),
        supervisor=supervisor,
        hours_per_week=Decimal("37.5"),
    )
    return supervisor, placement


def open_documents(page, lang: str, visits: Visits, name: str) -> None:  # type: ignore[no-untyped-def]
    """From anywhere: Placements → the candidate's placement → Certificates and references."""
    nav(page, lang, "Placements").click()
    visits.check()
    page.locator("main").get_by_role("link", name=name).click()
    visits.check()
    page.get_by_role("link", name=t(lang, "Certificates and references"), exact=True).click()
    visits.check()


def draft_and_approve(page, lang: str, visits: Visits, kind: str, texts: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    new = "New certificate of service" if kind == "attest" else "New reference"
    page.get_by_role("link", name=t(lang, new), exact=True).click()
    visits.check()
    language = "Norwegian Bokmål" if lang == "nb" else "English"
    field(page, tc(lang, "language")).select_option(label=t(lang, language))
    for label, text in texts.items():
        field(page, tc(lang, label)).fill(text)
    page.locator("main").get_by_role("button", name=t(lang, "Save draft"), exact=True).click()
    visits.check()
    assert message(page) == t(lang, "The draft was saved.")
    page.get_by_role("button", name=t(lang, "Approve"), exact=True).click()
    visits.check()
    assert message(page) == t(lang, "The document was approved.")
    page.get_by_role("link", name=t(lang, "Certificates and references"), exact=True).click()
    visits.check()


def issue_and_send(page, lang: str, visits: Visits, kind_label: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("main").get_by_role("link", name=kind_label, exact=True).click()
    visits.check()
    page.get_by_role("button", name=t(lang, "Issue PDF"), exact=True).click()
    visits.check()
    assert message(page) == t(lang, "The document was issued.")
    page.get_by_role("button", name=t(lang, "Send link to the candidate"), exact=True).click()
    visits.check()
    assert message(page) == t(
        lang, "The candidate gets an e-mail with a download link that works once."
    )
    page.get_by_role("link", name=t(lang, "Certificates and references"), exact=True).click()
    visits.check()


@pytest.mark.parametrize("lang", LANGS)
def test_journey_4_approved_documents_reach_the_candidate_and_verify(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, smtp_server, lang: str, tmp_path: Path
) -> None:
    supervisor, placement = supervised_placement(live_world, lang)
    name = placement.candidate.display_name
    visits = Visits(page, lang)

    # The supervisor writes both documents in the journey's language and approves them.
    log_in(page, live_server, supervisor)
    speak(page, live_server, lang)
    page.goto(live_server.url + "/")
    visits.check()
    open_documents(page, lang, visits, name)
    draft_and_approve(
        page, lang, visits, "attest", {"tasks and responsibilities": "Arkiv og kundemottak."}
    )
    draft_and_approve(
        page,
        lang,
        visits,
        "reference",
        {
            "tasks and responsibilities": "Saksbehandling.",
            "assessment": "Pålitelig, lærevillig og godt likt av kollegaene.",
        },
    )
    statuses = table_rows(page, "main table")[1:]
    assert sorted(row[3] for row in statuses) == [t(lang, "Approved")] * 2, statuses
    assert page.get_by_role("button", name=t(lang, "Issue PDF")).count() == 0

    # The coordinator issues them and sends the candidate a link to each.
    log_in(page, live_server, live_world.users["coordinator"])
    speak(page, live_server, lang)
    page.goto(live_server.url + "/")
    visits.check()
    open_documents(page, lang, visits, name)
    kinds = [t(lang, "Certificate of service"), t(lang, "Reference")]
    for kind_label in kinds:
        issue_and_send(page, lang, visits, kind_label)
    statuses = table_rows(page, "main table")[1:]
    assert sorted(row[3] for row in statuses) == [t(lang, "Issued")] * 2, statuses

    # The candidate follows each e-mailed link on a phone and saves the PDF.
    assert [m["To"] for m in smtp_server.messages] == ["mohammad@example.org"] * 2
    page.set_viewport_size(PHONE)
    pdfs = []
    for mail in smtp_server.messages:
        assert list(mail.iter_attachments()) == []
        body = mail.get_body(preferencelist=("plain",)).get_content()
        link = re.search(r"https?://\S+/documents/d/[\w-]+/", body)
        assert link, body
        log_in(page, live_server, None)
        speak(page, live_server, lang)
        page.goto(live_server.url + urlsplit(link[0]).path)
        visits.check()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        with page.expect_download() as info:
            page.get_by_role("button", name=t(lang, "Download the PDF"), exact=True).click()
        pdf = downloaded(info.value)
        assert pdf.startswith(b"%PDF")
        pdfs.append(pdf)
        # The link worked once.
        assert page.goto(page.url).status == 410

    # Each PDF names the holder in her own script and carries its verification code.
    codes = []
    for pdf in pdfs:
        lines = [
            " ".join(line.split()) for line in pdftotext(pdf, tmp_path, "-layout").splitlines()
        ]
        assert any("محمد حسين" in line and "Mohammad Hussein" in line for line in lines), lines
        found = CODE.findall("\n".join(lines))
        assert len(set(found)) == 1, found
        codes.append(found[0])
    assert codes[0] != codes[1]

    # An employer types the code on the public page; the reference is also checked as a file.
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, None)
    speak(page, live_server, lang)
    page.goto(live_server.url + "/")
    visits.check()  # the login page
    page.get_by_role("link", name=t(lang, "Verify a document"), exact=True).click()
    visits.check()
    for index, (code, kind_label) in enumerate(zip(codes, kinds, strict=True)):
        field(page, t(lang, "Verification code")).fill(code)
        if index == 1:
            upload = tmp_path / "received.pdf"
            upload.write_bytes(pdfs[1])
            field(page, t(lang, "The PDF you received (optional)")).set_input_files(upload)
        page.locator("main").get_by_role("button", name=t(lang, "Verify"), exact=True).click()
        visits.check()
        result = page.locator("section", has=page.get_by_role("heading", name=t(lang, "Result")))
        assert t(lang, "The code belongs to a valid document. This is the current version.") in (
            " ".join(result.inner_text().split())
        )
        facts = definitions(page, "section:has(#h-result)")
        assert facts[t(lang, "Document")] == kind_label
        assert facts[t(lang, "Holder")] == "محمد حسين (Mohammad Hussein)"
        assert facts[t(lang, "Status")] == t(lang, "Current")
        if index == 1:
            assert (
                t(lang, "The uploaded PDF is exactly the issued document.") in result.inner_text()
            )
    assert len(visits.paths) >= 25


# --- Journey 5: outcomes registered, figures and goal progress derived ---------------------


@pytest.mark.parametrize("lang", LANGS)
def test_journey_5_registered_outcomes_make_the_programme_figures(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, lang: str
) -> None:
    world = live_world
    programme = ProgrammeFactory(
        operator=world.operator,
        name="Mentorordningen",
        kind="mentor",
        starts_on=datetime.date(2025, 1, 6),
        goal_target=4,
        goal_outcome_kinds=[K.PERMANENT_IN_FIELD, K.PERMANENT_OUTSIDE_FIELD, K.TEMPORARY_JOB],
        goal_deadline=timezone.localdate() + datetime.timedelta(days=365),
    )
    # Three participants left about seven months ago: the exit and 6-month outcomes are due.
    ended = timezone.localdate() - datetime.timedelta(days=200)
    people = {}
    for given, family in [("Олена", "Шевченко"), ("Leila", "Ahmadi"), ("ተስፋይ", "ሃይለ")]:
        candidate = CandidateFactory(operator=world.operator, given_name=given, family_name=family)
        finished_placement(world, candidate, programme, ends_on=ended)
        people[given] = candidate.display_name
    plan = [
        (people["Олена"], Outcome.Checkpoint.EXIT, K.PERMANENT_IN_FIELD),
        (people["Leila"], Outcome.Checkpoint.EXIT, K.EDUCATION),
        (people["ተስፋይ"], Outcome.Checkpoint.EXIT, K.UNEMPLOYED),
        (people["Олена"], Outcome.Checkpoint.MONTHS_6, K.PERMANENT_IN_FIELD),
        (people["ተስፋይ"], Outcome.Checkpoint.MONTHS_6, K.TEMPORARY_JOB),
    ]
    visits = Visits(page, lang)
    log_in(page, live_server, world.users["coordinator"])
    speak(page, live_server, lang)
    page.goto(live_server.url + "/")
    visits.check()
    nav(page, lang, "Outcomes").click()
    visits.check()
    for name, checkpoint, kind in plan:
        row = page.locator("main tbody tr").filter(has_text=name)
        register = t(lang, "Register “%(checkpoint)s”", checkpoint=t(lang, checkpoint.label))
        row.get_by_role("link", name=f"{register} · {name}").click()
        visits.check()
        assert name in page.locator("main p").first.inner_text()
        assert field(page, t(lang, "Checkpoint")).input_value() == checkpoint.value
        field(page, t(lang, "Outcome")).select_option(label=t(lang, kind.label))
        page.locator("main").get_by_role("button", name=t(lang, "Save"), exact=True).click()
        visits.check()
        assert message(page) == t(lang, "The outcome was registered.")
    # Only Leila's 6-month outcome is still due in this programme.
    still_due = page.locator("main tbody tr").filter(has_text=people["Leila"])
    assert still_due.get_by_role("link").count() == 2  # her name, "Register “After 6 months”"
    for name in (people["Олена"], people["ተስፋይ"]):
        assert page.locator("main tbody tr").filter(has_text=name).count() == 0

    nav(page, lang, "Programmes").click()
    visits.check()
    page.locator("main").get_by_role("link", name="Mentorordningen", exact=True).click()
    visits.check()
    goal_card = " ".join(page.locator("section", has_text=t(lang, "Goal")).inner_text().split())
    assert "4" in goal_card and t(lang, "Permanent job in own field") in goal_card
    page.locator("main").get_by_role("link", name=t(lang, "Results"), exact=True).click()
    visits.check()

    headline = " ".join(page.locator("#headline").inner_text().split())
    assert headline == (
        tn(lang, "%(counter)s candidate", "%(counter)s candidates", 3)
        + ", "
        + tn(lang, "%(counter)s unemployed", "%(counter)s unemployed", 0)
    )
    figures = definitions(page, "section:has(#h-participants)")
    assert figures == {
        t(lang, "Participants (candidates with a placement)"): "3",
        t(lang, "Active placements"): "0",
        t(lang, "Completed placements"): "3",
        t(lang, "Placements ended early"): "0",
        t(lang, "In ordinary work (latest outcome)"): "2",  # Olena and Tesfay at 6 months
        t(lang, "Unemployed (latest outcome)"): "0",  # Tesfay was at exit, not any more
    }
    # Goal: 2 of 4 whose latest outcome is a job.
    goal = page.locator("#goal-progress")
    assert (goal.get_attribute("value"), goal.get_attribute("max")) == ("2", "4")
    figure = " ".join(page.locator("#goal-figure").inner_text().split())
    assert figure == t(lang, "%(reached)s of %(target)s", reached=2, target=4)
    assert "50 %" in page.locator("#goal-terms").inner_text()
    rows = {row[0]: row[1:] for row in table_rows(page, "section:has(#h-outcomes) table")}
    assert rows[t(lang, K.PERMANENT_IN_FIELD.label)] == ["1", "1", "0"]
    assert rows[t(lang, K.EDUCATION.label)] == ["1", "0", "0"]
    assert rows[t(lang, K.UNEMPLOYED.label)] == ["1", "0", "0"]
    assert rows[t(lang, K.TEMPORARY_JOB.label)] == ["0", "1", "0"]
    assert rows[t(lang, "Registered")] == ["3", "2", "0"]


# --- Journey 6: the funder report as XLSX and PDF ------------------------------------------


def funded_programme(world: World):  # type: ignore[no-untyped-def]
    """Seven participants in 2025 (four women) and one who starts in 2027; NAV and the county
    pay 60/40."""
    programme = ProgrammeFactory(
        operator=world.operator,
        name="Arbeidspraksis 2025",
        kind="praksis",
        starts_on=datetime.date(2025, 1, 6),
    )
    county = PartnerFactory(name="Testby fylkeskommune", kind="county", operator=world.operator)
    programme.partners.add(world.partner_org, county)
    programme_set_funding(
        programme=programme,
        shares=[(world.partner_org, 60), (county, 40)],
        by=world.users["lead"],
    )
    kinds = [K.PERMANENT_IN_FIELD] * 5 + [K.EDUCATION, K.UNEMPLOYED]
    for i, kind in enumerate(kinds):
        candidate = CandidateFactory(
            operator=world.operator,
            given_name=f"Qzx{i}",
            family_name="Testesen",
            gender="female" if i < 4 else "male",
            country_of_birth="ER" if i < 5 else "SY",
        )
        placement = finished_placement(
            world, candidate, programme, ends_on=datetime.date(2025, 6, 30)
        )
        outcome_record(
            candidate=candidate,
            programme=programme,
            placement=placement,
            checkpoint=Outcome.Checkpoint.EXIT,
            kind=kind,
            recorded_on=datetime.date(2025, 6, 30),
            by=world.users["lead"],
        )
    placement_create(
        candidate=CandidateFactory(operator=world.operator, given_name="Senere"),
        programme=programme,
        host_unit=world.objects["host_unit"],
        starts_on=datetime.date(2027, 1, 4),
        planned_end=datetime.date(2027, 6, 30),
        by=world.users["lead"],
    )
    return programme


@pytest.mark.parametrize("lang", LANGS)
def test_journey_6_funder_report_downloads_as_xlsx_and_pdf(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, lang: str, tmp_path: Path
) -> None:
    programme = funded_programme(live_world)
    visits = Visits(page, lang)
    log_in(page, live_server, live_world.users["coordinator"])
    speak(page, live_server, lang)
    page.goto(live_server.url + "/")
    visits.check()
    nav(page, lang, "Programmes").click()
    visits.check()
    page.locator("main").get_by_role("link", name=programme.name, exact=True).click()
    visits.check()
    page.get_by_role("link", name=t(lang, "Funder report"), exact=True).click()
    visits.check()
    # The funder asks for 2025: the participant starting in 2027 is left out.
    field(page, t(lang, "From")).fill("2025-01-01")
    field(page, t(lang, "To")).fill("2025-12-31")
    page.locator("main").get_by_role("button", name=t(lang, "Show"), exact=True).click()
    visits.check()
    participants, started, completed, ended_early = (
        t(lang, "Participants"),
        t(lang, "Started"),
        t(lang, "Completed"),
        t(lang, "Ended early"),
    )
    on_page = {row[0]: row[1:] for row in table_rows(page, "main table.counts >> nth=0")}
    assert on_page[participants] == ["7"] and on_page[completed] == ["7"]
    exit_label = t(lang, "At exit")

    with page.expect_download() as info:
        page.get_by_role("link", name=t(lang, "Download Excel (XLSX)"), exact=True).click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(downloaded(download))).active
    rows = [trimmed(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == programme.name
    period = [c for c in rows[1] if c is not None]
    assert period[0] == t(lang, "Period")
    assert [v.date() if isinstance(v, datetime.datetime) else v for v in period[1:]] == [
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    ]
    by_label = {}
    for row in rows:
        if row and row[0] is not None:
            by_label.setdefault(row[0], [c for c in row[1:] if c is not None])
    assert by_label[participants] == [t(lang, "Number")]  # the first table's header row
    figures = rows[rows.index([participants, t(lang, "Number")]) + 1 :][:4]
    assert figures == [[participants, 7], [started, 7], [completed, 7], [ended_early, 0]]
    outcomes_header = [t(lang, "Outcomes"), exit_label, t(lang, "After 6 months")]
    assert by_label[t(lang, "Outcomes")][:2] == outcomes_header[1:]
    assert by_label[t(lang, K.PERMANENT_IN_FIELD.label)] == [5, 0, 0]
    assert by_label[t(lang, K.EDUCATION.label)] == [1, 0, 0]
    assert by_label[t(lang, K.UNEMPLOYED.label)] == [1, 0, 0]
    assert by_label[t(lang, "Female")] == [4]
    assert by_label[t(lang, "Male")] == [3]
    assert by_label[world_partner(live_world)] == [60]
    assert by_label["Testby fylkeskommune"] == [40]
    # No names of people in a funder's spreadsheet.
    assert not any("Qzx" in str(c) or "Testesen" in str(c) for row in rows for c in row)

    with page.expect_download() as info:
        page.get_by_role("link", name=t(lang, "Download PDF"), exact=True).click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    text = pdftotext(downloaded(download), tmp_path, "-layout")
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert any(programme.name in line for line in lines), lines
    assert any("2025-01-01 – 2025-12-31" in line for line in lines), lines
    for label, value in [
        (participants, "7"),
        (started, "7"),
        (completed, "7"),
        (ended_early, "0"),
        (f"{t(lang, K.PERMANENT_IN_FIELD.label)}", "5 0 0"),
        (t(lang, "Female"), "4"),
        (t(lang, "Male"), "3"),
        ("Testby fylkeskommune", "40 %"),
    ]:
        assert f"{label} {value}" in lines, (label, value, lines)
    assert "Qzx" not in text and "Testesen" not in text


def world_partner(world: World) -> str:
    return world.partner_org.name


def trimmed(row: tuple) -> list:  # type: ignore[type-arg]
    """A spreadsheet row without the empty cells openpyxl pads it with."""
    cells = list(row)
    while cells and cells[-1] is None:
        cells.pop()
    return cells
