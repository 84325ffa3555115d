"""Language identification: the language of an article's text, offline, among the languages of news media.

py3langid's shipped model is restricted to the languages of the cue list
``analysis/data/cues/news_languages.csv`` (:func:`news_languages`): unrestricted, it labels short
English texts as Pidgin or Afrikaans. Add a row to that file for a language your articles use.

py3langid walks a text's bytes through an automaton one byte at a time in Python.
:func:`detect_languages` walks many texts at once instead (one numpy step per byte position for all of
them) and then scores each text exactly as py3langid's ``classify`` does (the same features in the same
order, the same float32 arithmetic on the model's float16 table widened exactly to float32, laid out
by rows so a text's rows are gathered fast), so it returns py3langid's answers, only faster. The model file
(68 MB unpacked) is read once per process; :func:`load_model_in_background` starts reading it in a
thread while the caller does other work.
"""

from __future__ import annotations

import contextlib
import io
import lzma
import math
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import numpy as np

__all__ = ["detect_language", "detect_languages", "news_languages", "load_model_in_background", "LANGUAGE_PREFIX"]

#: Characters of a text that :func:`detect_language` reads.
LANGUAGE_PREFIX = 1000
#: Texts walked through the automaton together (bounds the memory of one walk: bytes x texts x 5 bytes).
_BATCH = 512
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def news_languages() -> tuple[str, ...]:
    """The ISO 639-1 codes :func:`detect_language` chooses between (cue list ``news_languages``), in file order.

    >>> news_languages()[:3], "af" in news_languages()
    (('en', 'ru', 'uk'), False)
    """
    from .cues import load_cues  # the cue reader sits above this module

    return tuple(load_cues("news_languages")["term"])


@dataclass(frozen=True)
class _Model:
    """py3langid's model restricted to the news languages, as its ``set_languages`` restricts it."""

    nextmove: np.ndarray  # automaton: next state = nextmove[rowbase[state] + byte]
    rowbase: np.ndarray
    output: np.ndarray  # feature counted on entering a state, or -1
    table: np.ndarray  # log P(feature | language), features x all languages: the shipped float16
    columns: np.ndarray  # the columns of ``table`` of the kept languages, in order
    prior: np.ndarray  # log P(language), float32
    classes: tuple[str, ...]
    aliases: tuple[tuple[int, int], ...]  # (first, duplicate) columns of a label the model holds twice


def _read_model(languages: tuple[str, ...]) -> _Model:
    """The shipped model file (npz inside LZMA, as py3langid's ``modelio`` reads it), unpacked in memory."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    with np.load(io.BytesIO(lzma.decompress((MODEL_DIR / MODEL_FILE).read_bytes())), allow_pickle=False) as data:
        ptc, pc, classes = data["ptc"], data["pc"], data["classes"].tolist()
        nextmove, row, output = data["nextmove"], data["nextmove_row"], data["out_feat"]
    wanted = set(languages)
    unknown = wanted - set(classes)
    if unknown:
        raise ValueError(f"news_languages lists codes py3langid does not know: {sorted(unknown)}")
    indices = [i for i, c in enumerate(classes) if c in wanted]
    kept = [classes[i] for i in indices]
    first: dict[str, int] = {}
    aliases = []
    for i, label in enumerate(kept):
        if label in first:
            aliases.append((first[label], i))
        else:
            first[label] = i
    return _Model(nextmove=nextmove, rowbase=row.astype(np.int64) << 8, output=output.astype(np.int32),
                  table=ptc, columns=np.array(indices, dtype=np.intp), prior=np.asarray(pc)[indices], classes=tuple(kept),
                  aliases=tuple(aliases))


_MODEL_LOCK = threading.Lock()
_MODELS: dict[tuple[str, ...], _Model] = {}
_READING: set[tuple[str, ...]] = set()  # models a background thread was started for
_READING_LOCK = threading.Lock()  # guards _READING alone: a second caller must not wait for the read itself


def _model() -> _Model:
    """The model, read once per process (a reader in another thread is waited for)."""
    languages = news_languages()
    with _MODEL_LOCK:
        if languages not in _MODELS:
            _MODELS[languages] = _read_model(languages)
        return _MODELS[languages]


def load_model_in_background() -> None:
    """Start reading the language model in a thread, so a later :func:`detect_languages` need not wait for it.

    Does nothing when the model is read already; a failure shows when the model is next needed.

    >>> load_model_in_background(); detect_language("Talks resume today in Geneva.")
    'en'
    """
    languages = news_languages()
    with _READING_LOCK:
        if languages in _MODELS or languages in _READING:
            return
        _READING.add(languages)

    def read() -> None:
        with contextlib.suppress(Exception):  # the caller that needs the model reads it again and sees the error
            _model()

    threading.Thread(target=read, name="language-model", daemon=True).start()


def _encoded(text: str) -> bytes:
    """The bytes py3langid reads of a text (its ``_encode``): all-capitals lower-cased, NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


def _visits(model: _Model, texts: list[bytes]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per text, the features its walk through the automaton meets, in order of first visit, and how often.

    py3langid walks a text byte by byte and counts the features in a ``Counter`` (``visit_counts``);
    here all texts take each step together, and the counts keep the ``Counter``'s order.
    """
    by_length = sorted(range(len(texts)), key=lambda j: -len(texts[j]))
    lengths = np.array([len(texts[j]) for j in by_length], dtype=np.int64)
    width = int(lengths[0]) if len(lengths) else 0
    steps = np.zeros((width, len(texts)), dtype=np.uint8)  # byte i of the c-th longest text at [i, c]
    steps.T[np.arange(width) < lengths[:, None]] = np.frombuffer(b"".join(texts[j] for j in by_length),
                                                                 dtype=np.uint8)
    found = np.full((width, len(texts)), -1, dtype=np.int32)
    active = len(texts) - np.searchsorted(lengths[::-1], np.arange(width), side="right")  # texts longer than i
    state = np.zeros(len(texts), dtype=np.int64)
    for i in range(width):
        k = active[i]
        state[:k] = model.nextmove[model.rowbase[state[:k]] + steps[i, :k]]
        found[i, :k] = model.output[state[:k]]
    # Every visit as (text, feature), texts in turn and each in the order of its walk
    text, position = np.nonzero(found.T >= 0)
    key = text * len(model.table) + found[position, text]  # below 2**31: _BATCH texts x 100,053 features
    order = np.argsort(key.astype(np.int32))
    ordered = key[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(ordered) else np.empty(0, np.int64)
    counts = np.diff(np.r_[starts, len(ordered)])
    first = np.minimum.reduceat(order, starts) if len(starts) else starts  # first visit of each (text, feature)
    by_first = np.argsort(first)  # each text's features in order of first visit
    pairs = ordered[starts][by_first]
    feature, count, owner = pairs % len(model.table), counts[by_first], pairs // len(model.table)
    bounds = np.searchsorted(owner, np.arange(len(texts) + 1))
    out: list[tuple[np.ndarray, np.ndarray]] = [(feature[:0], count[:0])] * len(texts)
    for column, j in enumerate(by_length):
        out[j] = feature[bounds[column]:bounds[column + 1]], count[bounds[column]:bounds[column + 1]]
    return out


def _classify(model: _Model, features: np.ndarray, counts: np.ndarray, n_bytes: int) -> str:
    """py3langid's ``classify`` with ``norm_probs=True`` from a text's feature counts, step for step."""
    if len(features):
        # the rows met, widened exactly to float32 (widening all 100,053 rows up front costs more than every text's)
        rows = model.table[features.astype(np.intp)][:, model.columns].astype(np.float32)
        scores = np.log1p(counts.astype(np.float32)) @ rows + model.prior
    else:
        scores = np.full(len(model.classes), 0.0, dtype=np.float32)
    scores *= 1.0 / math.sqrt(n_bytes or 1)
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for i, j in model.aliases:
        scores[i] += scores[j]
        scores[j] = 0.0
    return model.classes[int(scores.argmax())]


def _three_words(text: str) -> bool:
    """Whether ``text`` holds at least three words (read up to the third)."""
    return next(islice(_WORD.finditer(text), 2, None), None) is not None


def detect_languages(texts: Sequence[str]) -> list[str]:
    """:func:`detect_language` of each text, many at once (the same answers, faster than one by one).

    >>> detect_languages(["Talks resume today in Geneva.", "Российские войска продолжили наступление.", "Hi"])
    ['en', 'ru', 'und']
    """
    samples = [text[:LANGUAGE_PREFIX] for text in texts]
    languages = ["und"] * len(samples)
    wanted = [j for j, sample in enumerate(samples) if _three_words(sample)]
    if not wanted:
        return languages
    model = _model()
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start:start + _BATCH]
        encoded = [_encoded(samples[j]) for j in batch]
        for j, data, (features, counts) in zip(batch, encoded, _visits(model, encoded), strict=True):
            languages[j] = _classify(model, features, counts, len(data))
    return languages


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` (offline, py3langid's shipped model).

    Reads the first :data:`LANGUAGE_PREFIX` characters (py3langid's time grows with the bytes it walks;
    on the sample and the 1,796 shared press releases the first 600 characters already
    gave the same language as the first 3,000). Returns ``"und"`` (undetermined) for text with fewer
    than three words. Only the languages of :func:`news_languages` can be returned.

    >>> detect_language("The Russian Ministry of Defense is planning to deploy more soldiers.")
    'en'
    >>> detect_language("Российские войска продолжили наступление на Киев.")
    'ru'
    """
    return detect_languages([text])[0]
