"""Loaded terms: detection with voice on the seed (checked by hand), each category, contracts, rates, KWIC lines."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import CATEGORIES, frame

from analysis import find_loaded_terms, kwic, load_lexicon, loaded_term_rates
from analysis.lexicons import LexiconError
from analysis.loaded_terms import LOADED_TERM_COLUMNS, loaded_term_kwic
from analysis.memos import memo_stats
from analysis.voice import scare_quotes

# --- the seed article, checked by hand -------------------------------------------------------


def test_seed_hits_as_checked_by_hand(seed_hits):
    # Read off the seed article line by line (headline + body); the voice follows the documented rules.
    expected = [
        ("title", "reportedly", "hedge", "own"),                     # Russia reportedly plans ...
        ("title", "massive", "intensifier", "own"),                  # ... massive troop surge
        ("text", "reportedly", "hedge", "own"),                      # is reportedly planning to deploy
        ("text", "purportedly", "hedge", "own"),                     # the Kremlin is purportedly aiming
        ("text", "Reports suggest", "hedge", "own"),
        ("text", "massive", "intensifier", "attributed"),            # Reports suggest ... this massive mobilization
        ("text", "special operation", "euphemism", "own"),           # subheading: From a special operation to a war
        ("text", "special military operation", "euphemism", "scare_quoted"),
        ("text", "collective West", "pejorative", "scare_quoted"),
        ("text", "occupied", "legitimacy", "scare_quoted"),           # "de facto occupied"
        ("text", "unlawfully annexed", "legitimacy", "own"),         # ..., referring to regions that Russia unlawfully annexed
        ("text", "new federal entities", "euphemism", "attributed"),  # He emphasized ... these new federal entities
        ("text", "dictator", "pejorative", "attributed"),            # who is often described as a dictator
        ("text", "illegally annexed", "legitimacy", "own"),
        ("text", "dangerously", "intensifier", "attributed"),        # Putin underscored ... could dangerously
    ]
    got = list(seed_hits[["field", "matched", "category", "voice"]].astype(str).itertuples(index=False, name=None))
    assert got == expected


def test_seed_acceptance_counts(seed_hits):
    matched = seed_hits["matched"].str.lower()
    assert (matched == "reportedly").sum() == 2
    assert sorted(seed_hits.loc[matched == "reportedly", "field"]) == ["text", "title"]
    assert (matched == "purportedly").sum() == 1
    # "massive troop surge" (headline) and "this massive mobilization effort" (body)
    assert (matched == "massive").sum() == 2
    assert seed_hits.loc[matched == "dictator", "category"].tolist() == ["pejorative"]
    legality = seed_hits[seed_hits["category"] == "legitimacy"]
    assert {"illegally annexed", "unlawfully annexed"} <= set(legality["matched"])
    # longest match wins: no separate hit for "illegally" or "annexed" inside "illegally annexed"
    assert not matched.isin(["illegally", "unlawfully", "annexed"]).any()


def test_seed_offsets_point_at_the_match_in_their_field(seed, seed_hits):
    article = seed.iloc[0]
    for hit in seed_hits.itertuples():
        value = article["title"] if hit.field == "title" else article["text"]
        assert value[hit.start:hit.end] == hit.matched
        assert hit.matched in hit.sentence


# --- each shipped category: one sentence that matches, one that does not ------------------------


@pytest.mark.parametrize("category, text, matched", [
    ("pejorative", "The regime arrested the protesters.", "regime"),
    ("pejorative", "She kept to a strict regimen of pills.", None),
    ("pejorative", "Thugs attacked the reporters.", "Thugs"),
    ("pejorative", "Anti-regime protests spread.", None),  # whole words: "regime" inside "anti-regime" is not a hit
    ("legitimacy", "Russia illegally annexed Crimea in 2014.", "illegally annexed"),
    ("legitimacy", "The vote was legal under the constitution.", None),
    ("legitimacy", "The so-called referendum was held at gunpoint.", "so-called"),
    ("hedge", "The general was allegedly killed in the strike.", "allegedly"),
    ("hedge", "The general was killed in the strike.", None),
    ("hedge", "He was rumoured to be ill.", "rumoured"),  # a regex entry: rumoured or rumored
    ("hedge", "Rumours spread.", None),
    ("intensifier", "A massive explosion shook the city.", "massive"),
    ("intensifier", "Mass graves were found near the city.", None),
    ("intensifier", "The blast shook the city.", None),  # "blasted" (criticised) is listed, "blast" is not
    ("euphemism", "Moscow launched what it calls a special military operation.", "special military operation"),
    ("euphemism", "Special forces carried out an operation.", None),
])
def test_each_category_matches_and_does_not(category, text, matched):
    hits = find_loaded_terms(frame(text))
    if matched is None:
        assert hits.empty
    else:
        assert hits["matched"].tolist() == [matched]
        assert hits["category"].astype(str).tolist() == [category]


# --- contracts, rates, KWIC ------------------------------------------------------------------


def test_contract_columns_empty_and_not_mutated(seed):
    before = seed.copy()
    hits = find_loaded_terms(seed)
    pd.testing.assert_frame_equal(seed, before)
    assert list(hits.columns) == LOADED_TERM_COLUMNS
    empty = find_loaded_terms(seed.iloc[0:0])
    assert list(empty.columns) == LOADED_TERM_COLUMNS and empty.empty
    assert scare_quotes(seed.iloc[0:0]).empty


def test_headline_quotes_and_empty_rates():
    articles = frame("Talks went on.", title='Putin\'s "special operation" enters its third week')
    quotes = scare_quotes(articles)
    assert quotes[["field", "quote", "kind"]].astype(str).values.tolist() == [["title", "special operation",
                                                                              "scare_quote"]]
    hits = find_loaded_terms(articles)
    assert hits[["field", "matched", "voice"]].astype(str).values.tolist() == [["title", "special operation",
                                                                               "scare_quoted"]]
    rates = loaded_term_rates(hits.iloc[0:0], articles)
    assert rates["category"].tolist() == CATEGORIES and (rates["hits"] == 0).all()
    assert (rates["words"] == 3 + 7).all()  # body + headline words
    with pytest.raises(LexiconError):
        load_lexicon([])


def test_non_english_articles_are_not_read():
    assert find_loaded_terms(frame("The regime fell.", language="ru")).empty


def test_tokens_are_reused_not_recomputed(seed):
    find_loaded_terms(seed)
    computed = memo_stats()["tokens"]["misses"]
    find_loaded_terms(seed)
    scare_quotes(seed)
    assert memo_stats()["tokens"]["misses"] == computed


def test_rates_on_the_seed(seed, seed_hits):
    rates = loaded_term_rates(seed_hits, seed)
    assert rates["category"].tolist() == CATEGORIES
    by_category = rates.set_index("category")
    # 362 body words + 10 headline words; hits counted by hand in test_seed_hits_as_checked_by_hand
    assert (by_category["words"] == 372).all()
    assert by_category["hits"].to_dict() == {"pejorative": 2, "legitimacy": 3, "hedge": 4, "intensifier": 3,
                                             "euphemism": 3}
    assert by_category.loc["hedge", "per_1000"] == pytest.approx(4 / 372 * 1000)
    assert (by_category["articles_with_hits"] == 1).all() and (by_category["articles"] == 1).all()


def test_rates_keep_zero_groups_and_open_as_kwic():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "title": ["", "", ""],
                             "text": ["A brutal regime. A brutal war.", "Talks went on.", "The regime fell."]})
    hits = find_loaded_terms(articles)
    rates = loaded_term_rates(hits, articles).set_index(["outlet", "category"])
    assert rates.loc[("X", "intensifier"), ["hits", "articles_with_hits", "articles", "words"]].tolist() == [2, 1, 2, 9]
    assert rates.loc[("Y", "intensifier"), "hits"] == 0
    lines = loaded_term_kwic(hits, outlet="X", category="intensifier")
    assert len(lines) == rates.loc[("X", "intensifier"), "hits"]
    # the same lines kwic() gives for the term
    direct = kwic(articles[articles["outlet"] == "X"], "brutal*")
    pd.testing.assert_frame_equal(lines[direct.columns].reset_index(drop=True), direct.reset_index(drop=True),
                                  check_dtype=False)


def test_known_answer_hits(known):
    from conftest import KNOWN_ANSWERS

    hits = find_loaded_terms(known)
    assert list(hits[["article_id", "matched", "category", "voice"]].astype(str).itertuples(index=False, name=None)) \
        == KNOWN_ANSWERS["loaded"]
