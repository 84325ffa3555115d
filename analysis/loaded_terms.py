"""Loaded terms: every hit of a lexicon in the articles' headlines and texts, with the voice it is said in.

- :func:`find_loaded_terms`: one row per hit (the engine of :mod:`analysis.matcher`, the voice rule of
  :mod:`analysis.voice`), default lexicon the shipped ``loaded_terms``; a ``lexicon=`` given replaces it
  (see :func:`analysis.lexicons.resolve_lexicon`; extend with ``["loaded_terms", "mine.csv"]``);
- :func:`loaded_term_rates`: hits per 1,000 words per group and category, with the counts behind them;
- :func:`loaded_term_kwic`: the KWIC lines behind a count.

Sentences come from the shared tokens layer (:func:`analysis.tokens.article_tokens`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cache import CacheArg
from .concordance import KWIC_COLUMNS, context_words
from .lexicons import LexiconLike, resolve_lexicon
from .matcher import article_rows, hit_frame, lexicon_matcher, sentence_spans_at
from .rates import rate_table
from .store import step_rows
from .voice import (
    VOICES,
    attribution_cue,
    field_quotes,
    may_hold_cues,
    negation_cue,
    quote_kind_at,
    quote_spans,
    voice_of,
)

__all__ = ["LOADED_TERM_COLUMNS", "find_loaded_terms", "loaded_term_kwic", "loaded_term_rates"]

LOADED_TERM_COLUMNS = [
    "article_id", "outlet", "published", "title", "field", "sentence_id", "start", "end", "term", "category",
    "matched", "left", "right", "sentence", "in_quotes", "quote_kind", "negated", "negation_cue", "attributed",
    "attribution_cue", "voice",
]


def find_loaded_terms(
    articles: pd.DataFrame,
    lexicon: LexiconLike = None,
    *,
    window: int = 8,
    cache: CacheArg = True,
) -> pd.DataFrame:
    """Every loaded term in the articles' headlines and texts, one row per hit, with its voice.

    Columns (:data:`LOADED_TERM_COLUMNS`): the KWIC columns of :func:`analysis.kwic`
    (``article_id``, ``outlet``, ``published``, ``title``, ``sentence_id`` — empty for a headline —,
    ``start``, ``end``, ``left``, ``right``, ``sentence``) with the match as ``matched``, plus
    ``field`` (``title`` or ``text``; offsets refer to that field), the lexicon's ``term`` and
    ``category``, and the context that changes what a hit means:

    - ``in_quotes`` / ``quote_kind``: inside quotation marks, and which kind (see :func:`scare_quotes`);
    - ``negated`` / ``negation_cue``: "not", "no", "never", "n't"… in the four words before the hit
      (same clause), or "denied", "rejected", "dismissed"… in the five words before it;
    - ``attributed`` / ``attribution_cue``: a reporting verb ("said", "called", "accused"…) or a
      passive label ("is often described as", "was branded") in the fifteen words before the hit (same clause),
      "according to" anywhere in the sentence, or ", X said" after it. A passive without an agent
      ("who is often described as a dictator") counts as attributed, to unnamed others: the
      outlet formally hands the label to someone else, and the cue column shows that it did so
      without naming anyone;
    - ``voice``: one summary, in this order of precedence: ``quoted`` (quoted speech or a quoted
      name) or ``scare_quoted``; else ``negated``; else ``attributed``; else ``own``.

    Only English articles are read (:func:`analysis.english_only`). Entries are matched by
    :func:`lexicon_matcher` (the hits of one alternation, longest first); overlapping entries count once.

    Args:
        articles: article table (``article_id``, ``text``; ``title``, ``outlet``, ``published`` if present).
        lexicon: a lexicon table (``term``, ``category``, optional ``match``), a shipped name, a
            file, or a list of names and files; default the shipped ``loaded_terms``.
        window: words of context in ``left`` and ``right``.
        cache: ``True`` reads and keeps each article's hits in the per-article store
            (:func:`analysis.steps.per_article`: only articles not stored before are read), ``False``
            computes them all, ``"refresh"`` computes and replaces them.

    >>> frame = pd.DataFrame({"article_id": ["a"], "title": [""], "text": ["Biden called him a dictator."]})
    >>> find_loaded_terms(frame)[["matched", "category", "attribution_cue", "voice"]].values.tolist()
    [['dictator', 'pejorative', 'called', 'attributed']]
    """
    lexicon = resolve_lexicon(lexicon)
    if cache and window == 8:  # the stored step's window
        return step_rows("loaded_terms", articles, {"loaded_terms": lexicon}, cache=cache)
    matcher = lexicon_matcher(lexicon)
    terms, categories = matcher.entries["term"].tolist(), matcher.entries["category"].tolist()
    arts = article_rows(articles)
    rows: list[tuple] = []
    for position, title, text in zip(range(len(arts)), arts["title"].tolist(), arts["text"].tolist(), strict=True):
        for field, value in (("title", title), ("text", text)):
            found = matcher.find(value)
            if found:
                rows.extend(_field_hits(position, field, value, found, window))
    names = ["_position", "field", "sentence_id", "start", "end", "_entry", *LOADED_TERM_COLUMNS[10:]]
    columns = dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)) if rows else {n: [] for n in names}
    entry = columns["_entry"]
    columns["term"], columns["category"] = [terms[e] for e in entry], [categories[e] for e in entry]
    hits = pd.DataFrame({name: columns[name] for name in LOADED_TERM_COLUMNS[4:]}, columns=LOADED_TERM_COLUMNS[4:])
    out = hit_frame(arts, columns["_position"], hits)
    category_order = list(dict.fromkeys(lexicon["category"]))
    for column in ["field", "term", "matched", "left", "right", "sentence", "quote_kind", "negation_cue",
                   "attribution_cue"]:
        out[column] = out[column].astype("string")
    return out.astype({"sentence_id": "Int64", "start": "int64", "end": "int64", "in_quotes": "bool",
                       "negated": "bool", "attributed": "bool", "category": pd.CategoricalDtype(category_order),
                       "voice": pd.CategoricalDtype(VOICES)})


def _field_hits(position: int, field: str, value: str, found: list[tuple[int, int, int]], window: int) -> list[tuple]:
    """The rows of one field's hits: position, field, sentence id, start, end, lexicon row, then the voice columns.

    The sentences and quotations are found once per field, and the negation and attribution rules run
    only where :func:`analysis.voice.may_hold_cues` finds a possible cue in the hit's sentence (the text
    those rules read; as in :func:`analysis.voice.voice_reader`, with the sentence as the text).
    """
    # Quotation kinds are read only where a hit stands inside a quotation (elsewhere no hit has one).
    marked = quote_spans(value) if '"' in value or "'" in value else []
    quotes = field_quotes(value) if any(s <= a and b <= e for a, b, _ in found for s, e in marked) else []
    spans = sentence_spans_at(value, field, [start for start, _, _ in found], [end for _, end, _ in found])
    rows, cues = [], {}
    for (start, end, entry), (sid, s0, s1) in zip(found, spans, strict=True):
        sentence = value[s0:s1]
        may_attribute, may_negate = cues.get(s0) or cues.setdefault(s0, may_hold_cues(sentence))
        quote_kind = quote_kind_at(quotes, start, end) if quotes else ""
        negation = negation_cue(value[s0:start]) if may_negate else ""
        attribution = attribution_cue(sentence, start - s0, end - s0) if may_attribute else ""
        left, right = context_words(value, start, end, window)
        rows.append((position, field, sid, start, end, entry, value[start:end], left, right, sentence,
                     bool(quote_kind), quote_kind, bool(negation), negation, bool(attribution), attribution,
                     voice_of(quote_kind, bool(negation), bool(attribution))))
    return rows


def loaded_term_kwic(hits: pd.DataFrame, **equals: object) -> pd.DataFrame:
    """The KWIC lines behind a count: hits whose columns equal the given values, in KWIC layout.

    Returns the columns of :func:`analysis.kwic` (``matched`` as ``match``) followed by
    ``term``, ``category``, ``field`` and ``voice``, so a rate in :func:`loaded_term_rates` opens
    as the lines it counts: ``loaded_term_kwic(hits, outlet="Kremlin", category="pejorative")``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "title": [""], "text": ["A brutal, massive attack."]})
    >>> loaded_term_kwic(find_loaded_terms(frame), term="massive*")[["left", "match", "right"]].values.tolist()
    [['A brutal', 'massive', 'attack']]
    """
    keep = np.ones(len(hits), dtype=bool)
    for column, value in equals.items():
        keep &= (hits[column] == value).fillna(False).to_numpy(dtype=bool)
    lines = hits[keep].rename(columns={"matched": "match"})
    return lines[[*KWIC_COLUMNS, "term", "category", "field", "voice"]]


def loaded_term_rates(hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Loaded-term hits per 1,000 words for each group and category, with the counts behind them.

    One row per group × category (categories without hits in a group included, at zero):
    ``hits``, ``articles_with_hits`` (articles of the group with at least one hit of the
    category), ``articles`` and ``words`` of the group (English articles only, headline words
    included, as in :func:`find_loaded_terms`), and ``per_1000`` (computed by :func:`analysis.rates.rate_table`).

    Args:
        hits: output of :func:`find_loaded_terms` (filter it first to count, say, own-voice hits only).
        articles: the article table the hits came from.
        by: article column to group by.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["", ""],
    ...                       "text": ["A brutal regime.", "Talks went on all day."]})
    >>> rates = loaded_term_rates(find_loaded_terms(frame), frame)
    >>> rates.query("category == 'pejorative'")[["outlet", "hits", "words", "per_1000"]].values.tolist()
    [['X', 1, 3, 333.33...], ['Y', 0, 5, 0.0]]
    """
    return rate_table(hits, articles, by=by)
