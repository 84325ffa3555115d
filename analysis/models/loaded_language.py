"""Loaded language per sentence: a transparent score (0 … 1) and the words that raised it.

Built by ``python -m analysis.models.train loaded_language`` into ``loaded_language.json``: word
tables from the lexicons below and one weight per kind of evidence. Version 2 (shipped) fits those
weights, non-negative, on an openly licensed proxy (the NYT editorial sentences of VADER's ground
truth with an odd article number, MIT: how strongly people rated them, |mean| / 4); version 1 used the
hand-set ``LOADED_WEIGHTS`` of :mod:`analysis.models.train`. Evidence, one word or lexicon hit at a time:

- a hit of the shipped loaded-terms lexicon (:func:`analysis.find_loaded_terms`' matcher), weighted
  by its category (pejorative, legitimacy, intensifier, euphemism, hedge);
- a subjective word of the Pattern lexicon (shipped in ``textblob``, BSD; subjectivity ≥ 0.6) and a
  strongly valenced word of the VADER lexicon (``vaderSentiment``, MIT; |valence| ≥ 2): version 2
  adds the weights of the kinds a word has, version 1 took the heaviest;
- an intensifier or hedge of VADER's booster list ("extremely", "utterly", "barely").

Each piece of evidence is multiplied by its **voice**, read with the same rules as the loaded-terms
view (:mod:`analysis.voice`): own voice and scare quotes count fully; a negated word, words
attributed to a source ("X said", "according to X") and quoted speech count less. The score is
``1 − exp(−sum of weights)``: nothing gives 0.

BABE and MBIC (AGPL-3.0) are used only to evaluate this score (``benchmarks/validity.py``), never
to set its weights or word lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import compress

import numpy as np
import pandas as pd

from ..cache import CacheArg
from ..store import step_rows
from ..tokens import english_only, sentence_table
from ..voice import voice_reader
from .store import load_model

__all__ = ["EVIDENCE_COLUMNS", "KINDS", "evidence_matrix", "evidence_totals", "find_loaded_evidence", "loaded_sentences",
           "score_loaded_language"]

#: Columns of :func:`find_loaded_evidence`.
EVIDENCE_COLUMNS = ["text_id", "start", "end", "word", "kind", "voice", "weight"]
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
#: The kinds of evidence, in the order of :func:`evidence_matrix`' columns: the loaded-terms categories, then
#: Pattern subjectivity, VADER valence and VADER boosters.
KINDS = ["pejorative", "legitimacy", "intensifier", "euphemism", "hedge", "other", "subjective", "valence", "booster"]


def _word_values(model: dict) -> dict[str, tuple[float, float, float]]:
    """Word → (Pattern subjectivity, capped |VADER valence| / 4, booster 0/1) over the model's word tables."""
    values: dict[str, list[float]] = {}
    for word, subj in model["subjective"].items():
        values.setdefault(word, [0.0, 0.0, 0.0])[0] = subj
    for word, val in model["valenced"].items():
        values.setdefault(word, [0.0, 0.0, 0.0])[1] = min(model["valence_weight"] * abs(val) / 4, model["valence_cap"])
    for word in model["boosters"]:
        values.setdefault(word, [0.0, 0.0, 0.0])[2] = 1.0
    return {w: (a, b, c) for w, a, b, c in ((w, *v) for w, v in values.items())}


def _prepare(model: dict) -> tuple[dict, object, list[str], dict[str, tuple[float, str]]]:
    """The model, the loaded-terms matcher, the category of each of its entries, and one table word → evidence.

    ``combine`` ``"max"`` (version 1): a word weighs its heaviest kind; ``"sum"``: the sum of its kinds'
    weights (each kind weighted by ``kind_weights``).
    """
    from ..matcher import lexicon_matcher

    matcher = lexicon_matcher("loaded_terms")
    categories = [str(c) for c in matcher.entries["category"]]
    words: dict[str, tuple[float, str]] = {}
    if model.get("combine", "max") == "sum":
        kw, valenced = model["kind_weights"], model["valenced"]
        for word, (subj, val, boost) in _word_values(model).items():
            kinds = ([f"subjective {subj:.2f}"] if subj > 0 and kw["subjective"] > 0 else []) \
                + ([f"valence {valenced[word]:+.1f}"] if val > 0 and kw["valence"] > 0 else []) \
                + (["intensifier or hedge"] if boost > 0 and kw["booster"] > 0 else [])
            weight = kw["subjective"] * subj + kw["valence"] * val + kw["booster"] * boost
            if weight > 0:
                words[word] = (weight, ", ".join(kinds))
        return model, matcher, categories, words
    for word, subj in model["subjective"].items():
        words[word] = (model["subjective_weight"] * subj, f"subjective {subj:.2f}")
    for word, val in model["valenced"].items():
        candidate = (min(model["valence_weight"] * abs(val) / 4, model["valence_cap"]), f"valence {val:+.1f}")
        words[word] = max(words.get(word, candidate), candidate)
    for word in model["boosters"]:
        candidate = (model["booster_weight"], "intensifier or hedge")
        words[word] = max(words.get(word, candidate), candidate)
    return model, matcher, categories, words


@lru_cache(maxsize=1)
def _model():
    return _prepare(load_model("loaded_language"))


def _pieces(text: str, prepared) -> list[tuple[int, int, str, float, str]]:
    """``(start, end, kind, weight, key)`` of each lexicon hit or table word of one text, in text order
    (``key`` is the category of a lexicon hit or the word itself)."""
    model, matcher, categories, table = prepared
    category_weight, other = model["category_weights"], model["other_category_weight"]
    found: list[tuple[int, int, str, float, str]] = []
    for start, end, entry in matcher.find(text):
        category = categories[entry]
        found.append((start, end, f"lexicon: {category}", category_weight.get(category, other), category))
    covered = [(s, e) for s, e, _, _, _ in found]
    for start, end, key, (weight, kind) in _table_words(text, table):
        if not (covered and any(s <= start < e for s, e in covered)):
            found.append((start, end, kind, weight, key))
    return sorted(found)


def _table_words(text: str, table: dict[str, tuple[float, str]]) -> Iterator[tuple[int, int, str, tuple[float, str]]]:
    """``(start, end, key, table entry)`` of each word of ``text`` in ``table`` (``key``: lower-case, \u2019 as ').

    On ASCII text lower-casing keeps every offset: all words are looked up at once (``map``, ``compress``)
    and only the table's words are read further.
    """
    if text.isascii():
        matches = list(_WORD.finditer(text.lower()))
        items = list(map(table.get, map(re.Match.group, matches)))
        for m, item in zip(compress(matches, items), filter(None, items), strict=True):
            yield m.start(), m.end(), m.group(), item
        return
    for m in _WORD.finditer(text):
        key = m.group().lower().replace("\u2019", "'")
        if (item := table.get(key)) is not None:
            yield m.start(), m.end(), key, item


def _evidence(text: str, prepared=None) -> list[tuple[int, int, str, str, str, float]]:
    """``(start, end, word, kind, voice, weight)`` of each piece of evidence in one text."""
    prepared = prepared or _model()
    found = _pieces(text, prepared)
    if not found:
        return []
    voice = voice_reader(text)
    voice_weight = prepared[0]["voice_weights"]
    out = []
    for start, end, kind, weight, _ in found:
        v = voice(start, end)
        out.append((start, end, text[start:end], kind, v, round(weight * voice_weight[v], 4)))
    return out


def evidence_totals(texts: Sequence[str], model: dict) -> np.ndarray:
    """The sum of evidence weights of each text under ``model`` (a model dict; the score is ``1 − exp(−sum)``).

    >>> from analysis.models.store import load_model
    >>> evidence_totals(["The committee met on Tuesday."], load_model("loaded_language")).tolist()
    [0.0]
    """
    prepared = _prepare(model)
    return np.array([sum(item[5] for item in _evidence(str(t), prepared)) for t in texts], dtype=float)


def evidence_matrix(texts: Sequence[str], model: dict) -> np.ndarray:
    """Voice-weighted evidence of each text by kind (rows × :data:`KINDS`), the inputs a fitted combination weighs.

    A lexicon hit counts 1 in its category's column; a table word adds its Pattern subjectivity, its
    capped |VADER valence| / 4 and 1 if a booster to the three last columns; each times its voice weight.

    >>> from analysis.models.store import load_model
    >>> m = evidence_matrix(["The brutal regime crushed dissent."], load_model("loaded_language"))
    >>> dict(zip(KINDS, m[0].round(2).tolist()))["pejorative"]
    1.0
    """
    prepared = _prepare(model)
    values = _word_values(model)
    column = {k: i for i, k in enumerate(KINDS)}
    out = np.zeros((len(texts), len(KINDS)))
    for row, text in enumerate(texts):
        found = _pieces(text, prepared)
        if not found:
            continue
        voice = voice_reader(text)
        for start, end, kind, _, key in found:
            w = model["voice_weights"][voice(start, end)]
            if kind.startswith("lexicon: "):
                out[row, column.get(key, column["other"])] += w
            else:
                out[row, 6:] += w * np.asarray(values[key])
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
    ([0.79, 0.0], '')
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


def loaded_sentences(articles: pd.DataFrame, *, cache: CacheArg = True) -> pd.DataFrame:
    """Every sentence of the English articles with its :func:`score_loaded_language` score and evidence.

    Columns: ``article_id``, ``sentence_id``, ``start``, ``end``, ``sentence`` (as
    :func:`analysis.tokens.sentence_table`), ``loaded_score``, ``n_evidence``, ``evidence``. Each
    article's rows come from the per-article store (``cache``): only articles not scored before are.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["The brutal regime crushed dissent. The committee met."]})
    >>> loaded_sentences(frame)["loaded_score"].round(2).tolist()
    [0.79, 0.0]
    """
    if cache:
        return step_rows("loaded_language", articles, cache=cache)
    rows = sentence_table(english_only(articles))
    return pd.concat([rows, score_loaded_language(rows["sentence"].tolist()).drop(columns="text")], axis=1)
