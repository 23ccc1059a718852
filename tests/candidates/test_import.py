"""Import of candidates from CSV and XLSX: preview, all-or-nothing confirm, duplicates, safety."""

import base64
import csv
import datetime
import io
import zipfile
import zlib
from types import SimpleNamespace

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from candidates import import_views, imports
from candidates.demo import synthetic_fnr
from candidates.models import Candidate
from core.models import AuditEntry
from tests.conftest import World
from tests.factories import CandidateFactory

UPLOAD = reverse("candidates:import_upload")
HEADERS = [column.header for column in imports.COLUMNS]


def valid_fnr(birth_date: datetime.date, start: int = 100) -> str:
    return next(f for i in range(start, start + 100) if (f := synthetic_fnr(birth_date, i)))


FNR_1 = valid_fnr(datetime.date(1991, 4, 5))
FNR_2 = valid_fnr(datetime.date(1985, 11, 23))
# The last check digit changed: a typing error the service must refuse.
BAD_FNR = FNR_2[:-1] + str((int(FNR_2[-1]) + 1) % 10)

GOOD_ROWS = [
    {
        "Fornavn": "مريم",
        "Etternavn": "الخطيب",
        "Fornavn (latinske bokstaver)": "Maryam",
        "Etternavn (latinske bokstaver)": "Al-Khatib",
        "Fødselsdato": "05.04.1991",
        "Fødselsnummer/D-nummer/DUF": FNR_1,
        "Statsborgerskap": "sy",
        "Norsknivå": "b1",
        "Kjønn": "kvinne",
    },
    {
        "Fornavn": "ሰላም",
        "Etternavn": "ተስፋዬ",
        "Fødselsdato": "1993-07-01",
        "Fødeland": "ER",
        "Utdanningsnivå": "bachelor",
        "Ankomstår": "2021",
    },
    {
        "Fornavn": "Олена",
        "Etternavn": "Шевченко",
        "Foretrukket navn": "Lena",
        "Fødselsdato": "23.11.1985",
        "E-post": "olena@example.org",
        "Fødselsnummer/D-nummer/DUF": FNR_2,
    },
]
SCRIPT_NAMES = {("مريم", "الخطيب"), ("ሰላም", "ተስፋዬ"), ("Олена", "Шевченко")}


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    # The bokmål catalogue does not have these strings yet; English text is what is asserted.
    with translation.override("en"):
        yield


def client_for(world: World, role: str = "lead") -> Client:
    return world.client_for(role, HTTP_ACCEPT_LANGUAGE="en")


def csv_bytes(
    rows: list[dict[str, str]],
    headers: list[str] | None = None,
    *,
    delimiter: str = ";",
    bom: bool = True,
) -> bytes:
    headers = headers or HEADERS
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[list[object]], headers: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(content: bytes, name: str = "kandidater.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def preview(client: Client, content: bytes, name: str = "kandidater.csv"):  # type: ignore[no-untyped-def]
    return client.post(UPLOAD, {"file": upload(content, name)})


def confirm(client: Client, response):  # type: ignore[no-untyped-def]
    initial = response.context["confirm_form"].initial
    return client.post(UPLOAD, {"action": "confirm", **initial})


def signed_payload(world: World, role: str, operator, raw: bytes) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What the preview would carry; lets a test confirm a file the preview refused to offer."""
    request = SimpleNamespace(
        user=world.users[role], membership=SimpleNamespace(operator_id=operator.pk)
    )
    form = import_views._pack(request, raw)  # type: ignore[arg-type]
    return {"action": "confirm", **form.initial}


def report_for(world: World, content: bytes) -> imports.ImportReport:
    rows = imports.read_rows(upload(content))
    return imports.validate_import(operator=world.operator, rows=rows)


def errors_by_row(report: imports.ImportReport) -> dict[int, list[str]]:
    return {row.number: row.errors for row in report.rows if row.errors}


# --- Good files ----------------------------------------------------------------------------


def test_good_csv_with_bom_and_semicolons_imports_every_row_after_confirm(world: World) -> None:
    client = client_for(world)
    before = Candidate.objects.count()
    existing = set(Candidate.objects.values_list("pk", flat=True))

    response = preview(client, csv_bytes(GOOD_ROWS))

    assert response.status_code == 200
    assert response.context["report"].has_errors is False
    assert Candidate.objects.count() == before  # the preview saves nothing
    assert b"Confirm import" in response.content
    assert FNR_1.encode() not in response.content  # the preview shows masked ids only
    assert imports.RowResult(2, {"national_id": FNR_1}).masked_id.encode() in response.content

    response = confirm(client, response)

    assert response.status_code == 302
    assert response.url == reverse("candidates:list")
    assert Candidate.objects.count() == before + 3
    imported = Candidate.objects.exclude(pk__in=existing)
    assert {c.operator_id for c in imported} == {world.operator.pk}
    assert {(c.given_name, c.family_name) for c in imported} == SCRIPT_NAMES
    maryam = imported.get(given_name_latin="Maryam")
    assert maryam.national_id == FNR_1
    assert (maryam.nationality.code, maryam.norwegian_level, maryam.gender) == (
        "SY",
        "B1",
        "female",
    )
    assert maryam.birth_date == datetime.date(1991, 4, 5)
    assert "maryam" in maryam.search_name
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["3 candidates imported."]


def test_good_xlsx_with_english_headers_and_excel_cell_types_imports_every_row(
    world: World,
) -> None:
    client = client_for(world)
    # English aliases, odd case and spacing; a date cell, a number cell and an id number that
    # Excel stored as a number and so lost its leading zero.
    headers = ["  GIVEN name", "Family  Name", "Birth date", "National id", "Year of arrival"]
    rows = [
        ["ሰላም", "ተስፋዬ", datetime.datetime(1991, 4, 5), int(FNR_1), 2020.0],
        ["Олена", "Шевченко", "23.11.1985", FNR_2, None],
        [None, None, None, None, None],  # an empty row Excel left behind is skipped
        ["مريم", "الخطيب", datetime.date(1993, 7, 1), None, 2019],
    ]
    assert FNR_1.startswith("0")
    before = Candidate.objects.count()

    response = preview(client, xlsx_bytes(rows, headers), "kandidater.xlsx")

    report = response.context["report"]
    assert not report.has_errors, errors_by_row(report)
    assert [row.number for row in report.rows] == [2, 3, 5]
    confirm(client, response)
    assert Candidate.objects.count() == before + 3
    assert Candidate.objects.get(national_id=FNR_1).given_name == "ሰላም"
    assert Candidate.objects.get(given_name="مريم").arrival_year == 2019


def test_xlsx_is_recognised_by_its_content_not_its_name(world: World) -> None:
    content = xlsx_bytes([["Amina", "Yusuf"]], ["Fornavn", "Etternavn"])
    rows = imports.read_rows(upload(content, "kandidater.csv"))
    assert rows == [{imports.ROW_NUMBER: 2, "given_name": "Amina", "family_name": "Yusuf"}]


def test_comma_csv_without_bom_is_read(world: World) -> None:
    content = csv_bytes(GOOD_ROWS, delimiter=",", bom=False)
    report = report_for(world, content)
    assert not report.has_errors
    assert [row.values["given_name"] for row in report.rows] == ["مريم", "ሰላም", "Олена"]


def test_validation_leaves_the_database_unchanged(world: World) -> None:
    candidates, audits = Candidate.objects.count(), AuditEntry.objects.count()
    report = report_for(world, csv_bytes(GOOD_ROWS))
    assert not report.has_errors
    assert (Candidate.objects.count(), AuditEntry.objects.count()) == (candidates, audits)


# --- One bad row: nothing is saved ---------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"Fødselsnummer/D-nummer/DUF": BAD_FNR}, "check digits do not match"),
        ({"Etternavn": ""}, "Family name: This field cannot be blank."),
        ({"Fødselsdato": "31.02.1990"}, "Birth date: This date does not exist."),
        ({"Fødselsdato": "1990/02/01"}, "Birth date: Write the date as YYYY-MM-DD or DD.MM.YYYY."),
        ({"Statsborgerskap": "XX"}, "Nationality:"),
        ({"Norsknivå": "D1"}, "Norwegian level:"),
        ({"E-post": "not-an-address"}, "E-mail: Enter a valid email address."),
    ],
)
def test_one_bad_row_is_reported_and_confirm_saves_nothing(
    world: World, change: dict[str, str], expected: str
) -> None:
    rows = [GOOD_ROWS[0], {**GOOD_ROWS[2], **change}, GOOD_ROWS[1]]
    content = csv_bytes(rows)
    client = client_for(world)
    candidates, audits = Candidate.objects.count(), AuditEntry.objects.count()

    response = preview(client, content)

    assert response.status_code == 200
    report = response.context["report"]
    bad = errors_by_row(report)
    assert list(bad) == [3]
    assert any(expected in message for message in bad[3]), bad
    assert response.context["confirm_form"] is None
    assert b"Confirm import" not in response.content
    assert expected.split(":")[0].encode() in response.content

    # Even a correctly signed confirmation of this file is refused, and nothing is saved.
    response = client.post(UPLOAD, signed_payload(world, "lead", world.operator, content))
    assert response.status_code == 200
    assert list(errors_by_row(response.context["report"])) == [3]
    assert (Candidate.objects.count(), AuditEntry.objects.count()) == (candidates, audits)

    with pytest.raises(imports.ImportRejected) as exc:
        imports.run_import(
            operator=world.operator, rows=imports.read_rows(upload(content)), by=world.users["lead"]
        )
    assert list(errors_by_row(exc.value.report)) == [3]
    assert (Candidate.objects.count(), AuditEntry.objects.count()) == (candidates, audits)


def test_row_numbers_count_blank_lines_as_the_spreadsheet_does(world: World) -> None:
    content = csv_bytes([GOOD_ROWS[0], {}, {**GOOD_ROWS[1], "Etternavn": ""}])
    assert list(errors_by_row(report_for(world, content))) == [4]


def test_a_change_between_preview_and_confirm_is_caught_and_saves_nothing(world: World) -> None:
    client = client_for(world)
    response = preview(client, csv_bytes(GOOD_ROWS))
    assert response.context["confirm_form"] is not None
    # Meanwhile someone registers the person of row 4 by hand.
    CandidateFactory(operator=world.operator, national_id=FNR_2)
    before = Candidate.objects.count()

    response = confirm(client, response)

    assert response.status_code == 200
    assert list(errors_by_row(response.context["report"])) == [4]
    assert Candidate.objects.count() == before


def test_invalid_id_message_never_contains_the_id(world: World) -> None:
    client = client_for(world)
    response = preview(client, csv_bytes([{**GOOD_ROWS[2], "Fødselsnummer/D-nummer/DUF": BAD_FNR}]))
    errors = " ".join(response.context["report"].rows[0].errors)
    assert "check digits" in errors
    assert not any(ch.isdigit() for ch in errors)
    # The page shows the date part at most, never the individual number and check digits.
    assert BAD_FNR.encode() not in response.content
    assert BAD_FNR[6:].encode() not in response.content


# --- Duplicates ----------------------------------------------------------------------------


def test_duplicates_within_the_file(world: World) -> None:
    rows = [
        GOOD_ROWS[0],
        {"Fornavn": "Ali", "Etternavn": "Hassan", "Fødselsnummer/D-nummer/DUF": FNR_1},
        {**GOOD_ROWS[2], "Fødselsnummer/D-nummer/DUF": ""},
        # The same person as row 4, by name (in other case) and birth date in another format.
        {"Fornavn": "ОЛЕНА", "Etternavn": "шевченко", "Fødselsdato": "1985-11-23"},
    ]
    report = report_for(world, csv_bytes(rows))
    assert errors_by_row(report) == {
        3: ["Looks like a duplicate of row 2 (same id number)."],
        5: ["Looks like a duplicate of row 4 (same name and birth date)."],
    }


def test_duplicates_of_existing_candidates(world: World) -> None:
    CandidateFactory(operator=world.operator, national_id=FNR_1, given_name="X", family_name="Y")
    existing = world.objects["candidate"]  # Amal Haddad, born 17 May 1990
    rows = [
        GOOD_ROWS[0],
        {"Fornavn": "amal", "Etternavn": " HADDAD ", "Fødselsdato": "17.05.1990"},
        GOOD_ROWS[1],
    ]
    report = report_for(world, csv_bytes(rows))
    errors = errors_by_row(report)
    assert errors == {
        2: ["Looks like a duplicate of an existing candidate (same id number)."],
        3: ["Looks like a duplicate of an existing candidate (same name and birth date)."],
    }
    text = " ".join(m for messages in errors.values() for m in messages)
    assert existing.given_name not in text and FNR_1 not in text


def test_a_birth_date_read_from_the_id_counts_for_name_duplicates(world: World) -> None:
    rows = [
        {"Fornavn": "Ali", "Etternavn": "Hassan", "Fødselsdato": "05.04.1991"},
        {"Fornavn": "Ali", "Etternavn": "Hassan", "Fødselsnummer/D-nummer/DUF": FNR_1},
    ]
    assert errors_by_row(report_for(world, csv_bytes(rows))) == {
        3: ["Looks like a duplicate of row 2 (same name and birth date)."]
    }


def test_candidates_of_another_operator_are_no_duplicates(world: World) -> None:
    CandidateFactory(operator=world.other_operator, national_id=FNR_1)
    assert not report_for(world, csv_bytes(GOOD_ROWS)).has_errors


# --- Tampering -----------------------------------------------------------------------------


def test_a_tampered_payload_is_refused_and_saves_nothing(world: World) -> None:
    client = client_for(world)
    response = preview(client, csv_bytes(GOOD_ROWS[:1]))
    initial = response.context["confirm_form"].initial
    other = base64.b64encode(zlib.compress(csv_bytes(GOOD_ROWS))).decode("ascii")
    before = Candidate.objects.count()

    for forged in [
        {**initial, "payload": other},
        {**initial, "signature": initial["signature"][:-2] + "xx"},
        {**initial, "signature": ""},
        {"payload": initial["payload"]},
        {**initial, "payload": "not base64!"},
        {**initial, "payload": "ikke base64 ø"},
    ]:
        response = client.post(UPLOAD, {"action": "confirm", **forged})
        assert response.status_code == 400
        assert b"could not be verified" in response.content
    assert Candidate.objects.count() == before


def test_a_payload_signed_for_another_user_or_operator_is_refused(world: World) -> None:
    content = csv_bytes(GOOD_ROWS)
    before = Candidate.objects.count()
    for_coordinator = signed_payload(world, "coordinator", world.operator, content)
    assert client_for(world).post(UPLOAD, for_coordinator).status_code == 400
    for_other_operator = signed_payload(world, "lead", world.other_operator, content)
    assert client_for(world).post(UPLOAD, for_other_operator).status_code == 400
    assert Candidate.objects.count() == before


def test_an_expired_payload_is_refused(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    payload = signed_payload(world, "lead", world.operator, csv_bytes(GOOD_ROWS))
    monkeypatch.setattr(import_views, "CONFIRM_MAX_AGE", -1)
    before = Candidate.objects.count()
    assert client_for(world).post(UPLOAD, payload).status_code == 400
    assert Candidate.objects.count() == before


def test_the_signing_salt_is_specific(world: World) -> None:
    # A value signed for another purpose (default salt) does not confirm an import.
    payload = signed_payload(world, "lead", world.operator, csv_bytes(GOOD_ROWS))
    fingerprint = signing.TimestampSigner(salt=import_views.SIGNING_SALT).unsign(
        payload["signature"]
    )
    payload["signature"] = signing.TimestampSigner().sign(fingerprint)
    assert client_for(world).post(UPLOAD, payload).status_code == 400


# --- Bad files -----------------------------------------------------------------------------


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "cv.pdf", "not a CSV file or an Excel"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", "not a CSV file or an Excel"),
        (_zip_without_workbook(), "kandidater.xlsx", "not a CSV file or an Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls", "old Excel format"),
        ("Fornavn;Etternavn\nBjørn;Ås\n".encode("cp1252"), "ansi.csv", "not UTF-8"),
        (b"Fornavn;Fodselsdato\nAmina;1990-01-01\n", "k.csv", "Required columns missing"),
        (b"Fornavn;Etternavn;Skostorrelse\nA;B;42\n", "k.csv", "Unknown columns"),
        (b"Fornavn;Etternavn;Given name\nA;B;C\n", "k.csv", "appear twice"),
        (b"Fornavn;Etternavn\n", "k.csv", "headings but no rows"),
        (b"   \n", "k.csv", "The file is empty."),
        (b"a" * (imports.MAX_BYTES + 1), "big.csv", "larger than 2 MB"),
    ],
)
def test_a_bad_file_gets_a_clear_message_not_a_500(
    world: World, content: bytes, name: str, expected: str
) -> None:
    response = preview(client_for(world), content, name)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert expected in errors
    assert "report" not in response.context


def test_missing_and_unknown_headers_are_named(world: World) -> None:
    with pytest.raises(imports.ImportFileError) as exc:
        imports.read_rows(upload(b"Fornavn;Skostorrelse\nA;42\n"))
    message = " ".join(exc.value.messages)
    assert "“Skostorrelse”" in message and "“Family name”" in message
    with translation.override("nb"), pytest.raises(imports.ImportFileError) as exc:
        imports.read_rows(upload(b"Fornavn;Skostorrelse\nA;42\n"))
    assert "“Etternavn”" in " ".join(exc.value.messages)


def test_too_many_rows_are_refused(world: World) -> None:
    rows = "".join(f"A{i};B{i}\n" for i in range(imports.MAX_ROWS + 1))
    with pytest.raises(imports.ImportFileError) as exc:
        imports.read_rows(upload(("Fornavn;Etternavn\n" + rows).encode()))
    assert "more than 5000 rows" in " ".join(exc.value.messages)
    rows = "".join(f"A{i};B{i}\n" for i in range(imports.MAX_ROWS))
    assert len(imports.read_rows(upload(("Fornavn;Etternavn\n" + rows).encode()))) == 5000


def test_a_file_too_large_to_carry_to_the_confirm_step_is_refused_before_preview(
    world: World,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    # The confirm form carries the file in a field; Django refuses a POST over this limit.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = import_views.POST_MARGIN + 10
    response = preview(client_for(world), csv_bytes(GOOD_ROWS))
    assert response.status_code == 200
    assert "too large to confirm" in " ".join(response.context["form"].errors["file"])
    assert "confirm_form" not in response.context


def test_upload_without_a_file_shows_the_form(world: World) -> None:
    response = client_for(world).post(UPLOAD, {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


# --- Audit ---------------------------------------------------------------------------------


def test_the_audit_entry_holds_a_count_and_no_personal_data(world: World) -> None:
    client = client_for(world)
    confirm(client, preview(client, csv_bytes(GOOD_ROWS)))
    entry = AuditEntry.objects.get(action="candidates.import.completed")
    assert entry.data == {"rows": 3}
    assert entry.actor == world.users["lead"] and entry.operator == world.operator
    everything = " ".join(str(e.data) for e in AuditEntry.objects.all())
    for given, family in SCRIPT_NAMES:
        assert given not in everything and family not in everything
    assert FNR_1 not in everything and FNR_2 not in everything


# --- Templates -----------------------------------------------------------------------------


def test_csv_template_has_bom_semicolons_headings_and_an_example_without_id(world: World) -> None:
    response = client_for(world).get(reverse("candidates:import_template", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == [c.english for c in imports.COLUMNS]  # English UI: English headings
    example = dict(zip(lines[0], lines[1], strict=True))
    assert example["National id"] == ""
    # The template itself passes validation: what we hand out can be imported as it is.
    assert not report_for(world, response.content).has_errors


def test_csv_template_in_bokmal_has_norwegian_headings(world: World) -> None:
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="nb")
    response = client.get(reverse("candidates:import_template", args=["csv"]))
    assert response.content.decode("utf-8-sig").splitlines()[0] == ";".join(HEADERS)


def test_xlsx_template_opens_with_bold_frozen_headings(world: World) -> None:
    response = client_for(world).get(reverse("candidates:import_template", args=["xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kandidatimport.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [c.english for c in imports.COLUMNS]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert not report_for(world, response.content).has_errors


def test_other_template_formats_are_404(world: World) -> None:
    client = client_for(world)
    assert client.get(reverse("candidates:import_template", args=["pdf"])).status_code == 404


# --- Who may import ------------------------------------------------------------------------


def test_get_shows_the_form_with_links_to_both_templates(world: World) -> None:
    response = client_for(world).get(UPLOAD)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert reverse("candidates:import_template", args=["csv"]) in content
    assert reverse("candidates:import_template", args=["xlsx"]) in content
    assert 'enctype="multipart/form-data"' in content


def test_a_coordinator_may_import(world: World) -> None:
    client = client_for(world, "coordinator")
    before = Candidate.objects.count()
    response = confirm(client, preview(client, csv_bytes(GOOD_ROWS)))
    assert response.status_code == 302
    assert Candidate.objects.count() == before + 3


@pytest.mark.parametrize("role", ["mentor", "partner"])
def test_follow_up_roles_and_partners_may_not_import(world: World, role: str) -> None:
    client = client_for(world, role)
    assert client.get(UPLOAD).status_code == 403
    assert preview(client, csv_bytes(GOOD_ROWS)).status_code == 403
    assert client.get(reverse("candidates:import_template", args=["csv"])).status_code == 403
    payload = signed_payload(world, role, world.operator, csv_bytes(GOOD_ROWS))
    before = Candidate.objects.count()
    assert client.post(UPLOAD, payload).status_code == 403
    assert Candidate.objects.count() == before


def test_anonymous_users_are_sent_to_log_in(world: World) -> None:
    response = client_for(world, "anon").get(UPLOAD)
    assert response.status_code == 302
    assert "login" in response.url


def test_another_operators_lead_imports_into_their_own_operator(world: World) -> None:
    # The same person exists at the first operator; that is no duplicate for the second.
    CandidateFactory(operator=world.operator, national_id=FNR_1)
    client = client_for(world, "other_lead")
    ours = Candidate.objects.filter(operator=world.operator).count()

    response = confirm(client, preview(client, csv_bytes(GOOD_ROWS)))

    assert response.status_code == 302
    assert Candidate.objects.filter(operator=world.other_operator).count() == 3
    assert Candidate.objects.filter(operator=world.operator).count() == ours
    entry = AuditEntry.objects.get(action="candidates.import.completed")
    assert entry.operator == world.other_operator
