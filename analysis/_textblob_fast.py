"""Fast TextBlob sentiment: Pattern's scorer and tokenizer with short cuts, same numbers (private by design).

This module and :mod:`analysis._vader_fast` are the one exception to the package's rule that no module
imports a private (underscore) name from another: both are implementation details of
:mod:`analysis.sentiment`, the only package module that imports them (no other module should) and reach into ``textblob``'s internals (``textblob.en.sentiment``,
``textblob._text``). Those internals are checked against the version they were written for,
:data:`TESTED_VERSION` (pinned in ``requirements.txt``): with any other installed version, or when
an internal these short cuts rely on has changed, :func:`pattern_scores` warns (``UserWarning``) and
scores with ``TextBlob(text).sentiment`` itself: slower, the library's own numbers.

The short cuts (see :func:`pattern_scores`): Pattern's scorer is called directly (no ``TextBlob``
object, no per-call named tuple), on a copy of its lexicon with plain ``dict`` look-ups instead of
the lazily loaded dictionary; texts in which it can find nothing to assess get its (0.0, 0.0)
without being tokenized; the others are tokenized in batches of 200 by a copy of its tokenizer with
two short cuts. ``tests/test_textblob_fast.py`` and ``tests/test_sentiment.py`` compare the scores
with the library called directly.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from . import versions

__all__ = ["TESTED_VERSION", "fast_path_usable", "preload", "pattern_scores", "library_scores"]

#: The ``textblob`` version whose internals the short cuts copy (``requirements.txt`` pins it).
TESTED_VERSION = "0.20.1"
_PATTERN_BATCH = 200


@lru_cache(maxsize=1)
def _rewrites_are_padding() -> bool:
    """Whether every Pattern contraction rewrite only puts a space before its text (what the short cuts assume)."""
    from textblob._text import replacements

    return all(b == " " + a for a, b in replacements.items())


def fast_path_usable() -> bool:
    """Whether the short cuts apply to the installed ``textblob``; warns (``UserWarning``) when they do not.

    >>> fast_path_usable()
    True
    """
    return versions.check_tested_version("textblob", versions.installed_version("textblob"), TESTED_VERSION,
                                         internals_ok=_rewrites_are_padding, what="the fast TextBlob scorer",
                                         instead="TextBlob(text).sentiment itself")


def library_scores(texts: list[str]) -> np.ndarray:
    """TextBlob polarity and subjectivity of ``texts`` as an ``(n, 2)`` array, from ``TextBlob(text).sentiment``.

    >>> library_scores(["A good day."]).round(2).tolist()
    [[0.7, 0.6]]
    """
    from textblob import TextBlob

    out = np.zeros((len(texts), 2))
    for i, text in enumerate(texts):
        sentiment = TextBlob(text).sentiment
        out[i] = sentiment.polarity, sentiment.subjectivity
    return out


@lru_cache(maxsize=1)
def _pattern():
    """TextBlob's English Pattern scorer (``textblob.en.sentiment``) on a plain-dict copy of its lexicon.

    A subclass with the same ``__call__``/``assessments`` code and the same data as the reference; only
    the look-ups ``w in self`` and ``self[w]`` skip the lazy-loading wrapper.
    """
    from textblob import en

    class _Loaded(type(en.sentiment)):
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__
        __len__ = dict.__len__
        get = dict.get

    reference = en.sentiment
    len(reference)  # loads the lexicon (Pattern's en-sentiment.xml, shipped inside textblob)
    fast = _Loaded.__new__(_Loaded)
    fast.__dict__.update(reference.__dict__)
    dict.update(fast, dict.items(reference))
    return fast


def preload() -> None:
    """Load what :func:`pattern_scores` will use (the lexicon), so forked worker processes inherit it.

    >>> preload()
    """
    if fast_path_usable():
        _pattern()
    else:
        from textblob import en

        len(en.sentiment)


_SENTINEL = "qxzsentenceqxzbreakqxz"  # a token Pattern's tokenizer leaves alone, between batched texts
_SEPARATOR = f" {_SENTINEL} "
_FACE_CHARS = frozenset("<>:;=*_\u00b0\u2665")  # most of Pattern's emoticons hold one of these


@lru_cache(maxsize=1)
def _pattern_prepare():
    """Pattern's contraction rewrites, quote padding and punctuation, and loose finders of emoticons and "(!)".

    ``faces`` finds every emoticon, ``rare`` those without a character of :data:`_FACE_CHARS` and
    "(!)"; pieces may be separated by white space (Pattern re-joins them), case is ignored.
    """
    from textblob._text import EMOTICONS, PUNCTUATION

    # Of the contraction rewrites only "n't" -> " n't" can change the pieces: the others put a space
    # before an apostrophe (checked by fast_path_usable), and every apostrophe is padded with spaces anyway.
    quotes = "\u201c\u201d\u2018\u2019'\""
    loose = {face: r"\s*".join(map(re.escape, face)) for faces in EMOTICONS.values() for face in faces}
    faces = re.compile("|".join(loose.values()), re.IGNORECASE)
    rare = re.compile("|".join([*(v for k, v in loose.items() if _FACE_CHARS.isdisjoint(k) and not k.isalpha()),
                                r"\(\s*!\s*\)"]), re.IGNORECASE)  # Pattern never assesses all-letter tokens ("XD")
    return quotes, PUNCTUATION + ".", faces, rare


def _pattern_may_score(texts: list[str]) -> list[bool]:
    """For each text, False when Pattern can find nothing to assess in it, so its score is (0.0, 0.0).

    Pattern assesses lexicon words, emoticons and "(!)". Its tokens are the white-space separated
    pieces left after its contraction and quote rewrites, with edge punctuation split off; no
    lexicon word starts or ends with punctuation, so those pieces stripped of all edge punctuation
    hold every lexicon word it can find. The rewrites run once on the batch joined by a sentinel.
    (Any doubt costs only speed: a text flagged True is scored by Pattern itself.)
    """
    quotes, punctuation, faces, rare = _pattern_prepare()
    lexicon = dict.keys(_pattern())
    joined = _SEPARATOR.join(texts).replace("n't", " n't")
    for quote in quotes:
        joined = joined.replace(quote, f" {quote} ")
    parts = joined.lower().split(_SENTINEL)
    if len(parts) != len(texts):  # a text holds the sentinel: no short cut
        return [True] * len(texts)
    return [bool(rare.search(text) or (not _FACE_CHARS.isdisjoint(text) and faces.search(text))
                 or not lexicon.isdisjoint(w.strip(punctuation) for w in part.split()))
            for text, part in zip(texts, parts, strict=True)]


@lru_cache(maxsize=1)
def _tokenizer_parts():
    from textblob import _text

    rare = [" ?".join(map(re.escape, face)) for faces in _text.EMOTICONS.values() for face in faces
            if _FACE_CHARS.isdisjoint(face)]
    return (_text, frozenset(_text.PUNCTUATION.replace(".", "")), frozenset(_text.PUNCTUATION),
            re.compile("|".join(rare)))


def _find_tokens(string: str) -> list[str]:
    """Pattern's ``find_tokens`` (textblob 0.20.1, MIT; used by ``TextBlob(text).sentiment``), same output.

    See :func:`_tokens` (its first half, with two short cuts) and :func:`_sentences` (its second half).
    """
    return _sentences(_tokens(string))


def _tokens(string: str) -> list[str]:
    """The first half of Pattern's ``find_tokens``: the text's tokens, before they are split into sentences.

    Two short cuts, nothing else changed: a piece with no punctuation at either end goes straight to
    the token list (Pattern's splitting loops would leave it as it is, after testing it against the
    punctuation tuple, rebuilt for every piece); and (in :func:`_sentences`) the emoticon re-joining
    (a large alternation run over every sentence) runs only where an emoticon can be: a sentence with
    a character of :data:`_FACE_CHARS` or a match of the few emoticons without one. The rest is
    Pattern's code with its default arguments.
    """
    _text, leading, trailing, _ = _tokenizer_parts()
    punctuation = tuple(_text.PUNCTUATION.replace(".", ""))
    replace = _text.replacements
    for a, b in list(replace.items()):
        string = re.sub(a, b, string)
    string = (string.replace("\u201c", " \u201c ").replace("\u201d", " \u201d ").replace("\u2018", " \u2018 ")
              .replace("\u2019", " \u2019 ").replace("'", " ' ").replace('"', ' " '))
    string = re.sub("\r\n", "\n", string)
    string = re.sub(r"\n{2,}", f" {_text.EOS} ", string)
    string = re.sub(r"\s+", " ", string)
    tokens = []
    for t in _text.TOKEN.findall(string + " "):
        if t[0] not in leading and t[-1] not in trailing:  # the short cut
            tokens.append(t)
            continue
        tail = []
        while t.startswith(punctuation) and t not in replace:
            if t.startswith(punctuation):
                tokens.append(t[0])
                t = t[1:]
        while t.endswith(punctuation + (".",)) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (t in _text.ABBREVIATIONS or _text.RE_ABBR1.match(t) is not None
                        or _text.RE_ABBR2.match(t) is not None or _text.RE_ABBR3.match(t) is not None):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    return tokens


def _token_string(string: str) -> str:
    """``" ".join(_find_tokens(string))``, without the sentence loop when it cannot change anything.

    Pattern's sentence loop splits the tokens into sentences, in order, drops end-of-paragraph marks,
    and rewrites sarcasm marks and spaced-out emoticons per sentence. When the tokens hold no
    end-of-paragraph mark and neither rewrite matches anywhere in them joined, the joined sentences
    are the joined tokens: each sentence is a piece of that string, so a match in a sentence is a match
    there (where an emoticon's pattern ends at the end of the sentence, a space or the end follows).
    """
    _text = _tokenizer_parts()[0]
    tokens = _tokens(string)
    joined = " ".join(tokens)
    if _text.EOS not in tokens and not _text.RE_SARCASM.search(joined) and not _text.RE_EMOTICONS.search(joined):
        return joined
    return " ".join(_sentences(tokens))


def _sentences(tokens: list[str]) -> list[str]:
    """The second half of Pattern's ``find_tokens``: tokens into sentences, sarcasm and emoticons re-joined."""
    _text, _, _, rare_faces = _tokenizer_parts()
    sentences, i, j = [[]], 0, 0
    while j < len(tokens):
        if tokens[j] in ("...", ".", "!", "?", _text.EOS):
            while j < len(tokens) and tokens[j] in ("'", '"', "\u201d", "\u2019", "...", ".", "!", "?", ")", _text.EOS):
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != _text.EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    joined = (_text.RE_SARCASM.sub("(!)", " ".join(s)) for s in sentences if len(s) > 0)
    return [s if _FACE_CHARS.isdisjoint(s) and not rare_faces.search(s)
            else _text.RE_EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in joined]


_INERT = None  # a token that is neither a lexicon word, a negation, "!", "(!)" nor an emoticon


def _token_kind(scorer, token: str):
    """What Pattern's ``assessments`` reads of one lower-case token (pos ``None``), worked out once per token.

    ``("word", p, s, i, modifies, negation)`` for a lexicon word; ``("other", negation, resets_n, resets_m, face)``
    otherwise, where ``face`` is an emoticon's polarity or ``None``; :data:`_INERT` stands for the commonest
    other: no negation, no "!", "(!)" or emoticon, long enough to end a negation's and a modifier's reach.
    """
    from textblob._text import EMOTICONS, PUNCTUATION

    negation = token in scorer.negations
    if token in scorer and None in scorer[token]:
        p, s, i = scorer[token][None]
        return ("word", p, s, i, any(map(scorer[token].__contains__, scorer.modifiers)), negation)
    face = None
    if token.isalpha() is False and len(token) <= 5 and token not in PUNCTUATION:
        for (_type, polarity), faces in EMOTICONS.items():
            if token in (e.lower() for e in faces):
                face = polarity
                break
    resets_n, resets_m = len(token.strip("'")) > 1, len(token) > 2
    if not negation and resets_n and resets_m and face is None and token not in ("!", "(!)"):
        return _INERT
    return ("other", negation, resets_n, resets_m, face)


def _assess(scorer, kinds: dict, tokens: list[str]) -> tuple[float, float]:
    """``scorer(tokens)``'s polarity and subjectivity: Pattern's ``assessments`` and averages, step for step.

    The same state (preceding modifier ``m``, negation ``n``) and the same arithmetic in the same
    order as textblob 0.20.1's ``Sentiment.assessments`` with pos ``None`` and ``Sentiment.__call__``'s
    means; what each token means is looked up once (:func:`_token_kind`).
    """
    a: list[list] = []  # [p, s, i, n] of each assessment
    m = n = None
    modifier = scorer.modifier
    for w in tokens:
        kind = kinds.get(w, 0)
        if kind == 0:
            kind = kinds[w] = _token_kind(scorer, w)
        if kind is _INERT:
            n = None
            if m is not None:
                m = None
            continue
        if kind[0] == "word":
            _, p, s, i, modifies, negation = kind
            if m is None:
                a.append([p, s, i, 1])
            else:
                last = a[-1]
                last[0] = max(-1.0, min(p * last[2], +1.0))
                last[1] = max(-1.0, min(s * last[2], +1.0))
                last[2] = i
            if n is not None:
                last = a[-1]
                last[2] = 1.0 / last[2]
                last[3] = -1
            m = w if modifies else None
            n = w if negation else None
            continue
        _, negation, resets_n, resets_m, face = kind
        if negation:
            n = w
        elif n and resets_n:
            n = None
        if n is not None and m is not None and modifier(m):
            a[-1][3] = -1
            n = None
        elif m and resets_m:
            m = None
        if w == "!" and len(a) > 0:
            a[-1][0] = max(-1.0, min(a[-1][0] * 1.25, +1.0))
        if w == "(!)":
            a.append([0.0, 1.0, 1.0, 1])
        if face is not None:
            a.append([face, 1.0, 1.0, 1])
    polarity, subjectivity, count = 0, 0, 0
    for p, s, _i, neg in a:
        polarity += 1 * (p * -0.5 if neg < 0 else p)
        subjectivity += 1 * s
        count += 1
    return polarity / float(count or 1), subjectivity / float(count or 1)


def _fast_scores(texts: list[str]) -> np.ndarray:
    """TextBlob polarity and subjectivity of ``texts`` as an ``(n, 2)`` array, tokenizing in batches.

    Pattern's tokenizer works piece by piece; a batch joined by a sentinel token gives each text's
    tokens in order, which are then scored exactly as ``TextBlob(text).sentiment`` scores them
    (lower-cased tokens through the same ``assessments``). Texts that hold the sentinel are scored one by one.
    """
    scorer = _pattern()
    kinds: dict = {}
    out = np.zeros((len(texts), 2))
    todo = [i for i, t in enumerate(_pattern_may_score(texts)) if t]
    single = [i for i in todo if _SENTINEL in texts[i].lower()]
    batched = [i for i in todo if _SENTINEL not in texts[i].lower()]
    for start in range(0, len(batched), _PATTERN_BATCH):
        rows = batched[start:start + _PATTERN_BATCH]
        joined = _token_string(_SEPARATOR.join(texts[i] for i in rows))
        # lower-casing the joined tokens is lower-casing each (white space ends every casing context)
        groups = [part.split() for part in f" {joined.lower()} ".split(_SEPARATOR)]
        if len(groups) != len(rows):  # two sentinels in a row (a text without tokens): token by token
            groups = [[]]
            for token in joined.split():
                if token == _SENTINEL:
                    groups.append([])
                else:
                    groups[-1].append(token.lower())
        if len(groups) != len(rows):  # cannot happen by the reasoning above; stay exact regardless
            single.extend(rows)
            continue
        for i, tokens in zip(rows, groups, strict=True):
            out[i] = _assess(scorer, kinds, tokens)
    for i in single:
        out[i] = scorer(texts[i])
    return out


def pattern_scores(texts: list[str]) -> np.ndarray:
    """TextBlob polarity and subjectivity of ``texts`` as an ``(n, 2)`` array: ``TextBlob(text).sentiment``'s numbers.

    Fast when :func:`fast_path_usable`, else (with a warning) from the library itself (:func:`library_scores`).

    >>> pattern_scores(["A good day.", "No words to assess here"]).round(2).tolist()
    [[0.7, 0.6], [0.0, 0.0]]
    """
    return _fast_scores(texts) if fast_path_usable() else library_scores(texts)
