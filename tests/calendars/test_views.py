"""The calendar feed page: make, rotate and revoke through the page; bad input is a message."""

from django.urls import reverse

from calendars.models import CalendarFeed
from core.models import AuditEntry
from tests.conftest import World

PAGE = reverse("calendars:feed_settings")


def test_a_lead_makes_a_feed_and_sees_its_address_once(world: World) -> None:
    client = world.client_for("lead")
    assert "Make my calendar feed" in client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = client.post(PAGE, {"action": "create"})
    assert response.status_code == 302 and response["Location"] == PAGE
    feed = CalendarFeed.objects.get(membership__user=world.users["lead"])
    first = client.get(PAGE).content.decode()
    assert 'id="feed-url"' in first and "webcal://testserver/calendar/feed/" in first
    assert 'id="feed-url"' not in client.get(PAGE).content.decode()
    assert AuditEntry.objects.filter(
        action="calendars.feed.created", object_id=str(feed.pk)
    ).exists()


def test_making_a_second_feed_or_an_unknown_action_is_a_message(world: World) -> None:
    client = world.client_for("mentor")  # already has a feed
    before = CalendarFeed.objects.get().token_hash
    for action in ("create", "delete-everything", ""):
        response = client.post(PAGE, {"action": action}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert "alert-danger" in response.content.decode()
    assert CalendarFeed.objects.get().token_hash == before
    lead = world.client_for("lead")
    for action in ("rotate", "revoke"):  # nothing to rotate or revoke
        lead.post(PAGE, {"action": action})
    assert CalendarFeed.objects.count() == 1


def test_a_site_admin_without_a_role_cannot_make_one(world: World) -> None:
    client = world.client_for("site_admin")
    assert "You need a role" in client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert client.post(PAGE, {"action": "create"}).status_code == 403
    assert CalendarFeed.objects.count() == 1


def test_the_page_says_whether_candidates_are_named(world: World) -> None:
    named = world.client_for("mentor").get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "initials only" in named
    unnamed = world.client_for("coordinator").get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert "not named in the feed" in unnamed.content.decode()
