"""Sentiment: exact agreement with TextBlob and VADER called directly, levels, summaries, figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import SAMPLE, shared_path
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import load_articles, score_sentiment, summarize_sentiment
from analysis.sentiment import SCORE_COLUMNS, score_texts
from analysis.tokens import count_words, sentence_table

VADER = SentimentIntensityAnalyzer()


def reference(text: str) -> list[float]:
    """The reference libraries, called directly: TextBlob(text).sentiment and VADER's polarity_scores(text)."""
    blob = TextBlob(text).sentiment
    vader = VADER.polarity_scores(text)
    return [blob.polarity, blob.subjectivity, vader["neg"], vader["neu"], vader["pos"], vader["compound"]]


# Three seed sentences, hand-checked. TextBlob averages its assessed words: "such" (0, 0.5) and "few"
# (-0.2, 0.1) give (-0.1, 0.3); "direct" (0.1, 0.4), "dangerously" (-0.6, 0.9), "such" (0, 0.5) give
# (-1/6, 0.6); "new" (0.136, 0.455) and "currently" (0, 0.4) give (0.068, 0.427). VADER sees "no", "war"
# and "press" in the first, "warning", "armed", "war", "undesirable" in the second and only "protecting"
# in the third: "dictator" is not in its lexicon, so the sentence calling Putin a dictator scores positive.
PINNED = [
    ("declared in a TASS agency interview", [-0.1, 0.3, 0.152, 0.848, 0.0, -0.7269]),
    ("brink of World War III", [-1 / 6, 0.6, 0.287, 0.713, 0.0, -0.926]),
    ("often described as a dictator", [3 / 44, 47 / 110, 0.0, 0.941, 0.059, 0.3612]),
]


@pytest.mark.parametrize("fragment, expected", PINNED, ids=["peskov", "world-war", "dictator"])
def test_seed_sentences_match_the_reference_libraries(seed_sentences, fragment, expected):
    row = seed_sentences[seed_sentences["sentence"].str.contains(fragment, regex=False)]
    assert len(row) == 1
    sentence = row["sentence"].iloc[0]
    ours = row[SCORE_COLUMNS].iloc[0].to_numpy(dtype=float)
    np.testing.assert_allclose(reference(sentence), expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours, reference(sentence), rtol=0, atol=1e-12)


TRICKY = [
    "", "   ", "Good.", "This is not good!!!", "It isn't bad at all, but the ending was AWFUL.",
    "I love it 😀 so much!", "What a day :-( really :) and :'( too", "Great (!) idea", "kind of bad but GREAT",
    "Never so happy, without doubt the best.", "He's the bomb, yeah right.", "no no no", "XD x-D 8-) o.O",
    "Don't you dare say it’s “fine”.", "The U.S. and E.U. were hardly happy; they weren't.", "qxzsentenceqxzbreakqxz good",
    "A very, very good and extremely bad idea\nacross lines.\n\nNew paragraph: terrible.",
]


def test_scores_identical_to_reference_on_tricky_texts_and_the_whole_sample():
    texts = TRICKY + sentence_table(load_articles(SAMPLE, cache=False))["sentence"].tolist()
    ours = score_texts(texts, n_jobs=1)[SCORE_COLUMNS].to_numpy()
    expected = np.array([reference(t) for t in texts])
    assert np.abs(ours - expected).max() < 1e-9


def test_worker_processes_give_the_same_scores():
    texts = TRICKY * 3 + [f"The {w} talks were {w}." for w in ["good", "bad", "great", "awful", "odd"]]
    serial = score_texts(texts, n_jobs=1)
    parallel = score_texts(texts, n_jobs=2, vader_overrides={"talks": 0.0})  # overrides bypass the memo
    pd.testing.assert_frame_equal(serial, score_texts(texts, n_jobs=2))
    assert parallel.shape == serial.shape


def test_sentence_level_contract(seed, seed_sentences):
    before = seed.copy()
    out = score_sentiment(seed)
    pd.testing.assert_frame_equal(seed, before)  # the caller's frame is not changed
    assert list(out.columns) == ["article_id", "outlet", "published", "sentence_id", "sentence", "n_words",
                                 *SCORE_COLUMNS, "news_tone"]
    assert out["sentence"].tolist() == sentence_table(seed)["sentence"].tolist()  # the tokens layer's sentences
    assert out["n_words"].tolist() == [count_words(s) for s in out["sentence"]]
    assert (out["outlet"] == "web_scrape").all()
    empty = score_sentiment(seed.iloc[:0])
    assert list(empty.columns) == list(out.columns) and len(empty) == 0


def test_article_level_is_the_word_weighted_mean_of_sentence_scores(seed, seed_sentences):
    article = score_sentiment(seed, level="article")
    assert len(article) == 1 and article["n_sentences"].iloc[0] == len(seed_sentences) == 14
    weights = seed_sentences["n_words"].to_numpy(dtype=float)
    for column in SCORE_COLUMNS:
        expected = (seed_sentences[column] * weights).sum() / weights.sum()
        assert article[column].iloc[0] == pytest.approx(expected, abs=1e-12)
    # Not the same as TextBlob on the whole text, which averages over assessed words instead.
    assert abs(article["textblob_polarity"].iloc[0] - TextBlob(seed["text"].iloc[0]).sentiment.polarity) > 1e-3


def test_headline_level_scores_the_title(seed):
    heads = score_sentiment(seed, level="headline")
    title = seed["title"].iloc[0]
    assert heads["title"].iloc[0] == title
    np.testing.assert_allclose(heads[SCORE_COLUMNS].iloc[0].to_numpy(dtype=float), reference(title), atol=1e-12)
    no_title = score_sentiment(seed.assign(title=""), level="headline")
    assert no_title[SCORE_COLUMNS].isna().all(axis=None)


def test_non_english_articles_are_left_out():
    frame = pd.DataFrame({"article_id": ["en", "ru"], "language": ["en", "ru"],
                          "text": ["A good day.", "Это хороший день."]})
    assert score_sentiment(frame)["article_id"].tolist() == ["en"]
    assert score_sentiment(frame, level="article")["article_id"].tolist() == ["en"]


def test_vader_overrides_apply_to_one_call_only(seed_sentences):
    dictator = seed_sentences[seed_sentences["sentence"].str.contains("dictator")]["sentence"].iloc[0]
    plain = score_texts([dictator])["vader_compound"].iloc[0]
    assert plain == VADER.polarity_scores(dictator)["compound"] > 0  # "dictator" is not in VADER's lexicon
    assert score_texts([dictator], vader_overrides={"Dictator": -2.5})["vader_compound"].iloc[0] < 0
    assert score_texts([dictator])["vader_compound"].iloc[0] == plain  # default unchanged afterwards
    assert "dictator" not in VADER.lexicon


def test_bad_level_is_refused(seed):
    with pytest.raises(ValueError, match="level"):
        score_sentiment(seed, level="paragraph")


# --- summaries and figures --------------------------------------------------------------------------

def test_summary_bootstrap_is_seeded_and_brackets_the_mean():
    scores = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 2, "article_id": list("aabbccde"),
                           "vader_compound": [0.1, 0.3, -0.2, 0.0, 0.5, 0.7, -0.4, -0.6]})
    first = summarize_sentiment(scores, columns=["vader_compound"])
    assert first.equals(summarize_sentiment(scores, columns=["vader_compound"]))
    a = first[first["outlet"] == "A"].iloc[0]
    assert (a["n"], a["n_articles"], a["mean"]) == (6, 3, pytest.approx(1.4 / 6))
    assert a["ci_low"] <= a["mean"] <= a["ci_high"]
    # Three articles with means 0.2, -0.1, 0.6: the interval cannot leave [min, max] of the article means.
    assert -0.1 - 1e-12 <= a["ci_low"] and a["ci_high"] <= 0.6 + 1e-12
    rows = summarize_sentiment(scores, columns=["vader_compound"], cluster=None)
    assert (rows["n"] == first["n"]).all()


def test_summary_level_is_the_deprecated_name_of_confidence():
    scores = pd.DataFrame({"outlet": ["A"] * 4, "article_id": list("abcd"), "vader_compound": [0.1, 0.2, 0.3, 0.9]})
    narrow = summarize_sentiment(scores, columns=["vader_compound"], confidence=0.5)
    with pytest.warns(DeprecationWarning, match="use confidence"):
        old = summarize_sentiment(scores, columns=["vader_compound"], level=0.5)
    assert old.equals(narrow)
    wide = summarize_sentiment(scores, columns=["vader_compound"])
    assert wide["ci_low"].iloc[0] < narrow["ci_low"].iloc[0] and narrow["ci_high"].iloc[0] < wide["ci_high"].iloc[0]



def test_scoring_works_offline(no_network, seed):
    assert len(score_sentiment(seed.assign(text=seed["text"] + " New."))) == 15


def test_known_answer_signs(known):
    from conftest import KNOWN_ANSWERS

    scores = score_sentiment(known, level="sentence").set_index("sentence")
    assert scores.loc[KNOWN_ANSWERS["negative_sentence"], "vader_compound"] < 0
    assert scores.loc[KNOWN_ANSWERS["positive_sentence"], "vader_compound"] > 0
    assert scores.groupby("article_id").size().to_dict() == {"k1": 3, "k2": 2, "k3": 2}


# VADER's own example sentences: the `__main__` demo of vaderSentiment 3.3.2's vaderSentiment/vaderSentiment.py
# ("sentences", "tricky_sentences", the movie-review paragraph and the image-tag concepts), copied as written.
VADER_DEMO = [
    "VADER is smart, handsome, and funny.", "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.", "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!", "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.", "The book was good.", "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.", "Today SUX!",
    "Today only kinda sux! But I'll get by, lol", "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁", "Not bad at all",
    "Sentiment analysis has never been good.", "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.", "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.", "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!", "Without a doubt, excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.", "Not such a badass after all.",
    "Without a doubt, an excellent idea.",
    "It was one of the worst movies I've seen, despite good reviews. Unbelievably bad acting!! Poor direction. "
    "VERY poor production. The movie was bad. Very bad movie. VERY BAD movie!",
    "It was one of the worst movies I've seen, despite good reviews.", "Unbelievably bad acting!!", "Poor direction.",
    "VERY poor production.", "The movie was bad.", "Very bad movie.", "VERY BAD movie!",
    "balloons", "cake", "candles", "happy birthday", "friends", "laughing", "smiling", "party",
    "riot", "fire", "fight", "blood", "mob", "war", "police", "tear gas",
]


def _library_scores(texts: list[str]) -> np.ndarray:
    """TextBlob's and vaderSentiment's own numbers, the six score columns, one row per text."""
    rows = []
    for text in texts:
        blob, vader = TextBlob(text).sentiment, VADER.polarity_scores(text)
        rows.append([blob.polarity, blob.subjectivity, vader["neg"], vader["neu"], vader["pos"], vader["compound"]])
    return np.array(rows, dtype="float64")


def _assert_fast_is_library(texts: list[str]) -> None:
    fast = score_texts(texts, n_jobs=1, tone=False)[SCORE_COLUMNS].to_numpy(dtype="float64")
    delta = np.abs(fast - _library_scores(texts))
    worst = np.flatnonzero(delta.max(axis=1) > 1e-12)
    assert not len(worst), [(texts[i], dict(zip(SCORE_COLUMNS, delta[i].tolist(), strict=True))) for i in worst[:5]]


def test_fast_scores_are_the_libraries_on_vaders_own_examples():
    _assert_fast_is_library(VADER_DEMO)


@pytest.mark.parametrize("name", ["tweets", "nytEditorialSnippets", "movieReviewSnippets", "amazonReviewSnippets"])
def test_fast_scores_are_the_libraries_on_vaders_ground_truth(name):
    # every sentence of VADER's human-rated sets (id, mean rating, text; tab-separated)
    path = shared_path("vader", f"{name}_GroundTruth.txt")
    lines = [line.split("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()]
    texts = [parts[2] for parts in lines if len(parts) == 3]
    assert len(texts) > 3000
    _assert_fast_is_library(texts)


# Random sentences over the words VADER's and Pattern's rules read (boosters, negations, "so"/"this", "but",
# "no", "kind of", "least", idiom words, capitals, "!", "?", emoticons), so that every rule meets every other.
RULE_WORDS = ["good", "bad", "great", "GOOD", "BAD", "not", "n't", "isn't", "very", "VERY", "so", "this", "but",
              "no", "never", "without", "doubt", "kind", "of", "least", "at", "the", "a", "is", "really", "most",
              "nor", "or", "hardly", "kinda", "happy", "sad", "!", "?", "!!", ":)", "(!)", "love", "hate", "bomb",
              "yeah", "right", "cut", "the", "mustard", "well", "badly", "extremely", "Good.", "bad,", "'good'"]


#: The rule words the array path of the fast VADER scorer computes itself (boosters, negations, "so"/"this", "but").
ARRAY_WORDS = ["good", "bad", "great", "GOOD", "not", "isn't", "very", "so", "this", "but", "the", "a", "is",
               "really", "most", "nor", "hardly", "happy", "sad", "!", "?", "love", "hate", "Good.", "bad,", "cannot"]


def _rule_sentences(n: int, seed: int = 0, words: list[str] = RULE_WORDS) -> list[str]:
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(words, size=rng.integers(1, 14))) for _ in range(n)]


def test_vader_over_arrays_is_the_library_on_random_rule_sentences():
    from analysis import _vader_fast

    texts = _rule_sentences(4000) + _rule_sentences(4000, seed=2, words=ARRAY_WORDS) + VADER_DEMO + TRICKY
    ours = _vader_fast.batch_scores(texts, _vader_fast.analyzer())
    expected = np.array([[v["neg"], v["neu"], v["pos"], v["compound"]] for v in map(VADER.polarity_scores, texts)])
    worst = np.flatnonzero(np.abs(ours - expected).max(axis=1) > 0)
    assert not len(worst), [(texts[i], ours[i].tolist(), expected[i].tolist()) for i in worst[:5]]


def test_vader_over_arrays_keeps_the_libraries_but_rule_with_equal_valences():
    # vaderSentiment rescales the first sentiment equal to each one: with "good" twice before and after "but"
    from analysis import _vader_fast

    texts = ["good good but good", "good but good good bad", "great but good good", "bad good but bad good"]
    ours = _vader_fast.batch_scores(texts, _vader_fast.analyzer())
    expected = [[v["neg"], v["neu"], v["pos"], v["compound"]] for v in map(VADER.polarity_scores, texts)]
    assert ours.tolist() == expected


def test_textblob_fast_is_the_library_on_random_rule_sentences():
    texts = _rule_sentences(3000, seed=1)
    fast = score_texts(texts, n_jobs=1, tone=False)[["textblob_polarity", "textblob_subjectivity"]].to_numpy()
    expected = np.array([list(TextBlob(t).sentiment) for t in texts])
    assert np.abs(fast - expected).max() == 0
