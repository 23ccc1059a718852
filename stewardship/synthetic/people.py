"""Candidates, applications, placements and outcomes."""

import datetime
from array import array
from decimal import Decimal

from candidates.demo import LANGUAGES, _names
from candidates.models import Application, Candidate, Consent, StageChange
from candidates.national_id import K1_WEIGHTS, K2_WEIGHTS, SYNTHETIC_MONTH_OFFSET
from candidates.services import search_key
from mentors.models import Mentorship
from placements.models import NavAgreement, Outcome, Placement
from placements.services.outcomes import add_months

from .base import Base
from .plan import (
    Coh,
    Op,
    Placements,
    Prog,
)
from .vocabulary import (
    BENEFITS,
    COUNTRY_WEIGHTS,
    EDUCATION_FIELDS,
    END_REASONS,
    FAMILY_FROM,
    JOB_KINDS,
    LIVE,
    OUTCOME_MIX,
    PROFESSIONS,
    STAFF_FAMILY,
    TRADES,
    D,
    cols,
)


class People(Base):
    # --- candidates, applications, placements, outcomes ------------------------------------

    def _national_id(self, birth: datetime.date, d_number: bool) -> str:
        """A Tenor-style synthetic number (month + 80), unique across the whole run."""
        key = (birth.toordinal(), d_number)
        individual = self._individuals.get(key, 0 if birth.year < 2000 else 500)
        day = birth.day + (40 if d_number else 0)
        prefix = f"{day:02d}{birth.month + SYNTHETIC_MONTH_OFFSET:02d}{birth:%y}"
        while True:
            base = f"{prefix}{individual:03d}"
            individual += 1
            k1 = (11 - sum(int(d) * w for d, w in zip(base, K1_WEIGHTS, strict=True)) % 11) % 11
            if k1 == 10:
                continue
            k2 = (
                11 - sum(int(d) * w for d, w in zip(base + str(k1), K2_WEIGHTS, strict=True)) % 11
            ) % 11
            if k2 == 10:
                continue
            self._individuals[key] = individual
            return f"{base}{k1}{k2}"

    def people(self) -> None:
        self.log("candidates, applications, placements")
        rng = self.rng
        names = _names()
        countries = list(COUNTRY_WEIGHTS)
        weights = list(COUNTRY_WEIGHTS.values())
        self._individuals: dict[tuple[int, bool], int] = {}
        today = self.today.toordinal()
        candidates: list[tuple] = []  # type: ignore[type-arg]
        consents: list[tuple] = []  # type: ignore[type-arg]
        applications: list[tuple] = []  # type: ignore[type-arg]
        changes: list[tuple] = []  # type: ignore[type-arg]
        placements_rows, agreements, mentorships, outcomes = [], [], [], []
        self.placements = pl = Placements()
        self.candidate_ops = array("l")  # operator index of each candidate, by position
        self.candidate_ids = array("q")
        self.candidate_created = array("l")
        self._missing: list[tuple[int, int, str, int]] = []
        cand_id = self.writer.next_id(Candidate)
        app_id = self.writer.next_id(Application)
        place_id = self.writer.next_id(Placement)
        Stage = Application.Stage
        for op in self.ops:
            lead, coords = op.lead, op.coordinators
            for _ in range(op.size):
                country = rng.choices(countries, weights)[0]
                given = rng.choice(names[(country, "given")])
                family = rng.choice(names[(FAMILY_FROM.get(country, country), "family")])
                given_name, given_latin = given["name"], given["latin"]
                if rng.random() < 0.25:  # two given names: far more distinct people
                    second = rng.choice(names[(country, "given")])
                    if second["name"] != given_name:
                        given_name = f"{given_name} {second['name']}"
                        given_latin = f"{given_latin} {second['latin']}"
                latin = given_latin != given_name or family["latin"] != family["name"]
                given_latin = given_latin if latin else ""
                family_latin = family["latin"] if latin else ""
                birth = D(1965 + rng.randrange(39), 1 + rng.randrange(12), 1 + rng.randrange(28))
                national_id, id_kind = "", ""
                roll = rng.random()
                if roll < 0.8:
                    d_number = roll < 0.25
                    national_id = self._national_id(birth, d_number)
                    id_kind = "dnr" if d_number else "fnr"
                progs = op.programmes
                prog = progs[rng.randrange(len(progs))]
                first = prog.cohorts[rng.randrange(len(prog.cohorts))]
                placed = rng.random() < 0.93
                created = min(first.starts_on.toordinal() - rng.randint(60, 120), today)
                cid = cand_id
                cand_id += 1
                # Applications and placements of this candidate.
                live = finished = False
                stints: list[Coh] = []
                if placed:
                    stints.append(first)
                    later = [
                        c for p in progs if p is not prog for c in p.cohorts
                        if c.starts_on.toordinal() > first.ends_on.toordinal() + 20
                    ]  # fmt: skip
                    if later and first.ends_on.toordinal() < today and rng.random() < 0.25:
                        stints.append(later[rng.randrange(len(later))])
                for coh in stints:
                    position, unit = coh.positions[rng.randrange(len(coh.positions))]
                    applied = min(coh.starts_on.toordinal() - rng.randint(40, 90), today)
                    created = min(created, applied)
                    decided = min(applied + rng.randint(10, 30), today)
                    applications.append(
                        (
                            app_id,
                            cid,
                            coh.id,
                            position,
                            Stage.ACCEPTED,
                            "",
                            self.day(applied),
                            self.at(decided, 11),
                        )  # fmt: skip
                    )
                    changes.append((app_id, "", Stage.APPLIED, "", coords[0], self.at(applied, 10)))
                    changes.append(
                        (app_id, Stage.APPLIED, Stage.ACCEPTED, "", lead, self.at(decided, 11))
                    )
                    start, planned = coh.starts_on.toordinal(), coh.ends_on.toordinal()
                    if start > today:
                        status, end = Placement.Status.PLANNED, planned
                    elif planned > today:
                        status, end = Placement.Status.ACTIVE, planned
                    elif rng.random() < 0.1:
                        status = Placement.Status.ENDED_EARLY
                        end = start + rng.randint(20, planned - start - 10)
                    else:
                        status, end = Placement.Status.COMPLETED, planned
                    live = live or status in LIVE
                    finished = finished or status not in LIVE
                    supervisor = op.supervisors[rng.randrange(len(op.supervisors))]
                    mentor = 0
                    if coh.prog.kind == "mentor" or rng.random() < 0.1:
                        mentor = op.mentors[rng.randrange(len(op.mentors))]
                        mentorships.append(
                            (mentor, cid, coh.prog.id, self.day(start), self.day(end))
                        )
                    nav_end = 0
                    if coh.prog.kind in ("trainee", "praksis") and rng.random() < 0.5:
                        nav_to = planned - (30 if rng.random() < 0.1 else 0)
                        if nav_to < planned:
                            nav_end = nav_to
                        agreements.append(
                            (
                                place_id,
                                f"NAV-{self.day(start).year}-{place_id:07d}",
                                rng.choice(BENEFITS),
                                self.day(start),
                                self.day(nav_to),
                            )  # fmt: skip
                        )
                    placements_rows.append(
                        (
                            place_id,
                            cid,
                            coh.prog.id,
                            coh.id,
                            unit,
                            position,
                            app_id,
                            self.day(start),
                            self.day(planned),
                            self.day(end) if status not in LIVE else None,
                            Decimal("37.5") if rng.random() < 0.8 else Decimal("30.0"),
                            supervisor,
                            status,
                            rng.choice(END_REASONS)
                            if status == Placement.Status.ENDED_EARLY
                            else "",
                            self.at(applied + 30, 9),
                        )  # fmt: skip
                    )
                    pl.id.append(place_id)
                    pl.candidate.append(cid)
                    pl.operator.append(op.id)
                    pl.op_index.append(op.index)
                    pl.programme.append(coh.prog.id)
                    pl.start.append(start)
                    pl.planned_end.append(planned)
                    pl.end.append(end)
                    pl.status.append(status)
                    pl.supervisor.append(supervisor)
                    pl.mentor.append(mentor)
                    pl.nav_end.append(nav_end)
                    if status not in LIVE:
                        outcomes.extend(self._outcomes(cid, coh.prog, place_id, end, op))
                    app_id += 1
                    place_id += 1
                # One more application that did not lead anywhere, or a pending one.
                if not placed or rng.random() < 0.3:
                    coh = prog.cohorts[-1] if not placed else prog.cohorts[0]
                    if not stints or coh is not stints[0]:
                        stage = rng.choice(
                            [Stage.APPLIED, Stage.SCREENED, Stage.INTERVIEW, Stage.OFFERED]
                            if not placed else [Stage.REJECTED, Stage.WITHDRAWN]
                        )  # fmt: skip
                        applied = min(coh.starts_on.toordinal() - rng.randint(40, 100), today)
                        decided = min(applied + rng.randint(3, 20), today)
                        reason = {
                            Stage.REJECTED: "Mangler relevant utdanning for stillingene",
                            Stage.WITHDRAWN: "Har fått annen jobb",
                        }.get(stage, "")
                        applications.append(
                            (
                                app_id,
                                cid,
                                coh.id,
                                None,
                                stage,
                                reason,
                                self.day(applied),
                                self.at(decided, 11),
                            )  # fmt: skip
                        )
                        changes.append(
                            (app_id, "", Stage.APPLIED, "", coords[0], self.at(applied, 10))
                        )
                        if stage != Stage.APPLIED:
                            changes.append(
                                (app_id, Stage.APPLIED, stage, reason, lead, self.at(decided, 11))
                            )
                        created = min(created, applied)
                        app_id += 1
                candidate_status = (
                    Candidate.Status.PARTICIPANT if live
                    else Candidate.Status.FINISHED if finished
                    else Candidate.Status.INACTIVE if rng.random() < 0.05
                    else Candidate.Status.ACTIVE
                )  # fmt: skip
                level = rng.choice(["A2", "B1", "B1", "B2", "B2", "C1"])
                created_at = self.at(created, 10)
                candidates.append(
                    (
                        cid,
                        op.id,
                        given_name,
                        family["name"],
                        given_latin,
                        family_latin,
                        "",
                        search_key(given_name, family["name"], given_latin, family_latin),
                        birth,
                        {"F": "female", "M": "male"}.get(given["gender"], ""),
                        "",
                        "",
                        national_id,
                        id_kind,
                        country,
                        country,
                        2012 + rng.randrange(14),
                        rng.choice(
                            cols("upper_secondary vocational bachelor master master doctorate"),
                        ),
                        rng.choice(EDUCATION_FIELDS),
                        country,
                        rng.choice(
                            ["recognised", "pending", "partly", "not_applied", "not_needed"]
                        ),
                        rng.choice(PROFESSIONS),
                        level,
                        level,
                        level,
                        level,
                        level,
                        LANGUAGES.get(country, ["en"]),
                        "Nina Holm",
                        f"NAV {op.place}",
                        "",
                        "",
                        candidate_status,
                        created_at,
                        created_at,
                    )  # fmt: skip
                )
                consents.append((cid, "processing", self.day(created), coords[0], created_at))
                self.candidate_ids.append(cid)
                self.candidate_ops.append(op.index)
                self.candidate_created.append(created)
        self.write(
            "candidates",
            Candidate,
            cols(
                "id operator_id given_name family_name given_name_latin family_name_latin "
                "preferred_name search_name birth_date gender email phone national_id "
                "national_id_kind country_of_birth nationality arrival_year education_level "
                "education_field education_country recognition profession_id norwegian_level "
                "norwegian_oral norwegian_reading norwegian_listening norwegian_writing "
                "other_languages nav_caseworker nav_office nav_phone nav_email status created_at "
                "updated_at"
            ),
            candidates,
        )
        del candidates
        ids = iter(self.ids(Consent, len(consents)))
        self.write(
            "consents",
            Consent,
            ["id", "candidate_id", "purpose", "given_on", "recorded_by_id", "recorded_at"],
            [(next(ids), *c) for c in consents],
        )
        self.write(
            "applications",
            Application,
            cols("id candidate_id cohort_id position_id stage reason applied_on stage_changed_at"),
            applications,
        )
        ids = iter(self.ids(StageChange, len(changes)))
        self.write(
            "stage changes",
            StageChange,
            ["id", "application_id", "from_stage", "to_stage", "reason", "by_id", "at"],
            [(next(ids), *c) for c in changes],
        )
        self.write(
            "placements",
            Placement,
            cols(
                "id candidate_id programme_id cohort_id host_unit_id position_id application_id "
                "starts_on planned_end actual_end hours_per_week supervisor_id status end_reason "
                "created_at"
            ),
            placements_rows,
        )
        # Applications still waiting for a decision: the reminder planner reminds staff of them.
        self.waiting = [
            (a[0], a[1], a[7], a[4])
            for a in applications
            if a[4] in (Stage.APPLIED, Stage.SCREENED)
        ]
        self.waiting_ops = dict(zip(self.candidate_ids, self.candidate_ops, strict=True))
        del applications, changes, placements_rows
        ids = iter(self.ids(NavAgreement, len(agreements)))
        self.write(
            "NAV agreements",
            NavAgreement,
            ["id", "placement_id", "reference", "benefit", "starts_on", "ends_on"],
            [(next(ids), *a) for a in agreements],
        )
        ids = iter(self.ids(Mentorship, len(mentorships)))
        self.write(
            "mentorships",
            Mentorship,
            ["id", "mentor_id", "candidate_id", "programme_id", "starts_on", "ends_on"],
            [(next(ids), *m) for m in mentorships],
        )
        ids = iter(self.ids(Outcome, len(outcomes)))
        self.write(
            "outcomes",
            Outcome,
            cols(
                "id candidate_id programme_id placement_id checkpoint kind employer_id "
                "employer_name recorded_on recorded_by_id"
            ),
            [(next(ids), *o) for o in outcomes],
        )
        self.missing_outcomes = self._missing

    def _outcomes(self, candidate: int, prog: Prog, placement: int, end: int, op: Op) -> list:  # type: ignore[type-arg]
        """Exit, 6- and 12-month outcomes that are due; about 8 % of the due ones are missing."""
        rng, rows = self.rng, []
        today = self.today
        ended = self.day(end)
        for checkpoint, months in (("exit", 0), ("6m", 6), ("12m", 12)):
            due = add_months(ended, months)
            if due > today:
                break
            if checkpoint != "exit" and rng.random() < 0.08:
                self._missing.append((placement, candidate, checkpoint, due.toordinal()))
                continue
            kinds, weights = zip(*OUTCOME_MIX[checkpoint], strict=True)
            kind = rng.choices(kinds, weights)[0]
            employer, employer_name = None, ""
            if kind in JOB_KINDS:
                if rng.random() < 0.5:
                    employer = op.units[rng.randrange(len(op.units))]
                else:
                    employer_name = f"{rng.choice(STAFF_FAMILY)} {rng.choice(TRADES)} AS"
            recorded = min(due + datetime.timedelta(days=rng.randint(0, 20)), today)
            coordinator = op.coordinators[rng.randrange(len(op.coordinators))]
            rows.append(
                (
                    candidate,
                    prog.id,
                    placement,
                    checkpoint,
                    kind,
                    employer,
                    employer_name,
                    recorded,
                    coordinator,
                )  # fmt: skip
            )
        return rows
