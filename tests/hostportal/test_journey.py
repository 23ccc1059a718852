"""The host units' journeys on a phone (390×844), in bokmål and English: a host unit signs in by
link and reports two needs, which the lead accepts into positions; a network employer commits to
hire and agrees to be named on the wall of fame, which the lead accepts. Every page has one h1,
no sideways scrolling and passes axe."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from programs.models import EmployerCommitment, HostUnit, Position
from tests.factories import CohortFactory, HostUnitFactory
from tests.journeys.conftest import PHONE, Visits, field, phone_check, sign_in, t

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_by_link(page, live_server, lang: str, email: str, visits: Visits) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + reverse("hostportal:signin"))
    visits.check(axe=True)
    page.get_by_label(t(lang, "Your e-mail address")).fill(email)
    page.get_by_role("button", name=t(lang, "Send me a link")).click()
    page.get_by_role("heading", name=t(lang, "Look in your e-mail")).wait_for()
    visits.check(axe=True)
    link = re.search(r"https?://\S+/host/sign-in/\S+/", mail.outbox[-1].body).group(0)  # type: ignore[union-attr]
    page.goto(live_server.url + re.sub(r"^https?://[^/]+", "", link))
    visits.check(axe=True)
    page.get_by_role("button", name=t(lang, "Sign in"), exact=True).click()


def accept(page, lang: str, title: str, visits: Visits) -> None:  # type: ignore[no-untyped-def]
    """The lead opens the submission from the review list and accepts it as it is."""
    page.locator("tr", has_text=title).get_by_role("link").click()
    visits.check(axe=True)
    page.get_by_role("button", name=t(lang, "Accept"), exact=True).click()
    page.get_by_text(t(lang, "Accepted. The host unit can see the answer.")).wait_for()
    visits.check(axe=True)


def test_a_host_unit_reports_two_needs_the_lead_accepts_into_positions(  # type: ignore[no-untyped-def]
    page, live_server, live_world, lang
) -> None:
    unit = live_world.objects["host_unit"]
    start = timezone.localdate() + datetime.timedelta(days=90)
    cohort = CohortFactory(
        programme=live_world.objects["programme"],
        name="Neste kull",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=364),
    )
    page.set_viewport_size(PHONE)
    visits = Visits(page, lang)
    sign_in_by_link(page, live_server, lang, unit.contact_email, visits)
    page.get_by_role("heading", name=unit.name).wait_for()
    visits.check(axe=True)
    phone_check(page, f"hostportal-home-{lang}")

    for title, code, count in (("Elektriker", "7411", "2"), ("Renholder", "9112", "1")):
        page.get_by_role("link", name=t(lang, "Report a need for the next cohort")).click()
        visits.check(axe=True)
        field(page, t(lang, "Which programme and start")).select_option(
            label=f"{cohort.programme.name} · {cohort.name}"
        )
        field(page, t(lang, "What is the job called?")).fill(title)
        field(page, t(lang, "Occupation (STYRK-08)")).fill(code)
        field(page, t(lang, "How many people?")).fill(count)
        field(page, t(lang, "From")).fill(start.isoformat())
        page.get_by_role("button", name=t(lang, "Send the need")).click()
        thanks = t(lang, "Thank you. We have your need, and will answer you here.")
        page.get_by_text(thanks).wait_for()
        visits.check(axe=True)
    assert page.locator("main").get_by_text("Renholder").is_visible()
    phone_check(page, f"hostportal-home-sent-{lang}")

    sign_in(page, live_server, live_world.users["lead"], lang)
    page.goto(live_server.url + reverse("workday:home"))
    page.locator("main").get_by_text(t(lang, "Submissions from host units")).first.wait_for()
    page.goto(live_server.url + reverse("hostreview:list"))
    visits.check(axe=True)
    phone_check(page, f"hostreview-list-{lang}")
    accept(page, lang, "Elektriker", visits)
    accept(page, lang, "Renholder", visits)
    positions = Position.objects.filter(host_unit=unit, cohort=cohort).order_by("title")
    assert [(p.title, p.occupation_id, p.slots, p.status) for p in positions] == [
        ("Elektriker", "7411", 2, Position.Status.DRAFT),
        ("Renholder", "9112", 1, Position.Status.DRAFT),
    ]


def test_an_employer_commits_and_opts_in_to_the_wall_of_fame(  # type: ignore[no-untyped-def]
    page, live_server, live_world, lang
) -> None:
    employer = HostUnitFactory(
        operator=live_world.operator,
        name="REMA 1000 Testby",
        sector=HostUnit.Sector.PRIVATE,
        contact_email="hr@rema.example",
    )
    network = live_world.objects["network"]
    page.set_viewport_size(PHONE)
    visits = Visits(page, lang)
    sign_in_by_link(page, live_server, lang, employer.contact_email, visits)
    page.get_by_role("heading", name=employer.name).wait_for()
    page.get_by_role("link", name=t(lang, "Our commitment to hire")).click()
    visits.check(axe=True)
    field(page, t(lang, "Which network")).select_option(label=network.name)
    field(page, t(lang, "How many people will you hire?")).fill("3")
    page.locator("main").get_by_label(t(lang, "Yes"), exact=True).check()
    phone_check(page, f"hostportal-commitment-{lang}")
    page.get_by_role("button", name=t(lang, "Send the commitment")).click()
    page.get_by_text(t(lang, "Thank you for your commitment. We will answer you here.")).wait_for()
    visits.check(axe=True)

    sign_in(page, live_server, live_world.users["lead"], lang)
    page.goto(live_server.url + reverse("hostreview:list"))
    accept(page, lang, employer.name, visits)
    commitment = EmployerCommitment.objects.get(employer=employer, programme=network)
    assert commitment.named_publicly and commitment.pledge == 3

    # The employer sees the answer on its page.
    sign_in_by_link(page, live_server, lang, employer.contact_email, visits)
    page.get_by_text(t(lang, "Accepted")).first.wait_for()
    visits.check(axe=True)
