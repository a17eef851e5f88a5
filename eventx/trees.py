"""Moved to :mod:`eventx.rules.trees`; kept so that ``eventx.trees`` imports keep working."""

from eventx.rules.trees import NP_DEPRELS, ParsedSentence, deprel_matches, end_of, start_of
from eventx.rules.words import Word

__all__ = ["NP_DEPRELS", "ParsedSentence", "Word", "deprel_matches", "end_of", "start_of"]
