"""The casualties plugin (Attack events) on hand-written UD trees (tests/fixtures/plugins/attack-*.conllu)."""

from __future__ import annotations

import pytest
from plugin_helpers import check_spans, events, one, sentence_text, texts

from eventx import Attack

DOCS = ("attack-verbs", "attack-nouns", "attack-counts", "attack-tolls", "attack-negatives")


def attack(doc: str, sentence: int) -> Attack:
    event = one(doc, sentence, "Attack")
    assert isinstance(event, Attack)
    assert event.extractor == "casualties" and event.doc_id == doc
    return event


def test_every_span_is_the_text_at_its_offsets() -> None:
    found = [e for doc in DOCS for e in events(doc)]
    assert len(found) == 20
    for event in found:
        check_spans(event)


# ---------------------------------------------------------------------------- verbs
def test_shelled_with_a_killing_clause() -> None:
    # Russian forces shelled Vovchansk overnight, killing nine civilians.
    e = attack("attack-verbs", 0)
    assert (e.trigger.text, e.modality, e.attributed_to) == ("shelled", "asserted", None)
    assert texts(e.attacker) == ["Russian forces"]
    assert texts(e.target) == ["Vovchansk"]
    assert texts(e.victims) == ["nine civilians"]
    assert (e.killed, e.injured) == (9, None)
    assert texts(e.time) == ["overnight"]
    assert texts(e.location) == [] and texts(e.instrument) == []
    assert e.confidence == 0.9


def test_raided() -> None:
    # Israeli troops raided the Jenin refugee camp on Wednesday.
    e = attack("attack-verbs", 1)
    assert e.trigger.text == "raided"
    assert texts(e.attacker) == ["Israeli troops"]
    assert texts(e.target)[0] == "the Jenin refugee camp"
    assert texts(e.time) == ["Wednesday"]
    assert (e.killed, e.injured) == (None, None)


def test_a_weekday_is_not_a_target() -> None:
    assert texts(attack("attack-verbs", 1).target) == ["the Jenin refugee camp"]


def test_ambushed_killing_and_wounding() -> None:
    # Militants ambushed a military convoy near Gao, killing four soldiers and wounding six.
    e = attack("attack-verbs", 2)
    assert e.trigger.text == "ambushed"
    assert texts(e.attacker) == ["Militants"]
    assert texts(e.target) == ["a military convoy"]
    assert texts(e.location) == ["Gao"]
    assert texts(e.victims) == ["four soldiers", "six"]
    assert (e.killed, e.injured) == (4, 6)


def test_attacked_with_drones() -> None:
    # Russia attacked Odesa with drones and missiles overnight.
    e = attack("attack-verbs", 3)
    assert e.trigger.text == "attacked"
    assert texts(e.attacker) == ["Russia"]
    assert texts(e.target) == ["Odesa"]
    assert texts(e.time) == ["overnight"]
    assert "drones" in texts(e.instrument)


def test_coordinated_instruments() -> None:
    assert any("missiles" in text for text in texts(attack("attack-verbs", 3).instrument))


def test_passive_killed_by() -> None:
    # Five police officers were killed by Boko Haram militants in Borno state.
    e = attack("attack-verbs", 4)
    assert e.trigger.text == "killed"
    assert texts(e.attacker) == ["Boko Haram militants"]
    assert texts(e.victims) == ["Five police officers"]
    assert (e.killed, e.injured) == (5, None)
    assert texts(e.location) == ["Borno state"]
    assert texts(e.target) == [] and texts(e.instrument) == []


def test_one_event_per_attack() -> None:
    """Casualty verbs that report an attack's toll ("killing", "wounded") are no events of their own."""
    assert [(e.sentence_index, e.trigger.text) for e in events("attack-verbs")] == [
        (0, "shelled"),
        (1, "raided"),
        (2, "ambushed"),
        (3, "attacked"),
        (4, "killed"),
    ]


# ---------------------------------------------------------------------------- nouns
def test_drone_strike_killed_and_wounded() -> None:
    # In Idlib, a drone strike on a fuel depot killed 12 and wounded 30, according to the White Helmets.
    e = attack("attack-nouns", 0)
    assert e.trigger.text == "strike"
    assert texts(e.instrument) == ["drone"]
    assert texts(e.target) == ["a fuel depot"]
    assert texts(e.location) == ["Idlib"]
    assert texts(e.victims) == ["12", "30"]
    assert (e.killed, e.injured) == (12, 30)
    assert e.attributed_to is not None and e.attributed_to.text == "White Helmets"
    assert texts(e.attacker) == []


def test_killed_in_a_missile_attack() -> None:
    # Two people were killed in a Russian missile attack on Dnipro.
    e = attack("attack-nouns", 1)
    assert e.trigger.text == "attack"
    assert texts(e.attacker) == ["Russian"]
    assert texts(e.instrument) == ["missile"]
    assert texts(e.target) == ["Dnipro"]
    assert texts(e.victims) == ["Two people"]
    assert (e.killed, e.injured) == (2, None)
    assert texts(e.location) == [], "the target is not repeated as the location"


def test_the_killing_of() -> None:
    # The killing of three aid workers in Gaza drew international condemnation.
    e = attack("attack-nouns", 2)
    assert (e.trigger.text, e.modality) == ("killing", "asserted")
    assert texts(e.location) == ["Gaza"]


def test_the_killing_of_names_victims_and_count() -> None:
    e = attack("attack-nouns", 2)
    assert texts(e.victims) == ["three aid workers"]
    assert e.killed == 3


def test_artillery_bombardment_said_officials() -> None:
    # Artillery bombardment of Kherson continued on Sunday, local officials said.
    e = attack("attack-nouns", 3)
    assert e.trigger.text == "bombardment"
    assert texts(e.target) == ["Kherson"]
    assert texts(e.instrument) == ["Artillery"]
    assert texts(e.time) == ["Sunday"]
    assert e.attributed_to is not None and e.attributed_to.text == "local officials"
    assert texts(e.attacker) == [] and (e.killed, e.injured) == (None, None)


@pytest.mark.parametrize(
    ("doc", "sentence", "day"),
    [
        ("attack-nouns", 3, "Sunday"),  # Artillery bombardment of Kherson continued on Sunday, ...
        ("attack-counts", 0, "Friday"),  # A missile strike on Zaporizhzhia killed 9 people on Friday.
    ],
)
def test_a_weekday_is_not_a_location(doc: str, sentence: int, day: str) -> None:
    assert day not in texts(attack(doc, sentence).location)


def test_possessive_attacker_and_dozens() -> None:
    # Hamas's attack on the kibbutz killed dozens of residents.
    e = attack("attack-nouns", 4)
    assert e.trigger.text == "attack"
    assert texts(e.attacker) == ["Hamas"]
    assert texts(e.target) == ["the kibbutz"]
    assert [v.text.startswith("dozens") for v in e.victims] == [True]
    assert e.killed is None, "'dozens' states no number"


def test_launched_a_drone_attack() -> None:
    # Russia launched a massive drone attack on Kyiv overnight.
    e = attack("attack-nouns", 5)
    assert e.trigger.text == "attack"
    assert texts(e.attacker) == ["Russia"], "the subject of a light verb attacks"
    assert texts(e.instrument) == ["drone"]
    assert texts(e.target) == ["Kyiv"]
    assert texts(e.time) == ["overnight"]


# ---------------------------------------------------------------------------- counts
@pytest.mark.parametrize(
    ("doc", "sentence", "trigger", "killed", "injured"),
    [
        ("attack-counts", 0, "strike", 9, None),  # killed 9 people
        ("attack-verbs", 0, "shelled", 9, None),  # killing nine civilians
        ("attack-counts", 1, "bombardments", 1200, None),  # More than 1,200 people have been killed in the bombardments
        ("attack-counts", 2, "killed", 40, None),  # At least 40 civilians were killed by a ... bomb
        ("attack-counts", 3, "raids", None, 300),  # Up to 300 people were injured in the raids
        ("attack-counts", 4, "ambush", None, 24),  # An ambush ... wounded two dozen soldiers
        ("attack-nouns", 0, "strike", 12, 30),  # killed 12 and wounded 30
        ("attack-tolls", 0, "shelling", 12, None),  # killed twelve and injured dozens
        ("attack-tolls", 1, "strike", 3, None),  # killed three people, including a child
        ("attack-tolls", 2, "massacre", None, None),  # Scores of people were killed in the massacre
        ("attack-tolls", 3, "killed", 9, 14),  # Gunmen killed nine villagers and wounded 14 others
        ("attack-nouns", 4, "attack", None, None),  # killed dozens of residents
    ],
)
def test_counts(doc: str, sentence: int, trigger: str, killed: int | None, injured: int | None) -> None:
    e = attack(doc, sentence)
    assert e.trigger.text == trigger, sentence_text(doc, sentence)
    assert (e.killed, e.injured) == (killed, injured), sentence_text(doc, sentence)


def test_victims_of_counted_phrases() -> None:
    assert texts(attack("attack-counts", 0).victims) == ["9 people"]
    assert texts(attack("attack-counts", 1).victims) == ["1,200 people"]
    assert texts(attack("attack-counts", 2).victims) == ["40 civilians"]
    assert texts(attack("attack-counts", 3).victims) == ["300 people"]
    assert texts(attack("attack-counts", 4).victims) == ["two dozen soldiers"]


def test_passive_with_a_weapon_as_agent() -> None:
    # At least 40 civilians were killed by a Russian glide bomb in Kramatorsk.
    e = attack("attack-counts", 2)
    assert texts(e.instrument) == ["a Russian glide bomb"]
    assert texts(e.location) == ["Kramatorsk"]
    assert "a Russian glide bomb" not in texts(e.attacker), "the bomb is the instrument, not the attacker"


def test_more_roles_of_counted_attacks() -> None:
    assert attack("attack-counts", 1).time[0].text == "March"  # ... since March
    assert texts(attack("attack-counts", 4).location) == ["Kidal"]  # An ambush near Kidal ...
    assert texts(attack("attack-counts", 0).target) == ["Zaporizhzhia"]
    assert texts(attack("attack-counts", 0).instrument) == ["missile"]


def test_apposition_does_not_add_to_the_count() -> None:
    # The strike killed three people, including a child.
    e = attack("attack-tolls", 1)
    assert texts(e.victims) == ["three people"]
    assert e.killed == 3


def test_both_counts_from_a_casualty_verb_trigger() -> None:
    # Gunmen killed nine villagers and wounded 14 others.
    assert [e.trigger.text for e in events("attack-tolls", 3)] == ["killed"], "'wounded' joins the same event"
    e = attack("attack-tolls", 3)
    assert texts(e.attacker) == ["Gunmen"]
    assert texts(e.victims) == ["nine villagers", "14 others"]


def test_vague_amounts_leave_counts_empty() -> None:
    shelling = attack("attack-tolls", 0)  # The shelling killed twelve and injured dozens.
    assert texts(shelling.victims) == ["twelve", "dozens"]
    assert shelling.injured is None
    massacre = attack("attack-tolls", 2)  # Scores of people were killed in the massacre.
    assert [v.text.startswith("Scores") for v in massacre.victims] == [True]
    assert massacre.killed is None


# ---------------------------------------------------------------------------- negatives
@pytest.mark.parametrize(
    ("doc", "sentence"),
    [
        ("attack-negatives", 0),  # The general died of a heart attack in Moscow.
        ("attack-negatives", 1),  # Jailed activists began a hunger strike on Monday.
        ("attack-negatives", 2),  # Journalists called the new law an attack on press freedom.
        ("attack-negatives", 3),  # Kyiv and Warsaw struck a deal on grain transit.
        ("diplomacy-negatives", 4),  # The army met the target for recruitment.
    ],
)
def test_no_attack(doc: str, sentence: int) -> None:
    assert events(doc, sentence, "Attack") == [], sentence_text(doc, sentence)


def test_negatives_give_no_event_of_any_type() -> None:
    assert events("attack-negatives") == []
