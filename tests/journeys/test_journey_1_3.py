"""Journeys 1–3 of DOMAIN.md in real Chromium, in bokmål and in English, as people do them:
links and buttons by their visible names, fields by their labels, never a form posted by hand.
Only the state before a journey (people, programmes, host units) is made through the services.

1. A lead sets up a trainee cohort from the host units' needs: positions at three host units,
   applications, selection on the board, five trainees placed with named supervisors from 2 March.
2. A coordinator matches a candidate to a work-practice placement in a private company, records
   the NAV agreement and assigns a mentor.
3. A mentor accepts the duty of confidentiality, writes a follow-up note and fills the mid-way
   evaluation; the candidate answers through the one-time link; the reminder e-mail for the next
   milestone arrives at an SMTP server. Run on a phone (390×844): the mentor's pages and the
   candidate's page never scroll sideways (screenshots in var/test-artifacts/phone/).

Journeys 2 and 3 also run with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows), once
each, in different languages; after every Tab the focused element shows its focus ring.
Every page a journey shows passes axe (WCAG 2.1 A/AA) in the journey's language and never
scrolls sideways.
"""

import datetime
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Role
from mentors import services as mentoring
from mentors.models import MilestoneKind, MilestoneTemplate
from placements.services import placement_create, placement_start
from programs.models import HostUnit, Programme
from tests.conftest import World
from tests.factories import (
    CandidateFactory,
    HostUnitFactory,
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
)

from .conftest import (
    PHONE,
    Keyboard,
    Visits,
    date_text,
    field,
    message,
    named,
    nav,
    person,
    phone_check,
    sign_in,
    t,
    t_plain,
    table_rows,
    tc,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("artifacts")]

OSLO = ZoneInfo("Europe/Oslo")
D = datetime.date


def main(page):  # type: ignore[no-untyped-def]
    return page.locator("main")


def button(page, lang: str, label: str):  # type: ignore[no-untyped-def]
    return main(page).get_by_role("button", name=t(lang, label), exact=True)


def link(page, name: str):  # type: ignore[no-untyped-def]
    return main(page).get_by_role("link", name=name, exact=True)


# --- Journey 1: a trainee cohort from the host units' needs ---------------------------------

START = D(2027, 3, 2)
# Host unit → (supervisor's name, position title, STYRK-08, slots).
NEEDS = {
    "Eiendom": (("Kari", "Nordmann"), "Trainee byggforvaltning", "3112", 2),
    "Helse og omsorg": (("Per", "Hansen"), "Trainee sykepleie", "2221", 2),
    "Oppvekst": (("Ingrid", "Berg"), "Trainee skole", "2341", 1),
}
# Applicants in every script: (given, family, host unit applied to); the last one is rejected.
APPLICANTS = [
    ("Олена", "Коваленко", "Eiendom"),
    ("Ahmad", "Karimi", "Eiendom"),
    ("ተስፋይ", "ገብረማርያም", "Helse og omsorg"),
    ("Nguyễn", "Thị Lan", "Helse og omsorg"),
    ("محمد", "الأحمد", "Oppvekst"),
    ("Samir", "Haddad", "Oppvekst"),
]
REJECTED = "Samir Haddad"


def needs_of(world: World) -> None:
    """Three municipal host units (the world's Eiendom and two more), the supervisor each has
    named, and six candidates who have not applied yet."""
    for name in ("Helse og omsorg", "Oppvekst"):
        HostUnitFactory(operator=world.operator, name=name)
    for (first, last), *_rest in NEEDS.values():
        user = UserFactory(
            username=f"{first.lower()}@example.org", first_name=first, last_name=last
        )
        MembershipFactory(user=user, operator=world.operator, role=Role.SUPERVISOR)
    for given, family, _unit in APPLICANTS:
        CandidateFactory(operator=world.operator, given_name=given, family_name=family)


def open_candidate(page, lang: str, visits: Visits, given: str, family: str) -> None:  # type: ignore[no-untyped-def]
    nav(page, lang, "Candidates").click()
    visits.check()
    link(page, f"{family}, {given}").click()
    visits.check()


def move_on_board(page, lang: str, visits: Visits, names: list[str], stage: str, reason=""):  # type: ignore[no-untyped-def]
    for name in names:
        main(page).get_by_label(name, exact=True).check()
    page.get_by_label(t(lang, "Move the chosen applications to")).select_option(
        label=t(lang, stage)
    )
    page.get_by_label(t(lang, "Reason (needed to reject or withdraw)")).fill(reason)
    button(page, lang, "Move").click()
    visits.check()
    assert message(page) == t(lang, "%(count)s applications were moved.", count=len(names))


def column(page, lang: str, stage: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The names in a column of the selection board."""
    section = (
        main(page)
        .locator("section")
        .filter(
            has=page.get_by_role("heading", name=re.compile(rf"^{re.escape(t(lang, stage))} \("))
        )
    )
    return sorted(section.locator("label").all_inner_texts())


def test_journey_1_lead_sets_up_a_cohort_and_places_five_trainees(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, lang: str
) -> None:
    needs_of(live_world)
    programme = live_world.objects["programme"]
    visits = Visits(page, lang)
    sign_in(page, live_server, live_world.users["lead"], lang)
    page.goto(live_server.url + reverse("workday:home"))
    visits.check()

    # A cohort starting 2 March; a trainee cohort runs for twelve months by itself.
    nav(page, lang, "Programmes").click()
    visits.check()
    link(page, programme.name).click()
    visits.check()
    link(page, t(lang, "New cohort")).click()
    visits.check()
    field(page, tc(lang, "name")).fill("Kull mars 2027")
    field(page, tc(lang, "start")).fill(START.isoformat())
    field(page, tc(lang, "capacity")).fill("5")
    button(page, lang, "Save").click()
    visits.check()
    assert message(page) == t(lang, "The cohort was created.")
    assert page.get_by_role("heading", level=1).inner_text() == "Kull mars 2027"
    assert date_text(lang, D(2028, 3, 1)) in main(page).inner_text()

    # One position per host unit's need, in the new cohort; each is opened for applications.
    for i, (unit, (_supervisor, title, code, slots)) in enumerate(NEEDS.items()):
        # The first from the cohort's page, the others from the programme's page.
        link(page, t(lang, "New position")).click()
        visits.check()
        field(page, tc(lang, "host unit")).select_option(label=unit)
        field(page, tc(lang, "cohort")).select_option(label="Kull mars 2027")
        field(page, tc(lang, "title")).fill(title)
        field(page, t(lang, "Occupation (STYRK-08)")).fill(code)
        field(page, tc(lang, "slots")).fill(str(slots))
        assert field(page, tc(lang, "start")).input_value() == programme.starts_on.isoformat()
        button(page, lang, "Save").click()
        visits.check()
        assert message(page) == t(lang, "The position was created as a draft.")
        row = main(page).locator("tr", has_text=title)
        row.get_by_role("button", name=named(t(lang, "Open"), title)).click()
        status = t(lang, "Open").lower()
        expect(
            row.get_by_text(t(lang, "The position is now %(status)s.", status=status))
        ).to_be_visible()
        visits.check(axe=i == 0)  # the row as htmx swapped it in, with its message
    link(page, "Kull mars 2027").click()
    visits.check()
    units = main(page).get_by_role("heading", level=3).all_inner_texts()
    assert units == list(NEEDS), units  # the cohort's positions by host unit

    # The applications, as they come in: each candidate applies for one position.
    for given, family, unit in APPLICANTS:
        open_candidate(page, lang, visits, given, family)
        link(page, t(lang, "Register application")).click()
        visits.check()
        title = NEEDS[unit][1]
        field(page, t(lang, "Applies for")).select_option(label=f"{title} – {unit}")
        button(page, lang, "Save").click()
        visits.check()
        assert message(page) == t(lang, "The application was registered.")

    # Selection on the cohort's board.
    nav(page, lang, "Programmes").click()
    visits.check()
    link(page, programme.name).click()
    visits.check()
    link(page, "Kull mars 2027").click()
    visits.check()
    link(page, t(lang, "Selection board")).click()
    visits.check()
    everyone = [f"{given} {family}" for given, family, _unit in APPLICANTS]
    chosen = [name for name in everyone if name != REJECTED]
    assert column(page, lang, "Applied") == sorted(everyone)
    move_on_board(page, lang, visits, everyone, "Screened")
    move_on_board(page, lang, visits, [REJECTED], "Rejected", "Mangler norsk på B2-nivå.")
    for stage in ("Interview", "Offered", "Accepted"):
        move_on_board(page, lang, visits, chosen, stage)
    assert column(page, lang, "Accepted") == sorted(chosen)
    assert column(page, lang, "Rejected") == [REJECTED]
    assert column(page, lang, "Applied") == []

    # Each accepted application becomes a placement with the host unit's supervisor.
    for given, family, unit in APPLICANTS:
        if f"{given} {family}" == REJECTED:
            continue
        open_candidate(page, lang, visits, given, family)
        link(page, t(lang, "Plan the placement")).click()
        visits.check()
        assert field(page, tc(lang, "start")).input_value() == START.isoformat()
        (first, last), *_rest = NEEDS[unit]
        field(page, tc(lang, "supervisor")).select_option(label=f"{first} {last}")
        button(page, lang, "Save").click()
        visits.check()
        assert message(page) == t(lang, "The placement was planned.")

    # The positions are filled: the cohort shows its five slots taken.
    nav(page, lang, "Programmes").click()
    visits.check()
    link(page, programme.name).click()
    visits.check()
    for _supervisor, title, _code, _slots in NEEDS.values():
        row = main(page).locator("tr", has_text=title)
        row.get_by_role("button", name=named(t(lang, "Mark filled"), title)).click()
        expect(row.get_by_text(t(lang, "Filled"), exact=True)).to_be_visible()
    link(page, "Kull mars 2027").click()
    visits.check()
    facts = main(page).locator("dl").inner_text()
    assert "5 / 5" in facts, facts

    # The placed trainees are listed with their host units, supervisors and start date.
    nav(page, lang, "Placements").click()
    visits.check()
    rows = {row[0]: row for row in table_rows(page, "main table")[1:]}
    start = date_text(lang, START, "SHORT_DATE_FORMAT")
    for given, family, unit in APPLICANTS:
        name = f"{given} {family}"
        if name == REJECTED:
            assert name not in rows
            continue
        (first, last), *_rest = NEEDS[unit]
        _name, host, where, period, supervisor, status = rows[name]
        assert (host, supervisor, status) == (unit, f"{first} {last}", t(lang, "Planned"))
        assert where == f"{programme.name} · Kull mars 2027"
        assert period.startswith(start), period
    assert sorted(row[1] for row in rows.values() if row[2].endswith("Kull mars 2027")) == [
        "Eiendom",
        "Eiendom",
        "Helse og omsorg",
        "Helse og omsorg",
        "Oppvekst",
    ]


# --- Journey 2: a work-practice placement in a private company ------------------------------


def praksis_setup(world: World) -> dict[str, object]:
    """A praksis programme, a private employer with its own supervisor, a candidate, a mentor."""
    today = timezone.localdate()
    programme = ProgrammeFactory(
        operator=world.operator,
        name="Arbeidspraksis Testby",
        kind=Programme.Kind.PRAKSIS,
        starts_on=today - datetime.timedelta(days=100),
    )
    company = HostUnitFactory(
        operator=world.operator, name="Fjordlys Regnskap AS", sector=HostUnit.Sector.PRIVATE
    )
    supervisor = UserFactory(username="siri@example.org", first_name="Siri", last_name="Fjeld")
    MembershipFactory(user=supervisor, operator=world.operator, role=Role.SUPERVISOR)
    mentor = UserFactory(username="ola@example.org", first_name="Ola", last_name="Nilsen")
    MembershipFactory(user=mentor, operator=world.operator, role=Role.MENTOR)
    candidate = CandidateFactory(
        operator=world.operator, given_name="فاطمة", family_name="السيد", nav_office="NAV Testby"
    )
    return {
        "programme": programme,
        "company": company,
        "supervisor": supervisor,
        "mentor": mentor,
        "candidate": candidate,
        "starts_on": today + datetime.timedelta(days=14),
        "planned_end": today + datetime.timedelta(days=14 + 91),
    }


@pytest.mark.parametrize(("lang", "mode"), [("nb", "mouse"), ("en", "mouse"), ("nb", "keyboard")])
def test_journey_2_coordinator_matches_a_candidate_to_a_praksis_placement(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, lang: str, mode: str
) -> None:
    s = praksis_setup(live_world)
    candidate, programme = s["candidate"], s["programme"]
    starts_on, planned_end = s["starts_on"], s["planned_end"]
    me = person(page, mode)
    visits = Visits(page, lang)
    sign_in(page, live_server, live_world.users["coordinator"], lang)
    page.goto(live_server.url + reverse("workday:home"))
    visits.check()

    # Matching: a new placement for the candidate at the company, with its own supervisor.
    me.follow(nav(page, lang, "Placements"))
    visits.check()
    me.follow(link(page, t(lang, "New placement")))
    visits.check()
    me.choose(field(page, tc(lang, "candidate")), candidate.full_name)
    me.choose(field(page, tc(lang, "programme")), programme.name)
    me.choose(field(page, tc(lang, "host unit")), "Fjordlys Regnskap AS")
    me.date(field(page, tc(lang, "start")), starts_on)
    me.date(field(page, tc(lang, "planned end")), planned_end)
    me.type(field(page, tc(lang, "hours per week")), "30")
    me.choose(field(page, tc(lang, "supervisor")), "Siri Fjeld")
    me.follow(button(page, lang, "Save"))
    visits.check()
    assert message(page) == t(lang, "The placement was planned.")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == f"{candidate.display_name} · Fjordlys Regnskap AS", heading

    # The NAV agreement on livelihood for the period of the placement.
    me.follow(link(page, t(lang, "Record NAV agreement")))
    visits.check()
    me.type(field(page, tc(lang, "NAV reference")), "26/04711-3")
    benefit = t(lang, "Tiltakspenger (work-scheme benefit)")
    me.choose(field(page, tc(lang, "benefit")), benefit)
    assert field(page, tc(lang, "from")).input_value() == starts_on.isoformat()
    assert field(page, tc(lang, "to")).input_value() == planned_end.isoformat()
    me.follow(button(page, lang, "Save"))
    visits.check()
    assert message(page) == t(lang, "The NAV agreement was saved.")
    short = "SHORT_DATE_FORMAT"
    period = f"{date_text(lang, starts_on, short)}–{date_text(lang, planned_end, short)}"
    agreement = main(page).get_by_text(f"{benefit} · 26/04711-3 · {period}", exact=True)
    expect(agreement).to_be_visible()
    facts = main(page).locator("dl").inner_text()
    assert "Siri Fjeld" in facts and date_text(lang, starts_on) in facts, facts

    # A mentor for the candidate, from the candidate's follow-up page.
    me.follow(link(page, t(lang, "Follow-up notes and evaluations")))
    visits.check()
    me.follow(link(page, candidate.display_name))  # the breadcrumb
    visits.check()
    me.follow(link(page, t(lang, "Assign a mentor")))
    visits.check()
    assert (
        field(page, t(lang, "Candidate")).evaluate("s => s.options[s.selectedIndex].text")
        == candidate.display_name
    )
    me.choose(field(page, t(lang, "Programme")), programme.name)
    me.date(field(page, t(lang, "Start")), starts_on)
    me.back_to(field(page, t(lang, "Mentor")))  # passed over: Shift+Tab back to it
    me.choose(field(page, t(lang, "Mentor")), "Ola Nilsen")
    me.follow(button(page, lang, "Assign"))
    visits.check()
    assert message(page) == t(lang, "The mentor was assigned.")
    mentors = page.get_by_role("region", name=t(lang, "Mentors")).locator("li").first
    assert " ".join(mentors.inner_text().split()).startswith(
        f"Ola Nilsen {programme.name} · {date_text(lang, starts_on, 'SHORT_DATE_FORMAT')}"
    )
    if isinstance(me, Keyboard):
        assert me.focus_checks > 20, me.focus_checks


# --- Journey 3: follow-up, evaluations and the reminder e-mail ------------------------------


def follow_up_setup(world: World) -> dict[str, object]:
    """A live placement halfway through: the mid-way evaluation is due today, the final one in
    76 days; a new mentor (no declaration yet) mentors the candidate; a supervisor at the unit."""
    today = timezone.localdate()
    lead = world.users["lead"]
    programme = ProgrammeFactory(
        operator=world.operator,
        name="Traineeprogram Vest",
        starts_on=today - datetime.timedelta(90),
    )
    mentoring.milestone_template_add(
        programme=programme,
        kind=MilestoneKind.MID_EVALUATION,
        label="Midtveisevaluering",
        anchor=MilestoneTemplate.Anchor.MIDPOINT,
        by=lead,
    )
    mentoring.milestone_template_add(
        programme=programme,
        kind=MilestoneKind.FINAL_EVALUATION,
        label="Sluttevaluering",
        anchor=MilestoneTemplate.Anchor.END,
        offset_days=14,
        by=lead,
    )
    supervisor = UserFactory(username="tor@example.org", first_name="Tor", last_name="Lie")
    MembershipFactory(user=supervisor, operator=world.operator, role=Role.SUPERVISOR)
    mentor = UserFactory(username="mona@example.org", first_name="Mona", last_name="Aas")
    MembershipFactory(user=mentor, operator=world.operator, role=Role.MENTOR)
    candidate = CandidateFactory(operator=world.operator, given_name="Leyla", family_name="Rahimi")
    start = today - datetime.timedelta(days=90)
    placement = placement_create(
        candidate=candidate,
        programme=programme,
        host_unit=world.objects["host_unit"],
        starts_on=start,
        planned_end=today + datetime.timedelta(days=90),
        supervisor=supervisor,
        by=lead,
    )
    placement_start(placement=placement, by=lead)
    mentoring.mentorship_create(mentor=mentor, candidate=candidate, starts_on=start, by=lead)
    final = placement.milestones.get(kind=MilestoneKind.FINAL_EVALUATION)
    assert placement.milestones.get(kind=MilestoneKind.MID_EVALUATION).due_on == today
    return {"mentor": mentor, "candidate": candidate, "placement": placement, "final": final}


EVALUATION = {"rating": "4", "yes_no": "Yes", "text": "Lærer raskt og tar ansvar."}


def answer_evaluation(page, me, lang: str) -> int:  # type: ignore[no-untyped-def]
    """Answer every question of an evaluation form; returns the number of questions."""
    groups = main(page).locator("form fieldset")
    for i in range(groups.count()):
        group = groups.nth(i)
        labels = group.locator("label").all_inner_texts()
        me.radio(group, EVALUATION["rating"] if "4" in labels else t(lang, EVALUATION["yes_no"]))
    texts = main(page).locator("form textarea")
    for i in range(texts.count()):
        me.type(texts.nth(i), EVALUATION["text"])
    return groups.count() + texts.count()


@pytest.mark.parametrize(("lang", "mode"), [("nb", "phone"), ("en", "phone"), ("en", "keyboard")])
def test_journey_3_mentor_follows_up_and_the_reminder_arrives(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, smtp_server, lang: str, mode: str
) -> None:
    s = follow_up_setup(live_world)
    mentor, candidate, final = s["mentor"], s["candidate"], s["final"]
    name = candidate.display_name
    me = person(page, mode)
    visits = Visits(page, lang)
    on_phone = mode == "phone"
    if on_phone:
        page.set_viewport_size(PHONE)

    def seen(shot: str) -> None:
        visits.check()
        if on_phone:
            phone_check(page, f"journey-3-{lang}-{shot}")

    sign_in(page, live_server, mentor, lang)
    page.goto(live_server.url + reverse("workday:home"))
    seen("home")

    # The first visit to a candidate's data asks for the duty of confidentiality.
    me.follow(nav(page, lang, "My candidates"))
    seen("declaration")
    me.follow(button(page, lang, "I accept the duty of confidentiality"))
    seen("follow-up-home")
    assert message(page) == t(lang, "Thank you. The declaration is recorded.")
    row = main(page).locator("tr", has_text=name)
    expect(row).to_contain_text("Midtveisevaluering")

    # A follow-up note about the placement.
    me.follow(link(page, name))
    seen("candidate-timeline")
    me.follow(link(page, t(lang, "Write a note")))
    seen("note-form")
    placement_option = f"Eiendom ({s['placement'].starts_on:%d.%m.%Y})"
    me.choose(field(page, t(lang, "Placement")), placement_option)
    note = "Samtale med Leyla og veileder: trives godt, vil ha mer ansvar for budsjett."
    me.type(field(page, t(lang, "Note")), note)
    me.follow(button(page, lang, "Save"))
    seen("placement-timeline")
    assert message(page) == t(lang, "The note was saved.")
    timeline = page.get_by_role("region", name=t(lang, "Follow-up notes"))
    expect(timeline.locator("li").first).to_contain_text(note)
    expect(timeline.locator("li").first).to_contain_text("Mona Aas")

    # The mid-way evaluation: a link for the candidate first, then the mentor's own answers.
    me.follow(link(page, named(t(lang, "Evaluation"), "Midtveisevaluering")))
    seen("evaluation-form")
    me.follow(button(page, lang, "Make a link for the candidate"))
    seen("evaluation-link")
    label = t_plain(lang, 'Link for <bdi dir="auto">%(name)s</bdi>', name=name)
    candidate_link = field(page, label).input_value()
    assert candidate_link.startswith(live_server.url + "/follow-up/e/"), candidate_link
    me.follow(link(page, t(lang, "Back to the evaluation")))
    visits.check()
    answered = answer_evaluation(page, me, lang)
    assert answered == 7
    me.follow(button(page, lang, "Submit the evaluation"))
    seen("evaluation-answers")
    assert message(page) == t(lang, "The evaluation was submitted.")

    # Reminders in the journey's language.
    me.follow(nav(page, lang, "Your reminders"))
    seen("reminders")
    me.follow(link(page, t(lang, "Reminder settings")))
    seen("reminder-settings")
    language = {"nb": "Norwegian Bokmål", "en": "English"}[lang]
    me.choose(field(page, t(lang, "Language of the e-mails")), t(lang, language))
    me.follow(button(page, lang, "Save"))
    visits.check()
    assert message(page) == t(lang, "Your reminder settings were saved.")

    # The candidate answers through the link, on their own phone, without an account.
    sign_in(page, live_server, None, lang)
    page.goto(candidate_link)
    seen("candidate-evaluation")
    greeting = t_plain(
        lang,
        'Hello <bdi dir="auto">%(name)s</bdi>! These questions are about your time at %(unit)s.',
        name="Leyla",
        unit="Eiendom",
    )
    assert main(page).locator("p.lead").inner_text() == greeting
    answer_evaluation(page, me, lang)
    me.follow(button(page, lang, "Send my answers"))
    seen("candidate-thanks")
    assert page.get_by_role("heading", level=1).inner_text() == t(lang, "Thank you")

    # The mentor sees both answers side by side.
    sign_in(page, live_server, mentor, lang)
    page.goto(live_server.url + reverse("mentors:mine"))
    visits.check()
    me.follow(main(page).locator("tr", has_text=name).get_by_role("link", name="Eiendom"))
    visits.check()
    me.follow(link(page, named(t(lang, "Answers"), "Midtveisevaluering")))
    visits.check()
    answers = table_rows(page, "main table")
    assert answers[-1][1:] == [EVALUATION["text"]] * 2, answers[-1]
    if isinstance(me, Keyboard):
        assert me.focus_checks > 30, me.focus_checks

    # Seven days before the final evaluation, at nine, the mentor's reminder goes out by SMTP.
    remind_at = datetime.datetime.combine(
        final.due_on - datetime.timedelta(days=7), datetime.time(9, 0, 30), OSLO
    )
    with time_machine.travel(remind_at, tick=False):
        call_command("plan_reminders", stdout=StringIO())
        call_command("send_due_reminders", stdout=StringIO())
    mail = [m for m in smtp_server.messages if m["To"] == mentor.email]
    assert len(mail) == 1, [(m["To"], m["Subject"]) for m in smtp_server.messages]
    kind = t(lang, "Follow-up or evaluation due")
    assert mail[0]["Subject"] == t(lang, "Reminder: %(kind)s", kind=kind)
    assert mail[0]["Content-Language"] == lang
    body = mail[0].get_body(("plain",)).get_content()
    due = date_text(lang, final.due_on, "DATE_FORMAT")
    assert "Sluttevaluering" in body and due in body, body
    assert name not in body and "Leyla" not in body
