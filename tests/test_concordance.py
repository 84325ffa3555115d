"""Keyword in context: matches of a word, glob, phrase or regex on the seed, lines back to their articles."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from analysis import kwic, load_articles
from analysis.concordance import context_words, subset_articles


@pytest.fixture(scope="module")
def sample():
    return load_articles(SAMPLE, cache=False)


def test_kwic_dictator_on_the_seed(seed):
    lines = kwic(seed, "dictator")
    assert len(lines) == 1
    line = lines.iloc[0]
    assert line.right.startswith("This statement pertains")
    assert line.left.endswith("who is often described as a")
    assert seed.text.iloc[0][line.start:line.end] == "dictator"
    assert line.sentence.startswith("- He emphasized") or "dictator" in line.sentence


def test_kwic_glob_phrase_regex_and_case(seed):
    assert kwic(seed, "annex*").match.tolist() == ["annexed", "annexed"]
    assert kwic(seed, "illegally annexed", match="phrase").match.tolist() == ["illegally annexed"]
    # mobilizing, mobilization (x3: effort, drive, "2.0"), mobilizations
    assert len(kwic(seed, r"\bmobiliz\w+", match="regex")) == 5
    assert len(kwic(seed, "kremlin")) == 2 and len(kwic(seed, "kremlin", case_sensitive=True)) == 0
    # "to a war" (heading), "at war with", "into a war", "World War III"; not "warning"
    assert kwic(seed, "war").match.tolist() == ["war", "war", "war", "War"]


def test_kwic_lines_back_to_articles(sample):
    lines = kwic(sample, "special military operation")
    subset = subset_articles(sample, lines)
    assert set(subset.outlet) <= {"Kremlin", "President of Ukraine", "web_scrape"}
    assert set(subset.article_id) == set(lines.article_id)
    for line in lines.head(20).itertuples():
        text = sample.set_index("article_id").text[line.article_id]
        assert text[line.start:line.end].lower() == line.match.lower()



@pytest.mark.parametrize("text, start, end, window, expected", [
    ("He is a  dictator, they said.", 9, 17, 2, ("is a", "they said")),
    ("dictator", 0, 8, 3, ("", "")),
    ("A b c dictator d e", 6, 14, 0, ("", "")),
])
def test_context_words(text, start, end, window, expected):
    assert context_words(text, start, end, window) == expected


def _reference_context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """context_words as first written: all words of the 30 characters a word before and after the hit."""
    import re

    from analysis.tokens import WORD_PATTERN

    before = text[max(0, start - window * 30): start]
    words = list(WORD_PATTERN.finditer(before))
    left = before[words[-min(window, len(words))].start():words[-1].end()] if words and window else ""
    after = text[end: end + window * 30]
    words = list(WORD_PATTERN.finditer(after))[:window]
    right = after[words[0].start():words[-1].end()] if words and window else ""
    return re.sub(r"\s+", " ", left), re.sub(r"\s+", " ", right)


def test_context_words_read_from_a_short_stretch_are_the_long_ones(sample):
    import random

    rng = random.Random(0)
    pieces = ["war", "U.S.", "2.0", "300,000", "Kyiv's", "-", " ", "  ", "\n", ".", ",", "'", "\u00a0", "x" * 40, "e.g."]
    texts = [t for t in sample["text"].tolist()[:40]] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 200))) for _ in range(300)]
    for text in texts:
        for _ in range(20):
            start = rng.randint(0, len(text))
            end = min(len(text), start + rng.randint(0, 10))
            window = rng.choice([0, 1, 3, 8, 12])
            assert context_words(text, start, end, window) == _reference_context(text, start, end, window)
