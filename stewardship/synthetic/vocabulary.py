"""Names, places, texts and proportions the synthetic data is made of."""

import datetime
import zoneinfo

from core.models import Organisation
from mentors.models import MilestoneKind, MilestoneTemplate
from placements.models import NavAgreement, Placement

MARKER_ACTION = "core.seed_scale"
PASSWORD = "springbrett-bench"  # noqa: S105 - synthetic accounts on a benchmark database only
EMAIL_DOMAIN = "synthetic.springbrett.test"
D = datetime.date
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")

# Where candidates come from, weighted roughly like Norway's immigrant population; the names of
# each country (in its own script, with a Latin form) come from candidates/data/demo_names.csv.
COUNTRY_WEIGHTS = {
    "PL": 14, "LT": 6, "SY": 10, "SO": 6, "ER": 6, "UA": 12, "AF": 4, "IQ": 4, "PH": 4,
    "TH": 3, "PK": 3, "IR": 3, "RU": 3, "TR": 2, "ET": 3, "IN": 3, "CN": 2, "ES": 2, "GR": 2,
    "BR": 1, "GE": 1, "AM": 1, "MA": 2, "EG": 2, "SA": 1,
}  # fmt: skip
# The names file has no family names for these; Arabic family names from a neighbour instead.
FAMILY_FROM = {"EG": "SY", "MA": "SY", "SA": "IQ"}
PROFESSIONS = [
    "2142",
    "2512",
    "2511",
    "2522",
    "2411",
    "2422",
    "2341",
    "2211",
    "3112",
    "2164",
    "2221",
    "2310",
    "2631",
    "3313",
    "4110",
    "5120",
    "5223",
    "5321",
    "7411",
    "9112",
]
POSITIONS = [
    ("Traineeingeniør bygg", "2142"), ("Trainee systemutvikling", "2512"),
    ("Trainee IT-drift", "2522"), ("Praksis regnskap", "3313"), ("Praksis saksbehandling", "2422"),
    ("Praksis helsefagarbeider", "5321"), ("Praksis lærer", "2341"), ("Praksis kokk", "5120"),
    ("Praksis butikk", "5223"), ("Praksis elektro", "7411"), ("Praksis renhold", "9112"),
    ("Trainee arealplanlegging", "2164"), ("Praksis sykepleie", "2221"),
]  # fmt: skip
MUNICIPAL_UNITS = ["Eiendom", "Helse og omsorg", "Barnehage", "Oppvekst", "Digitalisering og IT",
                   "Vei og trafikk", "Vann og avløp", "Kultur", "Bibliotek", "Sykehjem",
                   "Hjemmetjenesten", "Skole", "Økonomi", "Plan og bygg", "Innkjøp"]  # fmt: skip
TRADES = ["Bygg", "Regnskap", "Renhold", "Elektro", "Transport", "IT", "Helse", "Mat", "Eiendom",
          "Rør", "Maskin", "Handel"]  # fmt: skip
STAFF_GIVEN = ["Ingrid", "Jonas", "Kari", "Lars", "Ole", "Sara", "Amina", "Gro", "Tore", "Nina",
               "Per", "Lise", "Arne", "Marit", "Eirik", "Hanne", "Knut", "Silje", "Ahmed", "Olena",
               "Bjørn", "Anne", "Trond", "Mona", "Fatima", "Espen", "Randi", "Tesfay"]  # fmt: skip
STAFF_FAMILY = [
    "Solberg",
    "Berg",
    "Haugen",
    "Karlsen",
    "Moen",
    "Nilsen",
    "Lie",
    "Hassan",
    "Skansen",
    "Gulli",
    "Holm",
    "Strand",
    "Dahl",
    "Bakke",
    "Lund",
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Berntsen",
    "Kristiansen",
    "Jensen",
]
EDUCATION_FIELDS = ["Bygg", "Informatikk", "Økonomi", "Pedagogikk", "Elektro", "Arkitektur",
                    "Medisin", "Sykepleie", "Jus", "Kjemi", "Landbruk", "Språk"]  # fmt: skip
NOTE_SENTENCES = [
    "Samtale med kandidaten om trivsel og arbeidsoppgaver.",
    "Kandidaten mestrer oppgavene godt og tar mer ansvar.",
    "Veileder melder om god fremgang i norsk muntlig.",
    "Avtalt å øve mer på fagterminologi før neste møte.",
    "Kort telefon om fravær forrige uke; alt i orden nå.",
    "Besøk på arbeidsplassen sammen med veileder.",
    "Kandidaten ønsker flere oppgaver innen eget fagfelt.",
    "Vi gikk gjennom målene for de neste fire ukene.",
    "NAV-veileder informert om status i praksisen.",
    "Kandidaten har søkt på to faste stillinger.",
    "Godt samarbeid i teamet; trenger støtte med rapportskriving.",
    "Planlagt språkpraksis to dager i uken.",
    "Drøftet mulighet for forlengelse av praksisperioden.",
    "Kandidaten deltok på fagdag og presenterte eget prosjekt.",
    "Oppfølging av godkjenning av utdanning hos HK-dir.",
    "Tilbakemelding fra kolleger er svært positiv.",
]
END_REASONS = ["Har fått fast jobb", "Flyttet til annen kommune", "Helsemessige årsaker",
               "Startet på utdanning", "Passet ikke med arbeidsoppgavene"]  # fmt: skip
BENEFITS = [b.value for b in NavAgreement.Benefit]
MONTHS_NB = {3: "mars", 9: "september"}
OUTCOME_MIX = {
    # checkpoint → (kind, weight)
    "exit": [("permanent_in_field", 18), ("permanent_outside_field", 10), ("temporary_job", 20),
             ("trainee_elsewhere", 5), ("apprenticeship", 3), ("education", 10),
             ("unemployed", 27), ("other", 4), ("unknown", 3)],
    "6m": [("permanent_in_field", 25), ("permanent_outside_field", 13), ("temporary_job", 18),
           ("trainee_elsewhere", 3), ("apprenticeship", 3), ("education", 10),
           ("unemployed", 20), ("other", 4), ("unknown", 4)],
    "12m": [("permanent_in_field", 30), ("permanent_outside_field", 14), ("temporary_job", 15),
            ("trainee_elsewhere", 2), ("apprenticeship", 3), ("education", 10),
            ("unemployed", 16), ("other", 4), ("unknown", 6)],
}  # fmt: skip
JOB_KINDS = {"permanent_in_field", "permanent_outside_field", "temporary_job"}
PROGRAMME_KINDS = {
    Organisation.Kind.MUNICIPALITY: ["trainee", "praksis", "mentor", "network"],
    Organisation.Kind.ADULT_EDUCATION: ["praksis", "mentor", "trainee"],
    Organisation.Kind.NGO: ["mentor", "praksis"],
    Organisation.Kind.BUSINESS_NETWORK: ["network", "mentor"],
}
PROGRAMME_NAMES = {
    "trainee": "Traineeprogram for innvandrere med høyere utdanning",
    "praksis": "Arbeidspraksis med norskopplæring",
    "mentor": "Mentor- og praksisordning",
    "network": "Jobbnettverk – flere i ordinært arbeid",
}
COHORT_DAYS = {"trainee": 364, "praksis": 180, "mentor": 150, "network": 120}
MILESTONE_PLAN = [
    # (kind, anchor, offset days, repeat every (days) or None, label)
    (MilestoneKind.FOLLOW_UP, MilestoneTemplate.Anchor.START, 14, 28, "Oppfølgingssamtale"),
    (
        MilestoneKind.MID_EVALUATION,
        MilestoneTemplate.Anchor.MIDPOINT,
        0,
        None,
        "Midtveisevaluering",
    ),
    (MilestoneKind.FINAL_EVALUATION, MilestoneTemplate.Anchor.END, 14, None, "Sluttevaluering"),
    (MilestoneKind.ATTEST, MilestoneTemplate.Anchor.END, 0, None, "Attest og referanse"),
]
REMINDED_MILESTONES = {MilestoneKind.FOLLOW_UP, MilestoneKind.MID_EVALUATION,
                       MilestoneKind.FINAL_EVALUATION}  # fmt: skip
LIVE = (Placement.Status.PLANNED, Placement.Status.ACTIVE)


def cols(text: str) -> list[str]:
    """Column names written as one string (the load lists are long)."""
    return text.split()
