"""Sources and attribution: who is cited or quoted, with which reporting verb, and how much is attributed.

:func:`attributions` finds every source with documented patterns ("X said", "said X", "according to X",
"as informed by X", "referencing X", "told Reuters", "in a TASS interview", "he"/"she" resolved to the
last person named); :func:`attribution_summary` gives, per group, the share of sentences with an
attribution, top sources and verbs, and hedges per 1,000 words.
"""

from __future__ import annotations

import re

import pandas as pd

from .cache import CacheArg
from .cues import cue_pattern_source, cue_terms, cue_words_source, load_cues
from .lexicons import LexiconLike, resolve_lexicon
from .loaded_terms import find_loaded_terms
from .matcher import hit_frame
from .rates import article_groups, rate_table
from .store import step_rows
from .tokens import article_tokens, english_only
from .voice import scare_quotes

__all__ = ["ATTRIBUTION_COLUMNS", "MEDIA_NAMES", "REPORTING_VERBS", "SOURCE_KINDS", "attribution_summary",
           "attributions", "starts_with_role", "top_labels"]


#: Reporting verbs that introduce a source (forms as written; ``according to``, ``as X by``,
#: ``referencing``/``citing``/``quoting`` and ``in a X interview`` are matched separately).
#: Verbs after a source ("Peskov said"): the ``source`` use of the one reporting-verb list,
#: ``analysis/data/cues/reporting_verbs.csv`` (the voice rule reads the same file).
REPORTING_VERBS = cue_terms("reporting_verbs", "source")
#: Media names recognised after "told" ("X told Reuters"), as the medium of a statement: the shipped cue list
#: ``analysis/data/cues/media_names.csv``, matched as written (case included).
MEDIA_NAMES = tuple(load_cues("media_names")["term"])
ATTRIBUTION_COLUMNS = ["article_id", "outlet", "published", "sentence_id", "sentence", "source", "source_kind",
                       "role", "verb", "start", "end", "as_written", "direct_quote"]
SOURCE_KINDS = ["person", "organisation/media", "pronoun-resolved", "unnamed"]

_WORD = r"[A-Z][\w'\-]*"
_NAME = rf"{_WORD}(?:\s+(?:(?:of|for|and|de|von|al|the|to)\s+)*{_WORD}){{0,7}}"
_QUOTED_NAME = rf"\"{_WORD}(?:\s+[A-Z0-9][\w'\-]*){{0,4}}\"|(?<![\w'])'{_WORD}(?:\s+[A-Z0-9][\w'\-]*){{0,4}}'(?!\w)"
_UNNAMED = (r"(?i:(?:(?:the|an?|some|other|many|several|two|three)\s+)?(?:(?:local|senior|western|u\.s\.|us|american|"
            r"european|russian|ukrainian|government|military|intelligence|security|defen[cs]e|official|anonymous|"
            r"unnamed|independent|kremlin|ministry)\s+){0,3}(?:officials|official|sources|source|experts|analysts|"
            r"observers|diplomats|witnesses|eyewitnesses|residents|critics|reports|reporters|journalists|media|"
            r"spokes(?:man|woman|person|people)|authorities|insiders|investigators|commentators|scientists|"
            r"researchers|side|people\s+familiar\s+with\s+the\s+matter))\b")
_ROLE = r"(?:'s\s+(?:spokes(?:man|woman|person)|press\s+secretary|press\s+service|office|spokespeople))?"
_VERB = cue_words_source("reporting_verbs", "source")
_APPOSITIVE = r"(?:,\s+(?:the|a|an|his|her|its|their|another|who|which)\b[^,;:.\"]{1,80},|,)?"
_BETWEEN = r"(?:\s+(?:has|have|had))?(?:\s+(?:also|further|again|then|later|earlier|previously|once\s+again|[a-z]+ly))*"
# SOURCE [, appositive,] [adverbs] VERB:  Dmitry Peskov, the President's press secretary, declared / "Meduza" recalls
_SUBJECT = re.compile(
    rf"(?P<src>{_QUOTED_NAME}|\b(?:[Tt]he\s+)?{_NAME}{_ROLE}|\b(?:He|She|he|she)\b|\b{_UNNAMED})"
    rf"{_APPOSITIVE}{_BETWEEN}\s+(?P<verb>{_VERB})\b")
# "...," said SOURCE  /  "...," said councillor Jane Doe (a title of analysis/data/cues/person_titles.csv between)
_INVERTED = re.compile(rf"[,\"]\s*(?P<verb>{cue_words_source('reporting_verbs', 'inverted')})"
                       rf"\s+(?:(?:the\s+)?(?P<title>{cue_pattern_source('person_titles')})\s+(?=[A-Z]))?"
                       rf"(?P<src>\b(?:the\s+)?{_NAME}|{_UNNAMED})")
# CUE SOURCE: according to X / as informed by the outlet "X" / Referencing "X" / told Reuters
_CUES = re.compile(r"\b(?P<verb>[Aa]ccording\s+to|(?:[Aa]s\s+)?(?:informed|reported|stated|announced|confirmed|noted|cited|"
                   r"quoted|claimed|said|written|explained)\s+by|[Rr]eferencing|[Cc]iting|[Qq]uoting)\s+")
_TOLD_MEDIUM = re.compile(r"\btold\s+(?P<src>{})\b".format(
    "|".join(re.escape(m) for m in sorted(MEDIA_NAMES, key=len, reverse=True))))
# in a TASS agency interview / in an interview with CNN is not read (the partner may be the speaker)
_INTERVIEW = re.compile(rf"\bin\s+an?\s+(?:(?:exclusive|recent|new|televised|joint)\s+)?(?P<src>{_QUOTED_NAME}|{_NAME})"
                        r"\s+(?:(?:news\s+)?agency\s+|newspaper\s+|TV\s+|television\s+|radio\s+)?interview\b")
_TAIL_QUOTED = re.compile(rf"^(?:[\w\-]+,?\s+){{0,7}}?(?P<src>{_QUOTED_NAME})")
_TAIL_UNNAMED = re.compile(rf"^(?P<src>{_UNNAMED})")
_TAIL_NAME = re.compile(rf"^(?:(?:the|an?|its|his|her|their)\s+)?(?:[a-z][\w\-]*\s+){{0,4}}?(?P<src>{_NAME})")
# A title before a name ("Councillor Jane Doe", "Chief Superintendent Jane Doe"): analysis/data/cues/person_titles.csv
_TITLE = re.compile(rf"^(?:{cue_pattern_source('person_titles')})\s+(?=[A-Z])")
_LEADING = frozenset(
    "A An And As At After Also Although Before But During Earlier Even Furthermore However I If In It Its Last Later "
    "Meanwhile Moreover Next Now On Our So Still That The Then These This Those Thus Today Tomorrow We When While Yet "
    "Yesterday You They My Your Their His Her Please Everything Everyone Everybody Others Nothing Nobody Something "
    "Someone Many Some All Both Each Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_ORG_WORDS = re.compile(rf"\b{cue_pattern_source('organisation_words')}")
_ROLE_WORDS = re.compile(
    r"^(?:Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+)?(?:[A-Z][a-z]+(?:ian|ish|ese|ean|ic|an)\s+)?(?:President|Prime\s+Minister|Minister|Adviser|Advisor|Head|Chancellor|"
    r"Secretary|Spokes\w+|Press\s+Secretary|Ambassador|Commissioner|Chairman|Chairwoman|Chair|Governor|Mayor|Director|"
    r"Commander|Chief|Deputy|King|Queen|Prince|Pope|Premier|Leader|Speaker|Ombudsman|Envoy|Representative)\b")
def starts_with_role(source: str) -> bool:
    """Whether a source begins with a title or role ("President", "Head of State", "Mr Peskov's spokesman"):
    a person named by office, not by name.

    >>> starts_with_role("Prime Minister Denys Shmyhal"), starts_with_role("Denys Shmyhal")
    (True, False)
    """
    return _ROLE_WORDS.match(source) is not None


# A person's name after a title: "President of Ukraine Volodymyr Zelenskyy", "Adviser to ... Office Mykhailo Podoliak".
_NAME_AFTER_TITLE = re.compile(r"\s([A-Z][\w'\-]+\s+[A-Z][\w'\-]+)$")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|ean|ic)")
# Places standing for their governments ("Moscow said"), compared as whole words as written: analysis/data/cues/places.csv
_PLACES = frozenset(load_cues("places")["term"])
_PRONOUNS = frozenset({"he", "she"})
# Base forms take a plural subject ("officials say"); after a name they are mostly an imperative or infinitive.
_BASE_FORMS = frozenset({"say", "tell", "claim", "warn", "argue", "report", "suggest", "believe"})


def _clean_source(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Trim a source span: leading sentence words ("However", "In") and titles; whether "the" preceded it."""
    span = text[start:end]
    had_the = bool(re.match(r"(?i)the\s", span))
    if had_the:
        cut = re.match(r"(?i)the\s+", span).end()
        start, span = start + cut, span[cut:]
    while True:
        first = re.match(r"[\w'\-]+", span)
        if not first or first.group() not in _LEADING or span.startswith('"'):
            break
        rest = re.match(r"[\w'\-]+\s+(?:(?:of|for|and|the)\s+)*", span)
        if rest is None:
            return start, start, had_the
        start, span = start + rest.end(), span[rest.end():]
        if not span or not span[0].isupper():
            return start, start, had_the
    title = _TITLE.match(span)
    if title and not re.match(r"of\b", span[title.end():]):
        start, span = start + title.end(), span[title.end():]
    return start, end, had_the


def _person_after_title(source: str) -> str:
    """The name that follows a title ("President of Ukraine Volodymyr Zelenskyy" -> "Volodymyr Zelenskyy"), or ``""``."""
    found = _NAME_AFTER_TITLE.search(source)
    if not found or not _ROLE_WORDS.match(source):
        return ""
    name = found.group(1)
    if _ORG_WORDS.search(name) or _ROLE_WORDS.match(name) or any(w in _PLACES for w in name.split()):
        return ""
    return name


# A person named in passing ("Mayor Jane Doe met ..."): a title and a name, or two to four capitalised words.
_MENTION = re.compile(rf"(?:\b{cue_pattern_source('person_titles')}\s+)?\b[A-Z][a-z][\w'\-]*(?:\s+[A-Z][a-z][\w'\-]*){{0,3}}")
_TITLED = re.compile(rf"{cue_pattern_source('person_titles')}\s+(?=[A-Z])")


def _person_mentions(text: str) -> list[tuple[int, str]]:
    """``(end, name)`` of the persons a text names, in order: what "he"/"she" may refer back to."""
    out = []
    for m in _MENTION.finditer(text):
        start, end, _ = _clean_source(text, m.start(), m.end())
        span = text[start:end]
        titled = _TITLED.match(span)
        name = span[titled.end():] if titled else span
        if not name or (len(name.split()) < 2 and not titled) or not name[0].isupper():
            continue
        if _ORG_WORDS.search(span) and not titled or any(w in _PLACES or _DEMONYM.fullmatch(w) for w in name.split()):
            continue
        if any(w in _LEADING for w in name.split()):
            continue
        out.append((end, name))
    return out


def _kind(source: str, had_the: bool, role: str, quoted: bool, unnamed: bool) -> str:
    if unnamed:
        return "unnamed"
    if role != "medium" and _ROLE_WORDS.match(source):
        return "person"  # a title ("the President", "Adviser to the Head of the Office"): a person named by role
    if quoted or role == "medium" or had_the or _ORG_WORDS.search(source) or source in _PLACES:
        return "organisation/media"
    if re.fullmatch(r"[A-Z]{2,}(?:\s+[A-Z]{2,})*", source):
        return "organisation/media"
    return "person"


def _tail_source(text: str, position: int, limit: int) -> tuple[int, int] | None:
    """The source named after a cue ("according to", "as informed by", "referencing") at ``position``."""
    tail = text[position:limit]
    for pattern in (_TAIL_QUOTED, _TAIL_UNNAMED, _TAIL_NAME):
        found = pattern.match(tail)
        if found:
            return position + found.start("src"), position + found.end("src")
    return None


def _article_attributions(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, verb, role)`` of every source span in one text, first pattern winning per span."""
    found: list[tuple[int, int, str, str]] = []
    for m in _SUBJECT.finditer(text):
        found.append((m.start("src"), m.end("src"), m.group("verb"), "speaker"))
    for m in _INVERTED.finditer(text):
        found.append((m.start("src"), m.end("src"), m.group("verb"), "speaker"))
    for m in _CUES.finditer(text):
        verb = re.sub(r"\s+", " ", m.group("verb")).lower()
        limit = text.find("\n", m.end())
        span = _tail_source(text, m.end(), min(m.end() + 160, limit if limit > 0 else len(text)))
        if span:
            role = "cited" if verb in ("referencing", "citing", "quoting") else "speaker"
            found.append((*span, verb, role))
    for m in _TOLD_MEDIUM.finditer(text):
        found.append((m.start("src"), m.end("src"), "told", "medium"))
    for m in _INTERVIEW.finditer(text):
        found.append((m.start("src"), m.end("src"), "interview", "medium"))
    seen: set[int] = set()
    out = []
    for start, end, verb, role in found:
        if start in seen:
            continue
        seen.add(start)
        out.append((start, end, re.sub(r"\s+", " ", verb).lower(), role))
    return sorted(out)


def attributions(articles: pd.DataFrame, *, cache: CacheArg = True) -> pd.DataFrame:
    """Who is cited or quoted, with which reporting verb: one row per attribution in the articles' texts.

    Columns (:data:`ATTRIBUTION_COLUMNS`): ``article_id``, ``outlet``, ``published``, ``sentence_id``,
    ``sentence``, ``source`` (normalised: quotation marks, a leading "the", sentence words such as
    "However" and titles such as "President" removed; a surname alone is expanded to the full name
    used earlier in the article), ``source_kind`` (``person``, ``organisation/media``,
    ``pronoun-resolved`` or ``unnamed``), ``role`` (``speaker``; ``cited`` after "referencing",
    "citing", "quoting"; ``medium`` for "in a TASS interview", "told Reuters"), ``verb`` (the
    reporting verb or cue, lower case: "said", "declared", "according to", "as informed by",
    "interview"), ``start``/``end`` (offsets of the source in ``text``), ``as_written`` and
    ``direct_quote`` (the sentence holds quoted speech, see :func:`analysis.voice.scare_quotes`).

    Patterns, all within one sentence:

    - ``SOURCE [, appositive,] [adverbs] VERB``: "Dmitry Peskov, the President's press secretary,
      declared", "Peskov further explained", "officials said", "the Kremlin's spokesman said",
      "\"Meduza\" recalls", with a verb of :data:`REPORTING_VERBS`;
    - ``"...," VERB SOURCE``: "said Peskov";
    - ``CUE SOURCE``: "according to X", "as informed by the independent outlet \"X\"" (a quoted
      name within eight words wins over descriptive words), "referencing/citing/quoting X";
    - ``in a X interview`` and ``told`` + a known medium (:data:`MEDIA_NAMES`): the medium;
    - "he"/"she" + verb: resolved to the most recent person source of two or more words or with a
      title before it in the article (``pronoun-resolved``); unresolved, the pronoun is kept as ``unnamed``.

    Kinds: a quoted name, a name after "the", a name holding an organisation word (Ministry, Agency,
    News, Office...), an all-capital acronym or a country/capital metonym ("Moscow said") is an
    organisation or medium; other capitalised names are persons. Only English articles are read.
    Transcript speaker labels ("Vladimir Putin: ...") and indirect speech without a reporting verb
    are not attributions here.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Dmitry Peskov said talks failed. He also remarked that it was over."]})
    >>> attributions(frame)[["source", "source_kind", "verb"]].values.tolist()
    [['Dmitry Peskov', 'person', 'said'], ['Dmitry Peskov', 'pronoun-resolved', 'remarked']]
    """
    if cache:  # each article's attributions from the per-article store (analysis.steps.per_article)
        return step_rows("attributions", articles, cache=cache)
    arts = english_only(articles)
    quotes = scare_quotes(arts, cache=False)
    quotes = quotes[(quotes["field"] == "text") & (quotes["kind"] == "quoted_speech")]
    speech: dict[object, list[tuple[int, int]]] = {}
    for article_id, start, end in zip(quotes["article_id"], quotes["start"], quotes["end"], strict=True):
        speech.setdefault(article_id, []).append((int(start), int(end)))
    rows = []
    positions = []
    texts = arts["text"].fillna("").astype(str).to_numpy()
    for position, (article_id, text) in enumerate(zip(arts["article_id"].to_numpy(), texts, strict=True)):
        found = _article_attributions(text)
        if not found:
            continue
        tokens = article_tokens(text)
        persons = _person_mentions(text)  # (end, name): "he"/"she" refer back to the last person named
        full_names: dict[str, str] = {}
        for start, end, verb, role in found:
            sid = tokens.sentence_of(start) if len(tokens.sentence_starts) else 0
            if len(tokens.sentence_starts) and tokens.sentence_of(max(start, end - 1)) != sid:
                continue
            s0 = int(tokens.sentence_starts[sid]) if len(tokens.sentence_starts) else 0
            s1 = int(tokens.sentence_ends[sid]) if len(tokens.sentence_ends) else len(text)
            written = text[start:end]
            quoted = written.startswith(('"', "'"))
            unnamed = bool(re.fullmatch(_UNNAMED, written))
            if not unnamed and (verb in _BASE_FORMS or written.endswith("'s")):
                continue  # "Just say", "Putin's remarks": not a source and its verb
            if written.lower() in _PRONOUNS:
                before = [name for stop, name in persons if stop <= start]
                last_person = full_names.get(before[-1], before[-1]) if before else None
                source, kind = (last_person, "pronoun-resolved") if last_person else (written.lower(), "unnamed")
            else:
                c0, c1, had_the = (start, end, False) if quoted or unnamed else _clean_source(text, start, end)
                if c1 <= c0:
                    continue
                source = re.sub(r"\s+", " ", text[c0:c1].strip("\"'"))  # names never carry quotation marks
                if unnamed:
                    source = re.sub(r"^(?:the|an?) ", "", source.lower())
                elif not quoted:
                    if _DEMONYM.fullmatch(source):
                        continue  # "the Russian side" cut short: an adjective is not a source
                    source = _person_after_title(source) or source
                source = full_names.get(source, source)
                kind = _kind(source, had_the, role, quoted, unnamed)
                if kind == "person" and (len(source.split()) > 1 or _ROLE_WORDS.match(source)
                                         or source in full_names.values()):
                    # "he" refers back to a full name or a title, not to a lone word
                    persons.append((end, source))
                    persons.sort(key=lambda p: p[0])
                    full_names.setdefault(source.split()[-1], source)
            direct = any(q0 < s1 and s0 < q1 for q0, q1 in speech.get(article_id, []))
            positions.append(position)
            rows.append((sid, text[s0:s1], source, kind, role, verb, start, end, written, direct))
    out = hit_frame(arts, positions, pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS[3:]),
                    columns=ATTRIBUTION_COLUMNS[:3])
    for column in ["sentence", "source", "role", "verb", "as_written"]:
        out[column] = out[column].astype("string")
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64", "direct_quote": "bool",
                       "source_kind": pd.CategoricalDtype(SOURCE_KINDS)})


def top_labels(values: pd.Series, keys: pd.Series, top: int) -> pd.Series:
    """``"a (3), b (1)"``: the ``top`` most frequent values per key (a string Series indexed by key).

    Args:
        values: the values to count (missing values are left out).
        keys: the key of each value (aligned to ``values``).
        top: how many values to list per key (ties broken alphabetically).

    >>> top_labels(pd.Series(["Peskov", "TASS", "Peskov"]), pd.Series(["X", "X", "X"]), 2).to_dict()
    {'X': 'Peskov (2), TASS (1)'}
    """
    frame = pd.DataFrame({"key": keys.to_numpy(), "value": values.to_numpy()}).dropna()
    counts = frame.value_counts().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "value"], ascending=[True, False, True]).groupby("key").head(top)
    labels = counts["value"].astype(str) + " (" + counts["n"].astype(str) + ")"
    return labels.groupby(counts["key"].to_numpy()).agg(", ".join).astype("string")


def attribution_summary(attributions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet",
                        lexicon: LexiconLike = None, top: int = 5) -> pd.DataFrame:
    """Per group: how much is attributed to sources, to whom, with which verbs, and how much is hedged.

    One row per group: ``articles``, ``sentences``, ``attributed_sentences`` (sentences with at least
    one attribution), ``share_attributed`` and ``share_own_voice`` (the rest: a sentence-level
    approximation of claims stated in the outlet's own voice), ``attributions``, ``named``
    (person or organisation sources), ``unnamed``, ``top_sources`` and ``top_verbs`` (``"name (n)"``),
    ``hedges`` and ``hedges_per_1000`` (the ``hedge`` category of the loaded-terms lexicon, found in
    headlines and texts, per 1,000 words of both: :func:`analysis.rates.rate_table`).

    Args:
        attributions: output of :func:`attributions` for ``articles``.
        articles: the article table.
        by: article column to group by.
        lexicon: loaded-terms lexicon for the hedges (default the shipped ``loaded_terms``).
        top: how many sources and verbs to list.

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "title": [""],
    ...                       "text": ["Officials said it failed. It reportedly ended."]})
    >>> attribution_summary(attributions(frame), frame)[["sentences", "share_attributed", "hedges"]].to_dict("records")
    [{'sentences': 2, 'share_attributed': 0.5, 'hedges': 1}]
    """
    arts = english_only(articles)
    groups = article_groups(articles, by)
    sentences = pd.Series([len(article_tokens(t).sentence_starts) for t in arts["text"].fillna("").astype(str)],
                          index=arts["article_id"].to_numpy())
    out = pd.DataFrame({"articles": groups.groupby(groups.to_numpy()).size(),
                        "sentences": sentences.groupby(groups.to_numpy()).sum()})
    key = attributions["article_id"].map(groups)
    attributed = attributions.drop_duplicates(["article_id", "sentence_id"])
    out["attributed_sentences"] = attributed.groupby(attributed["article_id"].map(groups).to_numpy()).size()
    out["attributions"] = attributions.groupby(key.to_numpy()).size()
    unnamed = (attributions["source_kind"] == "unnamed").to_numpy()
    out["named"] = attributions[~unnamed].groupby(key[~unnamed].to_numpy()).size()
    out["unnamed"] = attributions[unnamed].groupby(key[unnamed].to_numpy()).size()
    counts = ["attributed_sentences", "attributions", "named", "unnamed"]
    out[counts] = out[counts].fillna(0).astype("int64")
    out["share_attributed"] = out["attributed_sentences"] / out["sentences"].where(out["sentences"] > 0)
    out["share_own_voice"] = 1 - out["share_attributed"]
    out["top_sources"] = top_labels(attributions["source"][~unnamed], key[~unnamed], top).reindex(out.index).fillna("")
    out["top_verbs"] = top_labels(attributions["verb"], key, top).reindex(out.index).fillna("")
    hits = find_loaded_terms(arts, resolve_lexicon(lexicon, "loaded_terms"))
    rates = rate_table(hits[hits["category"] == "hedge"], arts, by=by)
    rates = rates[rates["category"] == "hedge"].set_index(by)
    out["hedges"] = rates["hits"].reindex(out.index).fillna(0).astype("int64")
    out["hedges_per_1000"] = rates["per_1000"].reindex(out.index).fillna(0.0)
    out = out.rename_axis(by).reset_index()
    return out[[by, "articles", "sentences", "attributed_sentences", "share_attributed", "share_own_voice",
                "attributions", "named", "unnamed", "top_sources", "top_verbs", "hedges", "hedges_per_1000"]]

