"""The fast tokens layer gives exactly what nltk's Punkt and the word pattern give, on real and random text."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from conftest import SAMPLE, shared_path

from analysis import load_articles
from analysis.punkt import PunktSplitter, reference_spans
from analysis.tokens import (
    _PARAGRAPH,
    WORD_PATTERN,
    ArticleTokens,
    abbreviations,
    count_words,
    normalize_token,
    sentence_spans,
    split_sentences,
    token_codes,
    word_tokens,
)


def _random_texts(n: int, seed: int) -> list[str]:
    """Punctuation soup: the characters and pieces Punkt and the word pattern decide on."""
    rng = random.Random(seed)
    pieces = list("aAbBsS. .?!\"')(]-,:;\n  19_\u00b2\u00e9\u0130\u212a\u0301\u00a0\u2028\u201d\u00bb") + [
        "Mr.", "U.S.", " 24. ", " e.g. ", "--", " J. ", "\n\n", "...", " (", ") ", "'s", "2.0", "300,000", "9S"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    return load_articles(SAMPLE, cache=False)["text"].tolist()


def _paragraphs(texts: list[str]) -> list[str]:
    return [p for t in texts for p in _PARAGRAPH.split(t)]


def _assert_same_sentences(paragraphs: list[str]) -> None:
    splitter = PunktSplitter(abbreviations())
    different = [p for p in paragraphs if splitter.spans(p) != reference_spans(p, abbreviations())]
    assert not different, different[:3]


def test_sentences_are_nltks_on_the_sample(sample_texts):
    _assert_same_sentences(_paragraphs(sample_texts))


def test_sentences_are_nltks_on_the_press_releases():
    path = shared_path("kremlin_zelenskyy_press", "zelenskyy.csv")
    bodies = pd.read_csv(path, usecols=["body"])["body"].dropna().tolist()[:300]
    _assert_same_sentences(_paragraphs(bodies))


def test_sentences_are_nltks_on_punctuation_soup():
    _assert_same_sentences(_random_texts(5000, seed=0))


def test_sentences_are_nltks_on_word_soup():
    # words and abbreviations around ". " (the "war. The" fast path) and every ASCII white space before a period
    rng = random.Random(1)
    pieces = ["war", "The", "Mr", "mr", "U.S", "J", "No", "no", "24", "\u00c9tat", "\u0130stanbul", "\u00df", "ok",
              ". ", ".", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\u00a0", "\"", ")", "-", "'s", "?", "!", ","]
    _assert_same_sentences(["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(5000)])


@pytest.mark.parametrize("text, expected", [
    ("Mr. Smith met Dr. Jones in the U.S. on Feb. 24. They spoke.", ["Mr. Smith met Dr. Jones in the U.S. on Feb. 24.",
                                                                     "They spoke."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),  # closing quote stays with its sentence
    ('"No." Then he left.', ['"No." Then he left.']),  # "no" is an abbreviation (No. 5): Punkt does not break
    ("J. S. Bach wrote it. It was 1723.", ["J. S. Bach wrote it.", "It was 1723."]),
    ("Prices rose 5. percent... Really? Yes!", ["Prices rose 5. percent... Really?", "Yes!"]),
])
def test_hand_checked_sentences(text, expected):
    assert split_sentences(text) == expected


def _reference_tokens(text: str) -> list[str]:
    return [normalize_token(t) for t in WORD_PATTERN.findall(text)]


def test_word_tokens_are_the_word_patterns(sample_texts):
    for text in [*sample_texts, *_random_texts(5000, seed=1)]:
        expected = _reference_tokens(text)
        assert word_tokens(text) == expected, text
        assert count_words(text) == len(expected), text


def test_token_sentences_match_per_sentence_tokenizing(sample_texts):
    for text in [*sample_texts[:60], *_random_texts(2000, seed=2)]:
        spans = sentence_spans(text)
        per_sentence = [_reference_tokens(text[s:e]) for s, e in spans]
        tokens = ArticleTokens(text)
        assert tokens.tokens == [t for p in per_sentence for t in p]
        assert tokens.token_sentence.tolist() == np.repeat(np.arange(len(spans)), [len(p) for p in per_sentence]).tolist()


def test_digit_suffix_case_is_kept():
    # the number branch takes a lower-case ordinal suffix only: "9s" is one token, "9S" two
    assert word_tokens("in the 1990s, 9S") == ["in", "the", "1990s", "9", "s"]


def test_token_codes_are_the_tokens_factorized(sample_texts):
    texts = [*sample_texts[:80], *_random_texts(500, seed=3)]
    parts = [ArticleTokens(t) for t in texts]
    codes, vocabulary, article = token_codes(parts)
    expected = [t for text in texts for t in _reference_tokens(text)]
    assert list(vocabulary[codes]) == expected
    assert article.tolist() == [i for i, text in enumerate(texts) for _ in _reference_tokens(text)]
    assert all(p.tokens == _reference_tokens(t) for p, t in zip(parts, texts, strict=True))  # joined from the pieces
