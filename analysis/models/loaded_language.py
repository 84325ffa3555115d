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
view (:mod:`analysis.voice`): own voice and scare quotes count fully; a negated word, words
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

from ..voice import voice_reader
from .store import load_model

__all__ = ["EVIDENCE_COLUMNS", "find_loaded_evidence", "score_loaded_language"]

#: Columns of :func:`find_loaded_evidence`.
EVIDENCE_COLUMNS = ["text_id", "start", "end", "word", "kind", "voice", "weight"]
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
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
    voice = voice_reader(text)
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
