"""A 09:00 Europe/Oslo reminder fires exactly once on the days the clocks change (checks 19).

The sweep is run at many instants around each transition, including the hour that does not exist
in spring and the hour that happens twice in autumn (given in UTC, so both passes are tried).
"""

import datetime

import pytest
from django.core import mail

from mentors.models import Milestone
from reminders import services
from reminders.models import Reminder, SentReminder
from tests.conftest import World

from .conftest import oslo, travel

UTC = datetime.UTC


def utc(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)  # type: ignore[misc]


CASES = {
    # 2027-03-28: 02:00 CET jumps to 03:00 CEST; 09:00 local is 07:00 UTC.
    "spring": (
        datetime.date(2027, 3, 28),
        utc(2027, 3, 28, 7),
        [
            utc(2027, 3, 27, 23, 30),
            utc(2027, 3, 28, 0, 59),
            utc(2027, 3, 28, 1, 0),  # 03:00 CEST, the instant after the jump
            utc(2027, 3, 28, 1, 30),
            utc(2027, 3, 28, 6, 59, 59),
            utc(2027, 3, 28, 7, 0),
            utc(2027, 3, 28, 7, 0, 30),
            utc(2027, 3, 28, 8, 0),  # 09:00 if the offset were (wrongly) still +1
            utc(2027, 3, 28, 12, 0),
            utc(2027, 3, 29, 7, 0),
        ],
    ),
    # 2027-10-31: 03:00 CEST falls back to 02:00 CET; 09:00 local is 08:00 UTC.
    "autumn": (
        datetime.date(2027, 10, 31),
        utc(2027, 10, 31, 8),
        [
            utc(2027, 10, 30, 22, 0),
            utc(2027, 10, 31, 0, 30),  # 02:30 CEST, first pass
            utc(2027, 10, 31, 1, 30),  # 02:30 CET, second pass
            utc(2027, 10, 31, 7, 0),  # 09:00 if the offset were (wrongly) still +2
            utc(2027, 10, 31, 7, 59, 59),
            utc(2027, 10, 31, 8, 0),
            utc(2027, 10, 31, 8, 0, 30),
            utc(2027, 10, 31, 9, 0),
            utc(2027, 11, 1, 8, 0),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_0900_oslo_reminder_fires_exactly_once_on_a_dst_day(world: World, sweep, case: str) -> None:  # type: ignore[no-untyped-def]
    day, expected_at, instants = CASES[case]
    milestone = Milestone.objects.create(
        placement=world.objects["followed_placement"],
        kind="follow_up",
        label="Oppfølging",
        due_on=day + datetime.timedelta(days=7),
    )
    with travel(oslo(day.year, day.month, day.day - 3, 12)):
        services.reminders_plan()
    reminder = Reminder.objects.get(milestone=milestone, recipient=world.users["mentor"])
    assert reminder.due_at == expected_at == oslo(day.year, day.month, day.day, 9)

    log = SentReminder.objects.filter(reminder=reminder)
    counts = []
    for instant in instants:
        with travel(instant):
            services.reminders_plan()  # the planning tick runs through the night too
            sweep()
            counts.append(log.count())
    first_sent = counts.index(1)
    assert instants[first_sent] == expected_at
    assert counts == [0] * first_sent + [1] * (len(instants) - first_sent)
    message_id = log.get().message_id
    assert [m.extra_headers["Message-ID"] for m in mail.outbox].count(message_id) == 1


@pytest.mark.parametrize("case", sorted(CASES))
def test_0700_digest_fires_exactly_once_on_a_dst_day(world: World, sweep, case: str) -> None:  # type: ignore[no-untyped-def]
    day, _expected, instants = CASES[case]
    services.preference_update(
        user=world.users["mentor"], delivery="digest", muted_kinds=[], language="nb"
    )
    milestone = Milestone.objects.create(
        placement=world.objects["followed_placement"],
        kind="follow_up",
        label="Oppfølging",
        due_on=day + datetime.timedelta(days=7),
    )
    with travel(oslo(day.year, day.month, day.day - 3, 12)):
        services.reminders_plan()
    reminder = Reminder.objects.get(milestone=milestone, recipient=world.users["mentor"])
    expected = oslo(day.year, day.month, day.day, 7)
    assert reminder.due_at == expected
    moments = sorted({*instants, expected, expected - datetime.timedelta(seconds=1)})
    log = SentReminder.objects.filter(reminder=reminder)
    counts = []
    for instant in moments:
        with travel(instant):
            sweep()
            counts.append(log.count())
    first_sent = counts.index(1)
    assert moments[first_sent] == expected
    assert counts == [0] * first_sent + [1] * (len(moments) - first_sent)
