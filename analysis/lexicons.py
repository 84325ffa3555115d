"""Loaded terms: lexicons as data, every hit with the voice it is said in, and scare quotes.

A lexicon is a CSV file with the header ``term,category,match,note`` (``#`` lines are comments,
used for the source note at the top). ``match`` is how the term matches, exactly as in
:func:`analysis.concordance.kwic`: ``glob`` (default; ``*`` any letters, ``?`` one letter, words
of a phrase separated by any white space), ``word``, ``phrase`` or ``regex``; matching ignores
case and is whole-word ("regime" does not match "regimen"). The shipped lexicons live in
``analysis/data/lexicons/`` and are loaded by name (``load_lexicon("loaded_terms")``); a file of
your own is loaded by path and can extend a shipped one (``load_lexicon(["loaded_terms",
"mine.csv"])``, the later file winning where the same term appears twice).

All entries of a lexicon match as one compiled alternation would (:func:`compile_lexicon`), longest
entry first, so where entries overlap ("illegally annexed" and "illegally") the longest wins and the
text is counted once. One engine finds them, for every lexicon (loaded terms, naming variants, frame
cues): :func:`lexicon_matcher`, which looks one-word entries up per distinct word form. Sentences come
from the shared tokens layer (:func:`analysis.tokens.article_tokens`).

The voice of a hit is read from its context, with simple, documented rules (see
:func:`find_loaded_terms`); it is a pointer for reading, not a parse of who said what.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .concordance import _context, pattern_source
from .config import DATA_DIR
from .tokens import WORD_PATTERN, article_tokens, count_words, english_only

__all__ = [
    "LEXICON_COLUMNS", "LOADED_TERM_COLUMNS", "QUOTE_COLUMNS", "LexiconError", "LexiconMatcher", "compile_lexicon",
    "find_loaded_terms", "lexicon_matcher", "load_lexicon", "loaded_term_kwic", "loaded_term_rates", "scare_quotes",
    "shipped_lexicons",
]

LEXICON_DIR = DATA_DIR / "lexicons"
LEXICON_COLUMNS = ["term", "category", "match", "note", "source", "line"]
LOADED_TERM_COLUMNS = [
    "article_id", "outlet", "published", "title", "field", "sentence_id", "start", "end", "term", "category",
    "matched", "left", "right", "sentence", "in_quotes", "quote_kind", "negated", "negation_cue", "attributed",
    "attribution_cue", "voice",
]
QUOTE_COLUMNS = ["article_id", "outlet", "field", "sentence_id", "sentence", "quote", "start", "end", "n_words", "kind"]
MATCH_MODES = ("glob", "word", "phrase", "regex")
VOICES = ["own", "quoted", "scare_quoted", "attributed", "negated"]


class LexiconError(ValueError):
    """A lexicon file or table that cannot be used; the message names the file and line."""


# --------------------------------------------------------------------------------------------
# Lexicons as data
# --------------------------------------------------------------------------------------------

def shipped_lexicons() -> list[str]:
    """Names of the lexicons shipped in ``analysis/data/lexicons/`` (load them with :func:`load_lexicon`).

    >>> "loaded_terms" in shipped_lexicons()
    True
    """
    return sorted(p.stem for p in LEXICON_DIR.glob("*.csv"))


def _check_entry(term: str, category: str, match: str, where: str) -> str:
    """Validate one entry; return its match mode. ``where`` names file and line for the error."""
    if not term:
        raise LexiconError(f"{where}: empty term")
    if not category:
        raise LexiconError(f"{where}: term {term!r} has no category")
    match = match or "glob"
    if match not in MATCH_MODES:
        raise LexiconError(f"{where}: match {match!r} for term {term!r} is not one of {', '.join(MATCH_MODES)}")
    try:
        compiled = re.compile(f"(?:{pattern_source(term, match)})")
    except (re.error, ValueError) as exc:
        raise LexiconError(f"{where}: term {term!r} is not a valid {match} pattern: {exc}") from None
    if compiled.groupindex or compiled.match(""):
        raise LexiconError(f"{where}: regex {term!r} matches empty text or uses a named group")
    if match == "regex" and _backtracks_catastrophically(compiled):
        raise LexiconError(f"{where}: regex {term!r} takes exponential time on some texts (nested repetition such "
                           "as (a+)+ or (a|aa)+): it would stall the analysis; rewrite it without nested repeats")
    return match


def _backtracks_catastrophically(compiled: re.Pattern) -> bool:
    r"""Whether ``compiled`` slows down exponentially on growing runs of its own characters ("aaaa…").

    Each probe is a run of one character (taken from the pattern, plus a letter and a digit; alone or
    followed by spaces) ending in a NUL that makes the match fail. Runs grow by 4 characters up to 64;
    once a search takes over 20 ms, a time more than 4 times that of the run 4 characters shorter
    (measured twice, so a busy machine is not mistaken for it) is exponential backtracking. A sound
    pattern takes microseconds on every probe.

    >>> _backtracks_catastrophically(re.compile(r"(a+)+$")), _backtracks_catastrophically(re.compile(r"regime\w*"))
    (True, False)
    """
    import time

    def timed(probe: str) -> float:
        start = time.perf_counter()
        compiled.search(probe)
        return time.perf_counter() - start

    letters = sorted({ch for ch in compiled.pattern if ch.isalnum()} | {"a", "1"})[:16]
    for unit in [*letters, *(ch + " " for ch in letters)]:
        for length in range(12, 68, 4):
            took = timed(unit * length + "\x00")
            if took < 0.02:
                continue
            shorter = unit * (length - 4) + "\x00"
            if took > 4 * timed(shorter) and timed(unit * length + "\x00") > 4 * timed(shorter):
                return True
            break  # slow but not growing exponentially: a long pattern, not a catastrophic one
    return False


def _read_lexicon_file(path: Path) -> pd.DataFrame:
    rows: list[tuple[str, str, str, str, str, int]] = []
    header: list[str] | None = None
    seen: dict[tuple[str, str], int] = {}
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}, line {number}"
        try:
            fields = [f.strip() for f in next(csv.reader([line], skipinitialspace=True))]
        except csv.Error as exc:
            raise LexiconError(f"{where}: {exc}") from None
        if header is None:
            header = [f.lower() for f in fields]
            unknown = [f for f in header if f not in ("term", "category", "match", "note")]
            if unknown or "term" not in header or "category" not in header:
                raise LexiconError(f"{where}: header must be term,category[,match][,note], got {line.strip()!r}")
            continue
        if len(fields) > len(header):
            raise LexiconError(f"{where}: {len(fields)} fields but the header has {len(header)} "
                               "(put a note that contains a comma in double quotes)")
        record = dict(zip(header, fields, strict=False))
        term, category = record.get("term", ""), record.get("category", "")
        match = _check_entry(term, category, record.get("match", ""), where)
        key = (term.lower(), match)
        if key in seen:
            raise LexiconError(f"{where}: term {term!r} is already on line {seen[key]}")
        seen[key] = number
        rows.append((term, category, match, record.get("note", ""), str(path), number))
    if header is None:
        raise LexiconError(f"{path}: no header line (term,category,match,note)")
    return pd.DataFrame(rows, columns=LEXICON_COLUMNS).astype({"line": "int64"})


def _resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path
    shipped = LEXICON_DIR / f"{name_or_path}.csv"
    if isinstance(name_or_path, str) and "/" not in name_or_path and shipped.is_file():
        return shipped
    raise FileNotFoundError(f"no lexicon file {str(name_or_path)!r} and no shipped lexicon of that name "
                            f"(shipped: {', '.join(shipped_lexicons())})")


def load_lexicon(name_or_path: str | Path | Sequence[str | Path]) -> pd.DataFrame:
    """Load a lexicon: a shipped one by name, a CSV file by path, or several (later files win).

    Returns one row per entry: ``term``, ``category``, ``match``, ``note``, ``source`` (the file)
    and ``line`` (its line number). Where two files hold the same term (same match mode), the
    entry of the later file replaces the earlier one, so a file of your own can extend a shipped
    lexicon and re-categorise or drop-in replace its entries.

    Args:
        name_or_path: ``"loaded_terms"`` (see :func:`shipped_lexicons`), a path to a CSV file with
            the header ``term,category,match,note``, or a list of such names and paths.

    Raises:
        FileNotFoundError: neither a file nor a shipped lexicon.
        LexiconError: a malformed row; the message names the file and the line.

    >>> load_lexicon("loaded_terms").query("term == 'dictator*'")[["term", "category", "match"]].values.tolist()
    [['dictator*', 'pejorative', 'glob']]
    """
    if isinstance(name_or_path, str | Path):
        return _read_lexicon_file(_resolve(name_or_path))
    frames = [_read_lexicon_file(_resolve(item)) for item in name_or_path]
    if not frames:
        raise LexiconError("no lexicon given")
    lexicon = pd.concat(frames, ignore_index=True)
    key = lexicon["term"].str.lower() + "\0" + lexicon["match"]
    return lexicon[~key.duplicated(keep="last")].reset_index(drop=True)


def _as_lexicon(lexicon: pd.DataFrame | str | Path | Sequence[str | Path] | None) -> pd.DataFrame:
    if lexicon is None:
        return load_lexicon("loaded_terms")
    if not isinstance(lexicon, pd.DataFrame):
        return load_lexicon(lexicon)
    missing = {"term", "category"} - set(lexicon.columns)
    if missing:
        raise LexiconError(f"lexicon table lacks column(s) {sorted(missing)}")
    frame = lexicon.reset_index(drop=True)
    matches = frame["match"].fillna("") if "match" in frame else pd.Series([""] * len(frame))
    checked = [_check_entry(str(t), str(c), str(m), f"lexicon table, row {i}")
               for i, (t, c, m) in enumerate(zip(frame["term"], frame["category"], matches, strict=True))]
    return pd.DataFrame({"term": frame["term"].astype(str), "category": frame["category"].astype(str),
                         "match": checked})


_BOUNDARY_BEFORE, _BOUNDARY_AFTER = pattern_source("x", "word").split("x")
_LETTER_WORD = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"  # letters joined by single inner hyphens or apostrophes
_WORD_ENTRY = re.compile(rf"{_LETTER_WORD}(\*?)")  # the entries looked up per word form (glob: a final * too)
# Every place a word entry can start (a letter at a word start), with the word and a digit or _ glued to it.
_WORD_START = re.compile(rf"{_BOUNDARY_BEFORE}{_LETTER_WORD}\w?")
# The same words without the look-behinds: scanning left to right, each run starts where _WORD_START's would
# (a letter run is never cut short), so its matches are the same; LexiconMatcher checks each place all the same.
_WORD_RUN = re.compile(rf"{_LETTER_WORD}\w?")
_LETTER = re.compile(r"[^\W\d_]")
_POSSESSIVE_CUT = re.compile(r"'(?=s\b)", re.IGNORECASE)  # a hit may end before a possessive 's
_GLOB_TAIL = re.compile(r"[\w'\-]*")  # what a final * runs on over (see analysis.concordance.pattern_source)


_Branches = list[tuple[int, str]]  # (entry position, regex source), in the order they are tried


def _plan(entries: tuple[tuple[str, str], ...]) -> tuple[list[tuple[str, _Branches]], _Branches]:
    """The branches of the alternation for ``(term, match)`` entries, in the order the regex engine tries them.

    Entries that start and end as words (not regex, not starting with a wildcard) are grouped by first
    letter, groups in order of first appearance, as ``(position, body)`` with the word boundaries cut off;
    the other entries follow, as ``(position, source)``.
    """
    by_letter: dict[str, _Branches] = {}
    general: _Branches = []
    for position, (term, match) in enumerate(entries):
        source = pattern_source(term, match)
        if match != "regex" and term[0] not in "*?" and source.startswith(_BOUNDARY_BEFORE) \
                and source.endswith(_BOUNDARY_AFTER):
            body = source[len(_BOUNDARY_BEFORE):len(source) - len(_BOUNDARY_AFTER)]
            by_letter.setdefault(term[0].lower(), []).append((position, body))
        else:
            general.append((position, source))
    return list(by_letter.items()), general


@lru_cache(maxsize=32)
def _compile(entries: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, tuple[int, ...]]:
    """The alternation for ``(term, match)`` entries (longest first) and each entry's group number.

    Python's regex engine tries every branch of an alternation at every position, so the
    whole-word boundary is factored out and the branches are dispatched on their first letter:
    at a word start only the entries beginning with that letter are tried. Entries whose first
    character is a wildcard, and regex entries, are tried after them; every entry starts where
    a word starts (a regex entry adds its own end boundary, e.g. ``\\b``).
    """
    by_letter, general = _plan(entries)
    groups = [0] * len(entries)
    count = 0

    def branch(position: int, body: str) -> str:
        nonlocal count
        count += 1
        groups[position] = count
        count += re.compile(body).groups
        return f"({body})"

    letters = "|".join(f"(?={re.escape(letter)})(?:{'|'.join(branch(p, b) for p, b in items)})"
                       for letter, items in by_letter)
    parts = ([f"(?:{letters}){_BOUNDARY_AFTER}"] if letters else []) + [branch(p, b) for p, b in general]
    return re.compile(f"{_BOUNDARY_BEFORE}(?:{'|'.join(parts) or '(?!)'})", re.IGNORECASE), tuple(groups)


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
    entries = _entry_order(_as_lexicon(lexicon))
    regex, groups = _compile(tuple(zip(entries["term"], entries["match"], strict=True)))
    return regex, entries.assign(group=np.array(groups, dtype=np.int64))


def _first_hit(matches: Iterator[re.Match]) -> re.Match | None:
    """The next non-empty match (an alternation's empty matches are not hits)."""
    return next((m for m in matches if m.end() > m.start()), None)


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

    def __init__(self, lexicon: pd.DataFrame | str | Path | Sequence[str | Path] | None = None, *,
                 min_word_entries: int = MIN_WORD_ENTRIES) -> None:
        self.entries = _entry_order(_as_lexicon(lexicon))[["term", "category", "match"]]
        keys = tuple(zip(self.entries["term"], self.entries["match"], strict=True))
        by_letter, general = _plan(keys)
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
        # Every hit of the other entries starts with the entry's first letters up to any wildcard; where each
        # such entry has some, the alternation is tried only where one of them stands (see _other_hits).
        # Regex entries have no literal start: the places where one matches are found by a look-ahead probe.
        others = [keys[p] for p in tried if not is_word[p]]
        literals = [_literal_start(term, match) for term, match in others if match != "regex"]
        self._literals = tuple(sorted(set(literals))) if all(literals) else None
        sources = [term for term, match in others if match == "regex"]
        self._probe = re.compile("|".join(f"(?=(?:{t}))" for t in sources), re.IGNORECASE) if sources else None

    @staticmethod
    def _alternation(positions: list[int], keys: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, list[int]]:
        """The alternation for some entries, kept in the order they are tried, and the entry behind each group."""
        if not positions:
            return None, []
        regex, groups = _compile(tuple(keys[p] for p in positions))
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

    def _other_hits(self, text: str, lowered: str | None, position: int) -> Iterator[re.Match]:
        """The non-empty matches of the other entries' alternation from ``position`` on, in text order.

        Exactly ``finditer``'s: a match can only start where one of the entries' literal starts stands
        or where a regex entry matches, so on a text where ignoring case is lower-casing (:func:`_lowered`)
        the alternation is tried only there.
        """
        if self._other is None:
            return iter(())
        if lowered is None or self._literals is None:
            return (m for m in self._other.finditer(text, position) if m.end() > m.start())
        candidates = {i for literal in self._literals for i in _occurrences(lowered, literal) if i >= position}
        if self._probe is not None:
            candidates.update(m.start() for m in self._probe.finditer(text, position))
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

    def _word_hits(self, text: str) -> list[tuple[int, str]]:
        """``(start, word)`` of the words of ``text`` (as :data:`_WORD_START` finds them) that a word entry matches.

        The words are listed once by ``findall``; only the distinct ones with a hit are then located
        (a place where ``_WORD_START`` matches that word is where its ``finditer`` finds it: no word
        can start inside another).
        """
        if self._words is None:
            return []
        forms = self._forms
        hit_words = []
        for word in set(_WORD_RUN.findall(text)):
            form = forms.get(word)
            if form is None:
                form = self._form(word)
            if form:
                hit_words.append(word)
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
        others = self._other_hits(text, lowered, 0)
        other = next(others, None)
        forms, rank, other_entry = self._forms, self._rank, self._other_entry
        for start, word in self._word_hits(text):
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
                others = self._other_hits(text, lowered, position)
                other = next(others, None)
        while other is not None:
            hits.append((other.start(), other.end(), other_entry[other.lastindex]))
            other = next(others, None)
        return hits


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


def _literal_start(term: str, match: str) -> str:
    """The lower-case letters every match of an entry starts with ("" when unknown: a regex, a leading wildcard).

    >>> _literal_start("illegally annex*", "glob"), _literal_start("*-backed", "glob"), _literal_start("x+", "regex")
    ('illegally', '', '')
    """
    if match == "regex":
        return ""
    first = term.split()[0] if term.split() else ""
    if match == "glob":
        first = re.split(r"[*?]", first)[0]
    return first.lower() if first.isascii() else ""


@lru_cache(maxsize=16)
def _matcher(entries: tuple[tuple[str, str, str], ...]) -> LexiconMatcher:
    """The matcher for ``(term, category, match)`` entries (the cache behind :func:`lexicon_matcher`)."""
    return LexiconMatcher(pd.DataFrame(list(entries), columns=["term", "category", "match"]))


def lexicon_matcher(lexicon: pd.DataFrame | str | Path | Sequence[str | Path] | None = None) -> LexiconMatcher:
    """The :class:`LexiconMatcher` of a lexicon, built once per lexicon content (cached, with its word-form memo).

    Args:
        lexicon: a lexicon table (``term``, ``category``, optional ``match``), a shipped name, a file,
            or a list of names and files; default the shipped ``loaded_terms``.

    >>> matcher = lexicon_matcher("loaded_terms")
    >>> matcher is lexicon_matcher(load_lexicon("loaded_terms"))
    True
    >>> [matcher.entries["term"][entry] for _, _, entry in matcher.find("A brutal regime.")]
    ['brutal*', 'regime']
    """
    table = _as_lexicon(lexicon)
    return _matcher(tuple(zip(table["term"], table["category"], table["match"], strict=True)))


# --------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"\n\s*\n")
_DOUBLE = re.compile(r'"')
# Single quotation marks, strictly: an opening ' after a space or bracket and before a letter, a
# closing ' after a letter or full stop and not before a letter (so apostrophes stay apostrophes).
_SINGLE = re.compile(r"(?<![\w'])'(?=[^\W\d_])([^'\"\n]{2,80}?)(?<=[\w.!?,])'(?!\w)")
# Verbs of saying, in forms that are rarely nouns ("stated" but not "state", "calls" but not "call").
_REPORTING = (r"say|says|said|saying|tell|tells|told|stated|declare|declares|declared|claim|claims|"
              r"claimed|argue|argues|argued|insist|insists|insisted|remark|remarks|remarked|explain|explains|"
              r"explained|assert|asserts|asserted|allege|alleges|alleged|warn|warns|warned|write|writes|wrote|"
              r"written|tweet|tweets|tweeted|posted|add|adds|added|notes|noted|suggest|suggests|"
              r"suggested|believe|believes|believed|think|thinks|thought|stresses|stressed|emphasi[sz]e[sd]?|"
              r"underscore[sd]?|urge[sd]?|announce[sd]?|reports|reported|acknowledge[sd]?|admit|admits|"
              r"admitted|recall|recalls|recalled|mention|mentions|mentioned|reply|replies|replied|respond|responds|"
              r"responded|ask|asks|asked|accuse[sd]?|calls|called|calling|describe[sd]?|describing|"
              r"label(?:l?ed|s)?|brand(?:ed|s)?|dub(?:bed|s)?|termed|insisting|claiming|declaring|"
              r"accusing|quote[sd]?|cite[sd]?|announcing|warning|writing|adding|noting|stressing|arguing|"
              r"denounce[sd]?|condemn(?:ed|s)?|decr(?:y|ies|ied)|chant(?:s|ed)?|shout(?:s|ed)?|cried|yelled|"
              r"whispered|joked|boasted")
_SPEECH_BEFORE = re.compile(rf"(?:\b(?:{_REPORTING})\b[^\".!?]{{0,80}}[,:]|:)\s*$", re.IGNORECASE)
_SPEECH_AFTER = re.compile(rf"^\s*,?\s*(?:[\w.'-]+\s+){{0,4}}?(?:{_REPORTING})\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(
    r"\b(?:outlet|newspaper|paper|daily|weekly|tabloid|agency|platform|channel|website|site|portal|blog|magazine|"
    r"broadcaster|network|station|company|firm|group|organi[sz]ation|party|movement|foundation|project|campaign|"
    r"programme|program|unit|battalion|brigade|regiment|book|novel|film|movie|documentary|show|series|song|album|"
    r"called|named|titled|entitled|known\s+as|nicknamed|dubbed)\s*,?\s*$", re.IGNORECASE)
_NAME_AFTER = re.compile(
    r"^(?:'s\b|\s*,?\s*(?:mentions|mentioned|recalls|recalled|reports|reported|says|said|writes|wrote|notes|noted|"
    r"claims|claimed|states|stated|adds|added|cites|cited|quotes|quoted|publishe[sd]|announce[sd]|learned|"
    r"found|revealed|reveals)\b)")
_CONNECTORS = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "to", "de", "von", "al", "el", "la"})
QUOTE_KINDS = ["scare_quote", "quoted_speech", "quoted_name"]


def _double_quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the text inside each pair of double quotation marks.

    Marks pair up within a paragraph; whether a mark opens or closes is read from the characters
    around it. A quotation left open at the end of a paragraph runs to the paragraph's end (the
    convention for quotes that go on in the next paragraph).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in [*_PARAGRAPH.finditer(text), None]:
        end = brk.start() if brk else len(text)
        opened: int | None = None
        for mark in _DOUBLE.finditer(text, start, end):
            i = mark.start()
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            opens = (before.isspace() or before in "([{-/") and not after.isspace()
            closes = after.isspace() or after in ".,;:!?)]}-/'" or i + 1 == end
            if opened is None:
                if opens or not closes:
                    opened = i + 1
            elif closes or not opens:
                if i > opened:
                    spans.append((opened, i))
                opened = None
            else:
                opened = i + 1
        if opened is not None and end > opened:
            spans.append((opened, end))
        if brk:
            start = brk.end()
    return spans


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotes, then single-quoted phrases that lie outside them."""
    spans = _double_quote_spans(text)
    for m in _SINGLE.finditer(text):
        if not any(s <= m.start(1) < e for s, e in spans):
            spans.append((m.start(1), m.end(1)))
    return sorted(spans)


def _is_title_case(words: list[str]) -> bool:
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in words)


def _quote_kind(quote: str, before: str, after: str) -> str:
    """``scare_quote``, ``quoted_speech`` or ``quoted_name`` for one quotation (see :func:`scare_quotes`)."""
    words = WORD_PATTERN.findall(quote)
    stripped = quote.strip()
    if len(words) > 5:
        return "quoted_speech"
    if len(words) >= 3 and stripped[:1].isupper() and stripped[-1:] in ".!?":
        return "quoted_speech"  # a full sentence, final punctuation inside the marks
    if _SPEECH_BEFORE.search(before):
        return "quoted_speech"  # after "said," or a colon
    if _is_title_case(words) and (_NAME_BEFORE.search(before) or _NAME_AFTER.match(after)):
        return "quoted_name"
    if stripped[-1:] in ",!?" and _SPEECH_AFTER.match(after):
        return "quoted_speech"  # "No war," he said
    return "scare_quote"


@dataclass(frozen=True)
class _Quote:
    start: int
    end: int
    kind: str


def _field_quotes(text: str) -> list[_Quote]:
    """Quotations of one text with their kind; a name once recognised is a name throughout the text."""
    spans = _quote_spans(text)
    if not spans:
        return []
    tokens = article_tokens(text)
    kinds = []
    for s, e in spans:
        sentence_start = int(tokens.sentence_starts[tokens.sentence_of(s - 1)]) if len(tokens.sentence_starts) else 0
        sentence_end = int(tokens.sentence_ends[tokens.sentence_of(e)]) if len(tokens.sentence_ends) else len(text)
        before = text[sentence_start:max(sentence_start, s - 1)]
        after = text[min(e + 1, len(text)):max(sentence_end, e + 1)]
        kinds.append(_quote_kind(text[s:e], before, after))
    names = {text[s:e].strip(" .,").lower() for (s, e), k in zip(spans, kinds, strict=True) if k == "quoted_name"}
    return [_Quote(s, e, "quoted_name" if k == "scare_quote" and text[s:e].strip(" .,").lower() in names else k)
            for (s, e), k in zip(spans, kinds, strict=True)]


def _article_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """English articles with the columns the finders read, ``title`` and ``text`` as strings."""
    arts = english_only(articles)
    out = pd.DataFrame({"article_id": arts["article_id"].to_numpy()})
    for column in ["outlet", "published"]:
        out[column] = arts[column].to_numpy() if column in arts else None
    for column in ["title", "text"]:
        out[column] = arts[column].fillna("").astype(str).to_numpy() if column in arts else ""
    return out


def _sentence(text: str, field: str, start: int, end: int) -> tuple[int | None, int, int]:
    """Sentence id (``None`` for a title) and the span of the sentence(s) holding ``start:end``."""
    if field == "title":
        return None, 0, len(text)
    tokens = article_tokens(text)
    if not len(tokens.sentence_starts):
        return 0, 0, len(text)
    first, last = tokens.sentence_of(start), tokens.sentence_of(max(start, end - 1))
    return first, int(tokens.sentence_starts[first]), int(tokens.sentence_ends[last])


def scare_quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """Every quoted phrase in the articles' headlines and texts, with its kind.

    One row per quotation: ``article_id``, ``outlet``, ``field`` (``title`` or ``text``),
    ``sentence_id`` (empty for a title), ``sentence``, ``quote`` (the text between the marks),
    ``start``/``end`` (its offsets in that field), ``n_words`` and ``kind``:

    - ``quoted_speech``: more than five words; or a full sentence (capital first letter, three or
      more words, final ``.!?`` inside the marks); or after a reporting verb and a comma or colon
      (``declared, "..."``); or ending in ``, ! ?`` and followed by a reporting verb (``"...," he said``);
    - ``quoted_name``: words in title case after a naming noun or verb (``outlet "Wiorstka"``,
      ``platform, "Meduza"``, ``a group called "..."``) or before a verb of saying or the
      possessive (``"Meduza" recalls``); once a name, the same quoted text is a name throughout
      the article;
    - ``scare_quote``: any other quotation of at most five words: a phrase set off in quotation
      marks to keep one's distance from it or to flag it as someone else's term
      (``the "special military operation"``, ``calling it "mobilization 2.0."``).

    Double quotation marks pair within a paragraph; single quotation marks count only around a
    phrase that cannot be an apostrophe (``'special operation'``).

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ['He said: "We will win." The "special operation" goes on.']})
    >>> scare_quotes(frame)[["quote", "kind"]].values.tolist()
    [['We will win.', 'quoted_speech'], ['special operation', 'scare_quote']]
    """
    rows = []
    for record in _article_rows(articles).itertuples(index=False):
        for field in ("title", "text"):
            value = getattr(record, field)
            for quote in _field_quotes(value) if '"' in value or "'" in value else []:
                sid, s0, s1 = _sentence(value, field, quote.start, quote.end)
                text = value[quote.start:quote.end]
                rows.append((record.article_id, record.outlet, field, sid, value[s0:s1], text, quote.start, quote.end,
                             len(WORD_PATTERN.findall(text)), quote.kind))
    out = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return out.astype({"sentence_id": "Int64", "start": "int64", "end": "int64", "n_words": "int64",
                       "sentence": "string", "quote": "string", "field": "string",
                       "kind": pd.CategoricalDtype(QUOTE_KINDS)})


# --------------------------------------------------------------------------------------------
# Voice of a hit: negation and attribution
# --------------------------------------------------------------------------------------------

_NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "without", "hardly", "none", "nobody", "nothing",
                       "cannot"})
_DENIALS = re.compile(r"^(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
                      r"disput(?:e|es|ed|ing)|rebuff(?:s|ed|ing)?)$")
_CLAUSE_BREAK = re.compile(r"[,;:()\"]|\s-\s")
_ATTRIBUTION_BEFORE = re.compile(
    rf"\baccording\s+to\b|\bin\s+the\s+words\s+of\b|\bas\s+[\w.'-]+(?:\s+[\w.'-]+)?\s+put\s+it\b"
    rf"|\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?(?:described|called|labell?ed|branded|dubbed|termed|"
    rf"seen|regarded|viewed|considered|characteri[sz]ed|portrayed|referred\s+to|accused|denounced|decried)\b"
    rf"|\b(?:{_REPORTING})\b",
    re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
# After a hit only unambiguous verbs of saying count (", the minister said"; not ", extremely radical calls").
_SAID = (r"said|says|told|added|wrote|stated|declared|claimed|insisted|argued|noted|warned|explained|remarked|"
         r"tweeted|stressed|emphasi[sz]ed|asserted|alleged|acknowledged|admitted|replied|responded|announced")
_ATTRIBUTION_AFTER = re.compile(rf"^[^.;:!?\"]{{0,80}}?,\s*(?:[\w.'-]+\s+){{0,4}}?((?:{_SAID})\b)", re.IGNORECASE)
# A reporting verb attributes what follows up to a new clause: a dash, a semicolon, or a comma before
# a participle or a conjunction (", referring to regions that Russia unlawfully annexed" is not the speaker's).
_ATTRIBUTION_SCOPE = re.compile(r"\s-\s|;|,\s+(?=(?:\w+ing|which|while|whereas|but|and)\b)", re.IGNORECASE)
ATTRIBUTION_WINDOW = 15  # words before a hit in which a reporting verb attributes it
NEGATION_WINDOW = 4  # words before a hit in which "not", "no", "never"... negate it
DENIAL_WINDOW = 5  # words before a hit in which "denied", "rejected"... negate it


def _negation(prefix: str) -> str:
    """The negation cue in the words before a hit (same sentence), or ``""``."""
    words = list(WORD_PATTERN.finditer(prefix))
    for m in reversed(words[-DENIAL_WINDOW:]):
        if _DENIALS.match(m.group().lower()):
            return m.group()
    clause = _CLAUSE_BREAK.split(prefix)[-1]
    near = [w.group() for w in WORD_PATTERN.finditer(clause)][-NEGATION_WINDOW:]
    for i in range(len(near) - 1, -1, -1):
        word = near[i].lower()
        if (word in _NEGATORS or word.endswith("n't")) and not (word == "not" and near[i + 1:i + 2] == ["only"]):
            return near[i]
    return ""


def _attribution(sentence: str, start: int, end: int) -> str:
    """The attribution cue for the hit at ``start:end`` of ``sentence``, or ``""``.

    A reporting verb or passive label ("is often described as") in the last
    :data:`ATTRIBUTION_WINDOW` words before the hit, within its clause (a dash, a semicolon or a
    comma before a participle or conjunction ends the reported part); "according to" anywhere in the sentence;
    or a comma and a reporting verb after the hit (", the minister said").
    """
    prefix = _ATTRIBUTION_SCOPE.split(sentence[:start])[-1]
    words = list(WORD_PATTERN.finditer(prefix))
    window = prefix[words[-ATTRIBUTION_WINDOW].start():] if len(words) > ATTRIBUTION_WINDOW else prefix
    cues = list(_ATTRIBUTION_BEFORE.finditer(window))
    if cues:
        return _SPACE.sub(" ", cues[-1].group())
    for m in _ACCORDING_TO.finditer(sentence):
        if m.end() <= start or m.start() >= end:
            return _SPACE.sub(" ", m.group())
    after = _ATTRIBUTION_AFTER.match(sentence[end:])
    return after.group(1) if after else ""


_SPACE = re.compile(r"\s+")
_KIND_RANK = {"quoted_speech": 0, "quoted_name": 1, "scare_quote": 2}


def _voice(quote_kind: str, negated: bool, attributed: bool) -> str:
    if quote_kind:
        return "scare_quoted" if quote_kind == "scare_quote" else "quoted"
    return "negated" if negated else "attributed" if attributed else "own"


# --------------------------------------------------------------------------------------------
# Detection and rates
# --------------------------------------------------------------------------------------------

def find_loaded_terms(
    articles: pd.DataFrame,
    lexicon: pd.DataFrame | str | Path | Sequence[str | Path] | None = None,
    *,
    window: int = 8,
) -> pd.DataFrame:
    """Every loaded term in the articles' headlines and texts, one row per hit, with its voice.

    Columns (:data:`LOADED_TERM_COLUMNS`): the KWIC columns of :func:`analysis.kwic`
    (``article_id``, ``outlet``, ``published``, ``title``, ``sentence_id`` — empty for a headline —,
    ``start``, ``end``, ``left``, ``right``, ``sentence``) with the match as ``matched``, plus
    ``field`` (``title`` or ``text``; offsets refer to that field), the lexicon's ``term`` and
    ``category``, and the context that changes what a hit means:

    - ``in_quotes`` / ``quote_kind``: inside quotation marks, and which kind (see :func:`scare_quotes`);
    - ``negated`` / ``negation_cue``: "not", "no", "never", "n't"… in the four words before the hit
      (same clause), or "denied", "rejected", "dismissed"… in the five words before it;
    - ``attributed`` / ``attribution_cue``: a reporting verb ("said", "called", "accused"…) or a
      passive label ("is often described as", "was branded") in the fifteen words before the hit (same clause),
      "according to" anywhere in the sentence, or ", X said" after it. A passive without an agent
      ("who is often described as a dictator") counts as attributed, to unnamed others: the
      outlet formally hands the label to someone else, and the cue column shows that it did so
      without naming anyone;
    - ``voice``: one summary, in this order of precedence: ``quoted`` (quoted speech or a quoted
      name) or ``scare_quoted``; else ``negated``; else ``attributed``; else ``own``.

    Only English articles are read (:func:`analysis.english_only`). Entries are matched by
    :func:`lexicon_matcher` (the hits of one alternation, longest first); overlapping entries count once.

    Args:
        articles: article table (``article_id``, ``text``; ``title``, ``outlet``, ``published`` if present).
        lexicon: a lexicon table (``term``, ``category``, optional ``match``), a shipped name, a
            file, or a list of names and files; default the shipped ``loaded_terms``.
        window: words of context in ``left`` and ``right``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "title": [""], "text": ["Biden called him a dictator."]})
    >>> find_loaded_terms(frame)[["matched", "category", "attribution_cue", "voice"]].values.tolist()
    [['dictator', 'pejorative', 'called', 'attributed']]
    """
    lexicon = _as_lexicon(lexicon)
    matcher = lexicon_matcher(lexicon)
    terms, categories = matcher.entries["term"].to_numpy(), matcher.entries["category"].to_numpy()
    rows = []
    for record in _article_rows(articles).itertuples(index=False):
        for field in ("title", "text"):
            value = getattr(record, field)
            found = matcher.find(value)
            if not found:
                continue
            quotes = _field_quotes(value) if '"' in value or "'" in value else []
            for start, end, entry in found:
                sid, s0, s1 = _sentence(value, field, start, end)
                sentence = value[s0:s1]
                kinds = sorted((q.kind for q in quotes if q.start <= start and end <= q.end), key=_KIND_RANK.get)
                quote_kind = kinds[0] if kinds else ""
                negation = _negation(value[s0:start])
                attribution = _attribution(sentence, start - s0, end - s0)
                left, right = _context(value, start, end, window)
                rows.append((record.article_id, record.outlet, record.published, record.title, field, sid,
                             start, end, terms[entry], categories[entry], value[start:end], left, right, sentence,
                             bool(quote_kind), quote_kind, bool(negation), negation, bool(attribution), attribution,
                             _voice(quote_kind, bool(negation), bool(attribution))))
    out = pd.DataFrame(rows, columns=LOADED_TERM_COLUMNS)
    category_order = list(dict.fromkeys(lexicon["category"]))
    for column in ["field", "term", "matched", "left", "right", "sentence", "quote_kind", "negation_cue",
                   "attribution_cue"]:
        out[column] = out[column].astype("string")
    return out.astype({"sentence_id": "Int64", "start": "int64", "end": "int64", "in_quotes": "bool",
                       "negated": "bool", "attributed": "bool", "category": pd.CategoricalDtype(category_order),
                       "voice": pd.CategoricalDtype(VOICES)})


def loaded_term_kwic(hits: pd.DataFrame, **equals: object) -> pd.DataFrame:
    """The KWIC lines behind a count: hits whose columns equal the given values, in KWIC layout.

    Returns the columns of :func:`analysis.kwic` (``matched`` as ``match``) followed by
    ``term``, ``category``, ``field`` and ``voice``, so a rate in :func:`loaded_term_rates` opens
    as the lines it counts: ``loaded_term_kwic(hits, outlet="Kremlin", category="pejorative")``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "title": [""], "text": ["A brutal, massive attack."]})
    >>> loaded_term_kwic(find_loaded_terms(frame), term="massive*")[["left", "match", "right"]].values.tolist()
    [['A brutal', 'massive', 'attack']]
    """
    from .concordance import KWIC_COLUMNS

    keep = np.ones(len(hits), dtype=bool)
    for column, value in equals.items():
        keep &= (hits[column] == value).fillna(False).to_numpy(dtype=bool)
    lines = hits[keep].rename(columns={"matched": "match"})
    return lines[[*KWIC_COLUMNS, "term", "category", "field", "voice"]]


def loaded_term_rates(hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Loaded-term hits per 1,000 words for each group and category, with the counts behind them.

    One row per group × category (categories without hits in a group included, at zero):
    ``hits``, ``articles_with_hits`` (articles of the group with at least one hit of the
    category), ``articles`` and ``words`` of the group (English articles only, headline words
    included, as in :func:`find_loaded_terms`), and ``per_1000_words``.

    Args:
        hits: output of :func:`find_loaded_terms` (filter it first to count, say, own-voice hits only).
        articles: the article table the hits came from.
        by: article column to group by.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["", ""],
    ...                       "text": ["A brutal regime.", "Talks went on all day."]})
    >>> rates = loaded_term_rates(find_loaded_terms(frame), frame)
    >>> rates.query("category == 'pejorative'")[["outlet", "hits", "words", "per_1000_words"]].values.tolist()
    [['X', 1, 3, 333.33...], ['Y', 0, 5, 0.0]]
    """
    arts = english_only(articles)
    if by not in arts:
        raise KeyError(f"articles have no column {by!r}")
    text_words = (arts["n_words"].to_numpy(dtype=np.int64) if "n_words" in arts
                  else arts["text"].fillna("").astype(str).map(count_words).to_numpy(dtype=np.int64))
    title_words = arts["title"].fillna("").astype(str).map(count_words).to_numpy(dtype=np.int64) if "title" in arts else 0
    sizes = (pd.DataFrame({by: arts[by].to_numpy(), "words": text_words + title_words})
             .groupby(by, observed=True, dropna=False).agg(articles=("words", "size"), words=("words", "sum")))
    groups = dict(zip(arts["article_id"], arts[by], strict=False))
    frame = pd.DataFrame({by: hits["article_id"].map(groups), "category": hits["category"],
                          "article_id": hits["article_id"]})
    counts = (frame.groupby([by, "category"], observed=True, dropna=False)
              .agg(hits=("article_id", "size"), articles_with_hits=("article_id", "nunique")))
    categories = (list(hits["category"].cat.categories) if isinstance(hits["category"].dtype, pd.CategoricalDtype)
                  else sorted(hits["category"].dropna().unique()))
    grid = pd.MultiIndex.from_product([sizes.index, categories], names=[by, "category"])
    out = counts.reindex(grid, fill_value=0).reset_index().join(sizes, on=by)
    out["per_1000_words"] = np.where(out["words"] > 0, out["hits"] / out["words"].where(out["words"] > 0, 1) * 1000, 0.0)
    out["category"] = out["category"].astype("string")
    return out.astype({"hits": "int64", "articles_with_hits": "int64", "articles": "int64", "words": "int64"})
