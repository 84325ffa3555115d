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

from . import versions

__all__ = ["TESTED_VERSION", "fast_path_usable", "analyzer", "analyzer_with"]

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
