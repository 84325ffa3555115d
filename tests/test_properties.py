"""Property-based tests: arbitrary Unicode never crashes cleaning, tokenizing or KWIC; offsets stay true."""

from __future__ import annotations

import pandas as pd
from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import kwic, load_articles
from analysis.clean import cleaning_diff, normalize_text, parse_scrape
from analysis.tokens import article_tokens, sentence_table, split_sentences, tokenize

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
wordy = st.lists(st.sampled_from(["war", "Kyiv's", "annexed", "de facto", "U.S.", "2.0", '"quoted"', "-", "\n\n",
                                  "Mr.", "peace.", "\u200b", "\u202e", "Ünïcödé", "мир", " "]), max_size=60).map(" ".join)


@SETTINGS
@given(texts)
def test_cleaning_and_tokenizing_never_crash(text):
    cleaned = normalize_text(text)
    assert normalize_text(cleaned) == cleaned  # idempotent
    scrape = parse_scrape(text)
    assert isinstance(scrape.text, str)
    tokens = tokenize(cleaned)
    assert all(t and not t.isspace() for t in tokens)
    spans = article_tokens(cleaned)
    assert len(spans.tokens) == len(tokens)
    assert (spans.sentence_starts <= spans.sentence_ends).all()


@SETTINGS
@given(st.one_of(texts, wordy))
def test_sentences_cover_the_words_in_order(text):
    cleaned = normalize_text(text)
    assert [t for s in split_sentences(cleaned) for t in tokenize(s)] == tokenize(cleaned)


@SETTINGS
@given(st.one_of(texts, wordy), st.sampled_from(["war", "annex*", "de facto", "kyiv", "u.s.", "2.0", "мир"]))
def test_kwic_offsets_point_at_the_match(text, pattern):
    cleaned = normalize_text(text)
    frame = pd.DataFrame({"article_id": ["a"], "text": [cleaned]})
    for line in kwic(frame, pattern).itertuples():
        assert cleaned[line.start:line.end] == line.match
        assert line.match in line.sentence


def test_cleaning_keeps_every_body_sentence_of_the_sample():
    articles = load_articles(SAMPLE, cache=False)
    before = after = 0
    for _, article in articles.iterrows():
        diff = cleaning_diff(articles, article["article_id"])
        kept_lines = diff.loc[diff.status == "kept", "line"]
        removed = diff.loc[diff.status == "removed"]
        # Every removed line is named scrape noise (headline, caption, credit, time line, trailer).
        assert removed["reason"].isin(["section label + headline", "repeated headline", "headline",
                                       "image caption", "repeated line", "image credit",
                                       "time line (moved to published)", "trailer"]).all(), removed
        before += sum(len(split_sentences(line)) for line in kept_lines)
    after = len(sentence_table(articles))
    assert before == after > 5000
