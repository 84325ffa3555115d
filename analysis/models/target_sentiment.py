"""Sentiment towards a target (a person, group or state named in the sentence): negative, neutral or positive.

Fitted by ``python -m analysis.models.train target_sentiment`` on NewsMTSC's ``train.jsonl``
(Hamborg & Donnay 2021, MIT; the ``devtest`` files are kept for evaluation). One multinomial
logistic regression over transparent features of the mention and the words around it
(:func:`target_features`):

- the words in a window before (``L:``) and after (``R:``) the mention, pairs of words after it,
  and the words of the whole sentence (``S:``), negation-marked (:func:`analysis.models.features.words`);
- VADER and Pattern lexicon counts and sums over the window and over the sentence, the lexicon
  valences weighted by their distance to the mention;
- whether the target is the speaker ("X said", "said X", "according to X"), the subject at the
  start of the sentence, inside quotation marks, or a pronoun; whether the sentence quotes anyone.

Scoring uses only the saved coefficients and vocabulary (``target_sentiment.json``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from .features import LEXICON_FEATURES, TOKEN, SparseText, lexicon_feature_matrix, negators, token_valences
from .store import load_model

__all__ = ["WINDOW", "TARGET_DENSE_FEATURES", "CUE_FEATURES", "NEGATION_SUBJECT_FEATURES", "TONE_WORD_FEATURES",
           "FEATURE_SETS", "LABELS", "target_features", "target_feature_rows", "dense_names", "tone_word_weights",
           "score_target_sentiment"]

#: Words on each side of the mention that count as its window.
WINDOW = 6
#: The labels, in the order of the probability columns.
LABELS = (-1, 0, 1)
_SPEECH = frozenset({"said", "says", "say", "told", "tells", "added", "wrote", "stated", "argued", "claimed",
                     "insisted", "noted", "explained", "tweeted", "announced", "declared", "warned", "asked",
                     "according", "replied", "responded", "acknowledged", "admitted", "suggested", "stressed"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "i", "we",
                       "you", "who"})
_QUOTES = re.compile(r"[\"\u201c\u201d]")
#: Words on each side of the mention that count as its close window.
CLOSE = 3
TARGET_DENSE_FEATURES = ([f"window_{f}" for f in LEXICON_FEATURES] + [f"sentence_{f}" for f in LEXICON_FEATURES]
                         + [f"close_{f}" for f in LEXICON_FEATURES]
                         + ["near_vader", "near_polarity", "is_speaker", "is_first", "in_quotes", "has_quotes",
                            "is_pronoun", "position"])
#: Features of feature set B: valences left and right of the mention apart, reporting verbs and quotation
#: marks next to it, and word-order cues (a verb-like word right after it: subject; a preposition or
#: verb-like word right before it: object; "by" right before it: the agent of a passive).
CUE_FEATURES = ["left_vader", "left_polarity", "right_vader", "right_polarity", "report_before", "report_after",
                "quote_near", "subject_cue", "object_cue", "by_agent"]
#: Features of feature set C: distance-weighted valences of the words with a negation between them and the
#: mention and of the others, the clause-subject cue (the mention before the sentence's first verb-like
#: word, no preposition right before it) and that cue × the distance-weighted VADER valence after the mention.
NEGATION_SUBJECT_FEATURES = ["negated_vader", "negated_polarity", "plain_vader", "plain_polarity", "clause_subject",
                             "subject_right_vader"]
#: Features of feature set D: the news-tone model's word weights, distance-weighted (both sides, left, right),
#: summed over the three words either side and over the sentence.
TONE_WORD_FEATURES = ["tone_near", "tone_left", "tone_right", "tone_close", "tone_sentence"]
#: What each feature set reads beyond set A (a model file's ``feature_set``).
FEATURE_SETS = {"A": (), "B": ("cues",), "C": ("negation",), "D": ("tone_words",), "E": ("negation", "tone_words")}
_PREPOSITIONS = frozenset({"of", "to", "with", "for", "on", "at", "from", "about", "against", "over", "into",
                           "toward", "towards", "under", "between", "among", "upon", "like"})
_AUXILIARIES = frozenset({"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "did",
                          "does", "do", "should", "may", "might", "must", "also", "then", "who"})


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    from ..cues import cue_terms

    return frozenset(cue_terms("reporting_verbs", "source")) | _SPEECH


def _verb_like(word: str) -> bool:
    return word in _AUXILIARIES or word in _reporting_verbs() or (len(word) > 3 and word.endswith(("ed", "es")))


def _cue_row(words: list[str], first: int, last: int) -> list[float]:
    """:data:`CUE_FEATURES` after the valences (filled in by :func:`_near_valences`): reporting verbs, quotes, order."""
    before = [w for w in words[max(0, first - 3):first] if w[0].isalnum()]
    after = [w for w in words[last:last + 3] if w[0].isalnum()]
    verbs = _reporting_verbs()
    near = words[max(0, first - 2):last + 2]
    prev = before[-1] if before else ""
    nxt = after[0] if after else ""
    return [float(any(w in verbs for w in before)), float(any(w in verbs for w in after)),
            float(any(w in {'"', "\u201c", "\u201d"} for w in near)), float(bool(nxt) and _verb_like(nxt)),
            float(prev in _PREPOSITIONS or (bool(prev) and _verb_like(prev))),
            float(prev == "by")]


def _tokens(lowered: str) -> tuple[list[str], list[re.Match]]:
    """The words and punctuation marks of ``lowered`` (a sentence lower-cased, \u2019 as ') and their matches."""
    matches = list(TOKEN.finditer(lowered))
    return list(map(re.Match.group, matches)), matches


def _words_only(tokens: list[str]) -> list[str]:
    """The words of ``tokens`` (punctuation dropped): :func:`_negation_marked` of tokens holding no negation."""
    return [token for token in tokens if token[0].isalnum()]


def _negation_marked(tokens: list[str]) -> list[str]:
    """The words of ``tokens`` (punctuation dropped), ``neg_`` after a negation as in :func:`features.words`."""
    out, scope, neg = [], 0, negators()
    for token in tokens:
        if not token[0].isalnum():
            scope = 0
            continue
        if scope:
            out.append("neg_" + token)
            scope -= 1
        else:
            out.append(token)
        if token in neg or token.endswith("n't"):
            scope = 3
    return out


def _word_places(spans: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Where each word of the sentences of ``spans`` (``(number of words, first, last)`` of each mention) stands:
    its sentence row, whether it is left of the mention, outside it, and its distance to it (1 = next to it)."""
    lengths, firsts, lasts = (np.array(column, dtype=np.int64) for column in zip(*spans, strict=True))
    rows = np.repeat(np.arange(len(spans)), lengths)
    local = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    first, last = firsts[rows], lasts[rows]
    left = local < first
    return rows, left, left | (local >= last), np.where(left, first - local, local - last + 1)


def _near_valences(words: list[str], spans: list[tuple[int, int, int]]) -> np.ndarray:
    """VADER valence and Pattern polarity of the words around each mention, each divided by its distance to it.

    ``words`` are the words of all sentences one after another; ``spans`` the ``(number of words,
    first, last)`` of each sentence's mention. Rows × 6: both sides, the left side, the right side
    (VADER, Pattern each), each sum rounded to 6 decimals.
    """
    out = np.zeros((len(spans), 6))
    if not words:
        return out
    values = token_valences(words)
    rows, left_of, outside, distance = _word_places(spans)
    for column in range(2):
        part = _by_distance(values[:, column], outside, distance)
        left = np.where(left_of, part, 0.0)
        out[:, column] = _row_sums(rows, part, len(spans))
        out[:, 2 + column] = _row_sums(rows, left, len(spans))
        out[:, 4 + column] = _row_sums(rows, part - left, len(spans))
    return out


def _by_distance(values: np.ndarray, outside: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """Each word's value divided by its distance to the mention; 0 inside the mention."""
    return np.where(outside, values / np.where(outside, distance, 1), 0.0)


def _row_sums(rows: np.ndarray, weights: np.ndarray, n: int) -> list[float]:
    """The sum of ``weights`` per mention row, each rounded to 6 decimals."""
    return [round(x, 6) for x in np.bincount(rows, weights=weights, minlength=n).tolist()]


def _negation_split(words: list[str], spans: list[tuple[int, int, int]]) -> np.ndarray:
    """Distance-weighted VADER and Pattern valences of the words around each mention, split by whether a negation
    stands between the word and the mention: rows × (negated VADER, negated Pattern, plain VADER, plain Pattern)."""
    out = np.zeros((len(spans), 4))
    if not words:
        return out
    neg = negators()
    values = token_valences(words)
    is_neg = np.array([w in neg or w.endswith("n't") for w in words], dtype=np.int64)
    before = np.concatenate([[0], np.cumsum(is_neg)])  # negations among words[:k]
    rows, left, outside, distance = _word_places(spans)
    at = np.arange(len(words))
    # the mention starts at word at + distance (left of it) and ends before word at - distance + 1 (right of it)
    between = np.where(left, before[np.clip(at + distance, 0, len(words))] - before[at + 1],
                       before[at] - before[np.clip(at - distance + 1, 0, len(words))])
    negated = outside & (between > 0)
    for column in range(2):
        part = _by_distance(values[:, column], outside, distance)
        for k, mask in ((column, negated), (2 + column, outside & ~negated)):
            out[:, k] = _row_sums(rows, np.where(mask, part, 0.0), len(spans))
    return out


def _clause_subject(words: list[str], first: int, last: int) -> float:
    """1.0 when the mention stands before the sentence's first verb-like word and no preposition is right before it."""
    verb = next((i for i, w in enumerate(words) if (i < first or i >= last) and w[0].isalnum() and _verb_like(w)), -1)
    return float(verb >= last and (first == 0 or words[first - 1] not in _PREPOSITIONS))


def tone_word_weights() -> dict[str, float]:
    """Each word's weight in the shipped news-tone model: its TF-IDF coefficient × idf (single words only, rounded).

    >>> weights = tone_word_weights()
    >>> weights["wonderful"] > 0 > weights["killed"]
    True
    """
    model = load_model("news_tone")
    return {w: round(float(c) * float(i), 6) for w, c, i in zip(model["vocabulary"], model["sparse_coef"],
                                                                 model["idf"], strict=True) if " " not in w and c}


def _tone_rows(words: list[str], spans: list[tuple[int, int, int]], closes: list[list[str]],
               contexts: list[list[str]], weights: dict[str, float]) -> np.ndarray:
    """:data:`TONE_WORD_FEATURES` of each mention (distance weighting as :func:`_near_valences`)."""
    out = np.zeros((len(spans), len(TONE_WORD_FEATURES)))
    if words:
        values = np.array([weights.get(w, 0.0) for w in words], dtype=float)
        rows, left_of, outside, distance = _word_places(spans)
        part = _by_distance(values, outside, distance)
        left = np.where(left_of, part, 0.0)
        for k, weights_k in enumerate((part, left, part - left)):
            out[:, k] = _row_sums(rows, weights_k, len(spans))
    out[:, 3] = [round(sum(weights.get(w, 0.0) for w in c), 6) for c in closes]
    out[:, 4] = [round(sum(weights.get(w, 0.0) for w in c), 6) for c in contexts]
    return out


def dense_names(feature_set: str) -> list[str]:
    """The names of the dense features of ``feature_set`` (:data:`FEATURE_SETS`), in the model's order.

    >>> dense_names("E")[-1], len(dense_names("A"))
    ('tone_sentence', 41)
    """
    reads = FEATURE_SETS[feature_set]
    return (TARGET_DENSE_FEATURES + (CUE_FEATURES if "cues" in reads else [])
            + (NEGATION_SUBJECT_FEATURES if "negation" in reads else [])
            + (TONE_WORD_FEATURES if "tone_words" in reads else []))


def target_features(sentence: str, start: int, end: int) -> tuple[list[float], list[str]]:
    """Dense features (:data:`TARGET_DENSE_FEATURES`) and sparse terms of the mention at ``start:end``.

    >>> dense, terms = target_features("Critics said Smith lied again.", 13, 18)
    >>> dict(zip(TARGET_DENSE_FEATURES, dense))["is_speaker"], [t for t in terms if t.startswith("R:")]
    (0.0, ['R:lied', 'R:again'])
    """
    dense, terms = target_feature_rows([sentence], [start], [end])
    return dense[0].tolist(), terms[0]


def _mention_tokens(tokens: list[re.Match], start: int, end: int) -> tuple[int, int]:
    """``(first, last)``: the tokens overlapping ``start:end`` are ``tokens[first:last]`` (none: the next token).

    Tokens follow one another, so the first overlapping one is the first ending after ``start`` and the
    last the last starting before ``end`` (both found by bisection).
    """
    first = bisect_right(tokens, start, key=re.Match.end)
    last = bisect_left(tokens, end, key=re.Match.start)
    if first < last:
        return first, last
    first = bisect_left(tokens, start, key=re.Match.start)
    return first, first


def target_feature_rows(sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int], *,
                        cues: bool = False, negation: bool = False,
                        tone_words: dict[str, float] | None = None) -> tuple[np.ndarray, list[list[str]]]:
    """:func:`target_features` of many mentions at once: a dense matrix (rows × :data:`TARGET_DENSE_FEATURES`,
    then :data:`CUE_FEATURES` with ``cues``, :data:`NEGATION_SUBJECT_FEATURES` with ``negation``,
    :data:`TONE_WORD_FEATURES` with ``tone_words``, the word weights) and the sparse terms of each mention
    (the lexicon features of all windows in one numpy pass).

    >>> dense, terms = target_feature_rows(["Critics said Smith lied again."], [13], [18])
    >>> dense.shape, terms[0][:2]
    ((1, 41), ['L:critics', 'L:said'])
    """
    windows: list[list[str]] = []
    all_words: list[str] = []
    spans: list[tuple[int, int, int]] = []
    closes: list[list[str]] = []
    contexts: list[list[str]] = []
    others: list[list[float]] = []
    all_terms: list[list[str]] = []
    cue_rows: list[list[float]] = []
    subjects: list[float] = []
    neg = negators()
    for sentence, start, end in zip(sentences, starts, ends, strict=True):
        lowered = sentence.lower().replace("\u2019", "'")
        words, matches = _tokens(lowered)
        first, last = _mention_tokens(matches, start, end)
        mark = _negation_marked if "n't" in lowered or not neg.isdisjoint(words) else _words_only
        left = mark(words[max(0, first - WINDOW):first])
        right = mark(words[last:last + WINDOW])
        marked = mark(words[:first] + words[last:])
        all_words.extend(words)
        spans.append((len(words), first, last))
        after = [w for w in words[last:last + 3] if w[0].isalnum()]
        before = [w for w in words[max(0, first - 3):first] if w[0].isalnum()]
        said_after = bool(before) and before[-1] in {"said", "says"} and (last >= len(words) or not words[last][0].isalnum())
        is_speaker = bool(_SPEECH.intersection(after[:2]) or said_after
                          or words[max(0, first - 2):first] == ["according", "to"])
        quotes_before = len(_QUOTES.findall(sentence[:start]))
        mention = words[first:last]
        windows.append(left + right)
        closes.append(left[-CLOSE:] + right[:CLOSE])
        contexts.append(marked)
        others.append([0.0, 0.0, float(is_speaker), float(first == 0),
                       float(quotes_before % 2 == 1), float(bool(_QUOTES.search(sentence))),
                       float(len(mention) == 1 and mention[0] in _PRONOUNS), first / max(len(words), 1)])
        terms = [*map("L:".__add__, left), *map("R:".__add__, right), *map("R2:{}_{}".format, right, right[1:]),
                 *map("L2:{}_{}".format, left, left[1:]), *map("S:".__add__, marked)]
        if is_speaker:
            terms.append("SPEAKER")
        all_terms.append(terms)
        if cues:
            cue_rows.append(_cue_row(words, first, last))
        if negation:
            subjects.append(_clause_subject(words, first, last))
    others_matrix = np.array(others, dtype=float).reshape(-1, 8)
    near = _near_valences(all_words, spans)
    others_matrix[:, :2] = near[:, :2]
    blocks = [lexicon_feature_matrix(windows), lexicon_feature_matrix(contexts), lexicon_feature_matrix(closes),
              others_matrix]
    if cues:
        blocks += [near[:, 2:], np.array(cue_rows, dtype=float).reshape(-1, len(CUE_FEATURES) - 4)]
    if negation:
        subject = np.array(subjects, dtype=float)
        blocks += [_negation_split(all_words, spans), subject[:, None], (subject * near[:, 4])[:, None]]
    if tone_words is not None:
        blocks.append(_tone_rows(all_words, spans, closes, contexts, tone_words))
    return np.hstack(blocks), all_terms


@lru_cache(maxsize=1)
def _model():
    model = load_model("target_sentiment")
    text = SparseText(model["vocabulary"], model["idf"])
    return (model, text, np.asarray(model["mean"]), np.asarray(model["scale"]), np.asarray(model["dense_coef"]),
            np.asarray(model["sparse_coef"]), np.asarray(model["intercept"]))


def _spans(sentences: list[str], targets: list[str], starts, ends) -> tuple[list[int], list[int], list[bool]]:
    """Mention offsets: the given ``start``/``end`` where valid, else the first whole-word match of the target."""
    out_start, out_end, found = [], [], []
    patterns: dict[str, re.Pattern] = {}
    for i, (sentence, target) in enumerate(zip(sentences, targets, strict=True)):
        s = starts[i] if starts is not None else None
        e = ends[i] if ends is not None else None
        if s is not None and e is not None and not pd.isna(s) and not pd.isna(e) and 0 <= int(s) < int(e) <= len(sentence):
            out_start.append(int(s))
            out_end.append(int(e))
            found.append(True)
            continue
        key = target.strip()
        if key and sentence.isascii() and key.isascii():
            at = _find_ascii_word(sentence.lower(), key.lower())
            span = (at, at + len(key)) if at >= 0 else None
        elif key:
            if key not in patterns:
                patterns[key] = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)", re.IGNORECASE)
            match = patterns[key].search(sentence)
            span = match.span() if match else None
        else:
            span = None
        out_start.append(span[0] if span else 0)
        out_end.append(span[1] if span else 0)
        found.append(span is not None)
    return out_start, out_end, found


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _find_ascii_word(text: str, word: str) -> int:
    """Start of the first ``word`` in ``text`` with no word character (``\\w``) right before or after it, else −1.

    Both lower-case ASCII: the same match as ``re.search(r"(?<!\\w)WORD(?!\\w)", text, re.IGNORECASE)``.

    >>> _find_ascii_word("smithson met smith.", "smith"), _find_ascii_word("the_smith", "smith")
    (13, -1)
    """
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or text[at - 1] not in _ASCII_WORD) and (end == len(text) or text[end] not in _ASCII_WORD):
            return at
        at = text.find(word, at + 1)
    return -1


def target_probabilities(sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> np.ndarray:
    """Class probabilities (rows × :data:`LABELS`) of the mentions at ``starts``/``ends`` of ``sentences``."""
    model, text, mean, scale, dense_coef, sparse_coef, intercept = _model()
    if not len(sentences):
        return np.zeros((0, len(LABELS)))
    reads = FEATURE_SETS[model.get("feature_set", "A")]
    dense, terms = target_feature_rows(sentences, starts, ends, cues="cues" in reads, negation="negation" in reads,
                                       tone_words=model.get("tone_words") if "tone_words" in reads else None)
    logits = ((dense - mean) / scale) @ dense_coef.T + text.transform(terms) @ sparse_coef.T + intercept
    logits -= logits.max(axis=1, keepdims=True)
    odds = np.exp(logits)
    return odds / odds.sum(axis=1, keepdims=True)


def score_target_sentiment(frame: pd.DataFrame) -> pd.DataFrame:
    """Sentiment towards each row's ``target`` in its ``sentence``: ``target_label`` (−1, 0, 1) and class probabilities.

    ``frame`` needs ``sentence`` and ``target``; optional ``start`` and ``end`` give the mention's
    character offsets in the sentence (else the first whole-word, case-insensitive match of the
    target is used). Returns a copy of ``frame`` with ``target_found`` (the mention was located;
    when it was not, the whole sentence is read as context), ``target_label``, ``p_negative``,
    ``p_neutral``, ``p_positive`` and ``target_tone`` (``p_positive − p_negative``).

    >>> rows = pd.DataFrame({"sentence": ["Critics accused Smith of lying to voters.",
    ...                                   "Smith thanked the volunteers for their wonderful help."],
    ...                      "target": ["Smith", "Smith"]})
    >>> score_target_sentiment(rows)["target_label"].tolist()
    [-1, 1]
    """
    sentences = frame["sentence"].fillna("").astype(str).tolist()
    targets = frame["target"].fillna("").astype(str).tolist()
    starts = frame["start"].tolist() if "start" in frame else None
    ends = frame["end"].tolist() if "end" in frame else None
    start, end, found = _spans(sentences, targets, starts, ends)
    probabilities = target_probabilities(sentences, start, end)
    out = frame.copy()
    out["target_found"] = np.asarray(found, dtype=bool)
    out["target_label"] = np.asarray(LABELS, dtype="int64")[probabilities.argmax(axis=1)] if len(out) else \
        np.zeros(0, dtype="int64")
    out["p_negative"], out["p_neutral"], out["p_positive"] = probabilities.T if len(out) else (np.zeros(0),) * 3
    out["target_tone"] = out["p_positive"] - out["p_negative"]
    return out
