"""Punkt sentence boundaries, exactly as nltk's ``PunktSentenceTokenizer`` finds them, without its per-token objects.

Framing Lab runs Punkt (Kiss & Strunk 2006, nltk 3.10's implementation) with one learned
parameter: the shipped abbreviation list. With no collocations, no frequent sentence starters
and no orthographic statistics, nltk's two annotation passes reduce to a few rules on each pair
of adjacent word tokens (see :func:`contains_sentbreak`); everything else — finding candidate
contexts, the word regular expression, realigning closing punctuation — is nltk's own code,
kept line for line with the same patterns compiled by the same ``regex`` engine (the candidate
contexts by Python's faster ``re``, with the same classes). The difference is speed: no ``PunktToken``
per word, no generator chain per candidate, the common "war. The" decided without regular expressions
and every other candidate context once (a bounded memo).

``tests/test_tokens.py`` checks every sentence of the sample, of the shared press releases and
of random punctuation soup against nltk itself (:func:`reference_spans`).
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

import regex

__all__ = ["PunktSplitter", "reference_spans"]

_WHITESPACE = string.whitespace  # what nltk's _get_last_whitespace_index looks for
_PUNCTUATION = frozenset(";:,.!?")  # PunktSentenceTokenizer.PUNCTUATION
_SENT_END = frozenset(".?!")


# nltk 3.10's PunktLanguageVars and PunktToken patterns for English (Apache 2.0), written without
# VERBOSE white space and compiled with the ``regex`` engine and flags nltk uses (nltk.redos).
_NON_WORD = r"""(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb!\?])"""
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
PERIOD_CONTEXT = rf"[\.\?!](?=(?P<after_tok>{_NON_WORD}|\s+(?P<next_tok>\S+)))"
WORD = (rf"({_MULTI_CHAR}|(?={_WORD_START})\S+?(?=\s|$|{_NON_WORD}|{_MULTI_CHAR}"
        rf"|,(?=$|\s|{_NON_WORD}|{_MULTI_CHAR}))|\S)")
BOUNDARY_REALIGNMENT = r"""["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)"""
NUMERIC = r"^-?[\.,]?\d[\d,\.-]*\.?$"
INITIAL = r"[^\W\d]\.$"


# PERIOD_CONTEXT for Python's ``re`` (three times faster at finding the candidates): the ``regex`` engine's \s
# is re's \s without the four separators \x1c-\x1f, so those stand in explicit classes.
_PERIOD_CONTEXT_RE = re.compile(PERIOD_CONTEXT.replace(r"\s+(?P<next_tok>\S+)",
                                                       r"[^\S\x1c-\x1f]+(?P<next_tok>[\S\x1c-\x1f]+)"))


@lru_cache(maxsize=1)
def _lang_patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern]:
    flags = regex.UNICODE | regex.V0
    return (regex.compile(PERIOD_CONTEXT, flags), regex.compile(WORD, flags),
            regex.compile(BOUNDARY_REALIGNMENT, flags | regex.MULTILINE), regex.compile(NUMERIC, flags),
            regex.compile(INITIAL, flags))


def _last_whitespace(text: str) -> int:
    """Index of the last ASCII white-space character of ``text`` (-1 if none), as nltk's ``_get_last_whitespace_index``.

    >>> _last_whitespace("a b\\tc"), _last_whitespace("a b c"), _last_whitespace("abc")
    (3, 3, -1)
    """
    space = text.rfind(" ")
    if text[space + 1:].isprintable():  # no tab, newline, carriage return, vertical tab or form feed after it
        return space
    return max(text.rfind(c) for c in _WHITESPACE)


class PunktSplitter:
    """Sentence spans of a text by Punkt with a fixed abbreviation set (same output as nltk's tokenizer).

    >>> PunktSplitter({"mr", "u.s"}).spans("Mr. Smith went to the U.S. in May. He stayed.")
    [(0, 34), (35, 45)]
    """

    def __init__(self, abbreviations: set[str] | frozenset[str], *, memo_size: int = 200_000):
        self.abbreviations = frozenset(abbreviations)
        _, self.word, self.realignment, self.numeric, self.initial = _lang_patterns()
        self.period_context = _PERIOD_CONTEXT_RE
        self.memo: dict[str, bool] = {}
        self.memo_size = memo_size

    # --- nltk's annotation, reduced to the parameters in use -------------------------------------

    def _breaks_before(self, tok: str, nxt: str) -> bool:
        """Whether token ``tok`` followed by token ``nxt`` is a sentence break after both annotation passes.

        First pass: ``.``, ``?``, ``!`` alone break; two or more dots are an ellipsis; a token ending in
        one dot breaks unless it (or its last hyphenated part) is an abbreviation. Second pass: with no
        orthographic statistics nltk's orthographic heuristic says "not a sentence starter" for
        punctuation ``;:,.!?`` and lower-case words and "unknown" otherwise, so an abbreviation or
        ellipsis never becomes a break, and an initial (``J.``) or a number (``24.``) stops being one
        before a non-starter, an initial also before an upper-case word.
        """
        if tok in _SENT_END:
            broken = True
        elif tok.endswith("."):
            if len(tok) >= 2 and tok[-2] == "." and tok.strip(".") == "":
                broken = False  # ellipsis
            elif tok.endswith(".."):
                broken = False  # period-final but neither ellipsis nor single final period: no first-pass label
            else:
                stem = tok[:-1].lower()
                broken = not (stem in self.abbreviations or stem.split("-")[-1] in self.abbreviations)
            if broken:
                typ = self.numeric.sub("##number##", tok.lower())
                if len(typ) > 1 and typ[-1] == ".":
                    typ = typ[:-1]
                initial = self.initial.match(tok) is not None
                if initial or typ == "##number##":
                    not_starter = nxt in _PUNCTUATION or nxt[0].islower()
                    if not_starter or (initial and nxt[0].isupper()):
                        broken = False
        else:
            broken = False
        return broken

    def contains_sentbreak(self, context: str) -> bool:
        """nltk's ``text_contains_sentbreak``: does any token but the last end a sentence?

        >>> splitter = PunktSplitter({"dr"})
        >>> splitter.contains_sentbreak("war. The"), splitter.contains_sentbreak("Dr. Jones")
        (True, False)
        """
        head, dot, tail = context.partition(". ")
        if dot and head.isalpha() and tail.isalpha():  # "war. The": nltk's word pattern finds "war." and "The"
            # _breaks_before("war.", "The") without its regular expressions: letters and a dot are no number,
            # and an initial only when one letter (then a lower- or upper-case word after it undoes the break).
            if head.lower() in self.abbreviations:
                return False
            return len(head) > 1 or not (tail[0].islower() or tail[0].isupper())
        found = self.memo.get(context)
        if found is not None:
            return found
        tokens = [t for line in context.split("\n") if line.strip() for t in self.word.findall(line)]
        found = any(self._breaks_before(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1))
        if len(self.memo) >= self.memo_size:
            self.memo.clear()
        self.memo[context] = found
        return found

    # --- nltk's span_tokenize, line for line (its _match_potential_end_contexts and _slices_from_text fused) ----

    def _slices(self, text: str) -> list[tuple[int, int]]:
        last_break, out = 0, []
        breaks = self.contains_sentbreak
        previous_start, previous_stop, previous = 0, 0, None
        for match in [*self.period_context.finditer(text), None]:
            if match is not None:
                stop = match.start()
                # nltk: _get_last_whitespace_index(text[previous_stop:stop]), read in place
                space = text.rfind(" ", previous_stop, stop)
                if not text[space + 1 if space >= 0 else previous_stop:stop].isprintable():
                    space = max(text.rfind(c, previous_stop, stop) for c in _WHITESPACE)
                index = space + 1 if space > previous_stop else previous_start
                if previous is None or previous_stop > index:
                    previous, previous_start, previous_stop = match, index, stop
                    continue
            if previous is None:
                break
            if breaks(text[previous_start:previous_stop + 1] + previous.group("after_tok")):
                out.append((last_break, previous.end()))
                next_start = previous.start("next_tok")
                last_break = next_start if next_start >= 0 else previous.end()
            if match is not None:
                previous, previous_start, previous_stop = match, index, stop
        out.append((last_break, len(text.rstrip())))
        return out

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence, as ``PunktSentenceTokenizer.span_tokenize(text)`` yields them."""
        slices = self._slices(text)
        out: list[tuple[int, int]] = []
        realign = 0
        last = len(slices) - 1
        for k, (start1, stop1) in enumerate(slices):
            start1 += realign
            if k == last:
                if stop1 > start1:
                    out.append((start1, stop1))
                continue
            start2, stop2 = slices[k + 1]
            m = self.realignment.match(text, start2, stop2) if stop2 > start2 else None
            if m:
                out.append((start1, start2 + len(m.group(0).rstrip())))
                realign = m.end() - start2
            else:
                realign = 0
                if stop1 > start1:
                    out.append((start1, stop1))
        return out


def reference_spans(text: str, abbreviations: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """The same spans from nltk's own ``PunktSentenceTokenizer`` (the reference the fast path is tested against).

    >>> reference_spans("Mr. Smith went to the U.S. in May. He stayed.", {"mr", "u.s"})
    [(0, 34), (35, 45)]
    """
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return list(PunktSentenceTokenizer(params).span_tokenize(text))
