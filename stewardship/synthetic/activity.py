"""Milestones, follow-up notes and reminders, read off the planned placements."""

import datetime
import random
from array import array
from collections.abc import Iterator

from django.conf import settings

from mentors.models import FollowUpNote, Milestone, MilestoneTemplate
from reminders.models import Reminder, ReminderKind, SentReminder
from reminders.planning import HORIZON, remind_on

from .base import Base
from .vocabulary import (
    MILESTONE_PLAN,
    NOTE_SENTENCES,
    OSLO,
    REMINDED_MILESTONES,
    cols,
)


class Activity(Base):
    """Milestones, notes and reminders: reads the plan the other parts made (placements,
    operators) and writes with the same writer."""

    def _milestones(self) -> Iterator[tuple[int, int, int, int, str, int, int]]:
        """(placement index, template id, sequence, due ordinal, kind, done ordinal or 0, id) in
        the same order every time, dated as ``placements.services.milestone_plan`` dates them.
        An early end drops the milestones after it."""
        pl = self.placements
        prog_templates = {p.id: p.templates for op in self.ops for p in op.programmes}
        today = self.today.toordinal()
        next_id = self.milestone_first_id
        rng = random.Random(self.size.seed + 1)  # noqa: S311 - synthetic data
        for i in range(len(pl)):
            start, end = pl.start[i], pl.planned_end[i]
            last = pl.end[i] if pl.status[i] == "ended_early" else end
            midpoint = start + (end - start) // 2
            templates = prog_templates[pl.programme[i]]
            for t, (kind, anchor, offset, repeat, _label) in enumerate(MILESTONE_PLAN):
                if anchor == MilestoneTemplate.Anchor.END:
                    due = end - offset
                elif anchor == MilestoneTemplate.Anchor.MIDPOINT:
                    due = midpoint + offset
                else:
                    due = start + offset
                if repeat:
                    dates = list(range(due, end, repeat))
                else:
                    dates = [due] if start <= due <= end else []
                for sequence, due in enumerate(dates, start=1):
                    if due > last:
                        break
                    done = 0
                    if due < today - 3 and rng.random() < 0.95:
                        done = min(due + rng.randint(0, 5), today)
                    yield i, templates[t], sequence, due, kind, done, next_id
                    next_id += 1

    def milestones(self) -> None:
        self.log("milestones")
        self.milestone_first_id = self.writer.next_id(Milestone)
        pl = self.placements
        label_of: dict[str, str] = {kind: label for kind, *_rest, label in MILESTONE_PLAN}
        rows = (
            (
                mid,
                pl.id[i],
                template,
                sequence,
                kind,
                label_of[kind],
                self.day(due),
                self.day(done) if done else None,
                pl.supervisor[i] if done else None,
            )  # fmt: skip
            for i, template, sequence, due, kind, done, mid in self._milestones()
        )
        self.write(
            "milestones",
            Milestone,
            cols("id placement_id template_id sequence kind label due_on done_on done_by_id"),
            rows,
        )

    # --- follow-up notes -------------------------------------------------------------------

    def _note_counts(self) -> list[int]:
        """Notes per candidate: a long tail (most have a handful, a few have hundreds)."""
        rng = random.Random(self.size.seed + 2)  # noqa: S311 - synthetic data
        n = len(self.candidate_ids)
        weights = [min(rng.paretovariate(1.3), 80.0) for _ in range(n)]
        scale = self.size.notes / sum(weights)
        counts = [int(w * scale) for w in weights]
        missing = self.size.notes - sum(counts)
        for i in rng.sample(range(n), min(n, missing)) if missing > 0 else []:
            counts[i] += 1
        while sum(counts) < self.size.notes:  # only when notes > 2 × candidates is tiny
            counts[rng.randrange(n)] += 1
        return counts

    def _notes(self, note_id: int) -> Iterator[tuple]:  # type: ignore[type-arg]
        rng = random.Random(self.size.seed + 3)  # noqa: S311 - synthetic data
        pl = self.placements
        today = self.today.toordinal()
        kinds = ["conversation"] * 8 + ["phone"] * 5 + ["visit"] * 3 + ["evaluation", "other"] * 2
        sentences = NOTE_SENTENCES
        texts = [
            " ".join(sentences[(i * 7 + j * 3) % len(sentences)] for j in range(1 + i % 3))
            for i in range(97)
        ]
        placements_of: dict[int, list[int]] = {}
        for i, cid in enumerate(pl.candidate):
            placements_of.setdefault(cid, []).append(i)
        for index, count in enumerate(self._note_counts()):
            if not count:
                continue
            cid = self.candidate_ids[index]
            op = self.ops[self.candidate_ops[index]]
            mine = placements_of.get(cid, [])
            coords = op.coordinators
            for _ in range(count):
                if mine:
                    i = mine[rng.randrange(len(mine))]
                    lo, hi = pl.start[i], min(pl.end[i], today)
                    placement: int | None = pl.id[i]
                    roll = rng.random()
                    if lo > today:  # planned: notes from before the start
                        lo, hi, placement = self.candidate_created[index], today, None
                        author = coords[rng.randrange(len(coords))]
                    elif roll < 0.55:
                        author = pl.supervisor[i]
                    elif roll < 0.75 and pl.mentor[i]:
                        author = pl.mentor[i]
                    else:
                        author = coords[rng.randrange(len(coords))]
                else:
                    lo, hi, placement = self.candidate_created[index], today, None
                    author = coords[rng.randrange(len(coords))]
                written = rng.randint(min(lo, hi), hi)
                yield (
                    note_id, cid, placement, author, self.day(written),
                    kinds[rng.randrange(len(kinds))], texts[rng.randrange(len(texts))],
                    rng.random() < 0.04, self.at(written, 15),
                )  # fmt: skip
                note_id += 1

    def notes(self) -> None:
        self.log("follow-up notes")
        self.write(
            "follow-up notes",
            FollowUpNote,
            cols(
                "id candidate_id placement_id author_id written_on kind text confidential "
                "created_at"
            ),
            self._notes(self.writer.next_id(FollowUpNote)),
        )

    # --- reminders and the sent-log --------------------------------------------------------

    def _facts(self) -> Iterator[tuple]:  # type: ignore[type-arg]
        """Every reminder the planner would have made up to today + HORIZON, in a fixed order:
        (kind, slot, event ordinal, recipient, operator, programme, milestone, placement,
        application, detail)."""
        pl = self.placements
        last = (self.today + HORIZON).toordinal()
        first_day = 0
        K = ReminderKind
        ms_before = 7
        for i, _template, _sequence, due, kind, _done, mid in self._milestones():
            if kind not in REMINDED_MILESTONES or not first_day <= due - ms_before <= last:
                continue
            people = {pl.supervisor[i]}
            if pl.mentor[i]:
                people.add(pl.mentor[i])
            for user in sorted(people):
                yield (K.MILESTONE_DUE, f"milestone:{mid}:u{user}", due, user, pl.operator[i],
                       pl.programme[i], mid, pl.id[i], None, kind)  # fmt: skip
        for i in range(len(pl)):
            op = self.ops[pl.op_index[i]]
            end = pl.planned_end[i]
            if first_day <= end - 14 <= last:
                for user in sorted({pl.supervisor[i], *op.coordinators}):
                    yield (K.PLACEMENT_ENDING, f"placement_ending:{pl.id[i]}:u{user}", end, user,
                           op.id, pl.programme[i], None, pl.id[i], None, "")  # fmt: skip
            nav = pl.nav_end[i]
            if nav and first_day <= nav - 14 <= last:
                for user in sorted({pl.supervisor[i], *op.coordinators}):
                    yield (K.NAV_AGREEMENT_ENDING, f"nav_ending:{pl.id[i]}:u{user}", nav, user,
                           op.id, pl.programme[i], None, pl.id[i], None, "")  # fmt: skip
        index_of = {pid: i for i, pid in enumerate(pl.id)}
        for placement, _candidate, checkpoint, due in self.missing_outcomes:
            i = index_of[placement]
            op = self.ops[pl.op_index[i]]
            if first_day <= due <= last:
                for user in op.coordinators:
                    yield (K.OUTCOME_DUE, f"outcome:{placement}:{checkpoint}:u{user}", due, user,
                           op.id, pl.programme[i], None, placement, None, checkpoint)  # fmt: skip
        for application, candidate, changed, stage in self.waiting:
            op = self.ops[self.waiting_ops[candidate]]
            since = changed.astimezone(OSLO).date().toordinal()
            if first_day <= since + 14 <= last:
                for user in sorted({op.lead, *op.coordinators}):
                    yield (K.APPLICATION_WAITING, f"application:{application}:u{user}", since,
                           user, op.id, None, None, None, application, stage)  # fmt: skip

    def reminders(self) -> None:
        self.log("reminders")
        total = sum(1 for _ in self._facts())
        target = min(total, self.size.reminders)
        self.log(f"  {total:,} reminders planned from the data; keeping {target:,}")
        rng = random.Random(self.size.seed + 4)  # noqa: S311 - synthetic data
        now = self.now
        backlog = now - datetime.timedelta(days=2)
        reminder_id = self.writer.next_id(Reminder)
        sent_ids, sent_days = array("q"), array("l")
        zone_send = datetime.time(9)

        def rows() -> Iterator[tuple]:  # type: ignore[type-arg]
            nonlocal reminder_id
            kept = seen = 0
            for fact in self._facts():
                seen += 1
                # Selection sampling (Knuth's algorithm S): exactly ``target`` rows, spread evenly.
                if rng.random() * (total - seen + 1) >= target - kept:
                    continue
                kept += 1
                kind, slot, event, user, op, prog, milestone, placement, application, detail = fact
                on = remind_on(kind, self.day(event)).toordinal()
                due = self.at(on, zone_send.hour)
                sent = due < backlog and rng.random() > 0.002
                sent_at = due + datetime.timedelta(seconds=90) if sent else None
                if sent:
                    sent_ids.append(reminder_id)
                    sent_days.append(on)
                yield (
                    reminder_id, op, kind, user, prog, milestone, placement, application, detail,
                    self.day(event), due, False, slot, f"{slot}:{self.day(event):%Y%m%d}",
                    due if sent else None, 1 if sent else 0, sent_at,
                )  # fmt: skip
                reminder_id += 1

        self.write(
            "reminders",
            Reminder,
            cols(
                "id operator_id kind recipient_id programme_id milestone_id placement_id "
                "application_id detail event_on due_at digest slot dedupe_key claimed_at attempts "
                "sent_at"
            ),
            rows(),
        )
        domain = settings.SITE_DOMAIN.split(":")[0] or "springbrett"
        sent_id = self.writer.next_id(SentReminder)
        self.write(
            "sent reminders",
            SentReminder,
            ["id", "reminder_id", "message_id", "sent_at"],
            (
                (
                    sent_id + k,
                    rid,
                    f"<reminder-{rid}@{domain}>",
                    self.at(day, 9) + datetime.timedelta(seconds=90),
                )  # fmt: skip
                for k, (rid, day) in enumerate(zip(sent_ids, sent_days, strict=True))
            ),
        )
