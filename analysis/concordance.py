"""Keyword in context: every match of a word, phrase, glob or regex, with its context and sentence.

The one matching grammar (:func:`analysis.patterns.compile_pattern`) serves KWIC, lexicons and naming
tables, so a term matches the same text everywhere in Framing Lab; :func:`context_words` is the one
reading of the words around a hit.
"""

from __future__ import annotations

import re
from itertools import islice

import numpy as np
import pandas as pd

from .matcher import hit_frame
from .patterns import Match, compile_pattern
from .tokens import WORD_PATTERN, article_tokens

__all__ = ["context_words", "kwic", "subset_articles", "KWIC_COLUMNS"]

KWIC_COLUMNS = ["article_id", "outlet", "published", "title", "sentence_id", "start", "end",
                "left", "match", "right", "sentence"]


_SPACE = re.compile(r"\s+")
_FIRST_SPACE = re.compile(r"\s")


def context_words(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """``window`` words before ``start`` and after ``end``, as they read in the text (white space as one space).

    >>> context_words("He is a  dictator, they said.", 9, 17, 2)
    ('is a', 'they said')
    """
    left = _left_words(text, start, window)
    after = text[end: end + window * 30]
    words = list(islice(WORD_PATTERN.finditer(after), window))
    right = after[words[0].start():words[-1].end()] if words and window else ""
    return _SPACE.sub(" ", left), _SPACE.sub(" ", right)


def _left_words(text: str, start: int, window: int) -> str:
    """The last ``window`` words of the ``window * 30`` characters before ``start``, read from as few as needed.

    No word holds white space and the word pattern has no look-arounds, so the words after the first white
    space of a shorter stretch are those of the longer one: when there are ``window`` of them, they are the answer.
    """
    before = text[max(0, start - window * 30): start]
    short = before[-window * 10:]
    if len(short) < len(before) and window:
        space = _FIRST_SPACE.search(short)
        words = list(WORD_PATTERN.finditer(short, space.end())) if space else []
        if len(words) >= window:
            return short[words[-window].start():words[-1].end()]
    words = list(WORD_PATTERN.finditer(before))
    return before[words[-min(window, len(words))].start():words[-1].end()] if words and window else ""


def kwic(
    articles: pd.DataFrame,
    pattern: str,
    *,
    window: int = 8,
    match: Match = "glob",
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Keyword in context: one row per match of ``pattern`` in the articles' ``text``.

    ``left`` and ``right`` hold up to ``window`` words before and after the match as they read
    in the text (across sentence boundaries); ``sentence`` is the whole sentence holding the
    match; ``start``/``end`` are character offsets of the match in ``text``.

    Args:
        articles: article table (``article_id``, ``text``; ``outlet``, ``published``, ``title`` if present).
        pattern: a word, a phrase, a glob (``annex*``) or a regular expression.
        window: words of context on each side.
        match: ``"glob"`` (default; also plain words and phrases), ``"word"``, ``"phrase"`` or ``"regex"``.
        case_sensitive: match case exactly (default: ignore case).

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["He is a dictator. This statement pertains to it."]})
    >>> kwic(frame, "dictator", window=3)[["left", "match", "right"]].values.tolist()
    [['He is a', 'dictator', 'This statement pertains']]
    """
    regex = compile_pattern(pattern, match, case_sensitive=case_sensitive)
    rows = []
    texts = articles["text"].fillna("").astype(str).to_numpy()
    for position, text in enumerate(texts):
        found = list(regex.finditer(text))
        if not found:
            continue
        tokens = article_tokens(text)
        for hit in found:
            if hit.end() == hit.start():
                continue
            sid = tokens.sentence_of(hit.start())
            left, right = context_words(text, hit.start(), hit.end(), window)
            sentence = text[tokens.sentence_starts[sid]: tokens.sentence_ends[sid]] if len(tokens.sentence_starts) else text
            rows.append((position, sid, hit.start(), hit.end(), left, hit.group(), right, sentence))
    positions = np.array([r[0] for r in rows], dtype=np.int64)
    table = pd.DataFrame([r[1:] for r in rows], columns=["sentence_id", "start", "end", "left", "match", "right",
                                                          "sentence"])
    out = hit_frame(articles, positions, table)[KWIC_COLUMNS]
    for column in ["left", "match", "right", "sentence"]:
        out[column] = out[column].astype("string")
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def subset_articles(articles: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """The articles behind a table of hits (KWIC lines, loaded terms, …): rows whose ``article_id`` appears in it.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["war", "peace"]})
    >>> subset_articles(arts, kwic(arts, "war"))["article_id"].tolist()
    ['a']
    """
    return articles[articles["article_id"].isin(hits["article_id"])]
