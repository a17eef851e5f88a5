"""Constructions of real news (issue 11) on hand-written trees (tests/fixtures/plugins/news/*.conllu).

The sentences are invented; their trees copy the compact parser's slips where it makes them.
"""

from __future__ import annotations

import importlib.util

from plugin_helpers import PLUGIN_FIXTURES, check_spans, events, one, texts

from eventx import Attack, Demand, Event, Meeting
from eventx.parsing import validate_conllu

ATTACKS, DEMANDS = "news/news-attacks", "news/news-demands"
NEWS = PLUGIN_FIXTURES / "news"


def test_fixtures_match_their_generator() -> None:
    """The .conllu files are what make_real_news.py writes (rerun it after editing a tree)."""
    spec = importlib.util.spec_from_file_location("make_real_news", NEWS / "make_real_news.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert sorted(p.stem for p in NEWS.glob("*.conllu")) == sorted(generator.DOCS)
    for name, sentences in generator.DOCS.items():
        text = (NEWS / f"{name}.conllu").read_text(encoding="utf-8")
        assert text == generator.render(name, sentences), f"{name}.conllu is stale"
        validate_conllu(text)


def attack(sentence: int, doc: str = ATTACKS) -> Attack:
    event = one(doc, sentence, "Attack")
    assert isinstance(event, Attack)
    check_spans(event)
    return event


def test_an_explosion_with_its_weapon_and_two_dozen_dead() -> None:
    e = attack(0)
    assert e.trigger.text == "exploded" and e.modality == "asserted"
    assert texts(e.instrument) == ["A car bomb"] and texts(e.attacker) == [] and texts(e.target) == []
    assert e.killed == 24


def test_shot_dead_tagged_as_a_noun_is_still_an_attack() -> None:
    assert attack(1).trigger.text == "shot"


def test_hit_by_a_drone() -> None:
    e = attack(2)
    assert e.trigger.text == "hit"
    assert texts(e.target) == ["The convoy"] and texts(e.instrument) == ["a drone"]


def test_the_victim_of_a_relative_clause() -> None:
    e = attack(3)
    assert e.trigger.text == "blast" and texts(e.victims) == ["A man"]


def test_a_labour_strike_is_no_attack() -> None:
    assert events(ATTACKS, 4, "Attack") == []


def test_a_gerund_the_parser_made_a_verb() -> None:
    assert attack(5).trigger.text == "fighting"


def test_a_verb_the_parser_hung_as_a_modifier() -> None:
    assert attack(6).trigger.text == "shelled"


def test_a_phrasal_attack_verb_and_a_look_alike() -> None:
    e = attack(7)
    assert e.trigger.text == "blew himself up" and texts(e.attacker) == ["A suicide bomber"]
    assert events(ATTACKS, 8, "Attack") == []  # "the alarm went off": no weapon


def test_a_modal_on_another_predicate_leaves_the_attack_asserted() -> None:
    assert attack(9).modality == "asserted"


def test_an_attack_helicopter_and_battling_a_virus_are_no_attacks() -> None:
    assert events(ATTACKS, 10, "Attack") == []


def test_x_said_y_must_is_a_demand() -> None:
    e = one(DEMANDS, 0, "Demand")
    assert isinstance(e, Demand)
    assert e.trigger.text == "said" and e.modality == "asserted"
    assert texts(e.demander) == ["Kyiv"] and texts(e.addressee) == ["Moscow"]
    assert events(DEMANDS, 1, "Demand") == []  # "they must act": no other party


def test_an_order_with_its_infinitive_hung_as_advcl() -> None:
    e = one(DEMANDS, 2, "Demand")
    assert isinstance(e, Demand)
    assert e.trigger.text == "ordered" and texts(e.addressee) == ["the minister"]


def test_pleading_guilty_and_asking_a_question_are_no_demands() -> None:
    assert events(DEMANDS, 3, "Demand") == []
    assert events(DEMANDS, 4, "Demand") == []
    assert one(DEMANDS, 4, "Meeting").modality == "hypothetical"


def test_rejected_and_ruled_out_talks_are_negated_but_the_offer_was_made() -> None:
    assert one(DEMANDS, 5, "Demand").modality == "asserted"
    assert one(DEMANDS, 5, "Meeting").modality == "negated"
    assert one(DEMANDS, 6, "Meeting").modality == "negated"


def test_due_to_travel_for_talks_is_planned() -> None:
    assert one(DEMANDS, 7, "Meeting").modality == "planned"


def test_presenting_credentials_is_a_meeting() -> None:
    assert one(DEMANDS, 8, "Meeting").trigger.text == "presented"


# ---------------------------------------------------------------------------- news-gaps (the gaps left after issue 11)
GAPS = "news/news-gaps"


def gap(sentence: int, type: str = "Attack") -> Event:
    event = one(GAPS, sentence, type)
    check_spans(event)
    return event


def test_attack_words_modifying_an_attack_noun_make_one_event() -> None:
    e = gap(0)
    assert isinstance(e, Attack)
    assert e.trigger.text == "bombing and shelling offensive"
    assert texts(e.attacker) == ["Rebels"] and texts(e.target) == ["the town"] and texts(e.location) == []


def test_coordinated_attack_nouns_stay_two_attacks() -> None:
    assert sorted(e.trigger.text for e in events(GAPS, 1, "Attack")) == ["bombing", "shelling"]


def test_a_concessive_phrase_is_not_negated_by_failed() -> None:
    e = gap(2, "Meeting")
    assert e.trigger.text == "negotiations" and e.modality == "asserted"


def test_one_victim_counts_one() -> None:
    e = gap(3)
    assert isinstance(e, Attack) and texts(e.victims) == ["A journalist"] and e.killed == 1


def test_coordinated_victims_are_summed() -> None:
    e = gap(4)
    assert isinstance(e, Attack) and e.injured == 3


def test_a_group_states_no_count() -> None:
    e = gap(5)
    assert isinstance(e, Attack) and texts(e.victims) == ["A family"] and e.killed is None


def test_a_quoted_name_stays_in_the_phrase() -> None:
    e = gap(6)
    assert isinstance(e, Attack) and texts(e.attacker) == ['The "Red Hand" militia']


def test_relative_pronoun_demander_and_a_destination_that_is_no_addressee() -> None:
    e = gap(7, "Demand")
    assert isinstance(e, Demand)
    assert texts(e.demander) == ["a caller"] and texts(e.addressee) == [] and texts(e.content) == ["delivery"]


def test_a_subject_under_a_preposition_is_a_parser_slip() -> None:
    e = gap(8)
    assert isinstance(e, Attack) and texts(e.instrument) == ["it"]


def test_a_place_keeps_the_name_beside_it() -> None:
    e = gap(9)
    assert isinstance(e, Attack) and texts(e.location) == ["the main street Avenue Foch"]


def test_a_place_under_the_target_is_the_attacks_place() -> None:
    e = gap(10)
    assert isinstance(e, Attack) and texts(e.target) == ["a mosque"] and texts(e.location) == ["Kano"]


def test_a_clause_dated_by_the_attack_lends_it_no_place() -> None:
    e = gap(11)
    assert isinstance(e, Attack) and texts(e.location) == []


def test_asking_verb_found_despite_a_lemmatizer_slip() -> None:
    e = gap(12, "Demand")
    assert isinstance(e, Demand) and texts(e.addressee) == ["voters"] and texts(e.content) == ["stay"]


def test_doers_hung_as_compounds_before_a_coordinator() -> None:
    e = gap(13)
    assert isinstance(e, Attack) and sorted(texts(e.attacker)) == ["Militia gunmen", "suicide bombers"]


def test_the_owner_of_a_decision_to_attack_is_the_attacker() -> None:
    e = gap(14)
    assert isinstance(e, Attack) and texts(e.attacker) == ["The militia"] and texts(e.target) == ["the town"]


# ---------------------------------------------------------------------------- news-args (third pass on arguments)
ARGS = "news/news-args"


def test_a_thing_a_blast_damaged_is_no_target() -> None:
    assert texts(attack(0, ARGS).target) == []  # "shattered the windows of a shop"


def test_a_building_a_blast_destroyed_is_the_target() -> None:
    e = attack(1, ARGS)
    assert texts(e.target) == ["a school"] and texts(e.location) == ["Kano"]


def test_the_building_an_attack_was_at_is_its_target() -> None:
    e = attack(2, ARGS)
    assert texts(e.target) == ["a cafe"] and texts(e.location) == ["Gao"] and e.killed == 6


def test_those_involved_in_an_attack_are_attackers() -> None:
    assert texts(attack(3, ARGS).attacker) == ["twelve men"]


def test_shot_dead_by_police_as_a_reduced_relative() -> None:
    e = attack(4, ARGS)
    assert e.trigger.text == "shot"
    assert texts(e.attacker) == ["police"] and texts(e.target) == ["Omar Diallo"]


def test_a_participle_attack_on_the_noun_it_modifies() -> None:
    e = attack(5, ARGS)
    assert texts(e.attacker) == ["militants"] and texts(e.target) == ["A convoy"]


def test_an_acronym_read_as_a_verb_is_the_attacker() -> None:
    assert texts(attack(6, ARGS).attacker) == ["IS"]


def test_a_compass_area_bombarded_is_the_place() -> None:
    e = attack(7, ARGS)
    assert texts(e.target) == [] and texts(e.location) == ["the north"]


def test_an_apposed_container_is_a_place_too() -> None:
    e = attack(8, ARGS)
    assert texts(e.target) == ["a hotel"] and texts(e.location) == ["Mopti", "Mali"]


def test_a_fronted_asked_puts_the_demand_to_the_main_subject() -> None:
    e = one(ARGS, 9, "Demand")
    assert isinstance(e, Demand) and texts(e.addressee) == ["the witness"]


def test_a_building_a_meeting_is_held_in_is_its_place() -> None:
    e = one(ARGS, 10, "Meeting")
    assert isinstance(e, Meeting) and texts(e.location) == ["a house"] and texts(e.time) == ["Friday"]


def test_the_agent_of_a_detonation_is_the_attacker_not_the_weapon() -> None:
    e = attack(11, ARGS)
    assert e.trigger.text == "detonated" and texts(e.attacker) == ["militants"]
    assert texts(e.instrument) == ["A bomb"] and texts(e.target) == [] and e.killed == 5


def test_an_attack_noun_a_participle_modifies_is_no_target() -> None:
    found = [e for e in events(ARGS, 12, "Attack") if isinstance(e, Attack)]
    assert found and all(texts(e.target) == ["the army"] for e in found)


def test_the_agent_of_a_passive_light_verb_is_the_attacker() -> None:
    assert texts(attack(13, ARGS).attacker) == ["rebels"]  # "the attacks were carried out by rebels"
    e = attack(14, ARGS)  # "a bombing claimed by the group hit a market"
    assert texts(e.attacker) == ["the group"] and texts(e.target) == ["a market"]
