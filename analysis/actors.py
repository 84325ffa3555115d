"""Actors: the people and organisations a story is about, their aliases, and the sentiment of the sentences naming them.

The actor table (:func:`load_actors`; shipped as ``analysis/data/actors.csv``, editable) lists one
alias per row with its matching mode (the one grammar of :func:`analysis.patterns.pattern_source`);
:func:`find_actor_sentences` finds the scored sentences naming each actor and :func:`actor_sentiment`
summarises them per outlet, with the sentiment towards the actor at its mention
(:func:`analysis.models.score_target_sentiment`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .lexicons import read_numbered_csv
from .patterns import MATCH_MODES, compile_pattern, pattern_source
from .sentiment import SCORE_COLUMNS, score_sentiment

__all__ = ["load_actors", "find_actor_sentences", "actor_sentiment", "ACTORS_PATH", "ACTOR_COLUMNS"]

#: The shipped, editable actor table (``actor``, ``alias``, ``match``, ``case_sensitive``).
ACTORS_PATH = DATA_DIR / "actors.csv"
ACTOR_COLUMNS = ["actor", "alias", "match", "case_sensitive"]


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
        numbered = read_numbered_csv(path, error=ValueError)
        if not numbered:
            raise ValueError(f"{name}: no header line (expected columns {', '.join(ACTOR_COLUMNS)})")
        (header_line, header), body = numbered[0], numbered[1:]
        missing = {"actor", "alias"} - set(header)
        if missing:
            raise ValueError(f"{name}, line {header_line}: header lacks column(s) {', '.join(sorted(missing))}")
        for n, fields in body:
            if len(fields) > len(header):
                raise ValueError(f"{name}, line {n}: more fields than the header has columns")
        records = [(f"line {n}", dict(zip(header, fields, strict=False))) for n, fields in body]
    out = []
    for where, row in records:
        actor, alias = (str(row.get(k) or "").strip() for k in ("actor", "alias"))
        match = str(row.get("match") or "phrase").strip() or "phrase"
        flag = str(row.get("case_sensitive") or "false").strip().lower()
        if not actor or not alias:
            raise ValueError(f"{name}, {where}: both 'actor' and 'alias' are needed, got {actor!r}, {alias!r}")
        if match not in MATCH_MODES:
            raise ValueError(f"{name}, {where}: match must be one of {sorted(MATCH_MODES)}, got {match!r}")
        if flag not in {"true", "false", "1", "0", "yes", "no", ""}:
            raise ValueError(f"{name}, {where}: case_sensitive must be true or false, got {flag!r}")
        try:
            compile_pattern(alias, match)
        except ValueError as exc:
            raise ValueError(f"{name}, {where}: {exc}") from None
        out.append((actor, alias, match, flag in {"true", "1", "yes"}))
    return pd.DataFrame(out, columns=ACTOR_COLUMNS)


def _actor_patterns(actors: pd.DataFrame) -> dict[str, list[tuple[re.Pattern, re.Pattern | None]]]:
    """One compiled pattern per actor and case mode, the alternation of its aliases (via :func:`compile_pattern`),
    each with its prefilter (:func:`_prefilter`)."""
    patterns: dict[str, list[tuple[re.Pattern, re.Pattern | None]]] = {}
    for (actor, case_sensitive), part in actors.groupby(["actor", "case_sensitive"], sort=False):
        aliases = list(zip(part["alias"], part["match"], strict=True))
        source = "|".join(f"(?:{pattern_source(a, m)})" for a, m in aliases)
        patterns.setdefault(actor, []).append((compile_pattern(source, "regex", case_sensitive=bool(case_sensitive)),
                                               _prefilter(aliases, bool(case_sensitive))))
    return patterns


def _prefilter(aliases: list[tuple[str, str]], case_sensitive: bool) -> re.Pattern | None:
    """The letters every match of one of ``aliases`` starts with, as a pattern found much faster than the aliases'.

    A text the prefilter does not find holds no match: each word, phrase and glob alias matches its first
    word's letters up to the first ``*`` or ``?`` as written (with the same case rule). ``None`` when an
    alias has no such letters (a regex, a glob starting with ``*``).

    >>> _prefilter([("Vladimir Putin", "phrase"), ("Putin*", "glob")], False).pattern
    'Vladimir|Putin'
    """
    starts = [re.split(r"[*?]", alias.split()[0])[0] if match != "regex" else "" for alias, match in aliases]
    if not all(starts):
        return None
    return re.compile("|".join(re.escape(start) for start in starts), 0 if case_sensitive else re.IGNORECASE)


def find_actor_sentences(scores: pd.DataFrame, actors: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences that mention an actor (any alias): one row per sentence and actor, with its scores.

    Args:
        scores: sentence-level output of :func:`analysis.sentiment.score_sentiment`.
        actors: actor table, path of an actor CSV, or ``None`` for the shipped table (see :func:`load_actors`).

    >>> s = score_sentiment(pd.DataFrame({"article_id": ["a"], "text": ["Mr. Putin spoke. NATO met. Talks ended."]}))
    >>> find_actor_sentences(s)[["actor", "sentence"]].values.tolist()
    [['Putin', 'Mr. Putin spoke.'], ['NATO', 'NATO met.']]
    """
    table = load_actors(actors)
    texts = scores["sentence"].fillna("").astype(str).tolist()
    parts = []
    for actor, regexes in _actor_patterns(table).items():
        mask = np.zeros(len(scores), dtype=bool)
        for regex, prefilter in regexes:
            candidates = range(len(texts)) if prefilter is None else [
                i for i, t in enumerate(texts) if prefilter.search(t)]
            mask[[i for i in candidates if regex.search(texts[i])]] = True
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
        found = [m for m in (regex.search(sentence) for regex, _ in patterns.get(actor, [])) if m]
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
        vader_overrides: VADER lexicon entries to add or replace (see :func:`analysis.sentiment.score_texts`).

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
