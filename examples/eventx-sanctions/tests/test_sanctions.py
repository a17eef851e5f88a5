"""Tests of the sanctions plugin on hand-written CoNLL-U, through eventx.testing: no model, no torch."""

from __future__ import annotations

from collections.abc import Callable

import eventx_sanctions

import eventx
from eventx import Event, Extractor, ParsedDocument, PluginManager
from eventx.testing import assert_events

# "The European Union imposed sanctions on Iran on Monday." as a UD tree (ID FORM LEMMA UPOS XPOS FEATS HEAD
# DEPREL DEPS MISC), with the named entities Stanza's NER would add.
EU = """\
1	The	the	DET	DT	_	3	det	_	ner=O
2	European	European	PROPN	NNP	_	3	compound	_	ner=B-ORG
3	Union	Union	PROPN	NNP	_	4	nsubj	_	ner=E-ORG
4	imposed	impose	VERB	VBD	_	0	root	_	ner=O
5	sanctions	sanction	NOUN	NNS	_	4	obj	_	ner=O
6	on	on	ADP	IN	_	7	case	_	ner=O
7	Iran	Iran	PROPN	NNP	_	4	obl	_	ner=S-GPE
8	on	on	ADP	IN	_	9	case	_	ner=O
9	Monday	Monday	PROPN	NNP	_	4	obl	_	ner=S-DATE|SpaceAfter=No
10	.	.	PUNCT	.	_	4	punct	_	ner=O

"""

# "The sanctions took effect on Monday.": sanctions, but no target named.
NO_TARGET = """\
1	The	the	DET	DT	_	2	det	_	_
2	sanctions	sanction	NOUN	NNS	_	3	nsubj	_	_
3	took	take	VERB	VBD	_	0	root	_	_
4	effect	effect	NOUN	NN	_	3	obj	_	_
5	on	on	ADP	IN	_	6	case	_	_
6	Monday	Monday	PROPN	NNP	_	3	obl	_	SpaceAfter=No
7	.	.	PUNCT	.	_	3	punct	_	_

"""


def test_imposed_sanctions(eventx_run: Callable[..., list[Event]]) -> None:
    (event,) = eventx_run(eventx_sanctions, EU)
    assert_events(
        [event],
        [{"trigger": "imposed", "imposer": ["European Union"], "target": ["Iran"], "measure": ["sanctions"]}],
    )  # "on Monday" is a time, not a target
    assert event.modality == "asserted"


def test_no_target_no_event(eventx_run: Callable[..., list[Event]]) -> None:
    assert eventx_run(eventx_sanctions, NO_TARGET) == []


def test_through_the_plugin_manager(eventx_parse: Callable[..., ParsedDocument]) -> None:
    plugins = PluginManager(entry_points=False, plugins=[("sanctions", eventx_sanctions)], strict=True)
    assert plugins.event_types["Sanction"] is eventx_sanctions.Sanction
    (result,) = Extractor(plugins=plugins).results([eventx_parse(EU, "eu")])
    (event,) = result.events
    assert (event.doc_id, event.extractor) == ("eu", "sanctions")
    assert eventx.from_json(eventx.to_json(event), plugins.event_types) == event
