"""Constructions of real news (issue 11) on hand-written trees (tests/fixtures/plugins/news/*.conllu).

The sentences are invented; their trees copy the compact parser's slips where it makes them.
"""

from __future__ import annotations

import importlib.util

from plugin_helpers import PLUGIN_FIXTURES, check_spans, events, one, texts

from eventx import Attack, Demand
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


def attack(sentence: int) -> Attack:
    event = one(ATTACKS, sentence, "Attack")
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
