"""The register of personal data covers every model of our apps: a field that links to a
candidate's data or looks personal is registered or excluded with a reason."""

import dataclasses

from stewardship.privacy.registry import REGISTRY, holding, looks_personal, registry_gaps


def test_every_personal_or_linked_field_is_registered_or_excluded() -> None:
    assert registry_gaps() == []


def test_the_check_fails_for_a_model_missing_from_the_register() -> None:
    without_notes = [h for h in REGISTRY if h.label != "mentors.FollowUpNote"]
    gaps = registry_gaps(without_notes)
    assert any(g.startswith("mentors.followupnote.candidate:") for g in gaps), gaps
    assert any(g.startswith("mentors.followupnote.text:") for g in gaps), gaps


def test_the_check_fails_for_a_field_missing_from_its_entry() -> None:
    entry = holding("candidates.Candidate")
    narrowed = dataclasses.replace(entry, personal=tuple(f for f in entry.personal if f != "email"))
    registry = [narrowed if h is entry else h for h in REGISTRY]
    assert registry_gaps(registry) == [
        "candidates.candidate.email: not in its register entry (personal, kept or hidden)"
    ]


def test_personal_looking_names() -> None:
    for name in ("given_name", "email", "nav_phone", "birth_date", "note", "text", "ip_hash"):
        assert looks_personal(name), name
    for name in ("status", "starts_on", "recipient", "kind", "hours_per_week"):
        assert not looks_personal(name), name
