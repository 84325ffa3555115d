"""Rates per 1,000 words: one formula, one denominator rule, one column name (``per_1000``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import find_loaded_terms, frame_shares, term_frequencies
from analysis.frequencies import term_over_time
from analysis.rates import RATE, article_groups, article_words, per_1000, rate_table


@pytest.mark.parametrize("count, words, expected", [
    (3, 1500, 2.0),
    (0, 10, 0.0),
    (2, 0, 0.0),       # no words: nothing to count, never a division by zero
])
def test_per_1000(count, words, expected):
    assert per_1000(count, words) == expected


def test_per_1000_keeps_the_shape_and_the_index():
    assert per_1000(np.array([1, 2]), np.array([1000, 0])).tolist() == [1.0, 0.0]
    rates = per_1000(pd.Series([1, 4], index=["X", "Y"]), pd.Series([500, 2000], index=["X", "Y"]))
    assert rates.to_dict() == {"X": 2.0, "Y": 2.0}


def test_article_words_follow_the_fields_searched():
    articles = pd.DataFrame({"title": ["Talks fail", None], "text": ["They met. It failed.", "War."]})
    assert article_words(articles).tolist() == [6, 1]
    assert article_words(articles, headlines=False).tolist() == [4, 1]
    assert article_words(articles.assign(n_words=[40, 10]), headlines=False).tolist() == [40, 10]  # n_words wins


def test_rate_table_on_the_seed(seed):
    rates = rate_table(find_loaded_terms(seed), seed).set_index("category")
    # 362 body words + 10 headline words; 4 hedges (3 in the body, "reportedly" in the headline)
    assert (rates["words"] == 372).all()
    assert rates.loc["hedge", "hits"] == 4
    assert rates.loc["hedge", RATE] == pytest.approx(4 / 372 * 1000)
    body = find_loaded_terms(seed).query("field == 'text'")
    assert (rate_table(body, seed, headlines=False)["words"] == 362).all()


def test_rate_table_zero_fills_groups_and_values_and_keeps_the_order():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "title": ["", "", ""],
                             "text": ["One two three four.", "Five six.", "Seven eight nine."]})
    hits = pd.DataFrame({"article_id": ["a", "a", "b"],
                         "kind": pd.Categorical(["late", "late", "early"], categories=["late", "early", "none"])})
    before = articles.copy()
    out = rate_table(hits, articles, count="kind")
    pd.testing.assert_frame_equal(articles, before)
    assert list(out.columns) == ["outlet", "kind", "hits", "articles_with_hits", "articles", "words", RATE]
    assert out[["outlet", "kind", "hits", "articles_with_hits", "articles", "words"]].values.tolist() == [
        ["X", "late", 2, 1, 2, 6], ["X", "early", 1, 1, 2, 6], ["X", "none", 0, 0, 2, 6],
        ["Y", "late", 0, 0, 1, 3], ["Y", "early", 0, 0, 1, 3], ["Y", "none", 0, 0, 1, 3]]
    assert out[RATE].tolist() == pytest.approx([2000 / 6, 1000 / 6, 0, 0, 0, 0])


def test_article_groups_reads_english_articles_only():
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "language": ["en", "de"],
                             "text": ["War.", "Krieg."]})
    assert article_groups(articles, "outlet").to_dict() == {"a": "X"}
    with pytest.raises(KeyError, match="desk"):
        article_groups(articles, "desk")


def test_one_rule_across_the_views(seed):
    # Views that read the body only divide by body words; views that read headlines too add headline words.
    assert term_frequencies(seed).set_index("term").loc["russia", RATE] == pytest.approx(per_1000(4, 362))
    dated = seed.assign(published=pd.Timestamp("2022-10-01", tz="UTC"))
    assert term_over_time(dated, "russia", freq="D")["words"].tolist() == [362]
    assert (frame_shares(seed)["words"] == 372).all()


def test_rate_table_of_an_empty_set_is_an_empty_table_not_an_error():
    # run_pipeline on an empty article table failed here: the hit counts' group column was float, the groups' not
    articles = pd.DataFrame({"article_id": pd.Series([], dtype="string"), "outlet": pd.Series([], dtype="string"),
                             "title": pd.Series([], dtype="string"), "text": pd.Series([], dtype="string")})
    hits = pd.DataFrame({"article_id": pd.Series([], dtype="string"), "category": pd.Series([], dtype="string")})
    out = rate_table(hits, articles)
    assert out.empty and {"outlet", "category", "hits", "words", RATE} <= set(out.columns)
