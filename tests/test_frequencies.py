"""Words: tokenization, sentences, frequencies, keyness, collocations and KWIC, hand-checked."""

from __future__ import annotations

import math

import nltk
import pandas as pd
import pytest
from conftest import SEED, network_is_blocked

from analysis import collocations, keyness, kwic, load_articles, term_frequencies
from analysis import tokens as tokens_module
from analysis.frequencies import distinctive_terms, term_over_time
from analysis.memos import memo_stats
from analysis.tokens import sentence_table, split_sentences, tokenize


@pytest.fixture(scope="module")
def seed():
    return load_articles(SEED, cache=False)


@pytest.fixture(scope="module")
def sample():
    from conftest import SAMPLE

    return load_articles(SAMPLE, cache=False)


# --- sentences and tokens -------------------------------------------------------------------

PARAGRAPH = ("Mr. Peskov met Dr. Smith in the U.S. on Feb. 24 to discuss the plan. "
             "Reporters called it mobilization 2.0 and the talks lasted 2.5 hours. "
             "The E.U. did not comment.")


def test_sentence_splitting_handles_abbreviations_and_decimals():
    assert split_sentences(PARAGRAPH) == [
        "Mr. Peskov met Dr. Smith in the U.S. on Feb. 24 to discuss the plan.",
        "Reporters called it mobilization 2.0 and the talks lasted 2.5 hours.",
        "The E.U. did not comment.",
    ]


def test_paragraph_break_ends_a_sentence(seed):
    sentences = sentence_table(seed)["sentence"].tolist()
    assert "From a special operation to a war" in sentences
    assert sentences[0] == ("The Russian Ministry of Defense is reportedly planning to deploy an additional "
                            "300,000 soldiers to Ukraine, with a strategy to initiate the siege of Kharkiv, as "
                            'informed by the independent Russian news outlet "Wiorstka".')
    assert len(sentences) == 14  # hand count of the seed body (9 paragraphs, heading included)


@pytest.mark.parametrize("text, expected", [
    ("de facto occupied", ["de", "facto", "occupied"]),
    ("mobilization 2.0.", ["mobilization", "2.0"]),
    ("Kharkiv's defenders", ["Kharkiv's", "defenders"]),
    ("300,000 soldiers", ["300,000", "soldiers"]),
    ("the U.S. and E.U. agreed", ["the", "U.S.", "and", "E.U.", "agreed"]),
    ("pro-Russian self-proclaimed", ["pro-Russian", "self-proclaimed"]),
])
def test_word_tokenizer(text, expected):
    assert tokenize(text) == expected


def test_works_offline_without_any_nltk_data_directory(monkeypatch, no_network, seed):
    assert network_is_blocked()
    monkeypatch.setattr(nltk.data, "path", [str(tokens_module.NLTK_DATA)])
    tokens_module._punkt.cache_clear()
    assert split_sentences(PARAGRAPH)[2] == "The E.U. did not comment."
    blob = tokens_module.make_textblob("Kharkiv's residents waited. Mobilization 2.0 began.")
    assert [str(s) for s in blob.sentences] == ["Kharkiv's residents waited.", "Mobilization 2.0 began."]
    assert blob.words[:2] == ["Kharkiv", "'s"] and len(blob.ngrams(2)) == 6
    assert term_frequencies(seed).loc[lambda f: f.term == "russia", "count"].item() == 4


def test_each_article_is_tokenized_once(sample):
    term_frequencies(sample)
    before = memo_stats()["tokens"]["misses"]
    keyness(sample, by="outlet")
    collocations(sample, "annex*")
    kwic(sample, "war")
    sentence_table(sample)
    assert memo_stats()["tokens"]["misses"] == before


# --- frequencies ----------------------------------------------------------------------------


def test_russia_counts_on_the_seed(seed):
    # Hand count in the cleaned body: "Russia" 4 times (unlawfully annexed / annexed by Russia /
    # between Russia and NATO / "Russia is at war"), "Russian" 5 times. Case and a possessive 's
    # are merged into one term; "Russian" is a different word and stays separate.
    freqs = term_frequencies(seed).set_index("term")
    assert freqs.loc["russia", "count"] == 4
    assert freqs.loc["russian", "count"] == 5
    assert freqs.loc["russia", "per_1000"] == pytest.approx(1000 * 4 / 362)
    assert "the" not in freqs.index and "not" not in freqs.index  # the seed has no "not"
    assert freqs.loc["peskov", "count"] == 2


def test_multiword_expression_counts_as_one_term(seed):
    freqs = term_frequencies(seed, phrases=["special military operation", "de facto"]).set_index("term")
    assert freqs.loc["special military operation", "count"] == 1
    assert freqs.loc["de facto", "count"] == 1
    assert "facto" not in freqs.index


def test_bigrams_stay_inside_sentences(seed):
    bigrams = term_frequencies(seed, ngram=2).set_index("term")
    assert bigrams.loc["vladimir putin", "count"] == 3
    assert bigrams.loc["illegally annexed", "count"] == 1
    assert "war he" not in bigrams.index  # "...to a war" / "He also" are in different sentences


def test_frequencies_by_group_and_contract(sample):
    freqs = term_frequencies(sample, by="outlet")
    assert list(freqs.columns) == ["outlet", "term", "count", "per_1000", "articles", "share_of_articles"]
    assert set(freqs.outlet) == set(sample.outlet)
    total_words = sample.groupby("outlet").n_words.sum()
    ukraine = freqs[(freqs.outlet == "President of Ukraine") & (freqs.term == "ukraine")].iloc[0]
    assert ukraine.per_1000 == pytest.approx(1000 * ukraine["count"] / total_words["President of Ukraine"])
    assert (freqs.articles <= freqs["count"]).all()
    copy = sample.copy()
    term_frequencies(sample, by="outlet")
    pd.testing.assert_frame_equal(sample, copy)  # input not mutated


def test_empty_input_gives_empty_frame_with_columns(sample):
    empty = term_frequencies(sample.iloc[:0])
    assert empty.empty and list(empty.columns) == ["term", "count", "per_1000", "articles", "share_of_articles"]


def test_distinctive_terms_per_outlet(sample):
    top = distinctive_terms(sample, by="outlet", top=10)
    assert "mobilization" in set(top[top.outlet == "web_scrape"].term)
    assert (top.groupby("outlet").size() <= 10).all()


# --- keyness --------------------------------------------------------------------------------


def test_keyness_g2_matches_hand_computation():
    # Target: 1,000 words with "war" 20 times; reference: 2,000 words with "war" 5 times.
    target = " ".join(["war"] * 20 + ["word"] * 980)
    reference = " ".join(["war"] * 5 + ["other"] * 1995)
    frame = pd.DataFrame({"article_id": ["t", "r"], "outlet": ["T", "R"], "text": [target, reference]})
    row = keyness(frame, target="T", reference="R").set_index("term").loc["war"]
    # By hand: N = 3000, expected = row total x column total / N for each cell.
    cells = [(20, 25 * 1000 / 3000), (5, 25 * 2000 / 3000), (980, 2975 * 1000 / 3000), (1995, 2975 * 2000 / 3000)]
    by_hand = 2 * sum(o * math.log(o / e) for o, e in cells)
    assert by_hand == pytest.approx(23.1853, abs=1e-4)
    assert row.g2 == pytest.approx(by_hand, rel=1e-12)
    assert row.log_ratio == pytest.approx(math.log2((20 / 1000) / (5 / 2000)))  # = 3.0
    assert row.p_value == pytest.approx(math.erfc(math.sqrt(by_hand / 2)), rel=1e-9)  # chi-square, 1 d.f.
    assert (row.target_count, row.reference_count) == (20, 5)


def test_keyness_every_outlet_against_the_rest(sample):
    key = keyness(sample, by="outlet")
    assert set(key.target) == set(sample.outlet)
    top_kremlin = key[key.target == "Kremlin"].head(30).term.tolist()
    assert "donbass" in top_kremlin  # the Kremlin's spelling; Kyiv's releases write Donbas
    top_ukraine = key[key.target == "President of Ukraine"].head(30).term.tolist()
    assert "zelenskyy" in top_ukraine


def test_keyness_time_window_against_time_window(sample):
    period = sample["published"].dt.strftime("%Y-%m").rename("month")
    key = keyness(sample, by=period, target="2022-03", reference="2022-02")
    assert set(key.target) == {"2022-03"}
    with pytest.raises(ValueError, match="not found"):
        keyness(sample, by="outlet", target="Nobody")


# --- keyword in context ---------------------------------------------------------------------


def test_term_over_time_counts_match_kwic(sample):
    usage = term_over_time(sample, "war", by="outlet", freq="W")
    assert usage.hits.sum() == len(kwic(sample.dropna(subset=["published"]), "war"))


def test_known_answer_counts(known):
    from conftest import KNOWN_ANSWERS

    counts = term_frequencies(known, stopwords=False).set_index("term")
    assert {t: int(counts.loc[t, "count"]) for t in KNOWN_ANSWERS["words"]} == KNOWN_ANSWERS["words"]
    assert counts.loc["lanes", "per_1000"] == pytest.approx(1000 * 3 / 48)  # 25 + 9 + 14 words
    per_outlet = term_frequencies(known, by="outlet", stopwords=False).set_index(["outlet", "term"])["count"]
    assert {key: int(per_outlet.loc[key]) for key in KNOWN_ANSWERS["words_per_outlet"]} == KNOWN_ANSWERS["words_per_outlet"]
