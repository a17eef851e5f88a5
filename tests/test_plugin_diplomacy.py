"""The diplomacy plugin (Meeting, Demand, Exchange) on hand-written UD trees (tests/fixtures/plugins/)."""

from __future__ import annotations

import pytest
from plugin_helpers import check_spans, events, one, sentence_text, texts

from eventx import Demand, Event, Exchange, Meeting

DOCS = ("meetings", "meeting-modality", "attribution", "he-added", "demands", "exchanges", "diplomacy-negatives")
ONLY = ("diplomacy",)


def event(doc: str, sentence: int, type: str) -> Event:
    found = one(doc, sentence, type, plugins=ONLY)
    assert found.extractor == "diplomacy" and found.doc_id == doc
    return found


def meeting(doc: str, sentence: int) -> Meeting:
    found = event(doc, sentence, "Meeting")
    assert isinstance(found, Meeting)
    return found


def demand(doc: str, sentence: int) -> Demand:
    found = event(doc, sentence, "Demand")
    assert isinstance(found, Demand)
    return found


def exchange(doc: str, sentence: int) -> Exchange:
    found = event(doc, sentence, "Exchange")
    assert isinstance(found, Exchange)
    return found


def test_every_span_is_the_text_at_its_offsets() -> None:
    found = [e for doc in DOCS for e in events(doc, plugins=ONLY)]
    assert len(found) == 39
    for e in found:
        check_spans(e)


# ---------------------------------------------------------------------------- meetings
def test_negotiations_between_x_and_y() -> None:
    # Negotiations between Israel and Hamas resumed in Doha on Monday.
    m = meeting("meetings", 0)
    assert (m.trigger.text, m.modality) == ("Negotiations", "asserted")
    assert texts(m.participants) == ["Israel", "Hamas"]
    assert texts(m.location) == ["Doha"]
    assert texts(m.time) == ["Monday"]
    assert m.confidence == 0.9


def test_summit_held_by_representatives() -> None:
    # The leaders of France and Germany held a summit in Berlin.
    m = meeting("meetings", 1)
    assert m.trigger.text == "summit"
    assert texts(m.participants) == ["France", "Germany"], "the leaders stand for the countries they lead"
    assert texts(m.location) == ["Berlin"]


def test_x_met_y() -> None:
    # Zelensky met Macron at the Elysee Palace on Thursday.
    m = meeting("meetings", 2)
    assert m.trigger.text == "met"
    assert texts(m.participants) == ["Zelensky", "Macron"]
    assert texts(m.location) == ["Elysee Palace"]
    assert texts(m.time) == ["Thursday"]


def test_coordinated_subjects_met() -> None:
    # Erdogan and Putin met in Sochi.
    m = meeting("meetings", 3)
    assert texts(m.participants) == ["Erdogan", "Putin"]
    assert texts(m.location) == ["Sochi"]


def test_held_talks_with_x() -> None:
    # Kyiv held talks with Washington on security guarantees.
    m = meeting("meetings", 4)
    assert m.trigger.text == "talks"
    assert texts(m.participants) == ["Kyiv", "Washington"]
    assert texts(m.location) == [] and texts(m.time) == []


def test_visited() -> None:
    # Blinken visited Kyiv on Wednesday.
    m = meeting("meetings", 5)
    assert m.trigger.text == "visited"
    assert texts(m.participants) == ["Blinken"]
    assert texts(m.location) == ["Kyiv"], "the place visited is the location"
    assert texts(m.time) == ["Wednesday"]


def test_visit_noun() -> None:
    # Xi's visit to Moscow lasted three days.
    m = meeting("meetings", 6)
    assert m.trigger.text == "visit"
    assert texts(m.participants) == ["Xi"]


def test_visit_to_names_the_location() -> None:
    assert texts(meeting("meetings", 6).location) == ["Moscow"]


def test_meeting_roles_under_modality() -> None:
    negated = meeting("meeting-modality", 0)  # Zelensky did not meet Putin.
    assert texts(negated.participants) == ["Zelensky", "Putin"]
    possible = meeting("meeting-modality", 1)  # A meeting between Putin and Zelensky is possible.
    assert texts(possible.participants) == ["Putin", "Zelensky"]
    could = meeting("meeting-modality", 2)  # The two presidents could meet in Istanbul next month.
    assert texts(could.participants) == ["The two presidents"]
    assert texts(could.location) == ["Istanbul"] and texts(could.time) == ["next month"]
    agreed = meeting("meeting-modality", 3)  # The delegations agreed to meet again in Geneva.
    assert texts(agreed.participants) == ["The delegations"], "the controller of 'to meet' meets"
    assert texts(agreed.location) == ["Geneva"]
    will = meeting("meeting-modality", 4)  # Lavrov will visit Ankara on Tuesday.
    assert (texts(will.participants), texts(will.location), texts(will.time)) == (["Lavrov"], ["Ankara"], ["Tuesday"])
    must = meeting("meeting-modality", 5)  # The summit must take place in Riyadh.
    assert texts(must.location) == ["Riyadh"] and texts(must.participants) == []
    assert must.confidence == 0.75


def test_demanded_a_meeting() -> None:
    # Kyiv demanded a meeting with the Russian leadership.
    m = meeting("meeting-modality", 6)
    assert (m.trigger.text, m.modality) == ("meeting", "requested")
    assert "the Russian leadership" in texts(m.participants)
    d = demand("meeting-modality", 6)
    assert d.trigger.text == "demanded"
    assert texts(d.demander) == ["Kyiv"]
    assert texts(d.content) == ["a meeting"]


def test_host_is_not_a_participant() -> None:
    # Erdogan said Turkey would host talks between Russia and Ukraine.
    m = meeting("attribution", 6)
    assert texts(m.participants) == ["Russia", "Ukraine"]


def test_pronoun_participants_are_left_out() -> None:
    # Witkoff revealed that he had met Putin in Moscow.
    m = meeting("attribution", 3)
    assert texts(m.participants) == ["Putin"]
    assert texts(m.location) == ["Moscow"]


# ---------------------------------------------------------------------------- demands
def test_called_on_to() -> None:
    # The UN called on both sides to release all detainees.
    d = demand("demands", 0)
    assert (d.trigger.text, d.modality) == ("called", "asserted")
    assert texts(d.demander) == ["UN"]
    assert texts(d.addressee) == ["both sides"]
    assert texts(d.content) == ["release"]
    assert texts(d.territory) == [], "the territory role is the territory plugin's"


def test_urged() -> None:
    # Washington urged Israel to allow more aid into Gaza.
    d = demand("demands", 1)
    assert d.trigger.text == "urged"
    assert (texts(d.demander), texts(d.addressee), texts(d.content)) == (["Washington"], ["Israel"], ["allow"])


def test_requested() -> None:
    # Poland requested an emergency meeting of the Security Council.
    d = demand("demands", 2)
    assert d.trigger.text == "requested"
    assert texts(d.demander) == ["Poland"]
    assert texts(d.content) == ["an emergency meeting"]
    assert meeting("demands", 2).modality == "requested"


def test_ultimatum() -> None:
    # Russia issued an ultimatum to the defenders of Mariupol to surrender.
    d = demand("demands", 3)
    assert d.trigger.text == "ultimatum"
    assert texts(d.demander) == ["Russia"], "the subject of 'issued'"
    assert texts(d.addressee) == ["the defenders"]
    assert texts(d.content) == ["surrender"]


def test_offered() -> None:
    # Turkey offered to host talks between Russia and Ukraine.
    d = demand("demands", 4)
    assert d.trigger.text == "offered"
    assert texts(d.demander) == ["Turkey"]
    assert texts(d.content) == ["host"]
    assert texts(d.addressee) == []
    assert texts(meeting("demands", 4).participants) == ["Russia", "Ukraine"]


def test_insisted_on() -> None:
    # Kyiv insisted on a full ceasefire.
    d = demand("demands", 5)
    assert d.trigger.text == "insisted"
    assert texts(d.demander) == ["Kyiv"]


def test_insisted_on_names_the_content() -> None:
    d = demand("demands", 5)
    assert texts(d.content) == ["a full ceasefire"]
    assert texts(d.addressee) == []


def test_demanded_that_cede_without_the_territory_plugin() -> None:
    # The Kremlin demanded that Kyiv cede Donetsk and Luhansk.
    d = one("territory-demands", 0, "Demand", plugins=ONLY)
    assert isinstance(d, Demand)
    assert (texts(d.demander), texts(d.addressee), texts(d.content)) == (["Kremlin"], ["Kyiv"], ["cede"])
    assert texts(d.territory) == []


# ---------------------------------------------------------------------------- exchanges
def test_exchanged_n_for_n() -> None:
    # Russia and Ukraine exchanged 1,000 prisoners for 1,000 on Friday.
    x = exchange("exchanges", 0)
    assert (x.trigger.text, x.modality) == ("exchanged", "asserted")
    assert texts(x.parties) == ["Russia", "Ukraine"]
    assert texts(x.items) == ["1,000 prisoners"]
    assert x.quantity == 1000


def test_released_hostages() -> None:
    # Hamas released three Israeli hostages on Saturday.
    x = exchange("exchanges", 1)
    assert x.trigger.text == "released"
    assert texts(x.parties) == ["Hamas"]
    assert texts(x.items) == ["three Israeli hostages"]
    assert x.quantity == 3


def test_swapped_bodies() -> None:
    # Ukraine and Russia swapped the bodies of fallen soldiers.
    x = exchange("exchanges", 2)
    assert x.trigger.text == "swapped"
    assert texts(x.parties) == ["Ukraine", "Russia"]
    assert texts(x.items) == ["the bodies"]
    assert x.quantity is None


def test_exchange_of_goods_between() -> None:
    # The agreed exchange of goods between Armenia and Azerbaijan will begin in May.
    x = exchange("exchanges", 3)
    assert (x.trigger.text, x.modality) == ("exchange", "planned")
    assert texts(x.items) == ["goods"]
    assert texts(x.parties) == ["Armenia", "Azerbaijan"]


def test_not_exchanged() -> None:
    # Russia and Ukraine have not exchanged prisoners since August.
    x = exchange("exchanges", 4)
    assert x.modality == "negated"
    assert (texts(x.parties), texts(x.items), x.quantity) == (["Russia", "Ukraine"], ["prisoners"], None)


def test_exchanges_elsewhere() -> None:
    quoted = exchange("attribution", 4)  # "The prisoner exchange will take place on Friday," Umerov told reporters.
    assert texts(quoted.items) == ["prisoner"]
    passive = exchange("attribution", 5)  # The defence ministry confirmed that 90 prisoners were exchanged.
    assert (texts(passive.items), passive.quantity, texts(passive.parties)) == (["90 prisoners"], 90, [])
    release = exchange("he-added", 0)  # Lavrov said Russia would release 84 prisoners of war.
    assert (texts(release.parties), texts(release.items), release.quantity) == (["Russia"], ["84 prisoners"], 84)
    bodies = exchange("he-added", 2)  # He added that an exchange of bodies was also planned.
    assert texts(bodies.items) == ["bodies"]


def test_release_demanded_of_others() -> None:
    # The UN called on both sides to release all detainees.
    x = exchange("demands", 0)
    assert (x.trigger.text, x.modality) == ("release", "requested")
    assert texts(x.items) == ["all detainees"]


def test_release_parties_are_the_addressees() -> None:
    assert texts(exchange("demands", 0).parties) == ["both sides"]


# ---------------------------------------------------------------------------- negatives
@pytest.mark.parametrize(
    ("doc", "sentence", "type"),
    [
        ("diplomacy-negatives", 0, "Exchange"),  # Shares fell on the Moscow Stock Exchange on Monday.
        ("diplomacy-negatives", 1, "Exchange"),  # The central bank kept the exchange rate stable.
        ("diplomacy-negatives", 2, "Exchange"),  # The two ministers exchanged views on the crisis.
        ("diplomacy-negatives", 2, "Meeting"),
        ("diplomacy-negatives", 3, "Demand"),  # Demand for grain rose sharply in Egypt.
        ("diplomacy-negatives", 4, "Meeting"),  # The army met the target for recruitment.
        ("attack-negatives", 3, "Meeting"),  # Kyiv and Warsaw struck a deal on grain transit.
        ("attack-negatives", 3, "Exchange"),
        ("attack-negatives", 2, "Demand"),  # Journalists called the new law an attack on press freedom.
    ],
)
def test_no_event(doc: str, sentence: int, type: str) -> None:
    assert events(doc, sentence, type) == [], sentence_text(doc, sentence)


def test_negatives_give_no_event_of_any_type() -> None:
    assert events("diplomacy-negatives") == []
