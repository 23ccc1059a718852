"""Job opening pages: a lead or coordinator registers, edits and views an employer's opening."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates.services import application_create
from programs.models import JobOpening
from tests.conftest import World
from tests.factories import CandidateFactory, HostUnitFactory
from tests.querybudget import assert_constant_queries


def url(name: str, **kwargs: object) -> str:
    return reverse(f"programs:{name}", kwargs=kwargs or None)


def test_coordinator_creates_and_edits_an_opening_with_requirements(world: World) -> None:
    client = world.client_for("coordinator")
    network = world.objects["network"]
    employer = world.objects["opening"].employer
    response = client.post(
        url("opening_create", pk=network.pk),
        {
            "employer": employer.pk,
            "title": "Lagermedarbeider",
            "slots": 2,
            "starts_on": "2027-02-01",
            "status": "open",
            "norwegian_minimum": "B1",
            "languages": "ar, uk",
            "driving_licence_required": "on",
        },
    )
    opening = JobOpening.objects.get(title="Lagermedarbeider")
    assert response.status_code == 302
    assert response["Location"] == url("opening_detail", pk=opening.pk)
    assert opening.languages == ["ar", "uk"] and opening.driving_licence_required
    page = client.get(url("programme_detail", pk=network.pk)).content.decode()
    assert url("opening_detail", pk=opening.pk) in page
    assert reverse("matching:shortlist", kwargs={"kind": "opening", "pk": opening.pk}) in page
    response = client.post(
        url("opening_edit", pk=opening.pk),
        {
            "employer": employer.pk,
            "title": "Lagermedarbeider",
            "slots": 3,
            "starts_on": "2027-02-01",
            "status": "open",
            "languages": "",
        },
    )
    opening.refresh_from_db()
    assert response.status_code == 302 and opening.slots == 3 and opening.languages == []


def test_bad_input_is_refused_with_a_message_and_nothing_saved(world: World) -> None:
    client = world.client_for("lead")
    network = world.objects["network"]
    response = client.post(
        url("opening_create", pk=network.pk),
        {
            "employer": world.objects["opening"].employer.pk,
            "title": "Ugyldig",
            "slots": 0,
            "starts_on": "2027-02-01",
            "status": "open",
            "languages": "arabic!",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    page = response.content.decode()  # the slots (the model's constraint) and the languages
    assert "alert-danger" in page and 'name="languages" value="arabic!"' in page
    assert 'id="id_languages_error"' in page
    assert not JobOpening.objects.filter(title="Ugyldig").exists()


def test_positions_and_openings_share_one_form_page_with_the_requirements_set_apart(
    world: World,
) -> None:
    client = world.client_for("lead")
    position, opening = world.objects["position"], world.objects["opening"]
    pages = {
        "position": client.get(url("position_edit", pk=position.pk)),
        "opening": client.get(url("opening_edit", pk=opening.pk)),
    }
    for kind, response in pages.items():
        assert [t.name for t in response.templates][0] == "programs/requirements_form.html"
        page = response.content.decode()
        target = position if kind == "position" else opening
        assert reverse("matching:shortlist", kwargs={"kind": kind, "pk": target.pk}) in page
        fieldset = page[page.index("<fieldset") : page.index("</fieldset>")]
        for name in ("education_level", "norwegian_minimum", "work_municipality", "must_haves"):
            assert f'name="{name}"' in fieldset, (kind, name)
        assert 'name="title"' not in fieldset and 'name="title"' in page
    # The opening's form page leads back to the opening; the position's to its programme.
    assert url("opening_detail", pk=opening.pk) in pages["opening"].content.decode()
    cancel = url("programme_detail", pk=position.programme_id)
    assert f'href="{cancel}">' in pages["position"].content.decode()


def test_only_network_programmes_have_openings(world: World) -> None:
    trainee = world.objects["programme"]
    assert world.client_for("lead").get(url("opening_create", pk=trainee.pk)).status_code == 404


def test_opening_detail_query_budget(world: World) -> None:
    opening = world.objects["opening"]
    lead = world.users["lead"]

    def add(n: int) -> None:
        for _ in range(n):
            candidate = CandidateFactory(operator=world.operator)
            application_create(candidate=candidate, opening=opening, by=lead)

    # user, opening (+employer, occupation, municipality,
    # programme), application count, page of applications (+candidate)
    assert_constant_queries(
        world.client_for("lead"), url("opening_detail", pk=opening.pk), add, expected=4
    )


def test_opening_form_query_budget(world: World) -> None:
    opening = world.objects["opening"]

    def add(n: int) -> None:
        for _ in range(n):
            HostUnitFactory(operator=world.operator, sector="private")
            JobOpening.objects.create(
                programme=world.objects["network"],
                employer=opening.employer,
                title="Kokk",
                starts_on=datetime.date(2027, 3, 1),
            )

    # user, opening (+ its relations), employer choices,
    # municipality choices, the chosen occupation
    assert_constant_queries(
        world.client_for("lead"), url("opening_edit", pk=opening.pk), add, expected=5
    )


def test_an_application_is_for_a_position_or_an_opening_not_both(world: World) -> None:
    candidate = CandidateFactory(operator=world.operator)
    with pytest.raises(ValidationError):
        application_create(
            candidate=candidate,
            position=world.objects["position"],
            opening=world.objects["opening"],
            by=world.users["lead"],
        )
    application = application_create(
        candidate=candidate, opening=world.objects["opening"], by=world.users["lead"]
    )
    assert application.opening == world.objects["opening"] and application.cohort is None
