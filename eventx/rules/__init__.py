"""The rule toolkit: the API for writing rule-based event extractors.

One module per job, everything re-exported here:

* :mod:`~eventx.rules.words`: the :class:`Word` protocol, word forms, matching a lexicon;
* :mod:`~eventx.rules.trees`: :class:`ParsedSentence`, navigation over the dependency tree;
* :mod:`~eventx.rules.lexicons`: word lists in TOML files that users can extend;
* :mod:`~eventx.rules.patterns`: subjects, prepositional objects, conjuncts, places, multi-word entries;
* :mod:`~eventx.rules.modality`, :mod:`~eventx.rules.attribution`, :mod:`~eventx.rules.time`,
  :mod:`~eventx.rules.numbers`: the modality, source, time and counts of an event;
* :mod:`~eventx.rules.cues`: the shared cue words, typed;
* :mod:`~eventx.rules.events`: the fields every event shares, in one call, and the extractor spec;
* :mod:`~eventx.rules.declarative`: event patterns: a trigger lexicon and how roles attach.

See docs/rules.md for the reference.
"""

from eventx.rules.attribution import Attribution
from eventx.rules.cues import Cues, cues
from eventx.rules.declarative import (
    Attachment,
    CountOf,
    EventPattern,
    First,
    Itself,
    Modifier,
    Object,
    PassiveAgent,
    Prep,
    Subject,
    Trigger,
    pattern_hooks,
    patterns_spec,
)
from eventx.rules.events import RULE_PROCESSORS, BaseFields, RuleContext, Setting, extractor_spec
from eventx.rules.lexicons import ENV_LEXICON_PATH, Lexicon, LexiconError, load_lexicon, merge, word_set
from eventx.rules.modality import modality
from eventx.rules.numbers import count_of, number_run, parse_number, people_count, percent_of
from eventx.rules.patterns import (
    LOC_TYPES,
    LOCATIVE_PREPS,
    PLACE_PREPS,
    case_of,
    conjunct_entities,
    conjuncts,
    coordinated_span,
    dedupe,
    event_heads,
    is_place,
    locations,
    nested_locations,
    phrase_at,
    phrase_starts,
    place_modifiers,
    prep_objects,
    subject,
)
from eventx.rules.time import is_time_word, sentence_times, time_expressions
from eventx.rules.trees import NP_DEPRELS, ParsedSentence, deprel_matches, end_of, start_of
from eventx.rules.words import Entity, Word, base, forms, matches

__all__ = [
    "ENV_LEXICON_PATH",
    "LOCATIVE_PREPS",
    "LOC_TYPES",
    "NP_DEPRELS",
    "PLACE_PREPS",
    "RULE_PROCESSORS",
    "Attachment",
    "Attribution",
    "BaseFields",
    "CountOf",
    "Cues",
    "Entity",
    "EventPattern",
    "First",
    "Itself",
    "Lexicon",
    "LexiconError",
    "Modifier",
    "Object",
    "ParsedSentence",
    "PassiveAgent",
    "Prep",
    "RuleContext",
    "Setting",
    "Subject",
    "Trigger",
    "Word",
    "base",
    "case_of",
    "conjunct_entities",
    "conjuncts",
    "coordinated_span",
    "count_of",
    "cues",
    "dedupe",
    "deprel_matches",
    "end_of",
    "event_heads",
    "extractor_spec",
    "forms",
    "is_place",
    "is_time_word",
    "load_lexicon",
    "locations",
    "matches",
    "merge",
    "modality",
    "nested_locations",
    "number_run",
    "parse_number",
    "pattern_hooks",
    "patterns_spec",
    "people_count",
    "percent_of",
    "phrase_at",
    "phrase_starts",
    "place_modifiers",
    "prep_objects",
    "sentence_times",
    "start_of",
    "subject",
    "time_expressions",
    "word_set",
]
