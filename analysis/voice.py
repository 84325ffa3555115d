"""The voice a text speaks in: quotations and their kinds, negation and attribution cues, and the voice rule.

- quotations (:func:`field_quotes`, :func:`scare_quotes`): quoted speech, a quoted name, or a scare quote;
- cues (:func:`negation_cue`, :func:`attribution_cue`): "not", "denied", "said", "is described as" ... in
  the words around a hit, read from the cue lists ``reporting_verbs``, ``negators`` and ``denials``
  (``analysis/data/cues/``);
- the rule (:func:`voice_of`, :func:`voice_reader`): ``quoted`` or ``scare_quoted``, else ``negated``, else
  ``attributed``, else ``own``.

The rules are simple and documented; a voice is a pointer for reading, not a parse of who said what.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .cache import CacheArg
from .cues import cue_terms, cue_words_source
from .matcher import article_rows, hit_frame, sentence_span
from .store import step_rows
from .tokens import WORD_PATTERN, article_tokens

__all__ = ["ATTRIBUTION_PREFILTER", "ATTRIBUTION_WINDOW", "DENIAL_WINDOW", "KIND_RANK", "NEGATION_PREFILTER",
           "NEGATION_WINDOW", "QUOTE_COLUMNS", "QUOTE_KINDS", "VOICES", "Quote", "attribution_cue", "field_quotes",
           "may_hold_cues", "negation_cue", "quote_kind_at", "quote_spans", "scare_quotes", "voice_of", "voice_reader"]

QUOTE_COLUMNS = ["article_id", "outlet", "field", "sentence_id", "sentence", "quote", "start", "end", "n_words", "kind"]
VOICES = ["own", "quoted", "scare_quoted", "attributed", "negated"]

# --------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"\n\s*\n")
_DOUBLE = re.compile(r'"')
# Single quotation marks, strictly: an opening ' after a space or bracket and before a letter, a
# closing ' after a letter or full stop and not before a letter (so apostrophes stay apostrophes).
_APOSTROPHE = re.compile("'")
_SINGLE = re.compile(r"(?<![\w'])'(?=[^\W\d_])([^'\"\n]{2,80}?)(?<=[\w.!?,])'(?!\w)")
# Verbs of saying (analysis/data/cues/reporting_verbs.csv), in forms that are rarely nouns ("stated", "calls").
_REPORTING = cue_words_source("reporting_verbs", "voice")
_SPEECH_BEFORE = re.compile(rf"(?:\b(?:{_REPORTING})\b[^\".!?]{{0,80}}[,:]|:)\s*$", re.IGNORECASE)
_SPEECH_AFTER = re.compile(rf"^\s*,?\s*(?:[\w.'-]+\s+){{0,4}}?(?:{_REPORTING})\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(
    r"\b(?:outlet|newspaper|paper|daily|weekly|tabloid|agency|platform|channel|website|site|portal|blog|magazine|"
    r"broadcaster|network|station|company|firm|group|organi[sz]ation|party|movement|foundation|project|campaign|"
    r"programme|program|unit|battalion|brigade|regiment|book|novel|film|movie|documentary|show|series|song|album|"
    r"called|named|titled|entitled|known\s+as|nicknamed|dubbed)\s*,?\s*$", re.IGNORECASE)
_NAME_AFTER = re.compile(rf"^(?:'s\b|\s*,?\s*(?:{cue_words_source('reporting_verbs', 'name')})\b)")
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


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the text inside each quotation of ``text``, in order: the spans of :func:`field_quotes`.

    Spans inside double quotes, then single-quoted phrases that lie outside them.

    >>> quote_spans('He said: "We will win." The "regime" fell.')
    [(10, 22), (29, 35)]
    """
    spans = _double_quote_spans(text)
    end = 0  # the matches of _SINGLE.finditer: each starts at a ' (tried only there)
    for i in (mark.start() for mark in _APOSTROPHE.finditer(text)):
        m = _SINGLE.match(text, i) if i >= end else None
        if m is not None:
            end = m.end()
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
class Quote:
    """One quotation of a text: the span between the marks and its kind (one of :data:`QUOTE_KINDS`)."""

    start: int
    end: int
    kind: str


def field_quotes(text: str) -> list[Quote]:
    """Quotations of one text (a headline or an article text) with their kind (see :func:`scare_quotes`).

    A name once recognised is a name throughout the text.

    >>> [(q.start, q.end, q.kind) for q in field_quotes('He said: "We will win." The "regime" fell.')]
    [(10, 22, 'quoted_speech'), (29, 35, 'scare_quote')]
    """
    spans = quote_spans(text)
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
    return [Quote(s, e, "quoted_name" if k == "scare_quote" and text[s:e].strip(" .,").lower() in names else k)
            for (s, e), k in zip(spans, kinds, strict=True)]


def scare_quotes(articles: pd.DataFrame, *, cache: CacheArg = True) -> pd.DataFrame:
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
    phrase that cannot be an apostrophe (``'special operation'``). With ``cache`` (the default) each
    article's rows are read from the per-article store (:func:`analysis.steps.per_article`).

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ['He said: "We will win." The "special operation" goes on.']})
    >>> scare_quotes(frame)[["quote", "kind"]].values.tolist()
    [['We will win.', 'quoted_speech'], ['special operation', 'scare_quote']]
    """
    if cache:  # each article's quotations from the per-article store (analysis.steps.per_article)
        return step_rows("quotes", articles, cache=cache)
    arts = article_rows(articles)
    positions, rows = [], []
    for position, record in enumerate(arts.itertuples(index=False)):
        for field in ("title", "text"):
            value = getattr(record, field)
            for quote in field_quotes(value) if '"' in value or "'" in value else []:
                sid, s0, s1 = sentence_span(value, field, quote.start, quote.end)
                text = value[quote.start:quote.end]
                positions.append(position)
                rows.append((field, sid, value[s0:s1], text, quote.start, quote.end, len(WORD_PATTERN.findall(text)),
                             quote.kind))
    out = hit_frame(arts, positions, pd.DataFrame(rows, columns=QUOTE_COLUMNS[2:]), columns=QUOTE_COLUMNS[:2])
    return out.astype({"sentence_id": "Int64", "start": "int64", "end": "int64", "n_words": "int64",
                       "sentence": "string", "quote": "string", "field": "string",
                       "kind": pd.CategoricalDtype(QUOTE_KINDS)})


# --------------------------------------------------------------------------------------------
# Voice of a hit: negation and attribution
# --------------------------------------------------------------------------------------------

_NEGATORS = frozenset(term.lower() for term in cue_terms("negators"))  # analysis/data/cues/negators.csv
_DENIALS = frozenset(term.lower() for term in cue_terms("denials"))  # analysis/data/cues/denials.csv
_CLAUSE_BREAK = re.compile(r"[,;:()\"]|\s-\s")
_PASSIVE = cue_words_source("reporting_verbs", "passive")  # labels in the passive: "is described as"
_ATTRIBUTION_BEFORE = re.compile(
    rf"\baccording\s+to\b|\bin\s+the\s+words\s+of\b|\bas\s+[\w.'-]+(?:\s+[\w.'-]+)?\s+put\s+it\b"
    rf"|\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?(?:{_PASSIVE})\b"
    rf"|\b(?:{_REPORTING})\b",
    re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
# After a hit only unambiguous verbs of saying count (", the minister said"; not ", extremely radical calls").
_SAID = cue_words_source("reporting_verbs", "after")
_ATTRIBUTION_AFTER = re.compile(rf"^[^.;:!?\"]{{0,80}}?,\s*(?:[\w.'-]+\s+){{0,4}}?((?:{_SAID})\b)", re.IGNORECASE)
# A reporting verb attributes what follows up to a new clause: a dash, a semicolon, or a comma before
# a participle or a conjunction (", referring to regions that Russia unlawfully annexed" is not the speaker's).
_ATTRIBUTION_SCOPE = re.compile(r"\s-\s|;|,\s+(?=(?:\w+ing|which|while|whereas|but|and)\b)", re.IGNORECASE)
ATTRIBUTION_WINDOW = 15  # words before a hit in which a reporting verb attributes it
NEGATION_WINDOW = 4  # words before a hit in which "not", "no", "never"... negate it
DENIAL_WINDOW = 5  # words before a hit in which "denied", "rejected"... negate it


def negation_cue(prefix: str) -> str:
    """The negation cue in ``prefix``, the text of a hit's sentence before it, or ``""``.

    A denial (``analysis/data/cues/denials.csv``) in the last :data:`DENIAL_WINDOW` words; else a
    negator (``negators.csv``) or a word ending in n't in the last :data:`NEGATION_WINDOW` words of
    the clause ("not only" does not negate).

    >>> negation_cue("It is not a"), negation_cue("Moscow denied the"), negation_cue("Not only a"), negation_cue("A")
    ('not', 'denied', '', '')
    """
    words = list(WORD_PATTERN.finditer(prefix))
    for m in reversed(words[-DENIAL_WINDOW:]):
        if m.group().lower() in _DENIALS:
            return m.group()
    clause = _CLAUSE_BREAK.split(prefix)[-1]
    near = [w.group() for w in WORD_PATTERN.finditer(clause)][-NEGATION_WINDOW:]
    for i in range(len(near) - 1, -1, -1):
        word = near[i].lower()
        if (word in _NEGATORS or word.endswith("n't")) and not (word == "not" and near[i + 1:i + 2] == ["only"]):
            return near[i]
    return ""


def attribution_cue(sentence: str, start: int, end: int) -> str:
    """The attribution cue for the hit at ``start:end`` of ``sentence``, or ``""``.

    A reporting verb or passive label ("is often described as") in the last
    :data:`ATTRIBUTION_WINDOW` words before the hit, within its clause (a dash, a semicolon or a
    comma before a participle or conjunction ends the reported part); "according to" anywhere in the sentence;
    or a comma and a reporting verb after the hit (", the minister said"). The verbs are those of
    ``analysis/data/cues/reporting_verbs.csv`` (uses ``voice``, ``passive`` and, after a hit, ``after``).

    >>> s = "Biden called him a dictator, the aide said."
    >>> attribution_cue(s, 19, 27), attribution_cue("He is a dictator.", 8, 16)
    ('called', '')
    """
    prefix = _ATTRIBUTION_SCOPE.split(sentence[:start])[-1]
    window = prefix[_last_words_start(prefix, ATTRIBUTION_WINDOW):]
    # Each cue before a hit holds a word of the cue lists: where the prefilter finds none, none can match.
    cues = _attribution_before(window) if may_hold_cues(window)[0] else []
    if cues:
        return _SPACE.sub(" ", cues[-1].group())
    for m in _ACCORDING_TO.finditer(sentence):
        if m.end() <= start or m.start() >= end:
            return _SPACE.sub(" ", m.group())
    after = _ATTRIBUTION_AFTER.match(sentence[end:])
    return after.group(1) if after else ""


#: The first word of each cue :data:`_ATTRIBUTION_BEFORE` finds, lower-cased (every cue starts a run of ``\w``);
#: ``None`` when a reporting verb of the cue file is more than plain words (then ``finditer`` does all the work).
_PLAIN_CUES = all(re.fullmatch(r"[a-z]+(?:\\s\+[a-z]+)*", alternative) for alternative in _REPORTING.split("|"))
_OPENERS = frozenset({"according", "in", "as", "is", "are", "was", "were", "be", "been", "being"}
                     | {alternative.split(r"\s+")[0] for alternative in _REPORTING.split("|")}) if _PLAIN_CUES else None
_RUN = re.compile(r"\w+")


def _attribution_before(window: str) -> list[re.Match]:
    """The matches of ``_ATTRIBUTION_BEFORE.finditer(window)``: on ASCII text tried only where a word of
    :data:`_OPENERS` starts (a cue can start nowhere else), else by ``finditer`` itself.

    >>> [m.group() for m in _attribution_before("Critics, as one aide put it, said he was described")]
    ['as one aide put it', 'said', 'was described']
    """
    if _OPENERS is None or not window.isascii():
        return list(_ATTRIBUTION_BEFORE.finditer(window))
    out: list[re.Match] = []
    end = 0
    for word in _RUN.finditer(window.lower()):
        if word.start() >= end and word.group() in _OPENERS:
            found = _ATTRIBUTION_BEFORE.match(window, word.start())
            if found is not None:
                out.append(found)
                end = found.end()
    return out


def _last_words_start(text: str, count: int) -> int:
    """Where the last ``count`` words (:data:`analysis.tokens.WORD_PATTERN`) of ``text`` begin (0 if it has fewer).

    No word holds white space and the pattern has no look-arounds, so the words after a white space of the
    last stretch of ``text`` are the whole text's: the stretch is read first, and the whole text only when
    the stretch holds ``count`` words or fewer.

    >>> _last_words_start("a b c d", 2), _last_words_start("a b", 5), _last_words_start("x " * 40 + "a b", 2)
    (4, 0, 80)
    """
    tail = len(text) - count * 16
    space = _SPACE.search(text, tail) if tail > 0 else None
    words = list(WORD_PATTERN.finditer(text, space.end())) if space else []
    if len(words) <= count:  # more words may stand before the stretch: read the whole text
        words = list(WORD_PATTERN.finditer(text))
        if len(words) <= count:
            return 0
    return words[-count].start()


_SPACE = re.compile(r"\s+")
#: Which kind wins where quotations nest: quoted speech, then a quoted name, then a scare quote.
KIND_RANK = {"quoted_speech": 0, "quoted_name": 1, "scare_quote": 2}


def quote_kind_at(quotes: list[Quote], start: int, end: int) -> str:
    """The kind of quotation the span ``start:end`` lies in (by :data:`KIND_RANK` where several hold it), or ``""``.

    >>> quote_kind_at(field_quotes('The "regime" fell.'), 5, 11), quote_kind_at([], 0, 3)
    ('scare_quote', '')
    """
    kinds = sorted((q.kind for q in quotes if q.start <= start and end <= q.end), key=KIND_RANK.get)
    return kinds[0] if kinds else ""


def voice_of(quote_kind: str, negated: bool, attributed: bool) -> str:
    """The voice of a hit (one of :data:`VOICES`), from its quotation kind, negation and attribution.

    In this order of precedence: ``quoted`` (quoted speech or a quoted name) or ``scare_quoted``; else
    ``negated``; else ``attributed``; else ``own``.

    >>> voice_of("scare_quote", True, True), voice_of("", True, True), voice_of("", False, True), voice_of("", False, False)
    ('scare_quoted', 'negated', 'attributed', 'own')
    """
    if quote_kind:
        return "scare_quoted" if quote_kind == "scare_quote" else "quoted"
    return "negated" if negated else "attributed" if attributed else "own"


def _words(*sources: str) -> str:
    return "|".join(s for s in sources if s)


#: A quick test that a text may hold an attribution cue (a superset of :func:`attribution_cue`'s cues, built
#: from the same cue list): where it finds nothing, no hit of the text is attributed.
ATTRIBUTION_PREFILTER = re.compile(
    rf"\b(?:according|words|put|{_words(_REPORTING, _PASSIVE, _SAID)})\b", re.IGNORECASE)
#: A quick test that a text may hold a negation cue (a superset of :func:`negation_cue`'s cues, built from
#: ``negators.csv`` and ``denials.csv``): where it finds nothing, no hit of the text is negated.
NEGATION_PREFILTER = re.compile(
    rf"\b(?:{_words(cue_words_source('negators'), cue_words_source('denials'))})\b|n['\u2019]t\b", re.IGNORECASE)


_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every word of the attribution and of the negation cue lists, lower-cased: the prefilters as word sets."""
    attribution = {"according", "words", "put"}
    for term in cue_terms("reporting_verbs"):
        attribution.update(_LETTERS.findall(term.lower()))
    negation = {w for name in ("negators", "denials") for term in cue_terms(name) for w in _LETTERS.findall(term.lower())}
    return frozenset(attribution), frozenset(negation)


def may_hold_cues(text: str) -> tuple[bool, bool]:
    """Whether ``text`` may hold an attribution cue and a negation cue: where not, no span of it is attributed/negated.

    On ASCII text a test of its words against the words of the cue lists, which is true wherever
    :data:`ATTRIBUTION_PREFILTER` / :data:`NEGATION_PREFILTER` match (and sometimes more: the exact rules
    decide then); other text asks those regexes.

    >>> may_hold_cues("The minister said no."), may_hold_cues("It wasn't cheap."), may_hold_cues("Prices rose.")
    ((True, True), (False, True), (False, False))
    """
    if not text.isascii():
        return ATTRIBUTION_PREFILTER.search(text) is not None, NEGATION_PREFILTER.search(text) is not None
    lowered = text.lower()
    found = set(_LETTERS.findall(lowered))
    attribution_words, negation_words = _cue_words()
    return not found.isdisjoint(attribution_words), "n't" in lowered or not found.isdisjoint(negation_words)


def voice_reader(text: str) -> Callable[[int, int], str]:
    """A function ``(start, end) -> voice`` for spans of one ``text`` (the rules of :func:`analysis.find_loaded_terms`).

    The whole text is read as the sentence of a span; quotations are found once, and the negation and
    attribution rules run only where :func:`may_hold_cues` finds a possible cue.

    >>> voice = voice_reader('Biden called him a dictator. The "regime" fell. It is a war.')
    >>> voice(19, 27), voice(34, 40), voice(54, 57)
    ('attributed', 'scare_quoted', 'attributed')
    """
    quotes = field_quotes(text) if '"' in text or "'" in text else []
    may_attribute, may_negate = may_hold_cues(text)
    if not (quotes or may_attribute or may_negate):
        return lambda start, end: "own"

    def voice(start: int, end: int) -> str:
        negated = may_negate and bool(negation_cue(text[:start]))
        attributed = may_attribute and bool(attribution_cue(text, start, end))
        return voice_of(quote_kind_at(quotes, start, end), negated, attributed)

    return voice
