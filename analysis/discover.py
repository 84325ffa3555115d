"""Naming variants discovered from the set itself: terms used in the same places, but by different outlets.

:func:`discover_naming` proposes pairs of terms (words and multi-word phrases) that may name the same
thing in different ways ("Kiev" / "Kyiv", "special military operation" / "war", "protesters" /
"rioters"), without any table written for the story. Two kinds of evidence are combined:

- **the same contexts** (distributional similarity, learned from the set): every term is described by
  the words around it (two words on each side, within the sentence), weighted by positive pointwise
  mutual information (PPMI, context counts smoothed with exponent 0.75), reduced to 100 dimensions with
  truncated SVD (scikit-learn; small sets keep the PPMI vectors as they are) and compared by cosine (Levy, Goldberg & Dagan 2015, "Improving distributional
  similarity with lessons learned from word embeddings"). Only *shared* context words count: words that
  one outlet uses much more than the others (its own vocabulary) are left out of the contexts, so
  "the Kiev regime" and "Kyiv region" are compared on what both sides write around them;
- **the same letters** (spelling similarity, :class:`difflib.SequenceMatcher` ratio): transliterations
  and spelling variants ("Donbass" / "Donbas"), counted only where each group keeps to its own spelling
  (the share of the first spelling among the two differs by at least 0.8 between two groups) and the
  contexts agree a little (similarity at least 0.25), or, where they do not (small sets), the groups
  keep to their own spelling almost always (shares differing by at least 0.95); forms of one word ("thank" / "thanked", by the
  endings in ``analysis/data/inflections.csv``) are never proposed. A spelling difference that recurs in two or more
  word pairs between the same outlets ("emphasise" / "emphasize", "organise" / "organize") is a house
  *spelling convention*, reported once with its examples instead of pair by pair;

and both are weighted by the **contrast** between outlets (keyness): how much more one outlet uses the
first term, relative to the second, than another outlet does (a binary log ratio, as in
:func:`analysis.frequencies.keyness`). Every proposal is a suggestion to check against its lines
(:func:`analysis.proposals.naming_evidence`) before it is saved as a naming table
(:func:`analysis.proposals.proposals_to_naming`).
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd
from scipy import sparse

from .config import DATA_DIR
from .tokens import WORD_PATTERN, article_tokens, english_only, stopwords

__all__ = ["PROPOSAL_COLUMNS", "discover_naming"]

PROPOSAL_COLUMNS = ["rank", "term", "variant", "kind", "group_term", "group_variant", "term_counts", "variant_counts",
                    "similarity", "spelling", "contrast", "score", "examples"]

_WINDOW = 2           # context words on each side
_DIMENSIONS = 100     # SVD components
_SHARED_BITS = 1.0    # a context word is shared when no group uses it more than 2^1 = twice as often as the rest
_SPELLING_MIN = 0.75  # SequenceMatcher ratio from which two terms are spelling variants
_SPELLING_CONTEXT = 0.25  # least context similarity for a spelling variant ("defence" / "defend" are not)
_SPELLING_SHARE = 0.8  # a spelling is a choice: each group keeps to its own ("police" / "policy" are not)
_SPELLING_ALONE = 0.95  # ... and when the contexts do not agree (a small set), it must be all but exclusive
_NAMES_WEIGHT = 0.5   # two different proper names in one slot are more often two people or places than one

_WORD_SPLIT = re.compile(f"({WORD_PATTERN.pattern})", WORD_PATTERN.flags)  # the tokenizer's words, kept by split


@lru_cache(maxsize=1)
def _inflections() -> tuple[tuple[str, str, str], ...]:
    """``(ending, after, not_after)`` rows of ``analysis/data/inflections.csv``."""
    lines = (DATA_DIR / "inflections.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if line.strip() and not line.startswith("#"))
    return tuple((r["ending"].strip(), r["after"].strip(), r["not_after"].strip()) for r in rows)


def _related(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one word in two forms or one term inside the other.

    >>> _related("thank", "thanked"), _related("donbas", "donbass"), _related("war", "full-scale war")
    (True, False, True)
    """
    wa, wb = a.split(), b.split()
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    short, long = sorted((a, b), key=len)
    for ending, after, not_after in _inflections():
        if long == short + ending and (not after or short.endswith(tuple(after.split())))\
                and not (not_after and short.endswith(tuple(not_after.split()))):
            return True
    if short.endswith("e") and long.startswith(short[:-1]) and long[len(short) - 1:] in ("ed", "ing", "er", "ers"):
        return True
    return False


@dataclass
class _Stream:
    """The set as one stream of integer token codes, with what each token's neighbourhood needs."""

    codes: np.ndarray       # token code per token
    vocab: np.ndarray       # term per code
    key: np.ndarray         # article * 2^32 + sentence, per token
    brk: np.ndarray         # punctuation between this token and the previous one
    cap: np.ndarray         # written with a capital letter, not as the first word of its sentence
    group: np.ndarray       # group code per token
    groups: list            # group names
    words: np.ndarray       # tokens per group


def _written_tokens(text: str, starts: np.ndarray, ends: np.ndarray) -> tuple[list[str], list[str]]:
    """The tokens of ``text`` as written, read sentence by sentence (``starts``/``ends``), and the text between each two.

    Read from the whole text at once (the pattern has no look-around: its matches inside a sentence are
    those of the sentence alone) unless a token crosses a sentence break, then sentence by sentence.

    >>> _written_tokens("Kyiv's war. It ended", np.array([0, 12]), np.array([11, 20]))
    (["Kyiv's", 'war', 'It', 'ended'], [' ', '. ', ' '])
    """
    pieces = _WORD_SPLIT.split(text)  # text before the first token, first token, text before the second, ...
    tokens, gaps = pieces[1::2], pieces[0::2]
    length = np.fromiter(map(len, tokens), np.int64, len(tokens))
    first = np.cumsum(np.fromiter(map(len, gaps[:-1]), np.int64, len(tokens))) + np.cumsum(length) - length
    sentence = np.searchsorted(starts, first, side="right") - 1
    if len(tokens) and ((sentence < 0).any() or (first + length > ends[sentence.clip(0)]).any()):
        spans = [m.span() for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
                 for m in WORD_PATTERN.finditer(text, s, e)]
        return [text[a:b] for a, b in spans], [text[b:a] for (_, b), (a, _) in zip(spans, spans[1:], strict=False)]
    return tokens, gaps[1:-1]


def _stream(articles: pd.DataFrame, by: str) -> _Stream:
    texts = articles["text"].fillna("").astype(str).tolist()
    codes_list, keys, breaks, caps, lengths = [], [], [], [], []
    for position, text in enumerate(texts):
        parts = article_tokens(text)
        written, between = _written_tokens(text, parts.sentence_starts, parts.sentence_ends)
        found = bool(written) and len(written) == len(parts.tokens)  # always, with the shared tokenizer; be safe
        codes_list.append(parts.tokens)
        keys.append(position * (1 << 32) + parts.token_sentence)
        if found:  # punctuation before each token (nothing between counts too), and a capital not starting a sentence
            breaks.append(np.r_[True, ~np.fromiter(map(str.isspace, between), bool, len(between))])
            caps.append(np.fromiter(map(str.isupper, map(itemgetter(0), written)), bool, len(written))
                        & np.r_[False, parts.token_sentence[1:] == parts.token_sentence[:-1]])
        else:
            breaks.append(np.ones(len(parts.tokens), bool))
            caps.append(np.zeros(len(parts.tokens), bool))
        lengths.append(len(parts.tokens))
    flat = np.array([t for p in codes_list for t in p], dtype=object)
    codes, vocab = pd.factorize(flat) if len(flat) else (np.zeros(0, dtype=np.int64), pd.Index([]))
    group_codes, group_names = pd.factorize(articles[by].astype(str))
    article = np.repeat(np.arange(len(texts)), lengths)
    group = group_codes[article] if len(article) else np.zeros(0, dtype=np.int64)
    return _Stream(codes=np.asarray(codes, dtype=np.int64), vocab=np.array(list(vocab), dtype=object),
                   key=np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64),
                   brk=np.concatenate(breaks) if breaks else np.zeros(0, dtype=bool),
                   cap=np.concatenate(caps) if caps else np.zeros(0, dtype=bool),
                   group=group, groups=list(group_names),
                   words=np.bincount(group, minlength=len(group_names)).astype("float64"))


def _unique_rows(rows: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(rows, axis=0, return_inverse=True, return_counts=True)`` for rows of codes below ``base``, sorting
    one integer per row instead (the codes as digits in ``base``: the same order) where it fits in 64 bits."""
    if base ** rows.shape[1] >= 2 ** 63:
        unique, inverse, counts = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
        return unique, inverse.reshape(-1), counts
    keys = rows[:, 0].copy()
    for k in range(1, rows.shape[1]):
        keys = keys * base + rows[:, k]
    _, first, inverse, counts = np.unique(keys, return_index=True, return_inverse=True, return_counts=True)
    return rows[first], inverse.reshape(-1), counts


def _occurrences(s: _Stream, min_count: int, max_words: int) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Terms and their non-overlapping occurrences: phrases of 2..``max_words`` words first, then single words.

    A phrase is a run of words inside one sentence with no punctuation between them, not starting or
    ending with a stop word or a number, seen at least ``min_count`` times, and strong: at least a fifth
    of the uses of its rarest content word. Longer phrases take their words first; a word counts alone
    only where no phrase took it.
    """
    n_tokens, stop = len(s.codes), stopwords()
    vocab = s.vocab
    is_word = np.fromiter((bool(w[:1].isalpha()) and len(w) > 1 for w in vocab), dtype=bool, count=len(vocab))
    is_stop = np.fromiter((w in stop for w in vocab), dtype=bool, count=len(vocab))
    count = np.bincount(s.codes, minlength=len(vocab))
    names = list(vocab)
    taken = np.zeros(n_tokens, dtype=bool)
    occ_term, occ_start, occ_len = [], [], []
    for n in range(max_words, 1, -1):
        m = n_tokens - n + 1
        if m <= 0:
            continue
        ok = (s.key[:m] == s.key[n - 1:n - 1 + m]) & ~is_stop[s.codes[:m]] & ~is_stop[s.codes[n - 1:n - 1 + m]]
        for k in range(n):
            ok &= is_word[s.codes[k:k + m]]
            if k:
                ok &= ~s.brk[k:k + m]
        starts = np.flatnonzero(ok)
        if not len(starts):
            continue
        combo = np.stack([s.codes[starts + k] for k in range(n)], axis=1)
        unique, inverse, found = _unique_rows(combo, len(vocab))
        rarest = np.stack([np.where(is_stop[unique[:, k]], np.iinfo(np.int64).max, count[unique[:, k]])
                           for k in range(n)], axis=1).min(axis=1)
        keep = (found >= min_count) & (found >= 0.2 * rarest)
        taken_before = np.r_[0, np.cumsum(taken)]  # tokens a longer phrase took, before each position
        free = keep[inverse] & (taken_before[starts + n] == taken_before[starts])
        chosen, last = [], -1
        for start, phrase in zip(starts[free].tolist(), inverse[free].tolist(), strict=True):
            if start > last:
                chosen.append((start, phrase))
                last = start + n - 1
        if not chosen:
            continue
        start_arr = np.array([c[0] for c in chosen], dtype=np.int64)
        phrase_arr = np.array([c[1] for c in chosen], dtype=np.int64)
        used, new_ids = np.unique(phrase_arr, return_inverse=True)
        occ_term.append(len(names) + new_ids)
        names.extend(" ".join(vocab[row]) for row in unique[used])
        occ_start.append(start_arr)
        occ_len.append(np.full(len(start_arr), n, dtype=np.int64))
        for k in range(n):
            taken[start_arr + k] = True
    single = np.flatnonzero(~taken & is_word[s.codes] & ~is_stop[s.codes]) if n_tokens else np.zeros(0, np.int64)
    occ_term.append(s.codes[single])
    occ_start.append(single)
    occ_len.append(np.ones(len(single), dtype=np.int64))
    return names, np.concatenate(occ_term), np.concatenate(occ_start), np.concatenate(occ_len)


def _cross_counts(rows: np.ndarray, columns: np.ndarray, n_rows: int, n_columns: int) -> np.ndarray:
    """How often each (row, column) pair occurs, as a float matrix (``np.add.at`` of ones, counted with ``bincount``)."""
    flat = np.bincount(rows * n_columns + columns, minlength=n_rows * n_columns)
    return flat.reshape(n_rows, n_columns).astype("float64")


def _log_ratios(counts: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Binary log ratio of each term's rate in each group against the rest of the set (zero counts as 0.5)."""
    rest = counts.sum(axis=1, keepdims=True) - counts
    rest_words = words.sum() - words
    return np.log2((np.maximum(counts, 0.5) / words) / (np.maximum(rest, 0.5) / np.maximum(rest_words, 1)))


def _vectors(s: _Stream, n_terms: int, occ: tuple[np.ndarray, np.ndarray, np.ndarray], rows: np.ndarray,
             min_count: int, seed: int) -> np.ndarray:
    """Unit-length SVD vectors of the PPMI context matrix of the terms in ``rows``."""
    from sklearn.decomposition import TruncatedSVD
    from threadpoolctl import threadpool_limits

    occ_term, occ_start, occ_len = occ
    vocab_count = np.bincount(s.codes, minlength=len(s.vocab))
    per_group = _cross_counts(s.codes, s.group, len(s.vocab), len(s.groups))
    shared = vocab_count >= min_count
    if len(s.groups) > 1:
        shared &= np.abs(_log_ratios(per_group, s.words)).max(axis=1) < _SHARED_BITS
    feature = np.cumsum(shared) - 1
    n_features = int(shared.sum())
    row_of = np.full(n_terms, -1)
    row_of[rows] = np.arange(len(rows))
    keep = row_of[occ_term] >= 0
    term, start, length = row_of[occ_term[keep]], occ_start[keep], occ_len[keep]
    r, c, v = [], [], []
    for distance in range(1, _WINDOW + 1):
        for side, position in ((0, start - distance), (1, start + length - 1 + distance)):
            ok = (position >= 0) & (position < len(s.codes))
            ok[ok] = (s.key[position[ok]] == s.key[start[ok]]) & shared[s.codes[position[ok]]]
            r.append(term[ok])
            c.append(side * n_features + feature[s.codes[position[ok]]])
            v.append(np.full(int(ok.sum()), 1.0 / distance))
    matrix = sparse.coo_matrix((np.concatenate(v), (np.concatenate(r), np.concatenate(c))),
                               shape=(len(rows), 2 * n_features)).tocsr()
    matrix.sum_duplicates()
    total = matrix.sum()
    if total == 0:
        return np.zeros((len(rows), 1))
    row_sum = np.asarray(matrix.sum(axis=1)).ravel()
    col_sum = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    coo = matrix.tocoo()
    pmi = np.log(coo.data * col_sum.sum() / (row_sum[coo.row] * col_sum[coo.col]))
    good = pmi > 0
    ppmi = sparse.csr_matrix((pmi[good], (coo.row[good], coo.col[good])), shape=matrix.shape)
    if min(ppmi.shape) <= 2 * _DIMENSIONS:  # a small set: the PPMI rows themselves
        vectors = ppmi.toarray()
    else:
        svd = TruncatedSVD(n_components=_DIMENSIONS, random_state=seed)
        with threadpool_limits(1):  # small dense steps: one BLAS thread is many times faster on a busy machine
            vectors = svd.fit_transform(ppmi) / np.sqrt(np.maximum(svd.singular_values_, 1e-12))  # U * S^0.5
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1)


def _reduced(a: str, b: str) -> tuple[str, str]:
    """The words in which two terms differ ("donetsk and lugansk", "donetsk and luhansk" -> "lugansk", "luhansk")."""
    wa, wb = a.split(), b.split()
    da, db = [w for w in wa if w not in wb], [w for w in wb if w not in wa]
    return (" ".join(da) or a), (" ".join(db) or b)


def _same_form(x: str, y: str) -> bool:
    return x == y or (" " not in x and " " not in y and _related(x, y))


def _spelling_difference(a: str, b: str) -> tuple[float, tuple]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = tuple((a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    return matcher.ratio(), edits


def _spelling_pairs(names: np.ndarray, counts: np.ndarray, similarity: np.ndarray,
                    contrast: np.ndarray) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, in row order, of terms that may be spelling variants, before their letters are
    compared: alike in shape (first letter, number of words, lengths within 3), contrasted (``contrast`` at least 1),
    not forms of one word, each group keeping to its own spelling (``counts``: uses per term and group)."""
    n_words = np.array([n.count(" ") for n in names])
    first = np.array([n[:1] for n in names])
    length = np.array([len(n) for n in names])
    near = ((first[:, None] == first[None, :]) & (n_words[:, None] == n_words[None, :])
            & (np.abs(length[:, None] - length[None, :]) <= 3) & (contrast >= 1))
    rows, cols = np.nonzero(np.triu(near, 1))
    shares = (counts[rows] + 0.5) / (counts[rows] + counts[cols] + 1)
    split = shares.max(axis=1) - shares.min(axis=1)
    keep = (split >= _SPELLING_SHARE) & ((similarity[rows, cols] >= _SPELLING_CONTEXT) | (split >= _SPELLING_ALONE))
    return [(i, j) for i, j in zip(rows[keep].tolist(), cols[keep].tolist(), strict=True)
            if not _related(names[i], names[j])]


def _counts_text(row: np.ndarray, groups: list) -> str:
    return ", ".join(f"{g} {int(c):,}" for g, c in sorted(zip(groups, row, strict=True), key=lambda x: -x[1]) if c)


def discover_naming(articles: pd.DataFrame, *, by: str = "outlet", top: int = 20, min_count: int = 5,
                    max_terms: int = 2000, max_words: int = 3, min_articles: int = 2, seed: int = 0) -> pd.DataFrame:
    """Proposed naming variants: pairs of terms used in the same contexts, or spelled alike, by different groups.

    One row per proposal, best first (:data:`PROPOSAL_COLUMNS`): ``term`` and ``variant`` (lower case, as
    counted; phrases of up to ``max_words`` words), ``kind`` (``context``: different words in the same
    contexts; ``spelling``: the same word spelled differently; ``spelling convention``: one spelling
    difference seen in two word pairs or more), ``examples`` (the other pairs folded into the row: other
    forms of the same words, "programmes / programs", and the other pairs of a spelling convention), ``group_term`` /
    ``group_variant`` (the group that uses each relatively most), ``term_counts`` / ``variant_counts``
    (uses per group, as text), ``similarity`` (cosine of the context vectors, -1 … 1), ``spelling``
    (SequenceMatcher ratio, 0 … 1; counted from 0.75), ``contrast`` (bits: how much more, as a binary log ratio, one group
    prefers the term over the variant than another group does; capped at 10) and ``score`` =
    ``max(similarity, spelling) × (1 - 2^(-contrast/2)) × log10(1 + the geometric
    mean of the two counts)``: close in use or in spelling, used differently by the groups, and used often.

    Each term is proposed with one counterpart only in ``context`` proposals (its best), so that one
    word's neighbours do not fill the list. How it works (see the module docstring): English articles only; terms are words and phrases seen at
    least ``min_count`` times; only the ``max_terms`` most frequent terms that one group uses at least
    twice as often as the rest are paired. Needs two groups or more (else an empty table). Rows are
    suggestions: read their lines (:func:`naming_evidence`) before using them.

    Args:
        articles: article table (``article_id``, ``text``, and the ``by`` column).
        by: the column whose groups are compared (default ``outlet``).
        top: number of proposals returned.
        min_count: least uses of a term in the whole set.
        max_terms: most terms paired (the most frequent of those one group prefers).
        max_words: longest phrase considered.
        min_articles: groups with fewer articles are left out (one scraped article is no outlet's usage).
        seed: seed of the randomised SVD.

    >>> frame = pd.DataFrame({"article_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"], "text": [
    ...     "Police said protesters blocked the road. The protesters marched to the square.",
    ...     "Many protesters were arrested. Protesters threw stones at the police.",
    ...     "Police said rioters blocked the road. The rioters marched to the square.",
    ...     "Many rioters were arrested. Rioters threw stones at the police."]})
    >>> discover_naming(frame, min_count=2)[["term", "variant"]].values.tolist()[0]
    ['protesters', 'rioters']
    """
    if by not in articles:
        raise KeyError(f"articles have no column {by!r}")
    arts = english_only(articles)
    arts = arts[arts[by].notna()]
    sizes = arts[by].value_counts()
    arts = arts[arts[by].isin(sizes.index[sizes >= min_articles])]
    empty = pd.DataFrame(columns=PROPOSAL_COLUMNS)
    if arts[by].nunique() < 2:
        return empty
    s = _stream(arts, by)
    names, occ_term, occ_start, occ_len = _occurrences(s, min_count, max_words)
    counts = _cross_counts(occ_term, s.group[occ_start], len(names), len(s.groups))
    total = counts.sum(axis=1)
    ratios = _log_ratios(counts, s.words)
    candidates = np.flatnonzero((total >= min_count) & (np.abs(ratios).max(axis=1) >= 1))
    candidates = candidates[np.argsort(-total[candidates], kind="stable")][:max_terms]
    if len(candidates) < 2:
        return empty
    vectors = _vectors(s, len(names), (occ_term, occ_start, occ_len), candidates, min_count, seed)
    similarity = vectors @ vectors.T
    cand_ratios = ratios[candidates]
    high = np.full(similarity.shape, -np.inf)
    low = np.full(similarity.shape, np.inf)
    for g in range(len(s.groups)):
        difference = np.subtract.outer(cand_ratios[:, g], cand_ratios[:, g])
        np.maximum(high, difference, out=high)
        np.minimum(low, difference, out=low)
    contrast = np.minimum(np.minimum(high, -low), 10.0)
    del high, low, difference
    name_arr = np.array(names, dtype=object)[candidates]
    both = np.sqrt(np.multiply.outer(total[candidates], total[candidates]))
    weight = (1 - 2.0 ** (-np.maximum(contrast, 0) / 2)) * np.log10(1 + both)
    capital = np.bincount(occ_term, weights=s.cap[occ_start].astype("float64"), minlength=len(names))
    inside = np.bincount(occ_term, weights=np.r_[0.0, s.key[1:] == s.key[:-1]][occ_start], minlength=len(names))
    proper = (capital / np.maximum(inside, 1))[candidates] > 0.5

    spelling = np.zeros_like(similarity)
    edits: dict[tuple[int, int], tuple] = {}
    for i, j in _spelling_pairs(name_arr, counts[candidates], similarity, contrast):
        ratio, edit = _spelling_difference(name_arr[i], name_arr[j])
        if ratio >= _SPELLING_MIN:
            spelling[i, j] = spelling[j, i] = ratio
            edits[(i, j)] = edit
    spelled = spelling > similarity
    names_only = np.logical_and.outer(proper, proper) & ~spelled
    score = np.maximum(similarity, spelling) * weight * np.where(names_only, _NAMES_WEIGHT, 1.0)
    np.fill_diagonal(score, -np.inf)
    upper = np.triu_indices(len(name_arr), 1)
    flat = score[upper]
    positive = np.flatnonzero(flat > 0)  # the pairs proposed, best first (a pair of score 0 or less never is)
    order = positive[np.argsort(-flat[positive], kind="stable")]

    def preferred(i: int) -> str:
        return s.groups[int(np.argmax(cand_ratios[i]))]

    def oriented(i: int, j: int) -> tuple[int, int]:
        return (i, j) if preferred(i) <= preferred(j) else (j, i)

    def signature(a: int, b: int) -> tuple:
        edit = edits[(min(a, b), max(a, b))]
        return (edit if a < b else tuple((y, x) for x, y in edit), preferred(a), preferred(b))

    rows: list[dict] = []
    used: set[int] = set()
    for position in order.tolist():
        if len(rows) >= top or not np.isfinite(flat[position]) or flat[position] <= 0:
            break
        a, b = oriented(int(upper[0][position]), int(upper[1][position]))
        if preferred(a) == preferred(b) or (not spelled[a, b] and _related(name_arr[a], name_arr[b])):
            continue
        if not spelled[a, b] and (a in used or b in used):  # one proposal per word: its closest counterpart
            continue
        used.update((a, b))
        ra, rb = _reduced(name_arr[a], name_arr[b])
        family = next((row for row in rows if any(_same_form(ra, x) and _same_form(rb, y) for x, y in row["_pairs"])),
                      None)
        if family is not None:  # another form of a listed pair: "programmes / programs" after "programme / program"
            family["_forms"].append(f"{name_arr[a]} / {name_arr[b]}")
            family["_pairs"].append((ra, rb))
            continue
        kind = "spelling" if spelled[a, b] else "context"
        if kind == "spelling":
            convention = next((row for row in rows if row["_signature"] == signature(a, b)), None)
            if convention is not None:
                convention["kind"] = "spelling convention"
                convention["_forms"].append(f"{name_arr[a]} / {name_arr[b]}")
                convention["_pairs"].append((ra, rb))
                continue
        rows.append({"term": name_arr[a], "variant": name_arr[b], "kind": kind, "group_term": preferred(a),
                     "group_variant": preferred(b), "term_counts": _counts_text(counts[candidates[a]], s.groups),
                     "variant_counts": _counts_text(counts[candidates[b]], s.groups),
                     "similarity": round(float(similarity[a, b]), 3), "spelling": round(float(spelling[a, b]), 3),
                     "contrast": round(float(contrast[a, b]), 2), "score": round(float(score[a, b]), 3),
                     "_pairs": [(ra, rb)], "_forms": [],
                     "_signature": signature(a, b) if kind == "spelling" else None})
    for row in rows:
        row["examples"] = "; ".join(row.pop("_forms"))
        for key in ("_pairs", "_signature"):
            row.pop(key)
    out = pd.DataFrame(rows, columns=PROPOSAL_COLUMNS[1:])
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    for column in ["term", "variant", "kind", "group_term", "group_variant", "term_counts", "variant_counts",
                   "examples"]:
        out[column] = out[column].astype("string")
    return out
