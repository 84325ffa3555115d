"""Fast VADER sentiment: vaderSentiment's ``polarity_scores`` minus work whose result is known (private by design).

This module and :mod:`analysis._textblob_fast` are the one exception to the package's rule that no module
imports a private (underscore) name from another: both are implementation details of
:mod:`analysis.sentiment`, the only package module that imports them (no other module should).
The analyzer here subclasses ``vaderSentiment``'s ``SentimentIntensityAnalyzer`` and overrides
three of its methods, copying their logic from vaderSentiment :data:`TESTED_VERSION` (pinned in
``requirements.txt``). With any other installed version, or when an internal the short cuts rely
on has changed, :func:`analyzer` warns (``UserWarning``) and returns the library's own analyzer:
slower, the library's own numbers.

The short cuts skip the emoji rewrite of a text without emoji, the valence rules for words that are
not in the lexicon, and the negation and idiom checks when no word nearby can trigger them.
``tests/test_vader_fast.py`` and ``tests/test_sentiment.py`` compare the scores with the library
called directly.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from itertools import chain

import numpy as np

from . import versions

__all__ = ["TESTED_VERSION", "fast_path_usable", "analyzer", "analyzer_with", "batch_scores"]

#: The ``vaderSentiment`` version whose methods the short cuts copy (``requirements.txt`` pins it).
TESTED_VERSION = "3.3.2"


@lru_cache(maxsize=1)
def _trigger_words() -> tuple[frozenset[str], frozenset[str]] | None:
    """Words that can make the negation and the idiom checks change a valence; ``None`` if the idioms defeat it.

    Negation: the negations and the "never so", "without doubt" cases of ``_negation_check``. Idioms:
    ``_special_idioms_check`` matches multi-word idioms and boosters; the short cut needs each to
    hold one of the words kept (all but "the", "of", "to", "for").
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES

    negation_words = frozenset(NEGATE) | {"never", "so", "this", "without", "doubt"}
    idioms = [key.split() for key in [*SPECIAL_CASES, *BOOSTER_DICT] if " " in key]
    idiom_words = frozenset(w for words in idioms for w in words) - {"the", "of", "to", "for"}
    if not all(idiom_words.intersection(words) for words in idioms):
        return None
    return negation_words, idiom_words


def fast_path_usable() -> bool:
    """Whether the short cuts apply to the installed ``vaderSentiment``; warns (``UserWarning``) when they do not.

    >>> fast_path_usable()
    True
    """
    return versions.check_tested_version("vaderSentiment", versions.installed_version("vaderSentiment"), TESTED_VERSION,
                                         internals_ok=lambda: _trigger_words() is not None,
                                         what="the fast VADER scorer", instead="vaderSentiment's own analyzer")


def _vader_class():
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText, allcap_differential

    negation_words, idiom_words = _trigger_words()  # checked by fast_path_usable

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
def _fast_analyzer():
    """One fast analyzer with the lexicon shipped in the ``vaderSentiment`` package (built once)."""
    return _vader_class()()


@lru_cache(maxsize=1)
def _library_analyzer():
    """vaderSentiment's own analyzer (built once)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def analyzer():
    """The shared VADER analyzer: the fast one when :func:`fast_path_usable`, else (with a warning) the library's.

    >>> analyzer().polarity_scores("A good day.")["compound"]
    0.4404
    """
    return _fast_analyzer() if fast_path_usable() else _library_analyzer()


def analyzer_with(overrides: Mapping[str, float] | None):
    """The shared analyzer, or a per-call copy whose lexicon has ``overrides`` (keys lower-cased).

    >>> analyzer_with({"Dictator": -2.5}).polarity_scores("A dictator.")["compound"] < 0
    True
    """
    base = analyzer()
    if not overrides:
        return base
    copy = object.__new__(type(base))
    copy.__dict__.update(base.__dict__)
    copy.lexicon = {**base.lexicon, **{str(k).lower(): float(v) for k, v in overrides.items()}}
    return copy


# --- many texts at once -------------------------------------------------------------------------
# vaderSentiment's rules, for a lexicon word at position i, read the words from i - 3 to i + 2. Those
# computed here over arrays, in the library's order of operations: the boosters before it (scaled by
# distance, sign of the valence so far), the negations before it (x N_SCALAR), "so"/"this" just before
# it (x 1.25 where the library's third look-back runs), and "but" (the library's own loop, on the
# non-zero sentiments). A text with any other rule word in reach of a lexicon word ("never",
# "without", "doubt", "least", idiom words), with "no" or "kind" anywhere, with an emoji, or with an
# all-caps lexicon word or booster among mixed case is scored by ``polarity_scores`` itself.

#: Texts with more lexicon words than this are scored one by one (the batch pads each text's valences to this width).
_MAX_VALENCES = 32


@lru_cache(maxsize=1)
def _rule_words() -> tuple[frozenset[str], dict[str, float], frozenset[str]]:
    """Words whose rules are left to the library, the boosters (word -> scalar) and the negations."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

    _, idiom_words = _trigger_words()
    other = idiom_words | {"never", "without", "doubt", "least"}
    return frozenset(other), {w: v for w, v in BOOSTER_DICT.items() if " " not in w}, frozenset(NEGATE)


def _piece_table(pieces: list[str], lexicon: Mapping[str, float]) -> dict[str, np.ndarray]:
    """Per distinct white-space piece: its word's lexicon valence and the flags the rules read."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT

    other, boosters, negate = _rule_words()
    punctuation = string.punctuation
    n = len(pieces)
    table = {k: np.zeros(n, bool) for k in ("lexicon", "listed", "other", "upper", "wide", "negation", "so_this",
                                            "but")}
    table["valence"], table["booster"] = np.zeros(n), np.zeros(n)
    for k, piece in enumerate(pieces):
        word = piece if len(stripped := piece.strip(punctuation)) <= 2 else stripped
        lower = word.lower()
        table["upper"][k] = word.isupper()
        table["other"][k] = lower in other
        table["wide"][k] = lower in ("no", "kind")
        table["negation"][k] = lower in negate or "n't" in lower
        table["so_this"][k] = lower in ("so", "this")
        table["but"][k] = lower == "but"
        table["booster"][k] = boosters.get(lower, 0.0)
        if lower in lexicon:
            table["listed"][k] = True
            if lower not in BOOSTER_DICT:
                table["lexicon"][k] = True
                table["valence"][k] = lexicon[lower]
    return table


def _shift(values: np.ndarray, d: int, fill) -> np.ndarray:
    """``values`` moved ``d`` places later (the value of the word ``d`` before), ``fill`` at the start."""
    d = min(d, len(values))
    return np.concatenate([np.full(d, fill, dtype=values.dtype), values[:len(values) - d]])


def _valences(t: dict[str, np.ndarray], position: np.ndarray) -> np.ndarray:
    """``sentiment_valence`` of every word of texts without the rules left to the library (0 off the lexicon)."""
    from vaderSentiment.vaderSentiment import N_SCALAR

    valence = t["valence"].copy()
    for d, damp in ((1, None), (2, 0.95), (3, 0.9)):
        runs = (position >= d) & ~_shift(t["listed"], d, True) & t["lexicon"]
        s = _shift(t["booster"], d, 0.0)
        s = np.where(valence < 0, s * -1, s)
        if damp is not None:
            s = np.where(s != 0, s * damp, s)
        valence = np.where(runs, valence + s, valence)
        negated = runs & _shift(t["negation"], d, False)
        if d == 3:
            so_this = runs & _shift(t["so_this"], 1, False)
            valence = np.where(so_this, valence * 1.25, np.where(negated, valence * N_SCALAR, valence))
        else:
            valence = np.where(negated, valence * N_SCALAR, valence)
    return valence


def _but_check(values: list[float], positions: list[int], but: int) -> list[float]:
    """vaderSentiment's ``_but_check`` on the non-zero sentiments (``values`` at word ``positions``).

    The library walks all sentiments and rescales the first one equal to each (zeros stay zeros, so
    leaving them out changes nothing): half before the first "but", one and a half after it.
    """
    values = list(values)
    for value in list(values):
        j = values.index(value)
        if positions[j] < but:
            values[j] = value * 0.5
        elif positions[j] > but:
            values[j] = value * 1.5
    return values


def _round(values: np.ndarray, digits: int) -> np.ndarray:
    """Python's ``round(value, digits)`` of each value (numpy's rounding differs), once per distinct value."""
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.array([round(v, digits) for v in uniques.tolist()], dtype=float)[codes]


def _plain_scores(padded: np.ndarray, sum_s: np.ndarray, n_words: np.ndarray, texts: list[str]) -> np.ndarray:
    """``score_valence`` of texts whose sentiments are the rows of ``padded`` (zeros after them) and zeros.

    ``sum_s`` is Python's ``sum`` of each text's sentiments. The same operations in the same order as
    vaderSentiment's ``score_valence`` (positive and negative sums from the left), on numpy arrays:
    the zeros only add to the neutral count.
    """
    n = len(texts)
    ep = np.minimum(np.array([t.count("!") for t in texts], dtype=np.int64), 4) * 0.292
    qm_count = np.array([t.count("?") for t in texts], dtype=float).reshape(n)
    amp = ep + np.where(qm_count > 1, np.where(qm_count <= 3, qm_count * 0.18, 0.96), 0.0)
    sum_s = np.where(sum_s > 0, sum_s + amp, np.where(sum_s < 0, sum_s - amp, sum_s))
    with np.errstate(invalid="ignore", divide="ignore"):
        compound = np.clip(sum_s / np.sqrt(sum_s * sum_s + 15), -1.0, 1.0)
        pos_sum = np.cumsum(np.where(padded > 0, padded + 1, 0.0), axis=1)[:, -1]
        neg_sum = np.cumsum(np.where(padded < 0, padded - 1, 0.0), axis=1)[:, -1]
        neu_count = n_words - (padded != 0).sum(axis=1)
        more_pos, more_neg = pos_sum > np.fabs(neg_sum), pos_sum < np.fabs(neg_sum)
        pos_sum, neg_sum = np.where(more_pos, pos_sum + amp, pos_sum), np.where(more_neg, neg_sum - amp, neg_sum)
        total = pos_sum + np.fabs(neg_sum) + neu_count
        pos, neg, neu = np.fabs(pos_sum / total), np.fabs(neg_sum / total), np.fabs(neu_count / total)
    out = np.column_stack([_round(neg, 3), _round(neu, 3), _round(pos, 3), _round(compound, 4)])
    out[n_words == 0] = 0.0
    return out


def batch_scores(texts: list[str], vader) -> np.ndarray:
    """``neg``, ``neu``, ``pos``, ``compound`` of each text as an ``(n, 4)`` array: ``vader.polarity_scores``'s numbers.

    ``vader`` is :func:`analyzer_with`'s analyzer. When it is the fast one, the texts are split into words
    once, each distinct word is looked up once, and the rules of the section comment above run over
    arrays; the texts they do not cover go through ``vader.polarity_scores`` one by one.

    >>> batch_scores(["A good day.", "Not a good day!", ""], analyzer()).tolist()
    [[0.0, 0.408, 0.592, 0.4404], [0.473, 0.527, 0.0, -0.4015], [0.0, 0.0, 0.0, 0.0]]
    """
    import pandas as pd

    n = len(texts)
    out = np.zeros((n, 4))
    if not (n and fast_path_usable() and isinstance(vader, type(_fast_analyzer()))):
        for row, text in enumerate(texts):
            v = vader.polarity_scores(text)
            out[row] = v["neg"], v["neu"], v["pos"], v["compound"]
        return out
    split = [t.split() for t in texts]
    counts = np.fromiter(map(len, split), dtype=np.int64, count=n)
    codes, pieces = pd.factorize(np.fromiter(chain.from_iterable(split), dtype=object, count=int(counts.sum())))
    t = {k: v[codes] for k, v in _piece_table(list(pieces), vader.lexicon).items()}
    rows = np.repeat(np.arange(n), counts)
    position = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
    plain = np.ones(n, bool)
    plain[rows[t["wide"]]] = False
    other, lexicon = t["other"], t["lexicon"]
    for d in range(0, 4):  # a rule left to the library up to three words before a lexicon word, or at it
        near = lexicon[d:] & other[:len(other) - d] & (rows[d:] == rows[:len(rows) - d])
        plain[rows[d:][near]] = False
    for d in (1, 2):  # or up to two words after it
        near = lexicon[:len(other) - d] & other[d:] & (rows[d:] == rows[:len(rows) - d])
        plain[rows[:len(rows) - d][near]] = False
    n_upper = np.bincount(rows, weights=t["upper"], minlength=n)
    cap_diff = (n_upper > 0) & (n_upper < counts)
    plain[rows[t["upper"] & (lexicon | (t["booster"] != 0)) & cap_diff[rows]]] = False
    valence = _valences(t, position)
    nonzero = valence != 0
    n_values = np.bincount(rows[nonzero], minlength=n)
    plain &= n_values <= _MAX_VALENCES
    emojis = vader.emojis.keys()
    ascii_free = not any(e.isascii() for e in emojis)  # then an ASCII text holds no emoji
    for row in np.flatnonzero(plain).tolist():
        if not (ascii_free and texts[row].isascii()) and not emojis.isdisjoint(texts[row]):
            plain[row] = False
    picked = np.flatnonzero(plain)
    keep = nonzero & plain[rows]
    values, value_rows = valence[keep], rows[keep]
    counts_picked = n_values[picked]
    ends_array = np.cumsum(counts_picked)  # where each picked text's sentiments end in ``values``
    ends = ends_array.tolist()
    rank = np.arange(len(values)) - np.repeat(ends_array - counts_picked, counts_picked)
    buts = np.flatnonzero(t["but"] & plain[rows])
    if len(buts):
        first = np.full(n, -1)
        first[rows[buts][::-1]] = position[buts][::-1]  # the first "but" of each text wins
        slot = dict(zip(picked.tolist(), zip([0, *ends[:-1]], ends, strict=True), strict=True))
        where = position[keep]
        for r in np.unique(rows[buts]).tolist():
            a, b = slot[r]
            if b > a:
                values[a:b] = _but_check(values[a:b].tolist(), where[a:b].tolist(), int(first[r]))
    padded = np.zeros((len(picked), max(int(n_values[picked].max(initial=0)), 1)))
    padded[np.searchsorted(picked, value_rows), rank] = values
    listed = values.tolist()
    sum_s = np.array([float(sum(listed[a:b])) for a, b in zip([0, *ends[:-1]], ends, strict=True)])
    out[picked] = _plain_scores(padded, sum_s, counts[picked], [texts[r] for r in picked.tolist()])
    for row in np.flatnonzero(~plain).tolist():
        v = vader.polarity_scores(texts[row])
        out[row] = v["neg"], v["neu"], v["pos"], v["compound"]
    return out
