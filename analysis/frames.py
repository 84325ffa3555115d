"""Frames: a lexicon approximation of the 15 Media Frames Corpus dimensions, per group or per article.

The cue lexicon is shipped as ``analysis/data/lexicons/frames.csv`` (category = frame); a cue counts for
its dimension whoever says it. Counting cue words approximates which dimensions an article talks about,
not how it frames them (the Media Frames Corpus codes a frame as a human judgement on the whole text).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cache import CacheArg
from .lexicons import LexiconLike, resolve_lexicon
from .matcher import hit_frame, lexicon_matcher
from .rates import rate_table
from .store import step_rows
from .tokens import article_tokens, english_only

__all__ = ["FRAME_CUE_COLUMNS", "find_frame_cues", "frame_shares"]

FRAME_CUE_COLUMNS = ["article_id", "outlet", "published", "field", "sentence_id", "start", "end", "term", "category",
                     "frame", "matched"]


def find_frame_cues(articles: pd.DataFrame, frames: LexiconLike = None, *, cache: CacheArg = True) -> pd.DataFrame:
    """Every frame cue in headlines and texts, one row per hit; ``frame`` is the MFC dimension it signals.

    Columns (:data:`FRAME_CUE_COLUMNS`): ``article_id``, ``outlet``, ``published``, ``field`` (``title`` or
    ``text``), ``sentence_id`` (empty for a headline), ``start``/``end`` (offsets in that field), the
    lexicon's ``term`` and ``category``, ``frame`` (the category) and ``matched``. Matching is that of
    :func:`analysis.loaded_terms.find_loaded_terms` (whole words, case ignored, a possessive 's may follow,
    the longest entry wins where entries overlap; the same :func:`analysis.matcher.lexicon_matcher`), without
    the voice of each hit: a cue counts for its dimension whoever says it. Only English articles are
    read. A cue is a lexicon approximation: it shows that a dimension is talked about.

    Args:
        articles: article table.
        frames: a cue table (``term``, ``category`` = frame), a shipped name, a file, or a list;
            default the shipped ``frames``.
        cache: ``True`` reads and keeps each article's hits in the per-article store
            (:func:`analysis.steps.per_article`: only articles not stored before are read), ``False``
            computes them all, ``"refresh"`` computes and replaces them.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Inflation hit the markets."]})
    >>> find_frame_cues(frame)[["matched", "frame"]].values.tolist()
    [['Inflation', 'Economic'], ['markets', 'Economic']]
    """
    lexicon = resolve_lexicon(frames, "frames")
    if cache:
        return step_rows("frames", articles, {"frames": lexicon}, cache=cache)
    matcher = lexicon_matcher(lexicon)
    terms, categories = matcher.entries["term"].to_numpy(), matcher.entries["category"].to_numpy()
    arts = english_only(articles)
    n = len(arts)
    titles = arts["title"].fillna("").astype(str).to_numpy() if "title" in arts else np.full(n, "")
    rows = []
    for position, (title, text) in enumerate(zip(titles, arts["text"].fillna("").astype(str).to_numpy(), strict=True)):
        for field, value in (("title", title), ("text", text)):
            found = matcher.find(value)
            if not found:
                continue
            starts = np.array([start for start, _, _ in found], dtype=np.int64)
            sentence = np.full(len(found), -1, dtype=np.int64)
            if field == "text":
                sentence = np.maximum(np.searchsorted(article_tokens(value).sentence_starts, starts, side="right") - 1, 0)
            rows.extend((position, field, sid, start, end, terms[entry], categories[entry], value[start:end])
                        for sid, (start, end, entry) in zip(sentence.tolist(), found, strict=True))
    hits = pd.DataFrame(rows, columns=["_pos", "field", "sentence_id", "start", "end", "term", "category", "matched"])
    positions = hits["_pos"].to_numpy(dtype=np.int64)
    order = pd.CategoricalDtype(list(dict.fromkeys(lexicon["category"].astype(str))))
    out = hit_frame(arts, positions, pd.DataFrame({
        "field": hits["field"].astype("string"),
        "sentence_id": pd.array(hits["sentence_id"].to_numpy(dtype=np.int64), dtype="Int64"),
        "start": hits["start"].to_numpy(dtype=np.int64), "end": hits["end"].to_numpy(dtype=np.int64),
        "term": hits["term"].astype("string"), "category": pd.Categorical(hits["category"], dtype=order)}),
        columns=["article_id", "outlet", "published"])
    out.loc[out["field"] == "title", "sentence_id"] = pd.NA
    out["frame"] = out["category"].astype("string")
    out["matched"] = hits["matched"].astype("string")
    return out[FRAME_CUE_COLUMNS]


def frame_shares(articles: pd.DataFrame, frames: LexiconLike = None, *, by: str = "outlet",
                 hits: pd.DataFrame | None = None, counted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of frame-cue hits per MFC dimension, per group or per article (``by="article_id"``): a lexicon approximation.

    One row per group × frame (frames without cues included, at zero): ``hits``, ``share`` (of the
    group's frame-cue hits), ``articles_with_hits``, ``articles``, ``words`` and
    ``per_1000``, counted by :func:`analysis.rates.rate_table` (headline words included: cues are found in headlines too).
    The Media Frames Corpus codes a frame as a human judgement on the whole text; counting cue words
    approximates which dimensions an article talks about, not how it frames them.

    Args:
        articles: article table.
        frames: cue table, shipped name, file or list (see :func:`find_frame_cues`).
        by: article column to group by; ``"article_id"`` gives per-article shares.
        hits: the articles' :func:`find_frame_cues` rows, when already computed (``articles`` then needs no text).
        counted: those rows already counted per group and frame (:func:`analysis.rates.count_hits` of them,
            or its sum over partitions of the articles: the pipeline's way), instead of ``hits``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Inflation hit the troops."]})
    >>> frame_shares(frame).query("hits > 0")[["frame", "hits", "share"]].values.tolist()
    [['Economic', 1, 0.5], ['Security and defense', 1, 0.5]]
    """
    hits = find_frame_cues(articles, frames) if hits is None and counted is None else hits
    rates = rate_table(hits, articles, by=by, count="category", counted=counted).rename(columns={"category": "frame"})
    total = rates.groupby(by, dropna=False)["hits"].transform("sum")
    rates.insert(rates.columns.get_loc("hits") + 1, "share", rates["hits"] / total.where(total > 0))
    return rates
