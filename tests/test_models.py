"""The shipped models: hand-checked sentences (sign and evidence), contracts, files, and training reproducibility."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import shared_path

from analysis import actor_sentiment, score_sentiment
from analysis.models import (
    explain_news_tone,
    find_loaded_evidence,
    score_loaded_language,
    score_news_tone,
    score_target_sentiment,
)
from analysis.models.features import SparseText, words
from analysis.models.store import MODEL_DIR, load_model
from analysis.sentiment import SCORE_COLUMNS, score_texts

# --- news tone ----------------------------------------------------------------------------------

# Hand-written news sentences whose tone a reader has no doubt about.
TONE = [
    ("The peace talks ended with a historic agreement that both sides welcomed.", 1),
    ("Volunteers rebuilt the school and the children were delighted.", 1),
    ("Shelling killed six civilians and destroyed the hospital.", -1),
    ("The minister was accused of corruption and lying to parliament.", -1),
    ("The talks did not fail.", 1),
]


@pytest.mark.parametrize("sentence, sign", TONE)
def test_news_tone_has_the_sign_a_reader_gives(sentence, sign):
    tone = score_news_tone([sentence])["news_tone"].iloc[0]
    assert np.sign(tone) == sign and -1 <= tone <= 1


def test_news_tone_explanation_names_the_words_that_moved_it():
    parts = explain_news_tone("Shelling killed six civilians and destroyed the hospital.", top=40)
    top = parts.iloc[0]
    assert top["feature"].startswith("vader_") and top["contribution"] < 0  # the lexicon sees "killed", "destroyed"
    assert parts.loc[parts["feature"] == "vader_neg_words", "value"].iloc[0] == 2
    assert parts.loc[parts["feature"] == "destroyed", "contribution"].iloc[0] < 0


def test_news_tone_column_beside_unchanged_library_scores():
    texts = ["The talks were a great success.", "It was a sad, terrible day.", ""]
    with_tone = score_texts(texts, n_jobs=1)
    assert list(with_tone.columns) == [*SCORE_COLUMNS, "news_tone"]
    pd.testing.assert_frame_equal(with_tone[SCORE_COLUMNS], score_texts(texts, n_jobs=1, tone=False))
    assert with_tone["news_tone"].iloc[2] == 0.0  # nothing to rate
    frame = pd.DataFrame({"article_id": ["a"], "text": ["Talks failed. It was a sad, terrible day."]})
    article = score_sentiment(frame, level="article")
    sentences = score_sentiment(frame)
    weights = sentences["n_words"].to_numpy(dtype=float)
    assert article["news_tone"].iloc[0] == pytest.approx((sentences["news_tone"] * weights).sum() / weights.sum())


def test_lexicon_feature_matrix_equals_the_per_sentence_features():
    from analysis.models.features import lexicon_feature_matrix, lexicon_features

    texts = ["Not good. Terrible!", "", "The talks did not fail, they were an utter, glorious success.",
             "He hardly ever lies; she isn't kind.", "Not not not bad bad bad."]
    token_lists = [words(t) for t in texts]
    expected = np.array([lexicon_features(t) for t in token_lists])
    np.testing.assert_array_equal(lexicon_feature_matrix(token_lists), expected)
    assert lexicon_feature_matrix([]).shape == (0, expected.shape[1])


def test_sparse_text_equals_scikit_learn_tfidf():
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [words(t) for t in ["Not good at all.", "A good deal, a good day.", "Bad day."]]
    text = SparseText([], [], bigrams=True)
    vectorizer = TfidfVectorizer(analyzer=text.terms, sublinear_tf=True).fit(docs)
    ours = SparseText(list(vectorizer.get_feature_names_out()), vectorizer.idf_, bigrams=True)
    np.testing.assert_allclose(ours.transform(docs).toarray(), vectorizer.transform(docs).toarray(), atol=1e-12)


def test_strong_valence_counts_and_character_grams_hand_checked():
    from analysis.models.char_grams import CharText, char_grams, word_char_grams
    from analysis.models.features import STRONG_FEATURES, strong_valence_matrix, word_arrays
    from analysis.models.news_tone import dense_names, tone_features

    texts = ["A wonderful day, not a disaster.", "It was a horrible, awful war.", "", "Fine."]
    row = dict(zip(STRONG_FEATURES, strong_valence_matrix([words(texts[1])])[0].tolist(), strict=True))
    assert (row["vader_strong_pos"], row["vader_strong_neg"]) == (0.0, 3.0)  # horrible -2.5, awful -2.0, war -2.9
    lists = [words(t) for t in texts]
    arrays = word_arrays(texts)
    assert (arrays.strong_matrix() == strong_valence_matrix(lists)).all()
    dense, _ = tone_features(texts, np.zeros((4, 6)), strong=True)
    assert dense.shape[1] == len(dense_names({"settings": {"strong": True}}))
    assert char_grams("war")[:3] == [" wa", "war", "ar "] and word_char_grams(["neg_ok"]) == [" ok", "ok ", " ok "]
    vocabulary = sorted({g for t in lists for g in word_char_grams(t)})
    text = CharText(vocabulary, np.linspace(1.0, 2.0, len(vocabulary)))
    fast, slow = text.transform_arrays(arrays), text.transform(lists)
    assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all() and (fast.data == slow.data).all()


def test_char_text_equals_scikit_learn_tfidf():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.models.char_grams import CharText, word_char_grams

    docs = [words(t) for t in ["Not good at all.", "A good deal, a good day.", "Bad day."]]
    vectorizer = TfidfVectorizer(analyzer=word_char_grams, sublinear_tf=True).fit(docs)
    ours = CharText(list(vectorizer.get_feature_names_out()), vectorizer.idf_)
    np.testing.assert_allclose(ours.transform(docs).toarray(), vectorizer.transform(docs).toarray(), atol=1e-12)


# --- sentiment towards a target -----------------------------------------------------------------

TARGETS = [
    ("Critics accused Smith of lying to voters and wasting public money.", "Smith", -1),
    ("Smith thanked the volunteers for their wonderful help.", "Smith", 1),
    ("Smith praised Jones for her brave and honest work.", "Jones", 1),
    ("Smith will visit Paris on Tuesday.", "Smith", 0),
]


@pytest.mark.parametrize("sentence, target, label", TARGETS)
def test_target_sentiment_hand_checked(sentence, target, label):
    out = score_target_sentiment(pd.DataFrame({"sentence": [sentence], "target": [target]}))
    assert out["target_found"].iloc[0]
    assert out["target_label"].iloc[0] == label
    assert out[["p_negative", "p_neutral", "p_positive"]].sum(axis=1).iloc[0] == pytest.approx(1.0)


def test_target_feature_rows_equal_one_mention_at_a_time():
    from analysis.models.target_sentiment import target_feature_rows, target_features

    sentences = ["Critics said Smith lied again.", "Smith, who never lies, was not happy.", "Nobody came."]
    starts, ends = [13, 0, 0], [18, 5, 0]
    dense, terms = target_feature_rows(sentences, starts, ends)
    for row, (sentence, start, end) in enumerate(zip(sentences, starts, ends, strict=True)):
        one_dense, one_terms = target_features(sentence, start, end)
        assert dense[row].tolist() == one_dense and terms[row] == one_terms


def test_target_sentiment_uses_the_given_span_and_the_target_not_the_sentence():
    sentence = "Jones condemned the brutal attack, while Smith stayed silent."
    frame = pd.DataFrame({"sentence": [sentence] * 2, "target": ["Jones", "Smith"],
                          "start": [0, sentence.index("Smith")], "end": [5, sentence.index("Smith") + 5]})
    out = score_target_sentiment(frame)
    assert out["target_found"].all()
    assert out["p_negative"].iloc[0] != pytest.approx(out["p_negative"].iloc[1])
    missing = score_target_sentiment(pd.DataFrame({"sentence": ["Nobody came."], "target": ["Smith"]}))
    assert not missing["target_found"].iloc[0]
    empty = score_target_sentiment(pd.DataFrame({"sentence": [], "target": []}))
    assert len(empty) == 0 and "target_label" in empty


def test_actor_sentiment_adds_the_sentiment_towards_each_actor():
    frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
                          "text": ["Critics accused NATO of lying and wasting money. NATO met."]})
    out = actor_sentiment(frame)
    row = out[out["actor"] == "NATO"].iloc[0]
    assert row["n_sentences"] == 2
    assert {"target_tone", "share_negative", "share_positive", "news_tone", "vader_compound"} <= set(out.columns)
    assert row["share_negative"] == 0.5 and row["target_tone"] < 0


def test_tone_clause_features_split_at_the_last_contrast():
    from analysis.models.news_tone import CLAUSE_FEATURES, tone_features

    dense, _ = tone_features(["Good food but awful service.", "Good food."], np.zeros((2, 6)), clauses=True)
    first, second = (dict(zip(CLAUSE_FEATURES, row[-len(CLAUSE_FEATURES):], strict=True)) for row in dense)
    assert (first["corpus_nyt"], first["vader_before_but"], first["vader_after_but"], first["has_but"]) == \
        (1.0, 1.9, -2.0, 1.0)
    assert (second["vader_after_but"], second["has_but"]) == (0.0, 0.0)


@pytest.mark.parametrize("sentence, cues", [
    ("Smith said the plan failed.", {"report_after": 1.0, "subject_cue": 1.0, "by_agent": 0.0}),
    ("The law was passed by Smith.", {"report_after": 0.0, "subject_cue": 0.0, "by_agent": 1.0}),
    ('"We will win," Smith told reporters.', {"quote_near": 1.0, "report_after": 1.0}),
    ("Critics attacked Smith over the vote.", {"object_cue": 1.0, "report_before": 0.0}),
])
def test_target_cue_features_hand_checked(sentence, cues):
    from analysis.models.target_sentiment import CUE_FEATURES, target_feature_rows

    at = sentence.index("Smith")
    dense, _ = target_feature_rows([sentence], [at], [at + 5], cues=True)
    row = dict(zip(CUE_FEATURES, dense[0, -len(CUE_FEATURES):].tolist(), strict=True))
    assert {k: row[k] for k in cues} == cues


@pytest.mark.parametrize("sentence, values", [
    # "cheat" (-2.0) three words after Smith, "not" between; "critics" (-1.2) two words before; "said" comes first
    ("Critics said Smith did not cheat.", {"clause_subject": 0.0, "plain_vader": -0.6, "negated_vader": -0.667}),
    ("Smith praised the wonderful volunteers.", {"clause_subject": 1.0, "subject_right_vader": 3.1,
                                                 "negated_vader": 0.0}),
    ("They met with Smith.", {"clause_subject": 0.0, "plain_vader": 0.0}),
])
def test_target_negation_and_subject_features_hand_checked(sentence, values):
    from analysis.models.target_sentiment import dense_names, target_feature_rows

    at = sentence.index("Smith")
    dense, _ = target_feature_rows([sentence], [at], [at + 5], negation=True)
    row = dict(zip(dense_names("C"), dense[0].tolist(), strict=True))
    assert {k: round(row[k], 3) for k in values} == values


def test_target_tone_word_features_follow_the_news_tone_weights():
    from analysis.models.target_sentiment import dense_names, target_feature_rows, tone_word_weights

    weights = tone_word_weights()
    sentences = ["Smith praised the wonderful volunteers.", "Critics accused Smith."]
    starts = [0, sentences[1].index("Smith")]
    dense, _ = target_feature_rows(sentences, starts, [s + 5 for s in starts], tone_words=weights)
    rows = [dict(zip(dense_names("D"), r.tolist(), strict=True)) for r in dense]
    assert rows[0]["tone_left"] == 0.0 and rows[0]["tone_right"] > 0 and rows[1]["tone_left"] < 0 == rows[1]["tone_right"]
    assert rows[0]["tone_near"] == pytest.approx(rows[0]["tone_left"] + rows[0]["tone_right"], abs=1e-5)
    assert rows[0]["tone_close"] == round(sum(weights.get(w, 0.0) for w in ["praised", "the", "wonderful"]), 6)


# --- loaded language ----------------------------------------------------------------------------

def test_loaded_score_is_the_evidence_totals_of_the_shipped_model():
    from analysis.models.loaded_language import KINDS, evidence_matrix, evidence_totals

    texts = ["The brutal regime crushed dissent.", "Critics said the utterly absurd plan was a disaster.", ""]
    model = load_model("loaded_language")
    totals = evidence_totals(texts, model)
    assert score_loaded_language(texts)["loaded_score"].to_numpy() == pytest.approx(1 - np.exp(-totals), abs=1e-3)
    matrix = evidence_matrix(texts, model)
    assert matrix.shape == (3, len(KINDS)) and not matrix[2].any()
    if model.get("combine") == "sum":  # version 2: the total is the kind weights times the evidence by kind
        weights = np.array([model["kind_weights"][k] for k in KINDS])
        assert totals == pytest.approx(matrix @ weights, abs=1e-3)


def test_loaded_language_evidence_and_voice():
    texts = ["The brutal regime crushed dissent.", "The committee met on Tuesday.",
             'The minister said the brutal regime crushed dissent.']
    out = score_loaded_language(texts)
    own, plain, attributed = out["loaded_score"]
    assert plain == 0.0 and out["evidence"].iloc[1] == ""
    weights = load_model("loaded_language")["category_weights"]  # fitted (version 2), by kind of evidence
    assert own == pytest.approx(1 - np.exp(-(weights["pejorative"] + weights["intensifier"])))  # both own voice
    assert 0 < attributed < own  # the same words handed to a named source weigh less
    evidence = find_loaded_evidence(texts)
    assert evidence.loc[evidence["text_id"] == 0, "word"].tolist() == ["brutal", "regime"]
    assert set(evidence.loc[evidence["text_id"] == 2, "voice"]) == {"attributed"}
    assert "regime (lexicon: pejorative)" in out["evidence"].iloc[0]


@pytest.mark.parametrize("sentence, words_in_evidence", [
    ("Trump slammed the radical left for its outrageous scheme.", {"slammed", "radical", "outrageous"}),
    ("The plan is utterly absurd.", {"utterly", "absurd"}),
])
def test_loaded_language_names_the_words(sentence, words_in_evidence):
    evidence = find_loaded_evidence([sentence])
    assert words_in_evidence <= set(evidence["word"].str.lower())
    assert score_loaded_language([sentence])["loaded_score"].iloc[0] > 0.5


# --- model files --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["news_tone", "target_sentiment", "loaded_language"])
def test_model_files_are_small_json_with_a_card(name):
    path = MODEL_DIR / f"{name}.json"
    assert path.stat().st_size < 5_000_000
    model = json.loads(path.read_text(encoding="utf-8"))
    assert model == load_model(name)
    assert model["name"] == name and model["trained_on"] and model["features"]
    assert not list(MODEL_DIR.glob("*.pkl")) and not list(MODEL_DIR.glob("*.joblib"))


def test_loaded_language_build_is_reproducible(tmp_path):
    from analysis.models.train import main

    shared_path("vader", "nytEditorialSnippets_GroundTruth.txt")  # the weights are fitted on the odd NYT articles
    out = tmp_path / "loaded_language.json"
    assert main(["loaded_language", "--out", str(out)]) == 0
    assert out.read_bytes() == (MODEL_DIR / "loaded_language.json").read_bytes()


def test_news_tone_beats_vader_on_held_out_nyt_editorials():
    from scipy import stats

    from analysis.models.datasets import vader_ratings

    shared_path("vader", "nytEditorialSnippets_GroundTruth.txt")
    test = vader_ratings("test")
    scores = score_texts(test["sentence"].tolist(), n_jobs=1)
    tone = stats.pearsonr(scores["news_tone"], test["human"]).statistic
    vader = stats.pearsonr(scores["vader_compound"], test["human"]).statistic
    assert tone > vader + 0.03


# --- the array route of news tone gives the numbers of the word-list route --------------------------

def _tone_texts() -> list[str]:
    from conftest import SAMPLE

    from analysis import load_articles
    from analysis.tokens import sentence_table

    tricky = ["", "Not bad at all.", "It wasn't good, nor bad; never mind.", "No no no, not a good deal!",
              "Don’t say “fine”.", "Good good good but bad?", "not", "The talks did not fail.", "a b c d e f"]
    return tricky + sentence_table(load_articles(SAMPLE, cache=False))["sentence"].tolist()


def test_word_arrays_are_the_word_lists_and_their_features():
    from analysis.models.features import lexicon_feature_matrix, word_arrays
    from analysis.models.news_tone import _model

    texts = _tone_texts()
    arrays = word_arrays(texts)
    lists = [words(t) for t in texts]
    assert arrays.tokens() == lists
    assert (arrays.lexicon_matrix() == lexicon_feature_matrix(lists)).all()
    text = _model()[1]
    fast, slow = text.transform_arrays(arrays), text.transform(lists)
    assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all() and (fast.data == slow.data).all()


def test_news_tone_is_the_word_list_route_exactly():
    from analysis.models.news_tone import _model, news_tone, tone_features

    texts = _tone_texts()
    texts = texts + texts[::3]  # repeated texts are scored once and copied
    library = score_texts(texts, n_jobs=1, tone=False)[SCORE_COLUMNS].to_numpy()
    _, text, mean, scale, dense_coef, sparse_coef, intercept = _model()
    dense, tokens = tone_features(texts, library)
    raw = ((dense - mean) / scale) @ dense_coef + text.transform(tokens) @ sparse_coef + intercept
    expected = np.clip(raw, -1.0, 1.0)
    expected[[not t.strip() for t in texts]] = 0.0
    assert (news_tone(texts, library) == expected).all()
