"""The one hit engine: where a lexicon's entries stand in a text, and the hit rows built from them.

- :func:`compile_lexicon`: a whole lexicon as one compiled alternation, longest entry first (the
  definition of what a lexicon matches, for tools that take a pattern);
- :class:`LexiconMatcher` / :func:`lexicon_matcher`: exactly that alternation's hits, faster (one-word
  entries are looked up once per distinct word form); every lexicon (loaded terms, naming variants,
  frame cues, the explorer's categories) is matched through it;
- :func:`article_rows`, :func:`sentence_span` and :func:`hit_frame`: the article fields hits are searched
  in, the sentence a hit stands in, and hit rows with the article's columns (``article_id``, ``outlet``,
  ``published``, ``title``) in front.

Where entries overlap ("illegally annexed" and "illegally") the longest wins and the text is counted once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd

from .lexicons import LexiconLike, resolve_lexicon
from .memos import register_cache
from .patterns import BOUNDARY_BEFORE, compile_alternation, plan_alternation
from .tokens import article_tokens, english_only

__all__ = ["HIT_ARTICLE_COLUMNS", "MIN_WORD_ENTRIES", "LexiconMatcher", "article_rows", "compile_lexicon", "hit_frame",
           "lexicon_matcher", "sentence_span", "sentence_spans_at"]

_LETTER_WORD = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"  # letters joined by single inner hyphens or apostrophes
_WORD_ENTRY = re.compile(rf"{_LETTER_WORD}(\*?)")  # the entries looked up per word form (glob: a final * too)
# Every place a word entry can start (a letter at a word start), with the word and a digit or _ glued to it.
_WORD_START = re.compile(rf"{BOUNDARY_BEFORE}{_LETTER_WORD}\w?")
# The same words without the look-behinds: scanning left to right, each run starts where _WORD_START's would
# (a letter run is never cut short), so its matches are the same; LexiconMatcher checks each place all the same.
_WORD_RUN = re.compile(rf"{_LETTER_WORD}\w?")
_LETTER = re.compile(r"[^\W\d_]")
_PLAIN_WORD = re.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*")  # an ASCII word a phrase's pattern matches as written
_POSSESSIVE_CUT = re.compile(r"'(?=s\b)", re.IGNORECASE)  # a hit may end before a possessive 's
_GLOB_TAIL = re.compile(r"[\w'\-]*")  # what a final * runs on over (see analysis.patterns.pattern_source)


def _entry_order(lexicon: pd.DataFrame) -> pd.DataFrame:
    """Entries sorted so that the regex alternation tries the longest first (words, then letters besides ``*``)."""
    words = lexicon["term"].str.split().str.len()
    literal = lexicon["term"].str.replace("*", "", regex=False).str.len()  # "illegals" before "illegal*"
    order = np.lexsort((lexicon["term"].str.lower().to_numpy(), -literal.to_numpy(), -words.to_numpy()))
    return lexicon.iloc[order].reset_index(drop=True)


def compile_lexicon(lexicon: pd.DataFrame) -> tuple[re.Pattern, pd.DataFrame]:
    """One compiled alternation for a whole lexicon, and its entries with the group each one fills.

    This is the lexicon as one regular expression, for tools that take a pattern (``kwic``,
    ``term_over_time`` with ``match="regex"``) and the definition of what a lexicon matches; hits are
    found by :func:`lexicon_matcher`, which gives exactly this alternation's hits, faster.
    ``match.lastindex`` is the ``group`` of the entry that matched. Longer entries are tried
    first (more words, then more letters), so the longest match wins at any position and
    overlapping entries count once; regex entries are tried after the others, and like all
    entries they match from the start of a word.

    >>> regex, entries = compile_lexicon(pd.DataFrame({"term": ["illegally", "illegally annex*"],
    ...                                                "category": ["legitimacy"] * 2}))
    >>> hit = regex.search("territories illegally annexed by Russia")
    >>> hit.group(), entries.set_index("group").loc[hit.lastindex, "term"]
    ('illegally annexed', 'illegally annex*')
    """
    entries = _entry_order(resolve_lexicon(lexicon))
    regex, groups = compile_alternation(tuple(zip(entries["term"], entries["match"], strict=True)))
    return regex, entries.assign(group=np.array(groups, dtype=np.int64))


#: Fewest word entries worth a per-word look-up: with fewer, the alternation dispatched on first letters
#: is as fast (measured on the press releases: the two break even at 60 to 80 word entries).
MIN_WORD_ENTRIES = 64


class LexiconMatcher:
    """Finds a lexicon's entries in text: exactly the hits of its alternation (:func:`compile_lexicon`), faster.

    Word entries (``glob`` or ``word``, one word of letters joined by hyphens or apostrophes, a glob
    perhaps ending in ``*``) are looked up once per distinct word form (memoised per matcher) after one
    pass of a word pattern over the text; the other entries (phrases, regexes, digits, wildcards first or
    inside a word) keep one compiled alternation. Where both kinds match at one place, the entry the
    alternation tries first wins, and no hit starts inside another, so the hits are the alternation's:
    at the first place where entries match, the longest entry (tried first) wins, counted once; the
    search goes on after its hit. Use :func:`lexicon_matcher`, which builds one matcher per lexicon content.

    Args:
        lexicon: a lexicon table (``term``, ``category``, optional ``match``), a shipped name, a file,
            or a list of names and files; default the shipped ``loaded_terms``.
        min_word_entries: with fewer word entries than this, all entries stay in the alternation.

    Attributes:
        entries: the lexicon's ``term``, ``category`` and ``match``, longest first; hits refer to its rows.
    """

    def __init__(self, lexicon: LexiconLike = None, *, min_word_entries: int = MIN_WORD_ENTRIES) -> None:
        self.entries = _entry_order(resolve_lexicon(lexicon))[["term", "category", "match"]]
        keys = tuple(zip(self.entries["term"], self.entries["match"], strict=True))
        by_letter, general = plan_alternation(keys)
        tried = [p for _, items in by_letter for p, _ in items] + [p for p, _ in general]
        self._rank = [0] * len(keys)  # where each entry comes in the alternation's order of trying
        for rank, position in enumerate(tried):
            self._rank[position] = rank
        first_letter = {p for _, items in by_letter for p, _ in items}
        shapes = [_WORD_ENTRY.fullmatch(term) if match in ("glob", "word") else None for term, match in keys]
        is_word = [p in first_letter and shape is not None and (keys[p][1] == "glob" or not shape.group(1))
                   for p, shape in enumerate(shapes)]
        if sum(is_word) < min_word_entries:
            is_word = [False] * len(keys)
        self._star = [match == "glob" and bool(shape and shape.group(1))  # a final * runs on
                      for shape, (_, match) in zip(shapes, keys, strict=True)]
        self._words, self._word_entry = self._alternation([p for p in tried if is_word[p]], keys)
        self._other, self._other_entry = self._alternation([p for p in tried if not is_word[p]], keys)
        self._forms: dict[str, tuple[int, int] | tuple[()]] = {}
        # The first three letters of every word entry (all ASCII, none shorter): an ASCII word without them is no hit.
        heads = [keys[p][0].rstrip("*").lower() for p in tried if is_word[p]]
        self._heads = frozenset(h[:3] for h in heads) if all(h.isascii() and len(h) >= 3 for h in heads) else None
        # Every hit of the other entries starts with the entry's first letters up to any wildcard (a regex: the
        # letters it opens with); where each such entry has some, the alternation is tried only there (_other_hits).
        others = [keys[p] for p in tried if not is_word[p]]
        literals = [_literal_start(term, match) for term, match in others]
        self._literals = tuple(sorted(set(literals))) if all(literals) else None
        # The words before an entry's last that must stand in a text as whole words for the entry to match
        # there (plain letter words of a phrase), and its letters up to a wildcard with single spaces between
        # the words (:func:`_phrase_key`, in the text with its white space so shrunk): a literal start is looked
        # for only in texts holding both.
        self._needs = tuple((literal, frozenset(w.lower() for w in term.split()[:-1] if _PLAIN_WORD.fullmatch(w))
                             if match != "regex" else frozenset(), _phrase_key(term, match) or literal)
                            for literal, (term, match) in zip(literals, others, strict=True))
        # A literal start of plain letters is looked for where it starts a word (no letter, or letter and
        # hyphen or apostrophe, before it): every entry's pattern begins with BOUNDARY_BEFORE.
        self._starts = {literal: re.compile(rf"{re.escape(literal)}(?<![^\W\d_]{re.escape(literal)})"
                                            rf"(?<![^\W\d_][\-']{re.escape(literal)})")
                        for literal in set(literals) if _PLAIN_WORD.fullmatch(literal)}
        # What each white-space piece of lower-cased ASCII text holds (see _piece_words), read once per piece.
        self._need_words = frozenset().union(*(needs for _, needs, _ in self._needs))
        self._needs_by_word: dict[str, list] = {}  # the entries of _needs by one word they need; those needing none
        for item in self._needs:
            self._needs_by_word.setdefault(min(item[1]) if item[1] else "", []).append(item)
        self._pieces: dict[str, tuple[list[str], list[str]]] = {}
        self._hit_pieces, self._need_pieces = set[str](), set[str]()

    @staticmethod
    def _alternation(positions: list[int], keys: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, list[int]]:
        """The alternation for some entries, kept in the order they are tried, and the entry behind each group."""
        if not positions:
            return None, []
        regex, groups = compile_alternation(tuple(keys[p] for p in positions))
        entry_of = [0] * (regex.groups + 1)
        for group, position in zip(groups, positions, strict=True):
            entry_of[group] = position
        return regex, entry_of

    def _form(self, key: str) -> tuple[int, int] | tuple[()]:
        """``(entry, length)`` of the word entry that wins at a word as written, ``()`` if none; memoised.

        ``key`` is the word, perhaps with a digit or ``_`` glued to it (then a final possessive 's cannot
        end a hit). Like the alternation, the first entry tried that matches the whole word, or the word up
        to a possessive 's, wins; an entry matching both (a final ``*``) takes the whole word.
        """
        if self._heads is not None and key.isascii() and key[:3].lower() not in self._heads:
            self._forms[key] = ()
            return ()
        word = key if _LETTER.match(key, len(key) - 1) else key[:-1]
        best: tuple[int, int, int] | None = None
        for cut in (len(word), *(m.start() for m in _POSSESSIVE_CUT.finditer(key))):
            found = self._words.fullmatch(word[:cut]) if self._words is not None else None
            if found:
                entry = self._word_entry[found.lastindex]
                candidate = (self._rank[entry], -cut, entry)
                best = candidate if best is None else min(best, candidate)
        self._forms[key] = form = () if best is None else (best[2], -best[1])
        return form

    def _other_hits(self, text: str, lowered: str | None, position: int, words: tuple[set[str], str] | None = None
                    ) -> Iterator[re.Match]:
        """The non-empty matches of the other entries' alternation from ``position`` on, in text order.

        Exactly ``finditer``'s: a match can only start where an entry's literal start stands, so on a text where
        ignoring case is lower-casing (:func:`_lowered`) the alternation is tried only there; given ``words`` (the
        words, :data:`_WORD_RUN`, of lower-cased ASCII text that phrases need, and the text with white space
        shrunk), only at those of entries whose inner words are among them and whose key is in it.
        """
        if self._other is None:
            return iter(())
        if lowered is None or self._literals is None:
            return (m for m in self._other.finditer(text, position) if m.end() > m.start())
        by_word = self._needs_by_word
        literals = self._literals if words is None else {
            literal for literal, needs, key in chain(by_word.get("", ()), *map(by_word.get, by_word.keys() & words[0]))
            if needs <= words[0] and key in words[1]}
        starts = self._starts
        candidates = {i for literal in literals if literal not in starts
                      for i in _occurrences(lowered, literal) if i >= position}
        candidates.update(m.start() for literal in literals if literal in starts
                          for m in starts[literal].finditer(lowered, position))
        return self._other_at(text, sorted(candidates))

    def _other_at(self, text: str, candidates: list[int]) -> Iterator[re.Match]:
        end = 0
        for start in candidates:
            if start < end:
                continue
            found = self._other.match(text, start)
            if found is not None and found.end() > found.start():
                end = found.end()
                yield found

    def _piece_words(self, text: str) -> tuple[set[str], tuple[set[str], str]]:
        """The words of ``text`` (:data:`_WORD_RUN`) that a word entry matches, those phrases need, the shrunk text.

        No word holds white space, so each distinct white-space piece is read once per matcher (memoised,
        bounded; most are letters between punctuation marks, one word found without the regular expression)
        and a text's words are those of its pieces, gathered by set operations.
        """
        split = text.split()
        pieces = set(split)
        known = self._pieces
        new = pieces.difference(known)
        if new:
            if len(known) + len(new) > _MAX_PIECES:
                known.clear(), self._hit_pieces.clear(), self._need_pieces.clear()
                new = pieces
            forms, need_words, hit_pieces, need_pieces = self._forms, self._need_words, self._hit_pieces, self._need_pieces
            for piece in new:
                core = piece.strip(_EDGES)
                runs = (core,) if core.isalpha() else _WORD_RUN.findall(piece) if core else ()
                known[piece] = (hit, needs) = ([w for w in runs if (forms[w] if w in forms else self._form(w))],
                                               [w for w in runs if w in need_words])
                if hit:
                    hit_pieces.add(piece)
                if needs:
                    need_pieces.add(piece)
        hits: set[str] = set().union(*(known[piece][0] for piece in pieces.intersection(self._hit_pieces)))
        needed: set[str] = set().union(*(known[piece][1] for piece in pieces.intersection(self._need_pieces)))
        return hits, (needed, " ".join(split))

    def _word_hits(self, text: str, hit_words: set[str] | list[str]) -> list[tuple[int, str]]:
        """``(start, word)`` of the words of ``text`` (as :data:`_WORD_START` finds them) that a word entry matches.

        ``hit_words`` are the distinct words (:data:`_WORD_RUN`) with a hit; each is located (a place where
        ``_WORD_START`` matches that word is where its ``finditer`` finds it: no word can start inside another).
        """
        out = []
        for word in hit_words:
            for start in _occurrences(text, word):
                found = _WORD_START.match(text, start)
                if found is not None and found.end() - start == len(word):
                    out.append((start, word))
        out.sort()
        return out

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, entry)`` of every hit in ``text``, in text order; ``entry`` is a row of :attr:`entries`.

        >>> lexicon = pd.DataFrame({"term": ["illegally", "illegally annex*", "regime*"], "category": ["L", "L", "P"]})
        >>> matcher = LexiconMatcher(lexicon, min_word_entries=1)  # look "illegally" and "regime*" up per word
        >>> text = "The regime's troops illegally annexed it, illegally."
        >>> [(text[start:end], matcher.entries["term"][entry]) for start, end, entry in matcher.find(text)]
        [("regime's", 'regime*'), ('illegally annexed', 'illegally annex*'), ('illegally', 'illegally')]
        """
        hits: list[tuple[int, int, int]] = []
        position = 0  # where the search goes on: no hit starts inside another
        lowered = _lowered(text)
        # On ASCII text the case-insensitive patterns cannot tell upper from lower case: its words are read
        # lower-cased (fewer distinct forms), and they tell which phrases can be there at all.
        ascii_text = lowered is not None and text.isascii()
        source = lowered if ascii_text else text
        forms, rank, other_entry = self._forms, self._rank, self._other_entry
        hit_words, words = self._piece_words(source)
        words = words if ascii_text else None  # what phrases need: read from lower-cased ASCII only
        others = self._other_hits(text, lowered, 0, words)
        other = next(others, None)
        for start, word in self._word_hits(source, hit_words):
            form = forms[word]
            while other is not None and other.start() < start:
                hits.append((other.start(), other.end(), other_entry[other.lastindex]))
                position = other.end()
                other = next(others, None)
            if start < position or (other is not None and other.start() == start
                                    and rank[other_entry[other.lastindex]] < rank[form[0]]):
                continue
            entry, length = form
            end = _GLOB_TAIL.match(text, start + length).end() if self._star[entry] else start + length
            hits.append((start, end, entry))
            position = end
            if other is not None and other.start() < position:  # search the other entries again after this hit
                others = self._other_hits(text, lowered, position, words)
                other = next(others, None)
        while other is not None:
            hits.append((other.start(), other.end(), other_entry[other.lastindex]))
            other = next(others, None)
        return hits


_EDGES = "\".,;:!?()[]'"  # never part of a word when they end a white-space piece (neither letters nor \w)


_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")  # the only non-ASCII characters re.IGNORECASE matches to ASCII


def _lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset and ignoring case on it is comparing with lower-case ASCII; else None."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    return lowered if len(lowered) == len(text) and _FOLDS_TO_ASCII.isdisjoint(text) else None


def _occurrences(text: str, literal: str) -> Iterator[int]:
    """Every start of ``literal`` in ``text`` (overlapping ones included)."""
    start = text.find(literal)
    while start >= 0:
        yield start
        start = text.find(literal, start + 1)


_MAX_PIECES = 1_000_000  # white-space pieces a matcher remembers (see LexiconMatcher._piece_words)
_REGEX_HEAD = re.compile(r"(?:\\b)*([A-Za-z0-9]+)")  # a regex entry's first letters, after any \b


def _phrase_key(term: str, match: str) -> str:
    """An entry's letters up to its first wildcard, lower case, one space between words ("" unless ASCII; a regex).

    >>> _phrase_key("Illegally  annex* territories", "glob"), _phrase_key("U.S.-backed", "phrase")
    ('illegally annex', 'u.s.-backed')
    """
    key = []
    for word in term.lower().split() if match != "regex" and term.isascii() else ():
        key.append(re.split(r"[*?]", word)[0] if match == "glob" else word)
        if key[-1] != word:
            break
    return " ".join(key).strip()


def _literal_start(term: str, match: str) -> str:
    """The lower-case letters every match of an entry starts with ("" when unknown: a leading wildcard or group).

    >>> _literal_start("illegally annex*", "glob"), _literal_start("*-backed", "glob"), _literal_start("(x|y)", "regex")
    ('illegally', '', '')
    >>> _literal_start(r"\\brumou?red\\b", "regex"), _literal_start("x+|y", "regex")
    ('rumo', '')
    """
    if match == "regex":
        head = _REGEX_HEAD.match(term)
        if head is None or "|" in term:
            return ""
        first = head.group(1)[:-1] if term[head.end():head.end() + 1] in ("?", "*", "{") else head.group(1)
        return first.lower()
    first = term.split()[0] if term.split() else ""
    if match == "glob":
        first = re.split(r"[*?]", first)[0]
    return first.lower() if first.isascii() else ""


@lru_cache(maxsize=16)
def _matcher(entries: tuple[tuple[str, str, str], ...]) -> LexiconMatcher:
    """The matcher for ``(term, category, match)`` entries (the cache behind :func:`lexicon_matcher`)."""
    return LexiconMatcher(pd.DataFrame(list(entries), columns=["term", "category", "match"]))


register_cache("lexicon_matchers", _matcher)  # seen in memo_stats(), emptied by clear_memos()


def lexicon_matcher(lexicon: LexiconLike = None) -> LexiconMatcher:
    """The :class:`LexiconMatcher` of a lexicon, built once per lexicon content (cached, with its word-form memo).

    Args:
        lexicon: a lexicon table (``term``, ``category``, optional ``match``), a shipped name, a file,
            or a list of names and files; default the shipped ``loaded_terms``.

    >>> matcher = lexicon_matcher("loaded_terms")
    >>> matcher is lexicon_matcher(resolve_lexicon("loaded_terms"))
    True
    >>> [matcher.entries["term"][entry] for _, _, entry in matcher.find("A brutal regime.")]
    ['brutal*', 'regime']
    """
    table = resolve_lexicon(lexicon)
    return _matcher(tuple(zip(table["term"], table["category"], table["match"], strict=True)))




# --------------------------------------------------------------------------------------------
# Hit rows
# --------------------------------------------------------------------------------------------

#: The article columns a hit row carries in front (a column the article table lacks is left empty).
HIT_ARTICLE_COLUMNS = ("article_id", "outlet", "published", "title")


def article_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """English articles with the columns the finders read, ``title`` and ``text`` as strings (``""`` when missing).

    >>> article_rows(pd.DataFrame({"article_id": ["a"], "text": ["War."]})).values.tolist()
    [['a', None, None, '', 'War.']]
    """
    arts = english_only(articles)
    out = pd.DataFrame({"article_id": arts["article_id"].to_numpy()})
    for column in ["outlet", "published"]:
        out[column] = arts[column].to_numpy() if column in arts else None
    for column in ["title", "text"]:
        out[column] = arts[column].fillna("").astype(str).to_numpy() if column in arts else ""
    return out


def sentence_span(text: str, field: str, start: int, end: int) -> tuple[int | None, int, int]:
    """Sentence id (``None`` for a ``title``) and the span of the sentence(s) of ``text`` holding ``start:end``.

    >>> sentence_span("War came. Peace went.", "text", 10, 15), sentence_span("War came", "title", 0, 3)
    ((1, 10, 21), (None, 0, 8))
    """
    if field == "title":
        return None, 0, len(text)
    tokens = article_tokens(text)
    if not len(tokens.sentence_starts):
        return 0, 0, len(text)
    first, last = tokens.sentence_of(start), tokens.sentence_of(max(start, end - 1))
    return first, int(tokens.sentence_starts[first]), int(tokens.sentence_ends[last])


def sentence_spans_at(text: str, field: str, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int | None, int, int]]:
    """:func:`sentence_span` of many hits of one field at once (the sentences are looked up once, by one search).

    >>> sentence_spans_at("War came. Peace went.", "text", [0, 10], [3, 15])
    [(0, 0, 9), (1, 10, 21)]
    """
    if field == "title":
        return [(None, 0, len(text))] * len(starts)
    tokens = article_tokens(text)
    sentence_starts, sentence_ends = tokens.sentence_starts, tokens.sentence_ends
    if not len(sentence_starts):
        return [(0, 0, len(text))] * len(starts)
    begin = np.asarray(starts, dtype=np.int64)
    first = np.maximum(np.searchsorted(sentence_starts, begin, side="right") - 1, 0)
    last = np.maximum(np.searchsorted(sentence_starts, np.maximum(begin, np.asarray(ends, dtype=np.int64) - 1),
                                      side="right") - 1, 0)
    return list(zip(first.tolist(), sentence_starts[first].tolist(), sentence_ends[last].tolist(), strict=True))


def hit_frame(articles: pd.DataFrame, positions: Sequence[int] | np.ndarray, hits: pd.DataFrame,
              columns: Sequence[str] = HIT_ARTICLE_COLUMNS) -> pd.DataFrame:
    """Hit rows with the columns of their article in front: the one way article columns reach hit rows.

    ``positions[i]`` is the row position in ``articles`` of the article hit ``i`` is in; each of
    ``columns`` the table has is taken from there, one it lacks is filled with ``None``. ``hits``
    (one row per hit) follows, its columns unchanged.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    >>> hit_frame(arts, [1, 1], pd.DataFrame({"start": [0, 5]})).values.tolist()
    [['b', 'Y', None, None, 0], ['b', 'Y', None, None, 5]]
    """
    positions = np.asarray(positions, dtype=np.int64)
    front = pd.DataFrame({column: articles[column].to_numpy()[positions] if column in articles
                          else [None] * len(positions) for column in columns})
    return pd.concat([front, hits.reset_index(drop=True)], axis=1)
