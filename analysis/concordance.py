"""Keyword in context: every match of a word, phrase, glob or regex, with its context and sentence.

The same pattern compiler (:func:`compile_pattern`) serves lexicons and naming tables, so a
term matches the same text everywhere in Framing Lab.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

from .tokens import WORD_PATTERN, article_tokens

__all__ = ["compile_pattern", "kwic", "subset_articles", "KWIC_COLUMNS"]

Match = Literal["glob", "word", "phrase", "regex"]

KWIC_COLUMNS = ["article_id", "outlet", "published", "title", "sentence_id", "start", "end",
                "left", "match", "right", "sentence"]


def _glob_part(word: str) -> str:
    """One word of a glob: ``*`` any letters, ``?`` one letter, anything else literal."""
    out = []
    for ch in word:
        out.append(r"[\w'\-]*" if ch == "*" else r"\w" if ch == "?" else re.escape(ch))
    return "".join(out)


def pattern_source(pattern: str, match: Match = "glob") -> str:
    """The regular-expression source for ``pattern`` under a matching mode.

    ``word``: the exact word; ``phrase``: the words in order, any white space between them;
    ``glob``: like ``phrase``, with ``*`` (any letters) and ``?`` (one letter) inside words;
    ``regex``: used as given. Words and phrases match whole words only ("regime" does not
    match "regimen").

    >>> pattern_source("annex*")
    "(?<![^\\\\W\\\\d_])(?<![^\\\\W\\\\d_][\\\\-'])annex[\\\\w'\\\\-]*(?![^\\\\W\\\\d_]|-[^\\\\W\\\\d_]|'(?!s\\\\b)[^\\\\W\\\\d_])"
    """
    if match == "regex":
        return pattern
    words = pattern.split()
    if not words:
        raise ValueError("empty search pattern")
    if match == "word" and len(words) > 1:
        raise ValueError(f"match='word' takes one word, got {pattern!r}: use match='phrase'")
    part = _glob_part if match == "glob" else re.escape
    body = r"\s+".join(part(w) for w in words)
    # Boundaries mirror the tokenizer: letters joined by inner hyphens or apostrophes make one
    # word, so "regime" is not found in "regimen" or "anti-regime", while a quote mark may
    # precede ('Kyiv') and a possessive 's may follow ("Russia's"). A number next to letters
    # is a separate token ("Ukraine-79" holds "Ukraine").
    letter, word = r"[^\W\d_]", r"\w"
    before = letter if words[0][0].isalpha() else word
    after = letter if words[-1][-1].isalpha() or words[-1][-1] == "*" else word
    return rf"(?<!{before})(?<!{letter}[\-']){body}(?!{after}|-{letter}|'(?!s\b){letter})"


def compile_pattern(pattern: str, match: Match = "glob", *, case_sensitive: bool = False) -> re.Pattern:
    """Compile ``pattern`` (see :func:`pattern_source`) for searching article text.

    >>> bool(compile_pattern("regime").search("a regimen of pills"))
    False
    >>> compile_pattern("illegally annex*").search("territories illegally  annexed by").group()
    'illegally  annexed'
    """
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        return re.compile(pattern_source(pattern, match), flags)
    except re.error as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}") from None


_SPACE = re.compile(r"\s+")


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """``window`` words before ``start`` and after ``end``, as they read in the text (one line)."""
    before = text[max(0, start - window * 30): start]
    words = list(WORD_PATTERN.finditer(before))
    left = before[words[-min(window, len(words))].start():words[-1].end()] if words and window else ""
    after = text[end: end + window * 30]
    words = list(WORD_PATTERN.finditer(after))[:window]
    right = after[words[0].start():words[-1].end()] if words and window else ""
    return _SPACE.sub(" ", left), _SPACE.sub(" ", right)


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
            left, right = _context(text, hit.start(), hit.end(), window)
            sentence = text[tokens.sentence_starts[sid]: tokens.sentence_ends[sid]] if len(tokens.sentence_starts) else text
            rows.append((position, sid, hit.start(), hit.end(), left, hit.group(), right, sentence))
    positions = np.array([r[0] for r in rows], dtype=np.int64)
    out = pd.DataFrame(rows, columns=["_pos", "sentence_id", "start", "end", "left", "match", "right", "sentence"])
    for column in ["article_id", "outlet", "published", "title"]:
        values = articles[column].to_numpy()[positions] if column in articles else [None] * len(rows)
        out[column] = values
    out = out[KWIC_COLUMNS]
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
