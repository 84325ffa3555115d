"""Cue lists: the domain word lists (byline roles, person titles, reporting verbs, negators, ...) that rules read.

Each list is a CSV under ``analysis/data/cues/`` in the lexicon file format (``term,category,match,note``
with a provenance header), read once by the lexicon reader, so a cue list is data to edit, not a
regular expression in code. A rule embeds a list either as a whole-word alternation in the one grammar
(:func:`cue_pattern_source`) or, where it keeps boundaries of its own, as the literal forms
(:func:`cue_terms`, :func:`cue_words_source`). A list whose entries serve several rules says which in
its ``category`` column: the uses of an entry, separated by spaces (``reporting_verbs``: ``voice after
source``), and ``category=`` picks the entries of one use.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .config import CUES_DIR
from .lexicons import load_lexicon
from .patterns import alternation_source

__all__ = ["CUES_DIR", "cue_pattern_source", "cue_terms", "cue_words_source", "load_cues"]



@lru_cache(maxsize=32)
def load_cues(name: str) -> pd.DataFrame:
    """The entries of the shipped cue list ``name`` (a file ``analysis/data/cues/NAME.csv``).

    >>> "said" in set(load_cues("reporting_verbs")["term"])
    True
    """
    return load_lexicon(CUES_DIR / f"{name}.csv")


@lru_cache(maxsize=32)
def cue_pattern_source(name: str) -> str:
    """One case-insensitive alternation of cue list ``name``, longest entries first, to embed in a rule.

    >>> import re
    >>> re.findall(cue_pattern_source("reporting_verbs"), "She pointed out what he said and thinks.")
    ['pointed out', 'said', 'thinks']
    """
    cues = load_cues(name)
    return alternation_source(zip(cues["term"], cues["match"], strict=True))


@lru_cache(maxsize=64)
def cue_terms(name: str, category: str | None = None) -> tuple[str, ...]:
    """The terms of cue list ``name`` as written, in file order; with ``category``, those of that use only.

    ``category`` is one word of an entry's ``category`` column (which lists an entry's uses, separated
    by spaces).

    >>> cue_terms("reporting_verbs", category="inverted")[:4]
    ('added', 'claimed', 'declared', 'explained')
    >>> "not" in cue_terms("negators"), "said" in cue_terms("reporting_verbs", category="passive")
    (True, False)
    """
    cues = load_cues(name)
    if category is None:
        return tuple(cues["term"])
    keep = cues["category"].str.split().map(lambda uses: category in uses)
    if not keep.any():
        raise KeyError(f"cue list {name!r} has no entry of category {category!r}")
    return tuple(cues.loc[keep, "term"])


@lru_cache(maxsize=64)
def cue_words_source(name: str, category: str | None = None) -> str:
    r"""The literal terms of :func:`cue_terms` as one alternation, longest first, white space as ``\s+``.

    No boundaries and no flags: the rule that embeds it keeps its own (``\b(?:...)\b``, case ignored or not).

    >>> import re
    >>> re.findall(rf"\b(?:{cue_words_source('reporting_verbs', 'source')})\b", "She pointed out what he said.")
    ['pointed out', 'said']
    """
    terms = sorted(cue_terms(name, category), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in term.split()) for term in terms)
