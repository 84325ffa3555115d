"""Lexicon sentiment (TextBlob and VADER), offline, per sentence, article and headline; outlet summaries.

Both scorers run on the sentences of the shared tokens layer (:func:`analysis.tokens.sentence_table`),
so nothing is split twice. Scores are exactly those of the reference libraries called on the same
text (``TextBlob(text).sentiment`` and the ``vaderSentiment`` package's
``SentimentIntensityAnalyzer().polarity_scores(text)``, with the VADER lexicon shipped inside that
package); they are only computed faster:

- each unique text is scored once per session (a bounded memo keyed by the text);
- TextBlob's Pattern scorer and VADER's analyzer run with short cuts that skip work whose result is
  known in advance (:mod:`analysis._textblob_fast`, :mod:`analysis._vader_fast`: they check the
  installed library versions and fall back to the libraries themselves, with a warning, on any other);
- large batches are scored in worker processes (see :func:`score_texts`).

``tests/test_sentiment.py`` and ``benchmarks/sentiment.py`` compare all scores with the libraries
called directly. Sentiment towards actors (people, organisations) is in :mod:`analysis.actors`.

Lexicon sentiment does not see loaded words: "dictator", "regime", "annexed" are in neither
lexicon. Users can add or override VADER entries per call (``vader_overrides={"dictator": -2.5}``).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Literal

import numpy as np
import pandas as pd

from . import _textblob_fast, _vader_fast
from .cache import CacheArg
from .config import SCORE_MEMO_TEXTS
from .memos import Memo
from .models.news_tone import news_tone
from .store import step_rows
from .tokens import article_tokens, english_only, sentence_table
from .workers import map_parts, worker_count

__all__ = ["SCORE_COLUMNS", "score_texts", "score_sentiment", "summarize_sentiment"]

#: Score columns of every sentiment table, in this order.
SCORE_COLUMNS = ["textblob_polarity", "textblob_subjectivity", "vader_neg", "vader_neu", "vader_pos",
                 "vader_compound"]

#: From this many new texts on, worker processes are used. Set conservatively: on the 2-core test machine
#: the break-even was about 6,000 sentences with one core busy elsewhere, and none when both were busy.
PARALLEL_MIN_TEXTS = 20_000
_CHUNK = 4_000

Level = Literal["sentence", "article", "headline"]


# --- scoring texts ------------------------------------------------------------------------------

def _score_chunk(texts: list[str], overrides: dict[str, float] | None = None) -> np.ndarray:
    """Scores of ``texts`` as an ``(n, 6)`` array in :data:`SCORE_COLUMNS` order (runs in workers too)."""
    vader = _vader_fast.analyzer_with(overrides)
    out = np.empty((len(texts), len(SCORE_COLUMNS)))
    out[:, :2] = _textblob_fast.pattern_scores(texts)
    out[:, 2:] = _vader_fast.batch_scores(texts, vader)
    return out


#: Scores of texts already seen with the default lexicons (bounded; see :func:`analysis.memos.memo_stats`).
SCORE_MEMO: Memo[str, np.ndarray] = Memo("sentiment", bound=SCORE_MEMO_TEXTS)


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
    unique = list(dict.fromkeys(texts))
    known: dict[str, np.ndarray] = {}
    if overrides is None:
        known = {t: v for t in unique if (v := SCORE_MEMO.peek(t)) is not None}
    todo = [t for t in unique if t not in known]
    if todo:
        workers = n_jobs if n_jobs is not None else (worker_count() if len(todo) >= PARALLEL_MIN_TEXTS else 1)
        if workers > 1:
            _textblob_fast.preload(), _vader_fast.analyzer()  # loaded once here; forked workers inherit them
            chunks = [todo[i:i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
            scored = np.concatenate(map_parts(partial(_score_chunk, overrides=overrides), chunks, workers=workers))
        else:
            scored = _score_chunk(todo, overrides)
        known.update(zip(todo, scored, strict=True))
        if overrides is None:
            for text, values in zip(todo, scored, strict=True):
                SCORE_MEMO.put(text, values)
    values = np.array([known[t] for t in texts]).reshape(len(texts), len(SCORE_COLUMNS))
    frame = pd.DataFrame(values, columns=SCORE_COLUMNS)
    if tone:
        frame["news_tone"] = news_tone(texts, values)
    return frame


# --- levels -------------------------------------------------------------------------------------

def _sentence_words(articles: pd.DataFrame) -> np.ndarray:
    """Word count of every sentence of ``articles`` (same order as :func:`sentence_table`), from the token memo."""
    counts = [article_tokens(text).sentence_word_counts() for text in articles["text"].fillna("").astype(str)]
    return np.concatenate(counts) if counts else np.array([], dtype=np.int64)


def _carry(frame: pd.DataFrame, articles: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Copy article columns (``outlet``, ``published``, …) onto rows keyed by ``article_id``."""
    lookup = articles.drop_duplicates("article_id").set_index("article_id")
    for position, column in enumerate(columns, start=1):
        values = lookup[column].reindex(frame["article_id"]).to_numpy() if column in lookup else None
        frame.insert(position, column, values)
    return frame


def score_sentiment(articles: pd.DataFrame, *, level: Level = "sentence",
                    vader_overrides: Mapping[str, float] | None = None, n_jobs: int | None = None,
                    cache: CacheArg = True) -> pd.DataFrame:
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
        cache: at ``level="sentence"`` or ``"article"`` without overrides, ``True`` reads and keeps each
            article's scores in the per-article store (:func:`analysis.steps.per_article`), ``False``
            computes them all, ``"refresh"`` computes and replaces them.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Talks failed. It was a sad, terrible day."]})
    >>> score_sentiment(frame)[["sentence", "vader_compound"]].values.tolist()
    [['Talks failed.', -0.5106], ['It was a sad, terrible day.', -0.7351]]
    """
    if level not in ("sentence", "article", "headline"):
        raise ValueError(f"level must be 'sentence', 'article' or 'headline', not {level!r}")
    if level in ("sentence", "article") and cache and not vader_overrides:
        return step_rows("sentiment" if level == "article" else "sentences", articles, cache=cache)
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

def _bootstrap_means(rng: np.random.Generator, sums: np.ndarray, counts: np.ndarray, n_boot: int) -> np.ndarray:
    """Means of ``n_boot`` resamples of the units (``sums / counts``), drawn a block of resamples at a time.

    The draws of one block are the next rows of what one ``rng.integers(0, n, size=(n_boot, n))`` call gives
    (numpy's bounded integers are drawn in sequence), so the means are the same, while memory stays at
    about 8 MB of draws whatever the number of units.

    >>> a = _bootstrap_means(np.random.default_rng(0), np.arange(5.0), np.ones(5), 3)
    >>> draws = np.random.default_rng(0).integers(0, 5, size=(3, 5))
    >>> bool((a == np.arange(5.0)[draws].sum(axis=1) / 5).all())
    True
    """
    n = len(sums)
    block = max(1, 2**20 // max(n, 1))
    out = np.empty(n_boot)
    for first in range(0, n_boot, block):
        draws = rng.integers(0, n, size=(min(block, n_boot - first), n))
        out[first:first + len(draws)] = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    return out


def summarize_sentiment(scores: pd.DataFrame, *, by: str = "outlet", columns: Sequence[str] = ("vader_compound",
                        "textblob_polarity"), n_boot: int = 2000, confidence: float = 0.95, seed: int = 0,
                        cluster: str | None = "article_id", level: float | None = None) -> pd.DataFrame:
    """Mean score per group with a percentile bootstrap confidence interval.

    One row per group and score column: ``by``, ``score``, ``n`` (rows), ``n_articles``, ``mean``,
    ``ci_low``, ``ci_high``. Sentences of one article are not independent, so by default whole
    articles are resampled (cluster bootstrap on ``cluster``); the mean of a resample is the mean of
    all its rows. ``cluster=None`` resamples rows. Seeded (``numpy.random.default_rng(seed)``), so the
    same input always gives the same interval. Rows with a missing score are left out.

    Args:
        scores: output of :func:`score_sentiment` (any level) or of :func:`analysis.actors.find_actor_sentences`.
        by: grouping column.
        columns: score columns to summarise.
        n_boot: bootstrap resamples.
        confidence: confidence level of the interval (0.95: a 95% interval).
        seed: seed of the random generator.
        cluster: column whose values are resampled as units; ``None`` for rows.
        level: deprecated name of ``confidence`` (``level`` means sentence, article or headline
            elsewhere); still accepted for one release, with a ``DeprecationWarning``.

    >>> s = pd.DataFrame({"outlet": ["A"] * 4, "article_id": list("abcd"), "vader_compound": [0.1, 0.2, 0.3, 0.4]})
    >>> summarize_sentiment(s, columns=["vader_compound"])[["outlet", "n", "mean"]].values.tolist()
    [['A', 4, 0.25]]
    """
    if level is not None:
        warnings.warn("summarize_sentiment(level=...) is deprecated: use confidence=...", DeprecationWarning,
                      stacklevel=2)
        confidence = level
    rng = np.random.default_rng(seed)
    alpha = (1 - confidence) / 2
    rows = []
    for column in columns:
        data = scores.dropna(subset=[column])
        for group, part in data.groupby(by, sort=True, observed=True):
            units = part[cluster].to_numpy() if cluster and cluster in part else np.arange(len(part))
            codes, uniques = pd.factorize(units)
            sums = np.bincount(codes, weights=part[column].to_numpy(dtype=float), minlength=len(uniques))
            counts = np.bincount(codes, minlength=len(uniques)).astype(float)
            boot = _bootstrap_means(rng, sums, counts, n_boot)
            low, high = np.quantile(boot, [alpha, 1 - alpha])
            rows.append((group, column, len(part), part["article_id"].nunique() if "article_id" in part else len(part),
                         sums.sum() / counts.sum(), low, high))
    return pd.DataFrame(rows, columns=[by, "score", "n", "n_articles", "mean", "ci_low", "ci_high"])

