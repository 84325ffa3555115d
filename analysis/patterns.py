"""The one matching grammar: how a term under a matching mode (glob, word, phrase, regex) becomes a regex.

- :func:`pattern_source` / :func:`compile_pattern`: one term (a KWIC search, an actor alias, a lexicon entry);
- :func:`alternation_source`: many terms as one alternation, longest first (cue lists embedded in rules);
- :func:`compile_alternation`: a lexicon's entries as one compiled alternation dispatched on first letters,
  with the group each entry fills (the definition of what a lexicon matches, see :mod:`analysis.matcher`).

Words and phrases match whole words, with boundaries that follow the tokenizer: "regime" is not found in
"regimen" or "anti-regime", while a quote mark may precede ('Kyiv') and a possessive 's may follow
("Russia's"). Matching ignores case unless asked otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from .memos import register_cache

__all__ = ["MATCH_MODES", "BOUNDARY_BEFORE", "BOUNDARY_AFTER", "Match", "alternation_source", "compile_alternation",
           "compile_pattern", "pattern_source", "plan_alternation"]

Match = Literal["glob", "word", "phrase", "regex"]
MATCH_MODES = ("glob", "word", "phrase", "regex")


def _glob_part(word: str) -> str:
    """One word of a glob: ``*`` any letters, ``?`` one letter, anything else literal."""
    out = []
    for ch in word:
        out.append(r"[\w'\-]*" if ch == "*" else r"\w" if ch == "?" else re.escape(ch))
    return "".join(out)


def pattern_source(pattern: str, match: Match = "glob") -> str:
    """The regular-expression source for ``pattern`` under a matching mode.

    ``word``: the exact word; ``phrase``: the words in order, any white space between them;
    ``glob``: like ``phrase``, with ``*`` (any letters) and ``?`` (one letter) inside words;
    ``regex``: used as given. Words and phrases match whole words only ("regime" does not
    match "regimen").

    >>> pattern_source("annex*")
    "(?<![^\\\\W\\\\d_])(?<![^\\\\W\\\\d_][\\\\-'])annex[\\\\w'\\\\-]*(?![^\\\\W\\\\d_]|-[^\\\\W\\\\d_]|'(?!s\\\\b)[^\\\\W\\\\d_])"
    """
    if match == "regex":
        return pattern
    words = pattern.split()
    if not words:
        raise ValueError("empty search pattern")
    if match == "word" and len(words) > 1:
        raise ValueError(f"match='word' takes one word, got {pattern!r}: use match='phrase'")
    part = _glob_part if match == "glob" else re.escape
    body = r"\s+".join(part(w) for w in words)
    # Boundaries mirror the tokenizer: letters joined by inner hyphens or apostrophes make one
    # word, so "regime" is not found in "regimen" or "anti-regime", while a quote mark may
    # precede ('Kyiv') and a possessive 's may follow ("Russia's"). A number next to letters
    # is a separate token ("Ukraine-79" holds "Ukraine").
    letter, word = r"[^\W\d_]", r"\w"
    before = letter if words[0][0].isalpha() else word
    after = letter if words[-1][-1].isalpha() or words[-1][-1] == "*" else word
    return rf"(?<!{before})(?<!{letter}[\-']){body}(?!{after}|-{letter}|'(?!s\b){letter})"


def compile_pattern(pattern: str, match: Match = "glob", *, case_sensitive: bool = False) -> re.Pattern:
    """Compile ``pattern`` (see :func:`pattern_source`) for searching article text.

    >>> bool(compile_pattern("regime").search("a regimen of pills"))
    False
    >>> compile_pattern("illegally annex*").search("territories illegally  annexed by").group()
    'illegally  annexed'
    """
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        return re.compile(pattern_source(pattern, match), flags)
    except re.error as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}") from None


#: The whole-word boundaries of a word or phrase that starts and ends with a letter (see :func:`pattern_source`).
BOUNDARY_BEFORE, BOUNDARY_AFTER = pattern_source("x", "word").split("x")


def alternation_source(entries: Iterable[tuple[str, str]]) -> str:
    """One case-insensitive alternation of ``(term, match)`` entries, longest first (more words, then letters).

    >>> import re
    >>> re.search(alternation_source([("minister", "word"), ("prime minister", "phrase")]), "Prime Minister X").group()
    'Prime Minister'
    """
    ordered = sorted(entries, key=lambda e: (-len(e[0].split()), -len(e[0])))
    return "(?i:" + "|".join(pattern_source(term, match) for term, match in ordered) + ")"


Branches = list[tuple[int, str]]  # (entry position, regex source), in the order they are tried


def plan_alternation(entries: tuple[tuple[str, str], ...]) -> tuple[list[tuple[str, Branches]], Branches]:
    """The branches of a lexicon's alternation for ``(term, match)`` entries, in the order the regex tries them.

    Entries that start and end as words (not regex, not starting with a wildcard) are grouped by first
    letter, groups in order of first appearance, as ``(position, body)`` with the word boundaries cut off;
    the other entries follow, as ``(position, source)``.

    >>> plan_alternation((("regime", "word"), ("x+", "regex")))
    ([('r', [(0, 'regime')])], [(1, 'x+')])
    """
    by_letter: dict[str, Branches] = {}
    general: Branches = []
    for position, (term, match) in enumerate(entries):
        source = pattern_source(term, match)
        if match != "regex" and term[0] not in "*?" and source.startswith(BOUNDARY_BEFORE) \
                and source.endswith(BOUNDARY_AFTER):
            body = source[len(BOUNDARY_BEFORE):len(source) - len(BOUNDARY_AFTER)]
            by_letter.setdefault(term[0].lower(), []).append((position, body))
        else:
            general.append((position, source))
    return list(by_letter.items()), general


@lru_cache(maxsize=32)
def compile_alternation(entries: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, tuple[int, ...]]:
    r"""The alternation for ``(term, match)`` entries (in the order given) and each entry's group number.

    Python's regex engine tries every branch of an alternation at every position, so the
    whole-word boundary is factored out and the branches are dispatched on their first letter:
    at a word start only the entries beginning with that letter are tried. Entries whose first
    character is a wildcard, and regex entries, are tried after them; every entry starts where
    a word starts (a regex entry adds its own end boundary, e.g. ``\b``).

    >>> regex, groups = compile_alternation((("regime", "word"), ("junta", "word")))
    >>> hit = regex.search("The junta ruled."); hit.group(), hit.lastindex == groups[1]
    ('junta', True)
    """
    by_letter, general = plan_alternation(entries)
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
    parts = ([f"(?:{letters}){BOUNDARY_AFTER}"] if letters else []) + [branch(p, b) for p, b in general]
    return re.compile(f"{BOUNDARY_BEFORE}(?:{'|'.join(parts) or '(?!)'})", re.IGNORECASE), tuple(groups)


register_cache("alternations", compile_alternation)  # seen in memo_stats(), emptied by clear_memos()
