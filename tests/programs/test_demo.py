import datetime

from django.core.management import call_command
from django.db.models import Count

from placements.selectors import wall_of_fame
from programs.models import Programme


def test_demo_has_the_four_programmes_of_the_articles(db) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", "--quiet")
    kinds = dict(Programme.objects.values_list("operator__name", "kind"))
    assert kinds == {
        "Bærum kommune": "trainee",
        "KIA Skien": "mentor",
        "Voksenopplæringssenteret i Bærum": "praksis",
        "Globale Bærum": "network",
    }
    trainee = Programme.objects.get(kind="trainee")
    cohort = trainee.cohorts.get(name="Kull 2027")
    assert cohort.starts_on == datetime.date(2027, 3, 2)
    assert cohort.ends_on == datetime.date(2028, 3, 1)
    assert trainee.cohorts.get(name="Kull 2026").starts_on == datetime.date(2026, 3, 2)
    per_unit = dict(
        cohort.positions.values("host_unit__name")
        .annotate(n=Count("pk"))
        .values_list("host_unit__name", "n")
    )
    assert per_unit == {"Eiendom": 2, "Digitalisering og IT": 2, "Vei og trafikk": 1}
    assert sorted(trainee.funding.values_list("party__name", "percent")) == [
        ("Bærum kommune", 50),
        ("NAV Bærum", 50),
    ]
    network = Programme.objects.get(kind="network")
    assert network.goal_target == 1000
    assert (network.goal_deadline - network.starts_on).days >= 3 * 365 - 1
    assert {c.employer.name for c in network.commitments.all()} == {
        "REMA 1000 Bærum",
        "Aleris Omsorg og Helse",
        "Gammel nok AS",
    }
    assert [c.employer.name for c in wall_of_fame(network)] == [
        "REMA 1000 Bærum",
        "Aleris Omsorg og Helse",
    ]
    praksis = Programme.objects.get(kind="praksis")
    assert set(praksis.positions.values_list("host_unit__sector", flat=True)) == {
        "municipal",
        "private",
    }
