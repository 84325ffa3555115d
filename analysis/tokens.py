"""Word tokens: one tokenizer for the whole package, so every count agrees."""

from __future__ import annotations

import re

__all__ = ["WORD_PATTERN", "tokenize", "count_words"]

# Abbreviations with inner dots (U.S., E.U.), numbers with decimals or separators
# (2.0, 300,000), and words with inner hyphens or apostrophes (de-escalation, Kharkiv's).
WORD_PATTERN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?"
    r"|[^\W\d_]+(?:['\-][^\W\d_]+)*(?:'s)?",
)


def tokenize(text: str) -> list[str]:
    """Word tokens of ``text`` as written (no lower-casing), punctuation dropped.

    >>> tokenize("Kharkiv's 300,000 reservists: mobilization 2.0 in the U.S. too.")
    ["Kharkiv's", '300,000', 'reservists', 'mobilization', '2.0', 'in', 'the', 'U.S.', 'too']
    """
    return WORD_PATTERN.findall(text)


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (the ``n_words`` column of an article table).

    >>> count_words("Russia is at war with Ukraine.")
    6
    """
    return sum(1 for _ in WORD_PATTERN.finditer(text))
