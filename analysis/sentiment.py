"""Lexicon sentiment (TextBlob and VADER), offline, per sentence, article, headline, outlet and actor.

Both scorers run on the sentences of the shared tokens layer (:func:`analysis.tokens.sentence_table`),
so nothing is split twice. Scores are exactly those of the reference libraries called on the same
text (``TextBlob(text).sentiment`` and the ``vaderSentiment`` package's
``SentimentIntensityAnalyzer().polarity_scores(text)``, with the VADER lexicon shipped inside that
package); they are only computed faster:

- each unique text is scored once per session (a memo keyed by the text);
- TextBlob's Pattern scorer is called directly (no ``TextBlob`` object, no per-call named tuple), on
  a copy of its lexicon with plain ``dict`` look-ups instead of the lazily loaded dictionary; texts
  in which it can find nothing to assess get its (0.0, 0.0) without being tokenized; the others are
  tokenized in batches of 200 by a copy of its tokenizer with two short cuts;
- VADER skips work whose result is known in advance (the emoji rewrite of a text without emoji,
  the valence rules for words that are not in its lexicon, negation and idiom checks when no word
  nearby can trigger them);
- large batches are scored in worker processes (see :func:`score_texts`).

Every short cut falls back to the library's own code when in doubt; ``tests/test_sentiment.py`` and
``benchmarks/sentiment.py`` compare all scores with the libraries called directly.

Lexicon sentiment does not see loaded words: "dictator", "regime", "annexed" are in neither
lexicon. Users can add or override VADER entries per call (``vader_overrides={"dictator": -2.5}``).
"""

from __future__ import annotations

import csv
import io
import os
import re
import string
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .concordance import compile_pattern, pattern_source
from .models.news_tone import news_tone
from .tokens import article_tokens, english_only, sentence_table

__all__ = [
    "SCORE_COLUMNS", "score_texts", "score_sentiment", "summarize_sentiment", "load_actors",
    "find_actor_sentences", "actor_sentiment", "ACTORS_PATH",
]

#: Score columns of every sentiment table, in this order.
SCORE_COLUMNS = ["textblob_polarity", "textblob_subjectivity", "vader_neg", "vader_neu", "vader_pos",
                 "vader_compound"]
#: The shipped, editable actor table (``actor``, ``alias``, ``match``, ``case_sensitive``).
ACTORS_PATH = Path(str(resources.files("analysis") / "data" / "actors.csv"))
ACTOR_COLUMNS = ["actor", "alias", "match", "case_sensitive"]
_MATCH_MODES = {"glob", "word", "phrase", "regex"}

#: From this many new texts on, worker processes are used. Set conservatively: on the 2-core test machine
#: the break-even was about 6,000 sentences with one core busy elsewhere, and none when both were busy.
PARALLEL_MIN_TEXTS = 20_000
_CHUNK = 4_000
_PATTERN_BATCH = 200

Level = Literal["sentence", "article", "headline"]


# --- the two scorers ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _pattern():
    """TextBlob's English Pattern scorer (``textblob.en.sentiment``) on a plain-dict copy of its lexicon.

    A subclass with the same ``__call__``/``assessments`` code and the same data as the reference; only
    the look-ups ``w in self`` and ``self[w]`` skip the lazy-loading wrapper.
    """
    from textblob import en

    class _Loaded(type(en.sentiment)):
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__
        __len__ = dict.__len__
        get = dict.get

    reference = en.sentiment
    len(reference)  # loads the lexicon (Pattern's en-sentiment.xml, shipped inside textblob)
    fast = _Loaded.__new__(_Loaded)
    fast.__dict__.update(reference.__dict__)
    dict.update(fast, dict.items(reference))
    return fast


def _vader_class():
    from vaderSentiment.vaderSentiment import (
        BOOSTER_DICT,
        NEGATE,
        SPECIAL_CASES,
        SentimentIntensityAnalyzer,
        SentiText,
        allcap_differential,
    )

    # Words that can make _negation_check change a valence: negations and its "never so", "without doubt" cases.
    negation_words = frozenset(NEGATE) | {"never", "so", "this", "without", "doubt"}
    # _special_idioms_check matches multi-word idioms and boosters; each holds one of these words.
    idioms = [key.split() for key in [*SPECIAL_CASES, *BOOSTER_DICT] if " " in key]
    idiom_words = frozenset(w for words in idioms for w in words) - {"the", "of", "to", "for"}
    assert all(idiom_words.intersection(words) for words in idioms)

    class _Vader(SentimentIntensityAnalyzer):
        """vaderSentiment 3.3.2's ``polarity_scores``, minus work whose result is known in advance.

        Without emoji the emoji rewrite returns the text unchanged, so it is skipped; a word that is
        neither a booster nor in the lexicon gets valence 0 from ``sentiment_valence``, so it is not called
        (and a sentence without any lexicon word goes straight to ``score_valence`` with all zeros);
        ``SentiText``'s words are made in one comprehension (same rule: strip edge punctuation unless
        that leaves two characters or fewer).
        """

        def polarity_scores(self, text):
            if not self.emojis.keys().isdisjoint(text):
                return super().polarity_scores(text)
            text = text.strip()  # what the emoji rewrite returns for a text without emoji
            sentitext = SentiText.__new__(SentiText)
            sentitext.text = text
            sentitext.words_and_emoticons = words = [
                w if len(stripped := w.strip(string.punctuation)) <= 2 else stripped for w in text.split()]
            lowered = [w.lower() for w in words]
            if self.lexicon.keys().isdisjoint(lowered):  # every valence is 0, whatever the rules
                return self.score_valence([0] * len(words), text)
            sentitext.is_cap_diff = allcap_differential(words)
            sentiments = []
            lexicon = self.lexicon
            for i, (item, lower) in enumerate(zip(words, lowered, strict=True)):
                if (lower in BOOSTER_DICT or lower not in lexicon
                        or (lower == "kind" and i < len(words) - 1 and lowered[i + 1] == "of")):
                    sentiments.append(0)
                else:
                    sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        # The two checks below lower-case the whole sentence on every call but read only the words from
        # i - 3 to i + 2. They get just that window (i moved to match), and are skipped when no word in
        # it can trigger them, returning the valence unchanged as they would.
        @staticmethod
        def _negation_check(valence, words_and_emoticons, start_i, i):
            if i >= 3:
                words_and_emoticons, i = words_and_emoticons[i - 3:i + 1], 3
                lowered = [w.lower() for w in words_and_emoticons]
                if negation_words.isdisjoint(lowered) and not any("n't" in w for w in lowered):
                    return valence
            return SentimentIntensityAnalyzer._negation_check(valence, words_and_emoticons, start_i, i)

        @staticmethod
        def _special_idioms_check(valence, words_and_emoticons, i):
            if i >= 3:
                words_and_emoticons, i = words_and_emoticons[i - 3:i + 3], 3
                if idiom_words.isdisjoint(w.lower() for w in words_and_emoticons):
                    return valence
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons, i)

    return _Vader


@lru_cache(maxsize=1)
def _vader():
    """One VADER analyzer with the lexicon shipped in the ``vaderSentiment`` package (built once)."""
    return _vader_class()()


def _vader_with(overrides: Mapping[str, float] | None):
    """The shared analyzer, or a per-call copy whose lexicon has ``overrides`` (keys lower-cased)."""
    base = _vader()
    if not overrides:
        return base
    copy = object.__new__(type(base))
    copy.__dict__.update(base.__dict__)
    copy.lexicon = {**base.lexicon, **{str(k).lower(): float(v) for k, v in overrides.items()}}
    return copy


_SENTINEL = "qxzsentenceqxzbreakqxz"  # a token Pattern's tokenizer leaves alone, between batched texts
_SEPARATOR = f" {_SENTINEL} "
_FACE_CHARS = frozenset("<>:;=*_\u00b0\u2665")  # most of Pattern's emoticons hold one of these


@lru_cache(maxsize=1)
def _pattern_prepare():
    """Pattern's contraction rewrites, quote padding and punctuation, and loose finders of emoticons and "(!)".

    ``faces`` finds every emoticon, ``rare`` those without a character of :data:`_FACE_CHARS` and
    "(!)"; pieces may be separated by white space (Pattern re-joins them), case is ignored.
    """
    from textblob._text import EMOTICONS, PUNCTUATION, replacements

    # Of the contraction rewrites only "n't" -> " n't" can change the pieces: the others put a space
    # before an apostrophe, and every apostrophe is padded with spaces anyway.
    assert all(b == " " + a for a, b in replacements.items())
    quotes = "\u201c\u201d\u2018\u2019'\""
    loose = {face: r"\s*".join(map(re.escape, face)) for faces in EMOTICONS.values() for face in faces}
    faces = re.compile("|".join(loose.values()), re.IGNORECASE)
    rare = re.compile("|".join([*(v for k, v in loose.items() if _FACE_CHARS.isdisjoint(k) and not k.isalpha()),
                                r"\(\s*!\s*\)"]), re.IGNORECASE)  # Pattern never assesses all-letter tokens ("XD")
    return quotes, PUNCTUATION + ".", faces, rare


def _pattern_may_score(texts: list[str]) -> list[bool]:
    """For each text, False when Pattern can find nothing to assess in it, so its score is (0.0, 0.0).

    Pattern assesses lexicon words, emoticons and "(!)". Its tokens are the white-space separated
    pieces left after its contraction and quote rewrites, with edge punctuation split off; no
    lexicon word starts or ends with punctuation, so those pieces stripped of all edge punctuation
    hold every lexicon word it can find. The rewrites run once on the batch joined by a sentinel.
    (Any doubt costs only speed: a text flagged True is scored by Pattern itself.)
    """
    quotes, punctuation, faces, rare = _pattern_prepare()
    lexicon = dict.keys(_pattern())
    joined = _SEPARATOR.join(texts).replace("n't", " n't")
    for quote in quotes:
        joined = joined.replace(quote, f" {quote} ")
    parts = joined.lower().split(_SENTINEL)
    if len(parts) != len(texts):  # a text holds the sentinel: no short cut
        return [True] * len(texts)
    return [bool(rare.search(text) or (not _FACE_CHARS.isdisjoint(text) and faces.search(text))
                 or not lexicon.isdisjoint(w.strip(punctuation) for w in part.split()))
            for text, part in zip(texts, parts, strict=True)]


@lru_cache(maxsize=1)
def _tokenizer_parts():
    from textblob import _text

    rare = [" ?".join(map(re.escape, face)) for faces in _text.EMOTICONS.values() for face in faces
            if _FACE_CHARS.isdisjoint(face)]
    return (_text, frozenset(_text.PUNCTUATION.replace(".", "")), frozenset(_text.PUNCTUATION),
            re.compile("|".join(rare)))


def _find_tokens(string: str) -> list[str]:
    """Pattern's ``find_tokens`` (textblob 0.20.1, MIT; used by ``TextBlob(text).sentiment``), same output.

    Two short cuts, nothing else changed: a piece with no punctuation at either end goes straight to
    the token list (Pattern's splitting loops would leave it as it is, after testing it against the
    punctuation tuple, rebuilt for every piece); and the emoticon re-joining (a large alternation run
    over every sentence) runs only where an emoticon can be: a sentence with a character of
    :data:`_FACE_CHARS` or a match of the few emoticons without one. The rest is Pattern's code with
    its default arguments.
    """
    _text, leading, trailing, rare_faces = _tokenizer_parts()
    punctuation = tuple(_text.PUNCTUATION.replace(".", ""))
    replace = _text.replacements
    for a, b in list(replace.items()):
        string = re.sub(a, b, string)
    string = (string.replace("\u201c", " \u201c ").replace("\u201d", " \u201d ").replace("\u2018", " \u2018 ")
              .replace("\u2019", " \u2019 ").replace("'", " ' ").replace('"', ' " '))
    string = re.sub("\r\n", "\n", string)
    string = re.sub(r"\n{2,}", f" {_text.EOS} ", string)
    string = re.sub(r"\s+", " ", string)
    tokens = []
    for t in _text.TOKEN.findall(string + " "):
        if t[0] not in leading and t[-1] not in trailing:  # the short cut
            tokens.append(t)
            continue
        tail = []
        while t.startswith(punctuation) and t not in replace:
            if t.startswith(punctuation):
                tokens.append(t[0])
                t = t[1:]
        while t.endswith(punctuation + (".",)) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (t in _text.ABBREVIATIONS or _text.RE_ABBR1.match(t) is not None
                        or _text.RE_ABBR2.match(t) is not None or _text.RE_ABBR3.match(t) is not None):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    sentences, i, j = [[]], 0, 0
    while j < len(tokens):
        if tokens[j] in ("...", ".", "!", "?", _text.EOS):
            while j < len(tokens) and tokens[j] in ("'", '"', "\u201d", "\u2019", "...", ".", "!", "?", ")", _text.EOS):
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != _text.EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    joined = (_text.RE_SARCASM.sub("(!)", " ".join(s)) for s in sentences if len(s) > 0)
    return [s if _FACE_CHARS.isdisjoint(s) and not rare_faces.search(s)
            else _text.RE_EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in joined]


def _pattern_scores(texts: list[str]) -> np.ndarray:
    """TextBlob polarity and subjectivity of ``texts`` as an ``(n, 2)`` array, tokenizing in batches.

    Pattern's tokenizer works piece by piece; a batch joined by a sentinel token gives each text's
    tokens in order, which are then scored exactly as ``TextBlob(text).sentiment`` scores them
    (lower-cased tokens through the same ``assessments``). Texts that hold the sentinel are scored one by one.
    """
    pattern = _pattern()
    out = np.zeros((len(texts), 2))
    todo = [i for i, t in enumerate(_pattern_may_score(texts)) if t]
    single = [i for i in todo if _SENTINEL in texts[i].lower()]
    batched = [i for i in todo if _SENTINEL not in texts[i].lower()]
    for start in range(0, len(batched), _PATTERN_BATCH):
        rows = batched[start:start + _PATTERN_BATCH]
        groups: list[list[str]] = [[]]
        for token in " ".join(_find_tokens(_SEPARATOR.join(texts[i] for i in rows))).split():
            if token == _SENTINEL:
                groups.append([])
            else:
                groups[-1].append(token.lower())
        if len(groups) != len(rows):  # cannot happen by the reasoning above; stay exact regardless
            single.extend(rows)
            continue
        for i, tokens in zip(rows, groups, strict=True):
            out[i] = pattern(tokens)
    for i in single:
        out[i] = pattern(texts[i])
    return out


def _score_chunk(texts: list[str], overrides: dict[str, float] | None = None) -> np.ndarray:
    """Scores of ``texts`` as an ``(n, 6)`` array in :data:`SCORE_COLUMNS` order (runs in workers too)."""
    vader = _vader_with(overrides)
    out = np.empty((len(texts), len(SCORE_COLUMNS)))
    out[:, :2] = _pattern_scores(texts)
    for row, text in enumerate(texts):
        v = vader.polarity_scores(text)
        out[row, 2:] = (v["neg"], v["neu"], v["pos"], v["compound"])
    return out


class _ScoreMemo:
    """Scores of texts already seen with the default lexicons (bounded; cleared when full)."""

    def __init__(self, max_items: int = 300_000):
        self.max_items = max_items
        self.items: dict[str, np.ndarray] = {}

    def clear(self) -> None:
        self.items.clear()


_MEMO = _ScoreMemo()


def score_texts(texts: Sequence[str], *, vader_overrides: Mapping[str, float] | None = None,
                n_jobs: int | None = None, tone: bool = True) -> pd.DataFrame:
    """TextBlob and VADER scores of each text, and its news tone; one row per text in input order.

    Columns: :data:`SCORE_COLUMNS`, then ``news_tone`` (−1 … +1, the shipped model of
    :mod:`analysis.models.news_tone` over these scores and the text's words; left out with ``tone=False``).

    Each unique text is scored once. Values equal ``TextBlob(text).sentiment`` and vaderSentiment's
    ``polarity_scores(text)``. With ``n_jobs=None`` batches of at least
    :data:`PARALLEL_MIN_TEXTS` new texts are scored in one worker process per CPU;
    ``n_jobs=1`` always scores in this process.

    Args:
        texts: the texts (sentences, headlines) to score.
        vader_overrides: VADER lexicon entries to add or replace for this call only, word → valence
            (the lexicon's scale runs from -4 to +4; words are matched lower-cased).
        n_jobs: worker processes; ``None`` decides by batch size, ``1`` means none.
        tone: add the ``news_tone`` column.

    >>> score_texts(["The talks were a great success."], tone=False).round(3).values.tolist()
    [[0.55, 0.375, 0.0, 0.339, 0.661, 0.832]]
    """
    texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
    overrides = dict(vader_overrides) if vader_overrides else None
    memo = _MEMO.items if overrides is None else {}
    todo = list(dict.fromkeys(t for t in texts if t not in memo))
    if todo:
        workers = n_jobs if n_jobs is not None else ((os.cpu_count() or 1) if len(todo) >= PARALLEL_MIN_TEXTS else 1)
        if workers > 1:
            _pattern(), _vader()  # loaded once here; forked workers inherit them
            chunks = [todo[i:i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
            with ProcessPoolExecutor(max_workers=workers) as pool:
                scored = np.concatenate(list(pool.map(_score_chunk, chunks, [overrides] * len(chunks))))
        else:
            scored = _score_chunk(todo, overrides)
        if len(memo) + len(todo) > _MEMO.max_items:
            memo.clear()
        memo.update(zip(todo, scored, strict=True))
    values = np.array([memo[t] for t in texts]).reshape(len(texts), len(SCORE_COLUMNS))
    frame = pd.DataFrame(values, columns=SCORE_COLUMNS)
    if tone:
        frame["news_tone"] = news_tone(texts, values)
    return frame


# --- levels -------------------------------------------------------------------------------------

def _sentence_words(articles: pd.DataFrame) -> np.ndarray:
    """Word count of every sentence of ``articles`` (same order as :func:`sentence_table`), from the token memo."""
    counts = []
    for text in articles["text"].fillna("").astype(str):
        tokens = article_tokens(text)
        counts.append(np.bincount(tokens.token_sentence, minlength=len(tokens.sentence_starts))
                      [:len(tokens.sentence_starts)])
    return np.concatenate(counts) if counts else np.array([], dtype=np.int64)


def _carry(frame: pd.DataFrame, articles: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Copy article columns (``outlet``, ``published``, …) onto rows keyed by ``article_id``."""
    lookup = articles.drop_duplicates("article_id").set_index("article_id")
    for position, column in enumerate(columns, start=1):
        values = lookup[column].reindex(frame["article_id"]).to_numpy() if column in lookup else None
        frame.insert(position, column, values)
    return frame


def score_sentiment(articles: pd.DataFrame, *, level: Level = "sentence",
                    vader_overrides: Mapping[str, float] | None = None, n_jobs: int | None = None) -> pd.DataFrame:
    """TextBlob and VADER sentiment of the articles' sentences, articles or headlines.

    Non-English articles are left out (:func:`analysis.tokens.english_only`): both lexicons are English.

    - ``"sentence"``: one row per sentence of the tokens layer: ``article_id``, ``outlet``,
      ``published``, ``sentence_id``, ``sentence``, ``n_words`` and the :data:`SCORE_COLUMNS`.
    - ``"article"``: one row per article: ``article_id``, ``outlet``, ``published``, ``title``,
      ``n_sentences``, ``n_words`` and each score as the **mean of its sentence scores weighted by
      sentence word count** (so a one-word heading weighs little); ``NaN`` for an article without words.
      This is not TextBlob's score of the whole text, which averages over assessed words instead.
    - ``"headline"``: one row per article scoring its ``title``; ``NaN`` scores for an empty title.

    Args:
        articles: article table (``article_id``, ``text``; ``outlet``, ``published``, ``title``, ``language``).
        level: ``"sentence"``, ``"article"`` or ``"headline"``.
        vader_overrides: VADER lexicon entries to add or replace for this call (see :func:`score_texts`).
        n_jobs: worker processes (see :func:`score_texts`).

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Talks failed. It was a sad, terrible day."]})
    >>> score_sentiment(frame)[["sentence", "vader_compound"]].values.tolist()
    [['Talks failed.', -0.5106], ['It was a sad, terrible day.', -0.7351]]
    """
    if level not in ("sentence", "article", "headline"):
        raise ValueError(f"level must be 'sentence', 'article' or 'headline', not {level!r}")
    articles = english_only(articles)
    if level == "headline":
        titles = articles["title"].fillna("").astype(str) if "title" in articles else pd.Series([""] * len(articles))
        out = pd.DataFrame({"article_id": articles["article_id"].to_numpy(), "title": titles.to_numpy()})
        out = _carry(out, articles, ["outlet", "published"])
        scores = score_texts(out["title"].tolist(), vader_overrides=vader_overrides, n_jobs=n_jobs)
        scores[(out["title"].str.strip() == "").to_numpy()] = np.nan
        out["title"] = out["title"].astype("string")
        return pd.concat([out, scores], axis=1)
    sentences = sentence_table(articles)[["article_id", "sentence_id", "sentence"]]
    sentences = _carry(sentences, articles, ["outlet", "published"])
    sentences["n_words"] = _sentence_words(articles).astype("int64")
    scores = score_texts(sentences["sentence"].tolist(), vader_overrides=vader_overrides, n_jobs=n_jobs)
    sentences = pd.concat([sentences.reset_index(drop=True), scores], axis=1)
    sentences["sentence_id"] = sentences["sentence_id"].astype("int64")
    if level == "sentence":
        return sentences
    return _article_scores(sentences, articles)


def _article_scores(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Word-count-weighted mean of sentence scores per article (all articles, in input order)."""
    columns = [c for c in [*SCORE_COLUMNS, "news_tone"] if c in sentences]
    weights = sentences["n_words"].to_numpy(dtype=float)
    weighted = pd.DataFrame(sentences[columns].to_numpy() * weights[:, None], columns=columns)
    weighted["article_id"] = sentences["article_id"].to_numpy()
    weighted["n_words"] = weights
    weighted["n_sentences"] = 1
    sums = weighted.groupby("article_id", sort=False).sum()
    ids = articles["article_id"].drop_duplicates()
    sums = sums.reindex(ids).fillna({"n_words": 0, "n_sentences": 0})
    out = pd.DataFrame({"article_id": ids.to_numpy()})
    out = _carry(out, articles, ["outlet", "published", "title"])
    out["n_sentences"] = sums["n_sentences"].to_numpy(dtype="int64")
    out["n_words"] = sums["n_words"].to_numpy(dtype="int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums[columns].to_numpy() / np.where(out["n_words"] > 0, out["n_words"], np.nan)[:, None]
    out[columns] = means
    return out


# --- outlet summaries with bootstrap intervals ---------------------------------------------------

def summarize_sentiment(scores: pd.DataFrame, *, by: str = "outlet", columns: Sequence[str] = ("vader_compound",
                        "textblob_polarity"), n_boot: int = 2000, level: float = 0.95, seed: int = 0,
                        cluster: str | None = "article_id") -> pd.DataFrame:
    """Mean score per group with a percentile bootstrap confidence interval.

    One row per group and score column: ``by``, ``score``, ``n`` (rows), ``n_articles``, ``mean``,
    ``ci_low``, ``ci_high``. Sentences of one article are not independent, so by default whole
    articles are resampled (cluster bootstrap on ``cluster``); the mean of a resample is the mean of
    all its rows. ``cluster=None`` resamples rows. Seeded (``numpy.random.default_rng(seed)``), so the
    same input always gives the same interval. Rows with a missing score are left out.

    Args:
        scores: output of :func:`score_sentiment` (any level) or of :func:`find_actor_sentences`.
        by: grouping column.
        columns: score columns to summarise.
        n_boot: bootstrap resamples.
        level: confidence level of the interval.
        seed: seed of the random generator.
        cluster: column whose values are resampled as units; ``None`` for rows.

    >>> s = pd.DataFrame({"outlet": ["A"] * 4, "article_id": list("abcd"), "vader_compound": [0.1, 0.2, 0.3, 0.4]})
    >>> summarize_sentiment(s, columns=["vader_compound"])[["outlet", "n", "mean"]].values.tolist()
    [['A', 4, 0.25]]
    """
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    rows = []
    for column in columns:
        data = scores.dropna(subset=[column])
        for group, part in data.groupby(by, sort=True, observed=True):
            units = part[cluster].to_numpy() if cluster and cluster in part else np.arange(len(part))
            codes, uniques = pd.factorize(units)
            sums = np.bincount(codes, weights=part[column].to_numpy(dtype=float), minlength=len(uniques))
            counts = np.bincount(codes, minlength=len(uniques)).astype(float)
            draws = rng.integers(0, len(uniques), size=(n_boot, len(uniques)))
            boot = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
            low, high = np.quantile(boot, [alpha, 1 - alpha])
            rows.append((group, column, len(part), part["article_id"].nunique() if "article_id" in part else len(part),
                         sums.sum() / counts.sum(), low, high))
    return pd.DataFrame(rows, columns=[by, "score", "n", "n_articles", "mean", "ci_low", "ci_high"])


# --- actors -------------------------------------------------------------------------------------

def load_actors(source: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The actor table: one row per alias, columns ``actor``, ``alias``, ``match``, ``case_sensitive``.

    ``None`` reads the shipped table (:data:`ACTORS_PATH`); a path reads a user CSV with the same
    columns (``match`` and ``case_sensitive`` optional: default ``phrase`` and false; lines starting
    with ``#`` are comments); a DataFrame is checked and completed the same way. A malformed row
    raises ``ValueError`` naming the file and line.

    >>> load_actors(pd.DataFrame({"actor": ["NATO"], "alias": ["NATO"]})).values.tolist()
    [['NATO', 'NATO', 'phrase', False]]
    """
    if source is None:
        source = ACTORS_PATH
    if isinstance(source, pd.DataFrame):
        records = [(f"row {i}", row) for i, row in enumerate(source.to_dict("records"))]
        name = "actor table"
    else:
        path = Path(source)
        name = str(path)
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.lstrip().startswith("#")]
        if not numbered:
            raise ValueError(f"{name}: no header line (expected columns {', '.join(ACTOR_COLUMNS)})")
        reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
        missing = {"actor", "alias"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{name}, line {numbered[0][0]}: header lacks column(s) {', '.join(sorted(missing))}")
        records = [(f"line {n}", row) for (n, _), row in zip(numbered[1:], reader, strict=True)]
    out = []
    for where, row in records:
        if None in row:
            raise ValueError(f"{name}, {where}: more fields than the header has columns")
        actor, alias = (str(row.get(k) or "").strip() for k in ("actor", "alias"))
        match = str(row.get("match") or "phrase").strip() or "phrase"
        flag = str(row.get("case_sensitive") or "false").strip().lower()
        if not actor or not alias:
            raise ValueError(f"{name}, {where}: both 'actor' and 'alias' are needed, got {actor!r}, {alias!r}")
        if match not in _MATCH_MODES:
            raise ValueError(f"{name}, {where}: match must be one of {sorted(_MATCH_MODES)}, got {match!r}")
        if flag not in {"true", "false", "1", "0", "yes", "no", ""}:
            raise ValueError(f"{name}, {where}: case_sensitive must be true or false, got {flag!r}")
        try:
            compile_pattern(alias, match)
        except ValueError as exc:
            raise ValueError(f"{name}, {where}: {exc}") from None
        out.append((actor, alias, match, flag in {"true", "1", "yes"}))
    return pd.DataFrame(out, columns=ACTOR_COLUMNS)


def _actor_patterns(actors: pd.DataFrame) -> dict[str, list]:
    """One compiled pattern per actor and case mode: the alternation of its aliases (via :func:`compile_pattern`)."""
    patterns: dict[str, list] = {}
    for (actor, case_sensitive), part in actors.groupby(["actor", "case_sensitive"], sort=False):
        source = "|".join(f"(?:{pattern_source(a, m)})" for a, m in zip(part["alias"], part["match"], strict=True))
        patterns.setdefault(actor, []).append(compile_pattern(source, "regex", case_sensitive=bool(case_sensitive)))
    return patterns


def find_actor_sentences(scores: pd.DataFrame, actors: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences that mention an actor (any alias): one row per sentence and actor, with its scores.

    Args:
        scores: sentence-level output of :func:`score_sentiment`.
        actors: actor table, path of an actor CSV, or ``None`` for the shipped table (see :func:`load_actors`).

    >>> s = score_sentiment(pd.DataFrame({"article_id": ["a"], "text": ["Mr. Putin spoke. NATO met. Talks ended."]}))
    >>> find_actor_sentences(s)[["actor", "sentence"]].values.tolist()
    [['Putin', 'Mr. Putin spoke.'], ['NATO', 'NATO met.']]
    """
    table = load_actors(actors)
    text = scores["sentence"].fillna("").astype(str)
    parts = []
    for actor, regexes in _actor_patterns(table).items():
        mask = np.zeros(len(scores), dtype=bool)
        for regex in regexes:
            mask |= text.str.contains(regex).to_numpy()
        part = scores[mask].copy()
        part.insert(0, "actor", actor)
        parts.append(part)
    if not parts:
        return scores.iloc[:0].assign(actor=pd.Series(dtype="string"))[["actor", *scores.columns]]
    out = pd.concat(parts, ignore_index=True)
    out["actor"] = out["actor"].astype("string")
    order = pd.Categorical(out["actor"], categories=list(dict.fromkeys(table["actor"])), ordered=True)
    return out.assign(_order=order).sort_values(["_order", "article_id", "sentence_id"], kind="stable") \
        .drop(columns="_order").reset_index(drop=True)


def _mention_sentiment(hits: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """``hits`` with the sentiment towards the actor at its first mention in each sentence (:mod:`analysis.models`)."""
    from .models.target_sentiment import score_target_sentiment

    patterns = _actor_patterns(actors)
    starts, ends = [], []
    for actor, sentence in zip(hits["actor"], hits["sentence"].fillna("").astype(str), strict=True):
        found = [m for m in (regex.search(sentence) for regex in patterns.get(actor, [])) if m]
        first = min(found, key=lambda m: m.start()) if found else None
        starts.append(first.start() if first else 0)
        ends.append(first.end() if first else 0)
    mentions = pd.DataFrame({"sentence": hits["sentence"].fillna("").astype(str).to_numpy(),
                             "target": hits["actor"].astype(str).to_numpy(), "start": starts, "end": ends})
    scored = score_target_sentiment(mentions)
    return hits.assign(target_label=scored["target_label"].to_numpy(), target_tone=scored["target_tone"].to_numpy())


def actor_sentiment(articles: pd.DataFrame, actors: str | Path | pd.DataFrame | None = None, *,
                    by: str = "outlet", vader_overrides: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Sentiment of the sentences that mention each actor, per outlet (or ``by``).

    One row per actor and group with ``n_sentences``, ``n_articles`` and the mean of each score over
    those sentences (unweighted). A sentence naming two actors counts for both. Actors with no
    mention in a group have no row. Beside the sentence scores, the sentiment **towards the actor**
    at its first mention in each sentence (:func:`analysis.models.score_target_sentiment`):
    ``target_tone`` (mean of p(positive) − p(negative)), ``share_negative`` and ``share_positive``
    (shares of mentions labelled negative or positive), and the mean ``news_tone`` of the sentences.

    Args:
        articles: article table.
        actors: actor table, path of an actor CSV, or ``None`` for the shipped table (see :func:`load_actors`).
        by: grouping column of the sentence scores (``outlet`` by default).
        vader_overrides: VADER lexicon entries to add or replace (see :func:`score_texts`).

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["NATO failed. Talks ended."]})
    >>> actor_sentiment(frame)[["actor", "outlet", "n_sentences", "vader_compound"]].values.tolist()
    [['NATO', 'X', 1, -0.5106]]
    """
    from .groups import add_group

    table = load_actors(actors)
    scores = add_group(score_sentiment(articles, vader_overrides=vader_overrides), articles, by)
    hits = _mention_sentiment(find_actor_sentences(scores, table), table)
    hits["share_negative"], hits["share_positive"] = hits["target_label"] == -1, hits["target_label"] == 1
    grouped = hits.groupby(["actor", by], sort=False, observed=True, dropna=False)
    out = grouped[[*SCORE_COLUMNS, "news_tone", "target_tone", "share_negative", "share_positive"]].mean()
    out.insert(0, "n_articles", grouped["article_id"].nunique())
    out.insert(0, "n_sentences", grouped.size())
    return out.reset_index().astype({"n_sentences": "int64", "n_articles": "int64"})
