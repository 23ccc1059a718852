"""The candidate's journey on a phone (390×844), in bokmål and English: ask for a link, sign in
with the link from the e-mail, see the plan, answer an evaluation, download a document, take back
a consent, change contact details and availability, see the dates (and download them as a
calendar file) and choose a language. Every page has one h1, no sideways scrolling and passes
axe."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from candidates.models import Consent
from mentors import services as mentor_services
from mentors.models import Evaluation, Milestone
from tests.journeys.conftest import ARTIFACTS, PHONE, Visits, phone_check, t, t_plain
from tests.privacy.planting import plant

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_candidate_signs_in_by_link_and_uses_their_page(  # type: ignore[no-untyped-def]
    page, live_server, live_world, lang
) -> None:
    candidate = plant(live_world).candidate
    milestone = Milestone.objects.get(placement__candidate=candidate, label="Plant-milestone")
    mentor_services.evaluation_invite_candidate(milestone=milestone, by=live_world.users["lead"])
    page.set_viewport_size(PHONE)
    visits = Visits(page, lang)

    page.goto(live_server.url + reverse("portal:signin"))
    visits.check(axe=True)
    page.get_by_label(t(lang, "Your e-mail address")).fill(candidate.email)
    page.get_by_role("button", name=t(lang, "Send me a link")).click()
    page.get_by_role("heading", name=t(lang, "Look in your e-mail")).wait_for()
    visits.check(axe=True)

    link = re.search(r"https?://\S+/my-page/sign-in/\S+/", mail.outbox[-1].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    page.goto(live_server.url + path)
    visits.check(axe=True)
    page.get_by_role("button", name=t(lang, "Sign in"), exact=True).click()
    page.get_by_role("heading", name=t(lang, "Your plan")).wait_for()
    visits.check(axe=True)
    phone_check(page, f"portal-home-{lang}")
    assert page.get_by_text("Plant-milestone").first.is_visible()

    to_answer = page.get_by_role("region", name=t(lang, "To answer"))
    to_answer.get_by_role("link", name=re.compile("Plant-milestone")).click()
    page.get_by_role("heading", name=t(lang, "Your evaluation")).wait_for()
    visits.check(axe=True)
    phone_check(page, f"portal-evaluation-{lang}")
    fieldsets = page.locator("main form fieldset")
    for i in range(fieldsets.count()):
        fieldsets.nth(i).locator("input[type=radio]").first.check()
    textareas = page.locator("main form textarea")
    for i in range(textareas.count()):
        textareas.nth(i).fill("Det går bra.")
    page.get_by_role("button", name=t(lang, "Send my answers")).click()
    page.get_by_text(t(lang, "Thank you! Your answers are sent.")).wait_for()
    visits.check(axe=True)
    evaluation = Evaluation.objects.get(milestone=milestone, respondent="candidate")
    assert evaluation.submitted_at is not None
    assert page.get_by_role("region", name=t(lang, "To answer")).count() == 0

    papers = page.get_by_role("region", name=t(lang, "Your papers"))
    prefix = t(lang, "Download: %(kind)s (%(date)s)").split("%(kind)s")[0]
    with page.expect_download() as info:
        papers.get_by_role("link", name=re.compile("^" + re.escape(prefix))).first.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    consents = page.get_by_role("region", name=t(lang, "What you have said yes to"))
    consents.get_by_role(
        "button", name=re.compile(re.escape(t(lang, "Take back this yes")))
    ).first.click()
    page.get_by_text(
        t(lang, "You have withdrawn this consent. We have told the programme.")
    ).wait_for()
    visits.check(axe=True)
    assert Consent.objects.filter(candidate=candidate, withdrawn_on__isnull=False).count() == 1
    assert t_plain(lang, "Taken back on %(date)s", date="").strip() in page.inner_text("main")

    page.get_by_role("link", name=t(lang, "Change contact details")).click()
    visits.check(axe=True)
    page.get_by_label(t(lang, "Phone")).fill("+47 400 00 000")
    page.get_by_label(t(lang, "I can start from (date)")).fill("2026-01-05")
    page.get_by_label(t(lang, "Hours a week I can work")).fill("30")
    page.get_by_role("button", name=t(lang, "Save")).click()
    page.get_by_text(t(lang, "Your contact details are saved.")).wait_for()
    visits.check(axe=True)
    candidate.refresh_from_db()
    assert candidate.phone == "+47 400 00 000"
    assert (str(candidate.available_from), candidate.hours_available) == ("2026-01-05", 30)

    page.get_by_role("link", name=t(lang, "See your dates")).click()
    page.get_by_role("heading", name=t(lang, "Your dates")).wait_for()
    visits.check(axe=True)
    phone_check(page, f"portal-dates-{lang}")
    assert page.get_by_text("Plant event").is_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name=t(lang, "Add to my calendar (download)")).click()
    with open(info.value.path(), "rb") as ics:
        cal = Calendar.from_ical(ics.read())
    assert "Plant event" in [str(e["summary"]) for e in cal.walk("VEVENT")]
    page.get_by_role("link", name=t(lang, "Back to your page")).click()

    page.get_by_role("link", name=t(lang, "Choose your language")).click()
    page.get_by_role("heading", name=t(lang, "Your language")).wait_for()
    visits.check(axe=True)
    phone_check(page, f"portal-language-{lang}")
    page.locator(f'main input[value="{lang}"]').check()
    page.get_by_role("button", name=t(lang, "Save")).click()
    page.get_by_text(t(lang, "Your language is saved.")).wait_for()
    visits.check(axe=True)
    candidate.refresh_from_db()
    assert candidate.language == lang

    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(ARTIFACTS / "phone" / f"portal-home-desktop-{lang}.png"))
