"""The territory plugin (Demand.territory and the Control type) on hand-written UD trees (tests/fixtures/plugins/)."""

from __future__ import annotations

import eventx_diplomacy
import eventx_territory
import pytest
from eventx_territory import Control
from plugin_helpers import check_spans, document, events, extractor, one, texts

import eventx
from eventx import Demand
from eventx.merge import merge_same_trigger

DOCS = ("territory-demands", "territory-negatives", "control")


def control(sentence: int) -> Control:
    found = one("control", sentence, "Control")
    assert isinstance(found, Control)
    assert found.extractor == "territory"
    return found


def test_every_span_is_the_text_at_its_offsets() -> None:
    found = [e for doc in DOCS for e in events(doc)]
    assert len(found) == 17
    for e in found:
        check_spans(e)


def test_control_is_a_registered_plugin_type() -> None:
    types = extractor().plugins.event_types
    assert types["Control"] is Control
    assert list(eventx.roles(Control)) == ["controller", "territory", "time", "share"]


# ---------------------------------------------------------------------------- territorial demands
@pytest.mark.parametrize(
    ("sentence", "trigger", "demander", "addressee", "content", "territory"),
    [
        # The Kremlin demanded that Kyiv cede Donetsk and Luhansk.
        (0, "demanded", ["Kremlin"], ["Kyiv"], ["cede"], ["Donetsk", "Luhansk"]),
        # Azerbaijan demanded the withdrawal of Armenian troops from Karabakh.
        (1, "demanded", ["Azerbaijan"], [], ["the withdrawal"], ["Karabakh"]),
        # Moscow insists that Kyiv recognise Crimea as Russian territory.
        (2, "insists", ["Moscow"], ["Kyiv"], ["recognise"], ["Crimea"]),
        # NATO called on Russia to withdraw its forces from Moldova.
        (3, "called", ["NATO"], ["Russia"], ["withdraw"], ["Moldova"]),
        # Russia's demand that Ukraine withdraw from Zaporizhzhia was rejected by Kyiv.
        (4, "demand", ["Russia"], ["Ukraine"], ["withdraw"], ["Zaporizhzhia"]),
    ],
)
def test_territorial_demand_is_one_merged_event(
    sentence: int, trigger: str, demander: list[str], addressee: list[str], content: list[str], territory: list[str]
) -> None:
    d = one("territory-demands", sentence, "Demand")
    assert isinstance(d, Demand)
    assert (d.trigger.text, d.modality) == (trigger, "asserted")
    assert d.extractor == "diplomacy+territory", "diplomacy and territory saw the same trigger"
    assert texts(d.demander) == demander
    assert texts(d.addressee) == addressee
    assert texts(d.content) == content
    assert texts(d.territory) == territory


def test_insisted_on_the_return_of_territories() -> None:
    # Kyiv insisted on the return of all occupied territories.
    d = one("territory-demands", 5, "Demand")
    assert d.extractor == "diplomacy+territory"
    assert texts(d.demander) == ["Kyiv"]
    assert texts(d.addressee) == []
    assert texts(d.content) == ["the return"]  # diplomacy's phrase; territory's "return" overlaps it
    assert texts(d.territory) == ["all occupied territories"]


def test_ultimatum_to_hand_over_a_city() -> None:
    # Moscow issued an ultimatum to Kyiv to hand over the city of Pokrovsk.
    d = one("territory-demands", 6, "Demand")
    assert d.trigger.text == "ultimatum" and d.extractor == "diplomacy+territory"
    assert (texts(d.demander), texts(d.addressee)) == (["Moscow"], ["Kyiv"])
    assert [c.text.startswith("hand") for c in d.content] == [True]
    assert texts(d.territory) == ["Pokrovsk"], "the city of X names X"


def test_the_territory_plugin_alone_fills_territory_and_content() -> None:
    doc = document("territory-demands")
    found = [e for e in eventx_territory.extract(doc) if e.sentence_index == 0]
    assert len(found) == 1
    d = found[0]
    assert isinstance(d, Demand)
    assert d.trigger.text == "demanded"
    assert texts(d.territory) == ["Donetsk", "Luhansk"]
    assert texts(d.content) == ["cede"]
    assert texts(d.demander) == [] and texts(d.addressee) == []


def test_merge_same_trigger_keeps_every_role() -> None:
    doc = document("territory-demands")
    both = [*eventx_diplomacy.extract(doc), *eventx_territory.extract(doc)]
    demands = [e for e in both if e.type == "Demand" and e.sentence_index == 0]
    assert len(demands) == 2, "each plugin sees 'demanded'"
    merged = merge_same_trigger(demands)
    assert len(merged) == 1
    d = merged[0]
    assert isinstance(d, Demand)
    assert (texts(d.demander), texts(d.addressee), texts(d.content), texts(d.territory)) == (
        ["Kremlin"],
        ["Kyiv"],
        ["cede"],
        ["Donetsk", "Luhansk"],
    )


def test_one_demand_per_trigger_in_the_document() -> None:
    found = events("territory-demands", type="Demand")
    assert [(e.sentence_index, e.trigger.text) for e in found] == [
        (0, "demanded"),
        (1, "demanded"),
        (2, "insists"),
        (3, "called"),
        (4, "demand"),
        (5, "insisted"),
        (6, "ultimatum"),
    ]


def test_a_demand_without_land_has_no_territory() -> None:
    # Kyiv demanded the return of its prisoners.
    d = one("territory-negatives", 0, "Demand")
    assert d.extractor == "diplomacy"
    assert texts(d.territory) == []
    assert list(eventx_territory.extract(document("territory-negatives"))) == []


# ---------------------------------------------------------------------------- control
def test_relative_clause_occupies_a_share() -> None:
    # The Russian army, which occupies about 20% of Ukrainian territory, launched a new offensive in the east.
    c = control(0)
    assert (c.trigger.text, c.modality) == ("occupies", "asserted")
    assert texts(c.controller) == ["The Russian army"], "'which' resolves to the noun it modifies"
    assert texts(c.territory) == ["Ukrainian territory"]
    assert c.share == 20


def test_annexed() -> None:
    # Russia annexed Crimea in 2014.
    c = control(1)
    assert c.trigger.text == "annexed"
    assert (texts(c.controller), texts(c.territory), texts(c.time)) == (["Russia"], ["Crimea"], ["2014"])
    assert c.share is None


def test_annexation_by() -> None:
    # The annexation of Crimea by Russia in 2014 was condemned by the UN.
    c = control(2)
    assert c.trigger.text == "annexation"
    assert (texts(c.controller), texts(c.territory), texts(c.time)) == (["Russia"], ["Crimea"], ["2014"])


def test_possessive_occupation() -> None:
    # Israel's occupation of the West Bank began in 1967.
    c = control(3)
    assert c.trigger.text == "occupation"
    assert (texts(c.controller), texts(c.territory)) == (["Israel"], ["West Bank"])


def test_took_control_of() -> None:
    # Russian troops took control of the airport.
    c = control(4)
    assert c.trigger.text == "took"
    assert (texts(c.controller), texts(c.territory)) == (["Russian troops"], ["the airport"])


def test_recaptured() -> None:
    # Ukrainian forces recaptured the village of Robotyne in August.
    c = control(5)
    assert c.trigger.text == "recaptured"
    assert texts(c.controller) == ["Ukrainian forces"]
    assert texts(c.time) == ["August"]


def test_the_village_of_names_the_village() -> None:
    assert texts(control(5).territory) == ["Robotyne"]


def test_held_talks_is_no_control() -> None:
    # The two delegations held talks in Istanbul.
    assert events("territory-negatives", 1, "Control") == []
    assert [e.type for e in events("control")].count("Control") == 6
