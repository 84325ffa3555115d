"""Cue lists: the domain word lists (byline roles, person titles, ...) that rules in the package read.

Each list is a CSV under ``analysis/data/cues/`` in the lexicon file format (``term,category,match,note``
with a provenance header), read once by the lexicon reader, so a cue list is data to edit, not a
regular expression in code.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .concordance import pattern_source
from .config import CUES_DIR
from .lexicons import load_lexicon

__all__ = ["CUES_DIR", "load_cues", "cue_pattern_source"]



@lru_cache(maxsize=32)
def load_cues(name: str) -> pd.DataFrame:
    """The entries of the shipped cue list ``name`` (a file ``analysis/data/cues/NAME.csv``).

    >>> "councillor" in set(load_cues("person_titles")["term"])
    True
    """
    return load_lexicon(CUES_DIR / f"{name}.csv")


@lru_cache(maxsize=32)
def cue_pattern_source(name: str) -> str:
    """One case-insensitive alternation of cue list ``name``, longest entries first, to embed in a rule.

    >>> import re
    >>> re.fullmatch(cue_pattern_source("person_titles"), "Chief Superintendent") is not None
    True
    """
    cues = load_cues(name)
    entries = sorted(zip(cues["term"], cues["match"], strict=True), key=lambda e: (-len(e[0].split()), -len(e[0])))
    return "(?i:" + "|".join(pattern_source(term, match) for term, match in entries) + ")"
