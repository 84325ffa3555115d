"""Sentences and word tokens, computed once per article and reused by every analysis.

Offline by construction: sentence splitting is nltk's Punkt algorithm with a shipped list of
abbreviations (``analysis/data/nltk/tokenizers/punkt_tab/english/abbrev_types.txt``), run by
:class:`analysis.punkt.PunktSplitter` (nltk's output, several times faster), words
come from one regular expression, and the stop-word list ships in ``analysis/data``. The
shipped ``punkt_tab`` folder is also put on ``nltk.data.path``, so nltk's ``sent_tokenize``
and TextBlob's ``.sentences``, ``.words`` and ``.ngrams()`` work without any download.

Results are memoised per article text (see :func:`article_tokens`), so KWIC, frequencies,
sentiment and loaded-term detection never tokenize the same article twice in a session.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .cache import content_key
from .config import DATA_DIR, NLTK_DATA, TOKEN_MEMO_TOKENS
from .memos import Memo, register
from .punkt import PunktSplitter

__all__ = [
    "WORD_PATTERN", "tokenize", "count_words", "split_sentences", "normalize_token", "stopwords",
    "article_tokens", "TOKEN_MEMO", "article_token_list", "sentence_table", "token_table", "english_only", "make_textblob",
]


# Abbreviations with inner dots (U.S., E.U.), numbers with decimals or separators
# (2.0, 300,000), and words with inner hyphens or apostrophes (de-escalation, Kharkiv's).
WORD_PATTERN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?"
    r"|[^\W\d_]+(?:['\-][^\W\d_]+)*(?:'s)?",
)
_POSSESSIVE = re.compile(r"'s?$")


def tokenize(text: str) -> list[str]:
    """Word tokens of ``text`` as written (no lower-casing), punctuation dropped.

    >>> tokenize("Kharkiv's 300,000 reservists: mobilization 2.0 in the U.S. too.")
    ["Kharkiv's", '300,000', 'reservists', 'mobilization', '2.0', 'in', 'the', 'U.S.', 'too']
    """
    return WORD_PATTERN.findall(text)


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (the ``n_words`` column of an article table).

    >>> count_words("Russia is at war with Ukraine.")
    6
    """
    return sum(map(_PIECE_TOKENS.__getitem__, text.split()))  # no token holds white space: the pieces' tokens


def normalize_token(token: str) -> str:
    """The form a token is counted under: lower case, possessive ``'s`` removed.

    So "Russia", "russia" and "Russia's" are one term, ``russia``.

    >>> [normalize_token(t) for t in ["Russia's", "RUSSIA", "U.S.", "Ukrainians'"]]
    ['russia', 'russia', 'u.s.', 'ukrainians']
    """
    return _POSSESSIVE.sub("", token.lower()) or token.lower()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The shipped English stop-word list (function words; negations are kept as content).

    >>> "the" in stopwords(), "not" in stopwords(), "war" in stopwords()
    (True, False, False)
    """
    lines = (DATA_DIR / "stopwords_en.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The shipped Punkt abbreviation list (lower case, no final dot).

    >>> {"mr", "u.s", "feb"} <= abbreviations()
    True
    """
    text = (NLTK_DATA / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt").read_text()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _punkt() -> PunktSplitter:
    return PunktSplitter(abbreviations())


def _nltk_data() -> None:
    """Put the shipped ``punkt_tab`` folder on nltk's data path (for nltk's and TextBlob's own splitters)."""
    import nltk

    if str(NLTK_DATA) not in nltk.data.path:
        nltk.data.path.insert(0, str(NLTK_DATA))


_PARAGRAPH = re.compile(r"\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of the sentences of ``text``.

    Paragraph breaks always end a sentence (so a heading without a full stop stays apart).
    """
    punkt = _punkt()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        paragraph = text[start:end]
        if paragraph.strip():
            spans.extend((start + s, start + e) for s, e in punkt.spans(paragraph))
        if match:
            start = match.end()
    return spans


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (offline Punkt with the shipped abbreviation list).

    >>> split_sentences("Mr. Smith met Dr. Jones in the U.S. on Feb. 24. They spoke of mobilization 2.0. It ended.")
    ['Mr. Smith met Dr. Jones in the U.S. on Feb. 24.', 'They spoke of mobilization 2.0.', 'It ended.']
    """
    return [text[s:e] for s, e in sentence_spans(text)]


_EDGE = "\".,;:!?()[]'"  # characters that never belong to a token when they end a white-space piece


def word_tokens(text: str) -> list[str]:
    """The counted forms (:func:`normalize_token`) of the tokens of ``text``, in order.

    Same as ``[normalize_token(t) for t in tokenize(text)]``, faster: WORD_PATTERN never matches white
    space and has no look-arounds, so it can run piece by piece, and a piece that is letters between
    punctuation marks (most words) is one token, found without the regular expression.

    >>> word_tokens("Kharkiv's 300,000 reservists (mobilized) in the U.S.")
    ['kharkiv', '300,000', 'reservists', 'mobilized', 'in', 'the', 'u.s.']
    """
    out: list[str] = []
    append, extend, findall, edge = out.append, out.extend, WORD_PATTERN.findall, _EDGE
    pieces = text.split()
    # An ASCII text lower-cased splits the same way; its pieces give the lower-case forms of plain words
    # (the regular expression itself still runs on the piece as written: "9S" is two tokens, "9s" one).
    lowered = text.lower().split() if text.isascii() else pieces
    for piece, low in zip(pieces, lowered, strict=True):
        core = low.strip(edge)
        if core.isalpha():  # a run of letters is one token of WORD_PATTERN's last branch; _EDGE never starts one
            append(core if low is not piece else core.lower())
        elif core:
            extend(normalize_token(t) if "'" in t else t.lower() for t in findall(piece))
    return out


class ArticleTokens:
    """Sentences and tokens of one article text, each computed when first asked for.

    ``tokens`` are the counted forms (:func:`normalize_token`) of the whole text: counting words needs
    no sentence splitting. ``sentence_starts``/``sentence_ends`` are character offsets of the sentences
    and ``token_sentence`` gives each token's sentence index.
    """

    __slots__ = ("text", "_tokens", "_spans", "_token_sentence", "_pieces")

    def __init__(self, text: str):
        self.text = text
        self._tokens: list[str] | None = None
        self._pieces: tuple[list[str], np.ndarray] | None = None  # tokens by index (see token_codes)
        self._spans: tuple[np.ndarray, np.ndarray] | None = None
        self._token_sentence: np.ndarray | None = None

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            if self._pieces is not None:
                flat, index = self._pieces
                self._tokens = [flat[i] for i in index.tolist()]
                self._pieces = None
            else:
                self._tokens = word_tokens(self.text)
        return self._tokens

    def _sentence_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._spans is None:
            spans = sentence_spans(self.text)
            self._spans = (np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans)),
                           np.fromiter((e for _, e in spans), dtype=np.int64, count=len(spans)))
        return self._spans

    @property
    def sentence_starts(self) -> np.ndarray:
        return self._sentence_arrays()[0]

    @property
    def sentence_ends(self) -> np.ndarray:
        return self._sentence_arrays()[1]

    @property
    def token_sentence(self) -> np.ndarray:
        if self._token_sentence is None:
            starts, ends = self._sentence_arrays()
            per_sentence = [word_tokens(self.text[s:e]) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
            tokens = [t for sentence in per_sentence for t in sentence]
            # The same tokens as the whole text's (no token spans a sentence break, and the text between
            # sentences is white space); kept, so the text is not tokenized twice.
            if self._tokens is None or self._tokens != tokens:
                self._tokens, self._pieces = tokens, None
            self._token_sentence = np.repeat(np.arange(len(per_sentence), dtype=np.int64),
                                             [len(sentence) for sentence in per_sentence])
        return self._token_sentence

    def sentence_word_counts(self) -> np.ndarray:
        """Word tokens in each sentence (the sizes of :attr:`token_sentence`), without tokenizing each sentence.

        >>> article_tokens("Russia's army moved. Kyiv held.").sentence_word_counts().tolist()
        [3, 2]
        """
        starts, ends = self._sentence_arrays()
        if self._token_sentence is not None:
            return np.bincount(self._token_sentence, minlength=len(starts))[:len(starts)]
        count, text = _PIECE_TOKENS.__getitem__, self.text  # a sentence's tokens are those of its pieces
        return np.fromiter((sum(map(count, text[s:e].split())) for s, e in zip(starts.tolist(), ends.tolist(),
                                                                               strict=True)), np.int64, len(starts))

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that holds character ``offset`` (the nearest one before it)."""
        return max(int(np.searchsorted(self.sentence_starts, offset, side="right")) - 1, 0)


class _PieceTokens(dict):
    """How many word tokens each white-space piece holds (as :func:`word_tokens` finds them), kept per piece."""

    bound = 500_000
    misses = 0  # pieces read; a lookup that finds its piece is not counted (the hot path stays a dict lookup)

    def __missing__(self, piece: str) -> int:
        if len(self) >= self.bound:
            super().clear()
        self.misses += 1
        core = piece.strip(_EDGE)
        self[piece] = n = 1 if core.isalpha() else len(WORD_PATTERN.findall(piece)) if core else 0
        return n

    def clear(self) -> None:
        super().clear()
        self.misses = 0

    def stats(self) -> dict[str, int | None]:
        return {"entries": len(self), "size": len(self), "bound": self.bound, "hits": None, "misses": self.misses}


_PIECE_TOKENS = register("token_pieces", _PieceTokens())  # seen in memo_stats(), emptied by clear_memos()


def _normalize_all(tokens: list[str]) -> list[str]:
    """:func:`normalize_token` for a list, with a fast path for tokens without an apostrophe."""
    return [normalize_token(t) if "'" in t else t.lower() for t in tokens]


def _size(text: str) -> int:
    """About how many tokens ``text`` holds (the memo's measure of memory; about six characters a word)."""
    return len(text) // 6 + 1


#: The token memo: :class:`ArticleTokens` by the text's content hash, bounded by the tokens it holds
#: (:data:`analysis.config.TOKEN_MEMO_TOKENS`); see :func:`analysis.memos.memo_stats` (``misses`` counts
#: the texts tokenized) and :func:`analysis.memos.clear_memos`.
TOKEN_MEMO: Memo[str, ArticleTokens] = Memo("tokens", bound=TOKEN_MEMO_TOKENS,
                                            size=lambda key, found: _size(found.text))


def article_tokens(text: str) -> ArticleTokens:
    """Sentences and tokens of one article text, computed once and memoised.

    >>> at = article_tokens("Russia's army moved. Kyiv held.")
    >>> at.tokens, at.token_sentence.tolist()
    (['russia', 'army', 'moved', 'kyiv', 'held'], [0, 0, 0, 1, 1])
    """
    return TOKEN_MEMO.get(content_key(text), lambda: ArticleTokens(text))


def article_token_list(articles: pd.DataFrame) -> list[ArticleTokens]:
    """:class:`ArticleTokens` of every article, in row order (memoised; each part computed when first used)."""
    texts = articles["text"].fillna("").astype(str).tolist()
    return [article_tokens(t) for t in texts]


def _piece_tokens(pieces: list[str]) -> tuple[list[str], np.ndarray]:
    """The counted tokens of each piece, flat, and how many each piece gave (:func:`word_tokens` per piece).

    No list per piece (a piece of letters between punctuation marks, most of them, is one token found
    without the regular expression), so tokenizing the distinct pieces of a large set creates few objects
    for the garbage collector to scan.

    >>> _piece_tokens(["Russia's", "(war)", "--", "U.S."])
    (['russia', 'war', 'u.s.'], array([1, 1, 0, 1]))
    """
    flat: list[str] = []
    counts = np.zeros(len(pieces), dtype=np.int64)
    append, extend, edge = flat.append, flat.extend, _EDGE
    for i, piece in enumerate(pieces):
        core = piece.strip(edge)
        if core.isalpha():  # as in word_tokens: one token of WORD_PATTERN's last branch
            append(core.lower())
            counts[i] = 1
        elif core:
            before = len(flat)
            extend(word_tokens(piece))
            counts[i] = len(flat) - before
    return flat, counts


def token_codes(parts: list[ArticleTokens]) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """Every token of the articles as an integer code: ``codes``, the ``vocabulary`` they index, each token's article.

    The same as factorizing the concatenated :attr:`ArticleTokens.tokens`, computed without a Python step
    per token: pyarrow splits the texts at ASCII white space and dictionary-encodes the pieces (no Python
    string per piece), each distinct piece is tokenized once (:func:`word_tokens` runs piece by piece
    anyway: no token holds white space), and the codes are expanded with numpy. Articles whose tokens
    were not yet computed get them from the same pieces.

    >>> codes, vocabulary, article = token_codes([ArticleTokens("War, war."), ArticleTokens("Peace's war")])
    >>> list(vocabulary[codes]), article.tolist()
    (['war', 'war', 'peace', 'war'], [0, 0, 1, 1])
    """
    split = pc.ascii_split_whitespace(pa.array([p.text for p in parts], type=pa.large_string()))
    lengths = np.diff(split.offsets.to_numpy()).astype(np.int64)
    encoded = pc.dictionary_encode(split.flatten())
    piece_codes = encoded.indices.to_numpy(zero_copy_only=False)
    flat, n_tokens = _piece_tokens(encoded.dictionary.to_pylist())
    token_codes_flat, vocabulary = pd.factorize(np.array(flat, dtype=object)) if flat else (
        np.zeros(0, dtype=np.int64), pd.Index([], dtype=object))
    offsets = np.cumsum(n_tokens) - n_tokens
    per_occurrence = n_tokens[piece_codes]
    ends = np.cumsum(per_occurrence)
    # index into ``flat`` of every token occurrence, in text order
    starts = np.repeat(offsets[piece_codes] - (ends - per_occurrence), per_occurrence) + np.arange(
        int(ends[-1]) if len(ends) else 0)
    codes = np.asarray(token_codes_flat, dtype=np.int64)[starts]
    per_article = np.diff(np.concatenate([[0], ends])[np.concatenate([[0], np.cumsum(lengths)])])
    article = np.repeat(np.arange(len(parts), dtype=np.int64), per_article)
    first = (np.cumsum(per_article) - per_article).tolist()
    for i, part in enumerate(parts):
        if part._tokens is None:  # kept as indices into ``flat``, joined into a token list only if someone asks
            part._pieces = (flat, starts[first[i]:first[i] + int(per_article[i])])
    return codes, vocabulary, article


def sentence_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``article_id``, ``sentence_id`` (0-based), ``start``, ``end``, ``sentence``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Mr. Peskov spoke. Russia is at war."]})
    >>> sentence_table(frame)["sentence"].tolist()
    ['Mr. Peskov spoke.', 'Russia is at war.']
    """
    columns = ["article_id", "sentence_id", "start", "end", "sentence"]
    parts = article_token_list(articles)
    if not parts:
        return pd.DataFrame(columns=columns)
    counts = np.array([len(p.sentence_starts) for p in parts])
    starts = np.concatenate([p.sentence_starts for p in parts]) if counts.sum() else np.array([], dtype=np.int64)
    ends = np.concatenate([p.sentence_ends for p in parts]) if counts.sum() else np.array([], dtype=np.int64)
    texts = articles["text"].fillna("").astype(str).tolist()
    sentences = [text[s:e] for text, p in zip(texts, parts, strict=True)
                 for s, e in zip(p.sentence_starts.tolist(), p.sentence_ends.tolist(), strict=True)]
    return pd.DataFrame({
        "article_id": np.repeat(articles["article_id"].to_numpy(), counts),
        "sentence_id": np.concatenate([np.arange(n) for n in counts]) if len(counts) else [],
        "start": starts, "end": ends, "sentence": pd.array(sentences, dtype="string"),
    }, columns=columns)


def token_table(articles: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """One row per token: ``article_id``, ``sentence_id``, ``position``, ``token`` (+ ``by`` column).

    Tokens are the counted forms (lower case, possessive removed).

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Russia's army moved. Kyiv held."]})
    >>> token_table(frame)[["sentence_id", "token"]].values.tolist()
    [[0, 'russia'], [0, 'army'], [0, 'moved'], [1, 'kyiv'], [1, 'held']]
    """
    parts = article_token_list(articles)
    counts = np.array([len(p.tokens) for p in parts], dtype=np.int64)
    tokens = [t for p in parts for t in p.tokens]
    frame = pd.DataFrame({
        "article_id": np.repeat(articles["article_id"].to_numpy(), counts),
        "sentence_id": (np.concatenate([p.token_sentence for p in parts]) if tokens else np.array([], dtype=np.int64)),
        "position": (np.concatenate([np.arange(n) for n in counts]) if tokens else np.array([], dtype=np.int64)),
        "token": pd.array(tokens, dtype="string"),
    })
    if by is not None:
        frame.insert(1, by, np.repeat(articles[by].to_numpy(), counts))
    return frame


def english_only(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles whose detected language is English (or too short to tell).

    English-only analyses (stop words, sentiment lexicons, loaded-term lexicons) call this, so a
    Russian article in the set is reported at loading and not mis-analysed as English.

    >>> english_only(pd.DataFrame({"language": ["en", "ru", "und"]})).index.tolist()
    [0, 2]
    """
    if "language" not in articles:
        return articles
    return articles[articles["language"].fillna("und").isin(["en", "und"])]


def make_textblob(text: str):
    """A TextBlob that works offline: ``.sentences``, ``.words``, ``.ngrams()`` use shipped data.

    >>> [str(s) for s in make_textblob("Mr. Peskov spoke. Russia is at war.").sentences]
    ['Mr. Peskov spoke.', 'Russia is at war.']
    """
    _nltk_data()
    from textblob import TextBlob

    return TextBlob(text)
