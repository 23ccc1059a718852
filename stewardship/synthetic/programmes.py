"""Programmes, cohorts, host units and positions."""

import datetime

from core.models import Organisation
from mentors.models import MilestoneTemplate
from programs.models import (
    Cohort,
    EmployerCommitment,
    FundingShare,
    HostUnit,
    Position,
    Programme,
)

from .base import Base
from .plan import (
    Coh,
    Prog,
)
from .vocabulary import (
    COHORT_DAYS,
    MILESTONE_PLAN,
    MONTHS_NB,
    MUNICIPAL_UNITS,
    POSITIONS,
    PROGRAMME_KINDS,
    PROGRAMME_NAMES,
    STAFF_FAMILY,
    TRADES,
    D,
    cols,
)


class Programmes(Base):
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
