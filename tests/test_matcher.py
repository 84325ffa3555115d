"""The hit engine: one alternation longest first, and a matcher that finds exactly its hits."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import load_lexicon
from analysis.matcher import (
    HIT_ARTICLE_COLUMNS,
    LexiconMatcher,
    article_rows,
    compile_lexicon,
    hit_frame,
    lexicon_matcher,
    sentence_span,
)


def test_one_alternation_longest_first():
    regex, entries = compile_lexicon(load_lexicon("loaded_terms"))
    assert entries["group"].is_unique and regex.groups >= len(entries)
    hit = regex.search("the illegal annexation of Crimea")
    assert hit.group() == "illegal annexation"
    assert entries.set_index("group").loc[hit.lastindex, "term"] == "illegal annexation"
    assert regex.search("They were called illegals.").group() == "illegals"  # not the shorter glob "illegal*"


# Entries and text pieces where a per-word look-up could part from the alternation: possessives, digits glued
# to letters, abbreviations, inner and final wildcards, regex and wildcard-first entries, case folding (ſ, K, İ).
TRICKY_ENTRIES = [
    ("war", "word"), ("war*", "glob"), ("war's", "word"), ("regime*", "glob"), ("s", "word"), ("th*", "glob"),
    ("a*b", "glob"), ("ab", "word"), ("b*", "glob"), ("co?id*", "glob"), ("covid", "word"), ("anti-*", "glob"),
    ("anti", "word"), ("rock'n'roll", "word"), ("don", "word"), ("k", "word"), ("\u212a*", "glob"), ("i", "word"),
    ("\u017fs", "word"), ("special operation", "phrase"), ("war\\w*", "regex"), ("(?:a|b)+", "regex"),
    ("\\b", "regex"), ("*ar", "glob"), ("?ar", "glob"), ("5th", "word"), ("e", "word"), ("a\u00b2", "word"),
    ("war s", "phrase"), ("ab'", "glob"),
]
PIECES = ["war", "War's", "regime", "s", "th", "ab", "b", "1990", "_", "'", "-", "'s", " ", ".", "U.S.", "e.g.",
          "\u017f", "\u212a", "\u0130", "\u00b2", "COVID-19", "rock'n'roll", "don't", "anti", "--", "'S", "special",
          "operation"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TRICKY_ENTRIES), min_size=1, max_size=12, unique=True),
       st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_matcher_finds_exactly_the_alternations_hits(entries, text):
    lexicon = pd.DataFrame([(term, "c", match) for term, match in entries], columns=["term", "category", "match"])
    regex, table = compile_lexicon(lexicon)
    entry_of = dict(zip(table["group"], range(len(table)), strict=True))
    expected = [(m.start(), m.end(), entry_of[m.lastindex]) for m in regex.finditer(text) if m.end() > m.start()]
    assert LexiconMatcher(lexicon, min_word_entries=1).find(text) == expected  # word entries looked up per word
    assert LexiconMatcher(lexicon, min_word_entries=len(entries) + 1).find(text) == expected  # all in the alternation


def test_matcher_is_built_once_per_lexicon_content():
    assert lexicon_matcher("frames") is lexicon_matcher(load_lexicon("frames"))
    assert lexicon_matcher("frames") is not lexicon_matcher(load_lexicon("frames").iloc[1:])


# --- hit rows ------------------------------------------------------------------------------------


def test_hit_frame_carries_the_article_columns_it_finds():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["T1", "T2"],
                         "published": pd.to_datetime(["2022-02-24", "2022-03-01"], utc=True)})
    out = hit_frame(arts, [1, 0, 1], pd.DataFrame({"start": [3, 1, 7]}))
    assert list(out.columns) == [*HIT_ARTICLE_COLUMNS, "start"]
    assert out[["article_id", "outlet", "title", "start"]].values.tolist() == [["b", "Y", "T2", 3], ["a", "X", "T1", 1],
                                                                               ["b", "Y", "T2", 7]]
    assert out["published"].dtype == arts["published"].dtype
    bare = hit_frame(arts[["article_id"]], [], pd.DataFrame({"start": []}), columns=("article_id", "outlet"))
    assert list(bare.columns) == ["article_id", "outlet", "start"] and bare.empty


def test_article_rows_and_sentence_span():
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["War came. Peace went.", None], "title": [None, "T"],
                         "language": ["en", "en"]})
    rows = article_rows(arts)
    assert rows[["article_id", "title", "text"]].values.tolist() == [["a", "", "War came. Peace went."], ["b", "T", ""]]
    assert sentence_span("War came. Peace went.", "text", 10, 15) == (1, 10, 21)
    assert sentence_span("War came. Peace went.", "text", 4, 12) == (0, 0, 21)  # a span across two sentences
    assert sentence_span("Headline", "title", 0, 4) == (None, 0, 8)
