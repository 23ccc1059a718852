"""Confidential notes and national ids leave the database only for those allowed to read them.

The walk cannot be tuned to: it requests every URL the resolver knows (through the permission
matrix, which must name them all) as every role — GET, and POST where a URL answers GET with 405
(each POST in a fresh session and rolled back) — then follows every link those responses offer,
reads every format as text (HTML, JSON, CSV, PDF through pdftotext, XLSX and ZIP members), runs
the reminder e-mails, and records which role saw which marker. A confidential note is for its
author and the operator's lead; an unmasked national id is for roles that may reveal it.
"""

import datetime
import io
import re
import secrets
import subprocess
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse

from candidates.models import Candidate
from mentors import services as mentor_services
from reminders.tasks import plan_reminders, send_due_reminders
from tests.conftest import ROLES, World, require
from tests.urlmatrix import MATRIX

# Valid fødselsnumre (check digits right), one per candidate of the world.
NATIONAL_IDS = {"candidate": "15108695088", "followed_candidate": "30108299920"}
# Roles that may see an unmasked national id (capability candidates.reveal_id).
MAY_REVEAL = {"lead"}
# Links that end the session or lead out of the app are not followed.
NOT_FOLLOWED = re.compile(r"^/(static|media)/|logout|^/admin/logout")
HREF = re.compile(r'(?:href|data-hx-get|hx-get)="(/[^"#]*)"')
MAX_FOLLOWED = 250  # per role; far more than any page offers today


def _marker(author: str) -> str:
    return f"Lk{author[:3]}{secrets.token_hex(6)}"


def plant_notes(world: World) -> dict[str, set[str]]:
    """A confidential note with a fresh marker by each role that writes notes, on both of the
    world's candidates where the author follows them; marker → roles allowed to read it."""
    allowed: dict[str, set[str]] = {}
    followed = world.objects["followed_candidate"]
    placement = world.objects["followed_placement"]
    for author in ("lead", "coordinator", "mentor"):
        targets: list[tuple[Any, Any]] = [(followed, placement)]
        if author != "mentor":  # the mentor follows only the followed candidate
            targets.append((world.objects["candidate"], None))
        for candidate, on_placement in targets:
            marker = _marker(author)
            mentor_services.note_create(
                candidate=candidate,
                placement=on_placement,
                author=world.users[author],
                written_on=datetime.date(2026, 3, 12),
                kind="conversation",
                text=f"Confidential {marker} health details",
                confidential=True,
            )
            allowed[marker] = {author, "lead"}
    return allowed


def give_national_ids(world: World) -> None:
    for key, number in NATIONAL_IDS.items():
        Candidate.objects.filter(pk=world.objects[key].pk).update(national_id=number)


def readable(response: HttpResponse) -> str:
    """The response as text, whatever its format."""
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content
    )
    return as_text(body, response.get("Content-Type", ""))


def as_text(body: bytes, content_type: str = "") -> str:
    if body.startswith(b"%PDF"):
        require(_has_pdftotext(), "pdftotext (poppler-utils) is not installed")
        done = subprocess.run(  # noqa: S603
            ["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=False
        )
        # A stored stand-in (the world's documents are not rendered) is read as it is.
        return done.stdout.decode("utf-8", "replace") + body.decode("latin-1")
    if body.startswith(b"PK\x03\x04"):  # XLSX, DOCX and ZIP downloads
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                return "\n".join(as_text(archive.read(name)) for name in archive.namelist())
        except zipfile.BadZipFile:  # a stored stand-in: read as it is
            pass
    return body.decode("utf-8", "replace")


def _has_pdftotext() -> bool:
    import shutil

    return shutil.which("pdftotext") is not None


class Walk:
    """Every response each role got, as text, keyed by role."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.requested: dict[str, set[str]] = defaultdict(set)

    def record(self, role: str, url: str, response: HttpResponse) -> None:
        self.seen[role].append((url, readable(response)))

    def get(self, role: str, client: Any, url: str) -> int:
        self.requested[role].add(url)
        response = client.get(url)
        self.record(role, url, response)
        return response.status_code

    def post(self, role: str, url: str) -> None:
        """A POST in a fresh session, undone afterwards so the walk stays the same world."""
        with transaction.atomic():
            response = self.world.client_for(role).post(url, follow=True)
            self.record(role, f"POST {url}", response)
            transaction.set_rollback(True)

    def links(self, role: str) -> Iterable[str]:
        for _url, text in list(self.seen[role]):
            for link in HREF.findall(text):
                link = link.replace("&amp;", "&")
                if not NOT_FOLLOWED.search(link) and link not in self.requested[role]:
                    yield link

    def run(self) -> None:
        for role in ROLES:
            client = self.world.client_for(role)
            for name, entry in sorted(MATRIX.items()):
                url = reverse(name, kwargs=entry.kwargs_for(self.world))
                if self.get(role, client, url) == 405:
                    self.post(role, url)
            followed = 0
            while followed < MAX_FOLLOWED:
                todo = list(dict.fromkeys(self.links(role)))
                if not todo:
                    break
                for link in todo[: MAX_FOLLOWED - followed]:
                    self.get(role, client, link)
                    followed += 1
            # Django admin: the site admin reads every registered model's list and first object.
            if role == "site_admin":
                self.walk_admin(client)

    def walk_admin(self, client: Any) -> None:
        from django.contrib import admin

        for model in admin.site._registry:
            meta = model._meta
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            self.get("site_admin", client, url)
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                change = reverse(
                    f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]
                )
                self.get("site_admin", client, change)

    def roles_seeing(self, needle: str) -> dict[str, list[str]]:
        return {
            role: [url for url, text in pages if needle in text]
            for role, pages in self.seen.items()
            if any(needle in text for _, text in pages)
        }


def confidential_leaks(walk: Walk, allowed: dict[str, set[str]]) -> dict[str, Any]:
    """Marker → {role: urls} for every role that saw a marker it may not read."""
    leaks = {}
    for marker, roles in allowed.items():
        seen_by = walk.roles_seeing(marker)
        # The walk reaches the notes: each allowed reader finds every marker somewhere.
        assert roles <= set(seen_by), (marker, roles, sorted(seen_by))
        extra = {role: urls for role, urls in seen_by.items() if role not in roles}
        if extra:
            leaks[marker] = extra
    return leaks


def national_id_leaks(walk: Walk) -> dict[str, Any]:
    """Role → urls for every role that saw an unmasked national id it may not reveal."""
    leaks: dict[str, Any] = {}
    for number in NATIONAL_IDS.values():
        spaced = f"{number[:6]} {number[6:]}"
        for role, urls in (walk.roles_seeing(number) | walk.roles_seeing(spaced)).items():
            if role not in MAY_REVEAL:
                leaks.setdefault(role, []).extend(urls)
    return leaks


def email_leaks(secrets_: Iterable[str]) -> list[tuple[str, str]]:
    """(secret, subject) for every e-mail that carries a marker or a national id."""
    found = []
    for message in mail.outbox:
        text = "\n".join(
            [message.subject, message.body]
            + [str(content) for content, _ in getattr(message, "alternatives", [])]
        )
        found += [(secret, message.subject) for secret in secrets_ if secret in text]
    return found


@pytest.mark.django_db
def test_every_url_and_format_shows_confidential_notes_and_ids_only_to_those_allowed(
    world: World,
) -> None:
    give_national_ids(world)
    allowed = plant_notes(world)
    mail.outbox.clear()
    walk = Walk(world)
    walk.run()
    plan_reminders()
    send_due_reminders()
    assert len(walk.seen["lead"]) > len(MATRIX)  # the walk followed links beyond the matrix
    assert confidential_leaks(walk, allowed) == {}
    assert national_id_leaks(walk) == {}
    assert email_leaks([*allowed, *NATIONAL_IDS.values()]) == []
