"""Loaded language per sentence: a transparent score (0 … 1) and the words that raised it.

Not fitted to any annotation: the weights are set by hand (in :mod:`analysis.models.train`,
``LOADED_WEIGHTS``) and written with the word tables to ``loaded_language.json`` by
``python -m analysis.models.train loaded_language``. Evidence, one word or lexicon hit at a time:

- a hit of the shipped loaded-terms lexicon (:func:`analysis.find_loaded_terms`' matcher), weighted
  by its category (pejorative, legitimacy, intensifier, euphemism, hedge);
- a subjective word of the Pattern lexicon (shipped in ``textblob``, BSD; subjectivity ≥ 0.6) or a
  strongly valenced word of the VADER lexicon (``vaderSentiment``, MIT; |valence| ≥ 2), whichever
  weighs more;
- an intensifier or hedge of VADER's booster list ("extremely", "utterly", "barely").

Each piece of evidence is multiplied by its **voice**, read with the same rules as the loaded-terms
view (:mod:`analysis.lexicons`): own voice and scare quotes count fully; a negated word, words
attributed to a source ("X said", "according to X") and quoted speech count less. The score is
``1 − exp(−sum of weights)``: one own-voice pejorative label gives 0.63, nothing gives 0.

BABE and MBIC (AGPL-3.0) are used only to evaluate this score (``benchmarks/validity.py``), never
to set its weights or word lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from .store import load_model

__all__ = ["EVIDENCE_COLUMNS", "find_loaded_evidence", "score_loaded_language"]

#: Columns of :func:`find_loaded_evidence`.
EVIDENCE_COLUMNS = ["text_id", "start", "end", "word", "kind", "voice", "weight"]
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
# Words that may start an attribution (a loose superset of the cues of analysis.voice, which add the
# reporting verbs of analysis/data/cues/reporting_verbs.csv): they only decide whether to ask its rules.
_MAY_ATTRIBUTE_WORDS = frozenset(
    "say says said saying tell tells told stated declare declares declared claim claims claimed according words "
    "put described called labeled labelled branded dubbed termed seen regarded viewed considered characterized "
    "characterised portrayed referred accused denounced decried added wrote insisted argued noted warned explained "
    "remarked tweeted stressed emphasized emphasised asserted alleged acknowledged admitted replied responded "
    "announced".split())


@lru_cache(maxsize=1)
def _attribution_gate() -> tuple[frozenset[str], re.Pattern]:
    """The words that may start an attribution (:data:`_MAY_ATTRIBUTE_WORDS` and every word of a reporting
    verb) and the case-insensitive regex of them, for non-ASCII text."""
    from ..cues import cue_terms

    found = set(_MAY_ATTRIBUTE_WORDS)
    for term in cue_terms("reporting_verbs"):
        found.update(term.lower().split())
    words = frozenset(found)
    return words, re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))})\b",
                             re.IGNORECASE)


# A loose superset of the negation cues of analysis.lexicons (it only decides whether to ask that module's rules).
_MAY_NEGATE = re.compile(r"\b(?:not|no|never|nor|neither|without|hardly|none|nobody|nothing|cannot|den[iy]\w*|"
                         r"reject\w*|dismiss\w*|refut\w*|disput\w*|rebuff\w*)\b|n['\u2019]t\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _model():
    """The model file, the loaded-terms matcher, the category of each of its entries, and one table word → evidence."""
    from ..matcher import lexicon_matcher

    model = load_model("loaded_language")
    matcher = lexicon_matcher("loaded_terms")
    categories = [str(c) for c in matcher.entries["category"]]
    words: dict[str, tuple[float, str]] = {}
    for word, subj in model["subjective"].items():
        words[word] = (model["subjective_weight"] * subj, f"subjective {subj:.2f}")
    for word, val in model["valenced"].items():
        candidate = (min(model["valence_weight"] * abs(val) / 4, model["valence_cap"]), f"valence {val:+.1f}")
        words[word] = max(words.get(word, candidate), candidate)
    for word in model["boosters"]:
        candidate = (model["booster_weight"], "intensifier or hedge")
        words[word] = max(words.get(word, candidate), candidate)
    return model, matcher, categories, words


_NEGATION_WORDS = frozenset("not no never nor neither without hardly none nobody nothing cannot".split())
_NEGATION_PREFIXES = ("deni", "deny", "reject", "dismiss", "refut", "disput", "rebuff")
_LETTERS = re.compile(r"[^\W\d_]+")


def _may_cue(text: str) -> tuple[bool, bool]:
    """Whether ``text`` may hold an attribution cue and a negation cue (:func:`_attribution_gate`, :data:`_MAY_NEGATE`).

    On ASCII text a word-set test that is true whenever the regex would match (it may be true more
    often: then the exact rules of :mod:`analysis.lexicons` decide); other text asks the regexes.

    >>> _may_cue("The minister said no."), _may_cue("It wasn't cheap."), _may_cue("Prices rose.")
    ((True, True), (False, True), (False, False))
    """
    attribution_words, may_attribute_regex = _attribution_gate()
    if not text.isascii():
        return may_attribute_regex.search(text) is not None, _MAY_NEGATE.search(text) is not None
    lowered = text.lower()
    found = set(_LETTERS.findall(lowered))
    may_attribute = not found.isdisjoint(attribution_words)
    may_negate = ("n't" in lowered or not found.isdisjoint(_NEGATION_WORDS)
                  or any(word.startswith(_NEGATION_PREFIXES) for word in found))
    return may_attribute, may_negate


def _voice_reader(text: str):
    """A function ``(start, end) -> voice`` for spans of ``text`` (rules of :func:`analysis.find_loaded_terms`)."""
    from ..voice import KIND_RANK as _KIND_RANK
    from ..voice import attribution_cue as _attribution
    from ..voice import field_quotes as _field_quotes
    from ..voice import negation_cue as _negation
    from ..voice import voice_of as _voice

    quotes = _field_quotes(text) if '"' in text or "'" in text else []
    may_attribute, may_negate = _may_cue(text)
    if not (quotes or may_attribute or may_negate):
        return lambda start, end: "own"

    def voice(start: int, end: int) -> str:
        kinds = sorted((q.kind for q in quotes if q.start <= start and end <= q.end), key=_KIND_RANK.get)
        negated = may_negate and bool(_negation(text[:start]))
        attributed = may_attribute and bool(_attribution(text, start, end))
        return _voice(kinds[0] if kinds else "", negated, attributed)

    return voice


def _evidence(text: str) -> list[tuple[int, int, str, str, str, float]]:
    """``(start, end, word, kind, voice, weight)`` of each piece of evidence in one text."""
    model, matcher, categories, table = _model()
    category_weight, other = model["category_weights"], model["other_category_weight"]
    found: list[tuple[int, int, str, float]] = []
    for start, end, entry in matcher.find(text):
        category = categories[entry]
        found.append((start, end, f"lexicon: {category}", category_weight.get(category, other)))
    covered = [(s, e) for s, e, _, _ in found]
    for m in _WORD.finditer(text):
        item = table.get(m.group().lower().replace("\u2019", "'"))
        if item is None or any(s <= m.start() < e for s, e in covered):
            continue
        found.append((m.start(), m.end(), item[1], item[0]))
    if not found:
        return []
    voice = _voice_reader(text)
    voice_weight = model["voice_weights"]
    out = []
    for start, end, kind, weight in sorted(found):
        v = voice(start, end)
        out.append((start, end, text[start:end], kind, v, round(weight * voice_weight[v], 4)))
    return out


def find_loaded_evidence(texts: Sequence[str]) -> pd.DataFrame:
    """Every piece of evidence of loaded language in each text, one row each (:data:`EVIDENCE_COLUMNS`).

    ``text_id`` is the position of the text in ``texts``; ``kind`` says why the word counts
    (``lexicon: pejorative``, ``subjective 0.90``, ``valence -2.8``, ``intensifier or hedge``);
    ``weight`` is its weight after its ``voice``.

    >>> find_loaded_evidence(["The brutal regime crushed them."])[["word", "kind", "voice"]].values.tolist()
    [['brutal', 'lexicon: intensifier', 'own'], ['regime', 'lexicon: pejorative', 'own']]
    """
    rows = [(i, *item) for i, text in enumerate(texts) for item in _evidence("" if text is None else str(text))]
    out = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return out.astype({"text_id": "int64", "start": "int64", "end": "int64", "weight": "float64",
                       "word": "string", "kind": "string", "voice": "string"})


def score_loaded_language(texts: Sequence[str]) -> pd.DataFrame:
    """Loaded-language score of each text (0 … 1) with the evidence behind it, one row per text.

    Columns: ``text``, ``loaded_score`` (``1 − exp(−sum of evidence weights)``), ``n_evidence`` and
    ``evidence`` (the words that raised the score, heaviest first, each with why and in whose voice:
    ``"regime (lexicon: pejorative)"``; ``[attributed]`` or ``[quoted]`` when not the text's own voice).

    >>> out = score_loaded_language(["The brutal regime crushed dissent.", "The committee met on Tuesday."])
    >>> out["loaded_score"].round(2).tolist(), out["evidence"].tolist()[1]
    ([0.83, 0.0], '')
    """
    texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
    totals = np.zeros(len(texts))
    evidence = [""] * len(texts)
    counts = np.zeros(len(texts), dtype="int64")
    seen: dict[str, list] = {}
    for i, text in enumerate(texts):
        items = seen.get(text)
        if items is None:
            items = seen[text] = _evidence(text)
        if not items:
            continue
        totals[i] = sum(item[5] for item in items)
        counts[i] = len(items)
        ordered = sorted(items, key=lambda item: -item[5])
        evidence[i] = "; ".join(f"{word} ({kind})" + ("" if voice in ("own", "scare_quoted") else f" [{voice}]")
                                for _, _, word, kind, voice, _ in ordered)
    return pd.DataFrame({"text": pd.Series(texts, dtype="string"), "loaded_score": 1.0 - np.exp(-totals),
                         "n_evidence": counts, "evidence": pd.Series(evidence, dtype="string")})
