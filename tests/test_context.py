"""Modality and attribution (eventx.rules), through the built-in plugins' events and directly.

The sentences are hand-written UD trees in tests/fixtures/plugins/ (see make_fixtures.py there).
"""

from __future__ import annotations

import importlib.util

import pytest
from plugin_helpers import PLUGIN_FIXTURES, document, one, sentence_text, word

from eventx.parsing import validate_conllu
from eventx.rules import Attribution, RuleContext, modality


# ---------------------------------------------------------------------------- modality of events
@pytest.mark.parametrize(
    ("doc", "sentence", "type", "trigger", "expected"),
    [
        # asserted
        ("meetings", 0, "Meeting", "Negotiations", "asserted"),  # Negotiations ... resumed in Doha on Monday.
        ("meetings", 4, "Meeting", "talks", "asserted"),  # Kyiv held talks with Washington ...
        ("exchanges", 0, "Exchange", "exchanged", "asserted"),  # Russia and Ukraine exchanged 1,000 prisoners ...
        ("attack-verbs", 0, "Attack", "shelled", "asserted"),  # Russian forces shelled Vovchansk overnight, ...
        ("territory-demands", 0, "Demand", "demanded", "asserted"),  # The Kremlin demanded that Kyiv cede ...
        ("control", 1, "Control", "annexed", "asserted"),  # Russia annexed Crimea in 2014.
        # negated
        ("meeting-modality", 0, "Meeting", "meet", "negated"),  # Zelensky did not meet Putin.
        ("exchanges", 4, "Exchange", "exchanged", "negated"),  # Russia and Ukraine have not exchanged prisoners ...
        # hypothetical
        ("meeting-modality", 1, "Meeting", "meeting", "hypothetical"),  # A meeting between ... is possible.
        ("meeting-modality", 2, "Meeting", "meet", "hypothetical"),  # The two presidents could meet in Istanbul ...
        ("attribution", 1, "Meeting", "talks", "hypothetical"),  # Peskov said the talks would continue ...
        ("attribution", 6, "Meeting", "talks", "hypothetical"),  # Erdogan said Turkey would host talks ...
        ("he-added", 0, "Exchange", "release", "hypothetical"),  # Lavrov said Russia would release 84 prisoners
        ("meeting-modality", 7, "Attack", "shelling", "hypothetical"),  # Talks take place only if the shelling stops.
        ("meeting-modality", 7, "Meeting", "Talks", "hypothetical"),
        # planned
        ("meeting-modality", 3, "Meeting", "meet", "planned"),  # The delegations agreed to meet again ...
        ("exchanges", 3, "Exchange", "exchange", "planned"),  # The agreed exchange of goods ...
        ("meeting-modality", 4, "Meeting", "visit", "planned"),  # Lavrov will visit Ankara on Tuesday.
        ("attribution", 4, "Exchange", "exchange", "planned"),  # "The prisoner exchange will take place ..."
        ("meeting-modality", 5, "Meeting", "summit", "planned"),  # The summit must take place in Riyadh.
        ("attribution", 2, "Meeting", "negotiations", "planned"),  # ... that the negotiations must continue.
        ("he-added", 2, "Exchange", "exchange", "planned"),  # ... an exchange of bodies was also planned.
        # requested
        ("meeting-modality", 6, "Meeting", "meeting", "requested"),  # Kyiv demanded a meeting with ...
        ("demands", 2, "Meeting", "meeting", "requested"),  # Poland requested an emergency meeting ...
        ("demands", 0, "Exchange", "release", "requested"),  # The UN called on both sides to release ...
        ("demands", 4, "Meeting", "talks", "requested"),
    ],
)
def test_event_modality(doc: str, sentence: int, type: str, trigger: str, expected: str) -> None:
    event = one(doc, sentence, type)
    assert event.trigger.text == trigger, sentence_text(doc, sentence)
    assert event.modality == expected, sentence_text(doc, sentence)


# ---------------------------------------------------------------------------- modality() itself
def test_no_cue_gives_none() -> None:
    sent, negotiations = word("meetings", 0, "Negotiations")
    assert modality(sent, negotiations) is None


def test_cues_on_the_path_to_the_root() -> None:
    assert modality(*word("meeting-modality", 0, "meet")) == "negated"  # did not meet
    assert modality(*word("meeting-modality", 1, "meeting")) == "hypothetical"  # a meeting ... is possible
    assert modality(*word("meeting-modality", 3, "meet")) == "planned"  # agreed to meet
    assert modality(*word("meeting-modality", 5, "summit")) == "planned"  # the summit must take place


def test_requested_can_be_turned_off() -> None:
    sent, meeting = word("meeting-modality", 6, "meeting")  # Kyiv demanded a meeting with the Russian leadership.
    assert modality(sent, meeting) == "requested"
    assert modality(sent, meeting, requested_ok=False) is None
    sent, demanded = word("meeting-modality", 6, "demanded")
    assert modality(sent, demanded, requested_ok=False) is None, "a demand is not requested itself"


def test_clause_boundaries_stop_the_walk() -> None:
    # Peskov said the talks would continue in Istanbul: "would" belongs to the reported clause only
    assert modality(*word("attribution", 1, "said")) is None
    # The Russian army, which occupies about 20% ..., launched a new offensive: a relative clause is its own
    assert modality(*word("control", 0, "occupies")) is None


# ---------------------------------------------------------------------------- attribution of events
@pytest.mark.parametrize(
    ("doc", "sentence", "type", "trigger", "source"),
    [
        ("attribution", 0, "Meeting", "met", "Kremlin"),  # According to the Kremlin, ...
        ("attack-nouns", 0, "Attack", "strike", "White Helmets"),  # ..., according to the White Helmets.
        ("attribution", 1, "Meeting", "talks", "Peskov"),  # Peskov said ...
        ("attribution", 6, "Meeting", "talks", "Erdogan"),  # Erdogan said ...
        ("attack-nouns", 3, "Attack", "bombardment", "local officials"),  # ..., local officials said.
        ("attribution", 2, "Meeting", "negotiations", "Zelensky"),  # Zelensky stressed that ...
        ("attribution", 3, "Meeting", "met", "Witkoff"),  # Witkoff revealed that ...
        ("attribution", 5, "Exchange", "exchanged", "The defence ministry"),  # The defence ministry confirmed that ...
        ("attribution", 4, "Exchange", "exchange", "Umerov"),  # "...," Umerov told reporters.
        ("he-added", 0, "Exchange", "release", "Lavrov"),  # Lavrov said ...
        ("he-added", 1, "Attack", "wounded", "Officials"),  # Officials in Kyiv said ...
        ("he-added", 2, "Exchange", "exchange", "Lavrov"),  # He added that ...
        ("meetings", 0, "Meeting", "Negotiations", None),
        ("meeting-modality", 0, "Meeting", "meet", None),
        ("exchanges", 0, "Exchange", "exchanged", None),
    ],
)
def test_event_attribution(doc: str, sentence: int, type: str, trigger: str, source: str | None) -> None:
    event = one(doc, sentence, type)
    assert event.trigger.text == trigger, sentence_text(doc, sentence)
    if source is None:
        assert event.attributed_to is None
        return
    assert event.attributed_to is not None, sentence_text(doc, sentence)
    assert event.attributed_to.text == source
    text = document(doc).text
    assert event.attributed_to.start == text.index(source), "the span points at the source's mention"


def test_he_added_resolves_to_the_last_named_speaker() -> None:
    # Lavrov said ... . Officials in Kyiv said ... . He added that an exchange of bodies was also planned.
    doc = document("he-added")
    attribution = Attribution(doc)
    sent, exchange = word("he-added", 2, "exchange")
    source = attribution.source(sent, exchange)
    assert source is not None and source.text == "Lavrov"
    assert doc.sentences[0].start <= source.start < doc.sentences[0].end, "named in the first sentence"
    # "Officials" spoke in between, but is no name: "He" skips it
    sent, wounded = word("he-added", 1, "wounded")
    officials = attribution.source(sent, wounded)
    assert officials is not None and officials.text == "Officials"


def test_the_speaker_is_no_source_of_its_own_speech_verb() -> None:
    sent, said = word("attribution", 1, "said")
    assert Attribution(document("attribution")).source(sent, said) is None


def test_according_to_overrides_the_tree() -> None:
    sent, putin = word("attribution", 0, "Putin")
    source = Attribution(document("attribution")).source(sent, putin)
    assert source is not None and source.text == "Kremlin"


def test_rule_context_fields() -> None:
    doc = document("attribution")
    sent, talks = word("attribution", 1, "talks")
    found = RuleContext(doc).fields(sent, talks)
    assert found["modality"] == "hypothetical" and found["sentence_index"] == 1
    assert found["trigger"] == sent.span(talks)
    assert found["attributed_to"] is not None and found["attributed_to"].text == "Peskov"
    sent, met = word("meeting-modality", 0, "meet")
    fields = RuleContext(document("meeting-modality")).fields(sent, met)
    assert (fields["modality"], fields["attributed_to"]) == ("negated", None)


# ---------------------------------------------------------------------------- the shared fixtures
def test_fixtures_match_their_generator() -> None:
    """The .conllu files are what make_fixtures.py writes (rerun it after editing a tree)."""
    spec = importlib.util.spec_from_file_location("make_fixtures", PLUGIN_FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    written = sorted(p.stem for p in PLUGIN_FIXTURES.glob("*.conllu"))
    assert written == sorted(generator.DOCS)
    for name, sentences in generator.DOCS.items():
        text = (PLUGIN_FIXTURES / f"{name}.conllu").read_text(encoding="utf-8")
        assert text == generator.render(name, sentences), f"{name}.conllu is stale"
        validate_conllu(text)
        assert document(name).text == " ".join(sentence for sentence, _ in sentences)
