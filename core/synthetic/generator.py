"""The generator: operators and staff, programmes, candidates and their placements."""

import datetime
import random
import time
from array import array
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from stdnum.no import orgnr

from candidates.demo import LANGUAGES, _names
from candidates.models import Application, Candidate, Consent, StageChange
from candidates.national_id import K1_WEIGHTS, K2_WEIGHTS, SYNTHETIC_MONTH_OFFSET
from candidates.services import search_key
from core.bulkload import BulkWriter, DeferredIndexes, InsertTriggersOff
from core.models import AuditEntry, ConfidentialityDeclaration, Membership, Organisation, Role, User
from mentors.models import Mentorship, MilestoneTemplate
from placements.models import NavAgreement, Outcome, Placement
from placements.services.outcomes import add_months
from programs.models import (
    Cohort,
    EmployerCommitment,
    FundingShare,
    HostUnit,
    Municipality,
    Position,
    Programme,
)

from .activity import Activity
from .plan import (
    DEFERRED,
    LOADED,
    Coh,
    Op,
    Placements,
    Prog,
    Size,
)
from .vocabulary import (
    BENEFITS,
    COHORT_DAYS,
    COUNTRY_WEIGHTS,
    EDUCATION_FIELDS,
    EMAIL_DOMAIN,
    END_REASONS,
    FAMILY_FROM,
    JOB_KINDS,
    LIVE,
    MARKER_ACTION,
    MILESTONE_PLAN,
    MONTHS_NB,
    MUNICIPAL_UNITS,
    OSLO,
    OUTCOME_MIX,
    PASSWORD,
    POSITIONS,
    PROFESSIONS,
    PROGRAMME_KINDS,
    PROGRAMME_NAMES,
    STAFF_FAMILY,
    STAFF_GIVEN,
    TRADES,
    D,
    cols,
)


class Generator(Activity):
    def __init__(
        self,
        size: Size,
        *,
        today: datetime.date,
        log: Callable[[str], None] = lambda _message: None,
    ) -> None:
        self.size = size
        self.today = today
        self.now = datetime.datetime.combine(today, datetime.time(12), OSLO)
        self.rng = random.Random(size.seed)  # noqa: S311 - synthetic data
        self.log = log
        self.writer = BulkWriter(connection)
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()
        self._dates: dict[int, datetime.date] = {}
        self._times: dict[tuple[int, int, int], datetime.datetime] = {}

    # --- helpers ---------------------------------------------------------------------------

    def day(self, ordinal: int) -> datetime.date:
        value = self._dates.get(ordinal)
        if value is None:
            value = self._dates[ordinal] = D.fromordinal(ordinal)
        return value

    def at(self, ordinal: int, hour: int, minute: int = 0) -> datetime.datetime:
        key = (ordinal, hour, minute)
        value = self._times.get(key)
        if value is None:
            value = datetime.datetime.combine(self.day(ordinal), datetime.time(hour, minute), OSLO)
            self._times[key] = value
        return value

    def write(self, name: str, model, fields, rows) -> None:  # type: ignore[no-untyped-def]
        started = time.monotonic()
        n = self.writer.write(model, fields, rows)
        self.counts[name] = self.counts.get(name, 0) + n
        self.log(f"  {name:<22} {n:>10,} rows  {time.monotonic() - started:6.1f} s")

    def elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.0f} s"

    def ids(self, model, n: int) -> range:  # type: ignore[no-untyped-def]
        first = self.writer.next_id(model)
        return range(first, first + n)

    # --- the run ---------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
                    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            with InsertTriggersOff(connection, [m._meta.db_table for m in LOADED]):
                self.tenancy()
                self.programmes()
                # The big tables get their indexes and constraints back once, at the end.
                with DeferredIndexes(connection, [m._meta.db_table for m in DEFERRED]):
                    self.people()
                    self.milestones()
                    self.notes()
                    self.reminders()
                self.log(f"indexes and constraints rebuilt at {self.elapsed()}")
            self.writer.reset_sequences(LOADED)
            AuditEntry.objects.create(
                action=MARKER_ACTION, data={**self.size.as_dict(), "today": self.today.isoformat()}
            )
        if connection.vendor == "postgresql":
            # As autovacuum would after a bulk load: statistics for the planner, and the
            # visibility map that lets index-only scans skip the heap. VACUUM cannot run inside
            # a transaction (a test's), where ANALYZE alone has to do.
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in LOADED)
            with connection.cursor() as cursor:
                if connection.in_atomic_block:
                    cursor.execute(f"ANALYZE {tables}")
                else:
                    cursor.execute(f"VACUUM (ANALYZE) {tables}")
            self.log(f"vacuumed and analysed at {self.elapsed()}")
        self.log(f"done in {self.elapsed()}")
        return self.counts

    # --- operators, partners, staff --------------------------------------------------------

    def _operator_sizes(self) -> list[int]:
        """A long tail: the biggest operator has about 8 % of the candidates at 400 operators."""
        n, total = self.size.operators, self.size.candidates
        weights = [1 / (i + 1) ** 0.8 for i in range(n)]
        scale = total / sum(weights)
        sizes = [int(w * scale) for w in weights]
        for i in range(total - sum(sizes)):
            sizes[i % n] += 1
        return sizes

    def tenancy(self) -> None:
        self.log("operators and staff")
        municipalities = list(
            Municipality.objects.exclude(code="9999").order_by("code").values_list("code", "name")
        )
        # Oslo first: the biggest operator is Oslo kommune.
        municipalities.sort(key=lambda m: (m[0] != "0301", m[0]))
        self.places = [code for code, _name in municipalities]
        sizes = self._operator_sizes()
        # Half municipalities; the first few operators cover every kind (and programme kind).
        kinds = [
            Organisation.Kind.MUNICIPALITY,
            Organisation.Kind.BUSINESS_NETWORK,
            Organisation.Kind.NGO,
            Organisation.Kind.MUNICIPALITY,
            Organisation.Kind.ADULT_EDUCATION,
            Organisation.Kind.MUNICIPALITY,
        ]
        org_ids = iter(self.ids(Organisation, 2 * self.size.operators))
        self.ops: list[Op] = []
        for i, n in enumerate(sizes):
            code, place = municipalities[i % len(municipalities)]
            kind = kinds[i % len(kinds)] if i else Organisation.Kind.MUNICIPALITY
            name = {
                Organisation.Kind.MUNICIPALITY: f"{place} kommune",
                Organisation.Kind.ADULT_EDUCATION: f"Voksenopplæringen i {place}",
                Organisation.Kind.NGO: f"Frivilligsentralen {place}",
                Organisation.Kind.BUSINESS_NETWORK: f"Næringsnettverket {place}",
            }[kind]
            if i >= len(municipalities):
                name += f" {i // len(municipalities) + 1}"
            self.ops.append(Op(next(org_ids), i, name, kind, code, place, n))
        for op in self.ops:
            op.nav_id = next(org_ids)
        numbers = self._orgnrs()
        self.write(
            "organisations",
            Organisation,
            ["id", "name", "kind", "is_operator", "operator_id", "org_number"],
            [(op.id, op.name, op.kind, True, None, next(numbers)) for op in self.ops]
            + [
                (op.nav_id, f"NAV {op.place}", Organisation.Kind.NAV, False, op.id, "")
                for op in self.ops
            ],
        )

        password = make_password(PASSWORD)
        users: list[tuple] = []
        members: list[tuple] = []
        declarations: list[tuple] = []
        user_ids = iter(range(self.writer.next_id(User), 10**12))
        rng = self.rng
        for op in self.ops:
            plan = [
                (Role.LEAD, 1),
                (Role.COORDINATOR, 1 + op.size // 2500),
                (Role.SUPERVISOR, max(1, op.size // 25)),
                (Role.MENTOR, max(1, op.size // 60)),
                (Role.PARTNER, 1),
            ]
            for role, count in plan:
                for k in range(count):
                    uid = next(user_ids)
                    username = f"{role}{k + 1}.o{op.index + 1}@{EMAIL_DOMAIN}"
                    users.append(
                        (
                            uid,
                            username,
                            username,
                            rng.choice(STAFF_GIVEN),
                            rng.choice(STAFF_FAMILY),
                            password,
                            True,
                            False,
                            False,
                            self.now,
                        )  # fmt: skip
                    )
                    members.append((uid, op.id, role, op.nav_id if role == Role.PARTNER else None))
                    if role in (Role.SUPERVISOR, Role.MENTOR):
                        declarations.append((uid, op.id, self.now))
                    if role == Role.LEAD:
                        op.lead = uid
                    elif role != Role.PARTNER:
                        staff = {
                            Role.COORDINATOR: op.coordinators,
                            Role.SUPERVISOR: op.supervisors,
                            Role.MENTOR: op.mentors,
                        }
                        staff[role].append(uid)
        # A site admin without memberships (the Django admin benchmark signs in as this one).
        admin = f"admin@{EMAIL_DOMAIN}"
        users.append(
            (next(user_ids), admin, admin, "Site", "Admin", password, True, True, True, self.now)
        )
        self.write(
            "users",
            User,
            cols(
                "id username email first_name last_name password is_active is_staff is_superuser "
                "date_joined"
            ),
            users,
        )
        membership_ids = iter(self.ids(Membership, len(members)))
        self.write(
            "memberships",
            Membership,
            ["id", "user_id", "operator_id", "role", "partner_organisation_id", "is_active"],
            [(next(membership_ids), *m, True) for m in members],
        )
        declaration_ids = iter(self.ids(ConfidentialityDeclaration, len(declarations)))
        self.write(
            "declarations",
            ConfidentialityDeclaration,
            ["id", "user_id", "operator_id", "accepted_at"],
            [(next(declaration_ids), *d) for d in declarations],
        )

    def _orgnrs(self) -> Iterator[str]:
        base = 91_000_000
        while True:
            base += 1
            for digit in range(10):
                number = f"{base}{digit}"
                if orgnr.is_valid(number):
                    yield number
                    break

    # --- programmes, cohorts, host units, positions ----------------------------------------

    def programmes(self) -> None:
        self.log("programmes")
        rng = self.rng
        start_year = self.today.year - 3
        horizon = self.today + datetime.timedelta(days=200)
        programmes, partners, funding, templates, cohorts = [], [], [], [], []
        units, positions, commitments = [], [], []
        prog_ids = iter(range(self.writer.next_id(Programme), 10**12))
        template_ids = iter(range(self.writer.next_id(MilestoneTemplate), 10**12))
        cohort_ids = iter(range(self.writer.next_id(Cohort), 10**12))
        unit_ids = iter(range(self.writer.next_id(HostUnit), 10**12))
        position_ids = iter(range(self.writer.next_id(Position), 10**12))
        unit_orgnrs = self._orgnrs()
        for op in self.ops:
            # Host units: the operator's own units and private employers.
            sectors = []
            for k in range(max(2, op.size // 40)):
                uid = next(unit_ids)
                op.units.append(uid)
                if k % 3 == 2:
                    name = f"{STAFF_FAMILY[k % len(STAFF_FAMILY)]} {TRADES[k % len(TRADES)]} AS"
                    sector, number = HostUnit.Sector.PRIVATE, next(unit_orgnrs)
                else:
                    name = MUNICIPAL_UNITS[k % len(MUNICIPAL_UNITS)]
                    sector, number = HostUnit.Sector.MUNICIPAL, ""
                    if op.kind == Organisation.Kind.NGO:
                        sector = HostUnit.Sector.NGO
                if k >= len(MUNICIPAL_UNITS):
                    name += f" {k}"
                sectors.append(sector)
                units.append((uid, op.id, name, sector, number, op.municipality, True, self.now))
            count = 1 + (op.size >= 1500) + (op.size >= 5000) + (op.size >= 12000)
            kinds = PROGRAMME_KINDS[Organisation.Kind(op.kind)][:count]
            for kind in kinds:
                starts_on = D(start_year, 1, 1)
                prog = Prog(next(prog_ids), op, kind, starts_on)
                op.programmes.append(prog)
                network = kind == "network"
                programmes.append(
                    (
                        prog.id,
                        op.id,
                        PROGRAMME_NAMES[kind],
                        kind,
                        "",
                        starts_on,
                        None,
                        max(10, op.size // 2) if network else None,
                        ["permanent_in_field", "permanent_outside_field", "temporary_job"]
                        if network
                        else [],
                        D(start_year + 4, 12, 31) if network else None,
                        self.now,
                    )  # fmt: skip
                )
                partners.append((prog.id, op.nav_id))
                if kind in ("trainee", "praksis"):
                    funding += [(prog.id, op.nav_id, 50), (prog.id, op.id, 50)]
                else:
                    funding.append((prog.id, op.id, 100))
                for kind_, anchor, offset, repeat, label in MILESTONE_PLAN:
                    tid = next(template_ids)
                    prog.templates.append(tid)
                    templates.append((tid, prog.id, kind_, label, anchor, offset, repeat))
                length = datetime.timedelta(days=COHORT_DAYS[kind])
                for year in range(start_year, self.today.year + 1):
                    for month in (3, 9):
                        begins = D(year, month, 2)
                        if begins > horizon:
                            continue
                        coh = Coh(
                            next(cohort_ids),
                            prog,
                            f"Kull {MONTHS_NB[month]} {year}",
                            begins,
                            begins + length,
                        )
                        prog.cohorts.append(coh)
                        per_cohort = max(1, op.size // (len(kinds) * 8))
                        cohorts.append(
                            (coh.id, prog.id, coh.name, begins, coh.ends_on, per_cohort + 5)
                        )
                        for k in range(max(1, per_cohort // 4)):
                            title, code = POSITIONS[(k + prog.id) % len(POSITIONS)]
                            unit = op.units[rng.randrange(len(op.units))]
                            pid = next(position_ids)
                            coh.positions.append((pid, unit))
                            status = (
                                Position.Status.OPEN if begins > self.today
                                else Position.Status.FILLED
                            )  # fmt: skip
                            positions.append(
                                (
                                    pid,
                                    prog.id,
                                    coh.id,
                                    unit,
                                    f"{title} ({coh.name})",
                                    code,
                                    "Relevant utdanning. Norsk på nivå B1 eller høyere.",
                                    4,
                                    begins,
                                    None,
                                    status,
                                    self.now,
                                )  # fmt: skip
                            )
                if network:
                    private = [u for u, s in zip(op.units, sectors, strict=True) if s == "private"]
                    for unit in private[:20]:
                        commitments.append((prog.id, unit, starts_on, rng.randint(1, 10), ""))
        self.write(
            "host units",
            HostUnit,
            cols("id operator_id name sector org_number municipality_id is_active created_at"),
            units,
        )
        self.write(
            "programmes",
            Programme,
            cols(
                "id operator_id name kind description starts_on ends_on goal_target "
                "goal_outcome_kinds goal_deadline created_at"
            ),
            programmes,
        )
        through = Programme.partners.through
        ids = iter(self.ids(through, len(partners)))
        self.write(
            "programme partners",
            through,
            ["id", "programme_id", "organisation_id"],
            [(next(ids), *p) for p in partners],
        )
        ids = iter(self.ids(FundingShare, len(funding)))
        self.write(
            "funding shares",
            FundingShare,
            ["id", "programme_id", "party_id", "percent"],
            [(next(ids), *f) for f in funding],
        )
        self.write(
            "milestone templates",
            MilestoneTemplate,
            ["id", "programme_id", "kind", "label", "anchor", "offset_days", "repeat_every_days"],
            templates,
        )
        self.write(
            "cohorts",
            Cohort,
            ["id", "programme_id", "name", "starts_on", "ends_on", "capacity"],
            cohorts,
        )
        self.write(
            "positions",
            Position,
            cols(
                "id programme_id cohort_id host_unit_id title occupation_id qualifications slots "
                "starts_on ends_on status created_at"
            ),
            positions,
        )
        ids = iter(self.ids(EmployerCommitment, len(commitments)))
        self.write(
            "employer commitments",
            EmployerCommitment,
            ["id", "programme_id", "employer_id", "committed_on", "pledge", "note"],
            [(next(ids), *c) for c in commitments],
        )

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
                        # Matching fields: most live in the operator's municipality.
                        op.municipality if rng.random() < 0.7 else rng.choice(self.places),
                        rng.random() < 0.5,
                        rng.choice([None, 30, 50, 100]),
                        None if rng.random() < 0.8 else self.day(today + rng.randint(0, 180)),
                        rng.choice([None, 37, 37, 20]),
                        [rng.choice(PROFESSIONS)],
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
                "updated_at home_municipality_id driving_licence max_travel_km available_from "
                "hours_available wished_occupations"
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

    # --- milestones ------------------------------------------------------------------------
