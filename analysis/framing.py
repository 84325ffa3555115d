"""Framing across outlets: naming contests, sources and attribution, frame dimensions, same-story comparison.

Four views of how outlets tell the same story, each with the sentences behind every number:

- **Naming contests** (:func:`naming_contests`): which of the competing names for the same thing
  an outlet uses ("war" or "special military operation", "Kyiv" or "Kiev"), and whether in its own
  voice. The names are a shipped, editable lexicon (``analysis/data/lexicons/naming.csv``) whose
  category is written ``concept: variant``; hits come from :func:`analysis.lexicons.find_loaded_terms`,
  so matching and voice follow the loaded-terms rules exactly.
- **Sources and attribution** (:func:`attributions`, :func:`attribution_summary`): who is cited,
  with which reporting verb, found with documented patterns (see :func:`attributions`).
- **Frames** (:func:`frame_shares`): a lexicon approximation of the 15 Media Frames Corpus
  dimensions (shipped cue lexicon ``analysis/data/lexicons/frames.csv``).
- **Same story** (:func:`group_stories`, :func:`compare_stories`): articles grouped by TF-IDF
  cosine similarity of their words within a date window, and compared side by side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .cues import cue_pattern_source
from .lexicons import LexiconError, load_lexicon
from .loaded_terms import find_loaded_terms, loaded_term_rates
from .matcher import lexicon_matcher
from .tokens import article_tokens, english_only, stopwords
from .voice import scare_quotes

__all__ = [
    "ATTRIBUTION_COLUMNS", "FRAME_CUE_COLUMNS", "NAMING_COLUMNS", "REPORTING_VERBS", "STORY_COLUMNS", "attribution_summary",
    "attributions", "compare_stories", "find_frame_cues", "find_naming_variants", "frame_shares", "group_stories",
    "naming_contests",
]

LexiconArg = pd.DataFrame | str | Path | Sequence[str | Path] | None

# --------------------------------------------------------------------------------------------
# Naming contests
# --------------------------------------------------------------------------------------------

NAMING_COLUMNS = ["concept", "variant", "hits", "own_voice", "quoted", "scare_quoted", "attributed", "negated",
                  "articles", "share", "own_share"]


def _lexicon(lexicon: LexiconArg, default: str) -> pd.DataFrame:
    if lexicon is None:
        return load_lexicon(default)
    if isinstance(lexicon, pd.DataFrame):
        return lexicon
    return load_lexicon(lexicon)


def _naming_table(naming: LexiconArg) -> pd.DataFrame:
    """The naming lexicon, every category checked to read ``concept: variant`` (errors name file and line)."""
    table = _lexicon(naming, "naming")
    for position, category in enumerate(table["category"].astype(str)):
        concept, _, variant = category.partition(":")
        if not concept.strip() or not variant.strip():
            where = (f"{table['source'].iloc[position]}, line {table['line'].iloc[position]}"
                     if {"source", "line"} <= set(table.columns) else f"naming table, row {position}")
            raise LexiconError(f"{where}: category {category!r} is not written 'concept: variant'")
    return table


def find_naming_variants(articles: pd.DataFrame, naming: LexiconArg = None) -> pd.DataFrame:
    """Every use of a competing name, one row per hit, with its ``concept``, ``variant`` and voice.

    The columns of :func:`analysis.lexicons.find_loaded_terms` (offsets, sentence, ``voice``...)
    plus ``concept`` and ``variant``, split from the lexicon's ``concept: variant`` category.

    Args:
        articles: article table (``article_id``, ``text``; ``title``, ``outlet``, ``published`` if present).
        naming: a naming table (``term``, ``category`` as ``concept: variant``, optional ``match``), a shipped
            name, a file, or a list of names and files; default the shipped ``naming``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Shelling of Kiev went on."]})
    >>> find_naming_variants(frame)[["concept", "variant", "voice"]].values.tolist()
    [['capital', 'Kiev', 'own']]
    """
    hits = find_loaded_terms(articles, _naming_table(naming))
    concept, variant = _split_category(hits["category"])
    position = hits.columns.get_loc("category") + 1
    hits.insert(position, "concept", concept)
    hits.insert(position + 1, "variant", variant)
    return hits


def _split_category(categories: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``concept`` and ``variant`` of ``concept: variant`` categories, as strings."""
    parts = categories.astype(str).str.split(":", n=1)
    return parts.str[0].str.strip().astype("string"), parts.str[1].str.strip().astype("string")


def _group_of(articles: pd.DataFrame, by: str) -> pd.Series:
    arts = english_only(articles)
    if by not in arts:
        raise KeyError(f"articles have no column {by!r}")
    return pd.Series(arts[by].to_numpy(), index=arts["article_id"].to_numpy())


def naming_contests(articles: pd.DataFrame, naming: LexiconArg = None, *, by: str = "outlet",
                    hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which name each group uses for each contested thing, how often, and in whose voice.

    One row per group × concept × variant (variants a group never uses included, at zero): ``hits``,
    hits by voice (``own_voice``, ``quoted``, ``scare_quoted``, ``attributed``, ``negated``; see
    :func:`analysis.lexicons.find_loaded_terms`), ``articles`` (the group's articles using the variant),
    ``share`` (the variant's share of the group's hits for the concept) and ``own_share`` (its share
    of the group's own-voice hits for the concept; empty when the group has none).

    Args:
        articles: article table.
        naming: naming table, shipped name, file or list (see :func:`find_naming_variants`).
        by: article column to group by.
        hits: the articles' :func:`find_naming_variants` rows, when already computed (the pipeline
            finds them per partition); ``articles`` then needs no text.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["K", "U"],
    ...                       "text": ["The special military operation goes on.", "The war goes on."]})
    >>> naming_contests(frame).query("concept == 'the war' and hits > 0")[["outlet", "variant", "own_share"]].values.tolist()
    [['K', 'special military operation', 1.0], ['U', 'war', 1.0]]
    """
    table = _naming_table(naming)
    hits = find_naming_variants(articles, table) if hits is None else hits
    groups = _group_of(articles, by)
    frame = pd.DataFrame({by: hits["article_id"].map(groups).to_numpy(), "concept": hits["concept"].to_numpy(),
                          "variant": hits["variant"].to_numpy(), "article_id": hits["article_id"].to_numpy(),
                          "voice": hits["voice"].astype(str).to_numpy()})
    keys = [by, "concept", "variant"]
    voices = pd.crosstab([frame[k] for k in keys], frame["voice"]) if len(frame) else pd.DataFrame()
    counts = frame.groupby(keys, dropna=False).agg(hits=("article_id", "size"), articles=("article_id", "nunique"))
    concepts, names = _split_category(table["category"])
    variants = pd.DataFrame({"concept": concepts, "variant": names}).drop_duplicates()
    grid = pd.MultiIndex.from_tuples(
        [(g, c, v) for g in pd.unique(groups.to_numpy()) for c, v in variants.itertuples(index=False)], names=keys)
    out = counts.reindex(grid, fill_value=0)
    for voice, column in [("own", "own_voice"), ("quoted", "quoted"), ("scare_quoted", "scare_quoted"),
                          ("attributed", "attributed"), ("negated", "negated")]:
        out[column] = voices[voice].reindex(grid, fill_value=0).to_numpy() if voice in voices else 0
    out = out.reset_index()
    total = out.groupby([by, "concept"], dropna=False)["hits"].transform("sum")
    own_total = out.groupby([by, "concept"], dropna=False)["own_voice"].transform("sum")
    out["share"] = out["hits"] / total.where(total > 0)
    out["own_share"] = out["own_voice"] / own_total.where(own_total > 0)
    out = out[[by, *NAMING_COLUMNS]]
    for column in ["concept", "variant"]:
        out[column] = out[column].astype("string")
    return out.astype({c: "int64" for c in NAMING_COLUMNS[2:9]})


# --------------------------------------------------------------------------------------------
# Frames
# --------------------------------------------------------------------------------------------

FRAME_CUE_COLUMNS = ["article_id", "outlet", "published", "field", "sentence_id", "start", "end", "term", "category",
                     "frame", "matched"]


def find_frame_cues(articles: pd.DataFrame, frames: LexiconArg = None) -> pd.DataFrame:
    """Every frame cue in headlines and texts, one row per hit; ``frame`` is the MFC dimension it signals.

    Columns (:data:`FRAME_CUE_COLUMNS`): ``article_id``, ``outlet``, ``published``, ``field`` (``title`` or
    ``text``), ``sentence_id`` (empty for a headline), ``start``/``end`` (offsets in that field), the
    lexicon's ``term`` and ``category``, ``frame`` (the category) and ``matched``. Matching is that of
    :func:`analysis.lexicons.find_loaded_terms` (whole words, case ignored, a possessive 's may follow,
    the longest entry wins where entries overlap; the same :func:`analysis.lexicons.lexicon_matcher`), without
    the voice of each hit: a cue counts for its dimension whoever says it. Only English articles are
    read. A cue is a lexicon approximation: it shows that a dimension is talked about.

    Args:
        articles: article table.
        frames: a cue table (``term``, ``category`` = frame), a shipped name, a file, or a list;
            default the shipped ``frames``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Inflation hit the markets."]})
    >>> find_frame_cues(frame)[["matched", "frame"]].values.tolist()
    [['Inflation', 'Economic'], ['markets', 'Economic']]
    """
    lexicon = _lexicon(frames, "frames")
    matcher = lexicon_matcher(lexicon)
    terms, categories = matcher.entries["term"].to_numpy(), matcher.entries["category"].to_numpy()
    arts = english_only(articles)
    n = len(arts)
    carried = {c: (arts[c].to_numpy() if c in arts else np.full(n, None)) for c in ["outlet", "published"]}
    titles = arts["title"].fillna("").astype(str).to_numpy() if "title" in arts else np.full(n, "")
    rows = []
    for position, (title, text) in enumerate(zip(titles, arts["text"].fillna("").astype(str).to_numpy(), strict=True)):
        for field, value in (("title", title), ("text", text)):
            found = matcher.find(value)
            if not found:
                continue
            starts = np.array([start for start, _, _ in found], dtype=np.int64)
            sentence = np.full(len(found), -1, dtype=np.int64)
            if field == "text":
                sentence = np.maximum(np.searchsorted(article_tokens(value).sentence_starts, starts, side="right") - 1, 0)
            rows.extend((position, field, sid, start, end, terms[entry], categories[entry], value[start:end])
                        for sid, (start, end, entry) in zip(sentence.tolist(), found, strict=True))
    hits = pd.DataFrame(rows, columns=["_pos", "field", "sentence_id", "start", "end", "term", "category", "matched"])
    positions = hits["_pos"].to_numpy(dtype=np.int64)
    order = pd.CategoricalDtype(list(dict.fromkeys(lexicon["category"].astype(str))))
    out = pd.DataFrame({
        "article_id": arts["article_id"].to_numpy()[positions], "outlet": carried["outlet"][positions],
        "published": carried["published"][positions], "field": hits["field"].astype("string"),
        "sentence_id": pd.array(hits["sentence_id"].to_numpy(dtype=np.int64), dtype="Int64"),
        "start": hits["start"].to_numpy(dtype=np.int64), "end": hits["end"].to_numpy(dtype=np.int64),
        "term": hits["term"].astype("string"), "category": pd.Categorical(hits["category"], dtype=order)})
    out.loc[out["field"] == "title", "sentence_id"] = pd.NA
    out["frame"] = out["category"].astype("string")
    out["matched"] = hits["matched"].astype("string")
    return out[FRAME_CUE_COLUMNS]


def frame_shares(articles: pd.DataFrame, frames: LexiconArg = None, *, by: str = "outlet",
                 hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of frame-cue hits per MFC dimension, per group or per article (``by="article_id"``): a lexicon approximation.

    One row per group × frame (frames without cues included, at zero): ``hits``, ``share`` (of the
    group's frame-cue hits), ``articles_with_hits``, ``articles``, ``words`` and
    ``per_1000_words``, counted as in :func:`analysis.lexicons.loaded_term_rates` (headlines included).
    The Media Frames Corpus codes a frame as a human judgement on the whole text; counting cue words
    approximates which dimensions an article talks about, not how it frames them.

    Args:
        articles: article table.
        frames: cue table, shipped name, file or list (see :func:`find_frame_cues`).
        by: article column to group by; ``"article_id"`` gives per-article shares.
        hits: the articles' :func:`find_frame_cues` rows, when already computed (``articles`` then needs no text).

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Inflation hit the troops."]})
    >>> frame_shares(frame).query("hits > 0")[["frame", "hits", "share"]].values.tolist()
    [['Economic', 1, 0.5], ['Security and defense', 1, 0.5]]
    """
    hits = find_frame_cues(articles, frames) if hits is None else hits
    rates = loaded_term_rates(hits, articles, by=by).rename(columns={"category": "frame"})
    total = rates.groupby(by, dropna=False)["hits"].transform("sum")
    rates.insert(rates.columns.get_loc("hits") + 1, "share", rates["hits"] / total.where(total > 0))
    return rates


# --------------------------------------------------------------------------------------------
# Sources and attribution
# --------------------------------------------------------------------------------------------

#: Reporting verbs and cues that introduce a source (forms as written; ``according to``, ``as X by``,
#: ``referencing``/``citing``/``quoting`` and ``in a X interview`` are matched separately).
REPORTING_VERBS = (
    "said", "says", "say", "told", "tells", "tell", "declared", "declares", "explained", "explains", "remarked",
    "claimed", "claims", "claim", "stated", "added", "adds", "noted", "notes", "stressed",
    "stresses", "emphasized", "emphasised", "emphasizes", "emphasises", "underscored", "underscores", "warned",
    "warns", "warn", "insisted", "insists", "argued", "argues", "argue", "wrote", "writes", "reported", "reports",
    "report", "announced", "announces", "mentioned", "mentions", "recalled", "recalls", "informed", "informs",
    "confirmed", "confirms", "denied", "denies", "admitted", "admits", "acknowledged", "acknowledges", "suggested",
    "suggests", "suggest", "asserted", "asserts", "believes", "believe", "replied", "responded", "pointed out",
    "points out", "estimated", "estimates", "predicted", "predicts", "alleged", "alleges", "assured", "tweeted",
    "commented",
)
#: Media names recognised after "told" ("X told Reuters"), as the medium of a statement.
MEDIA_NAMES = ("Reuters", "the Associated Press", "Associated Press", "AP", "AFP", "Agence France-Presse", "TASS",
               "RIA Novosti", "Interfax", "BBC", "CNN", "Bloomberg", "CBS", "NBC", "ABC", "Fox News", "Al Jazeera")
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
_VERB = "|".join(v.replace(" ", r"\s+") for v in sorted(REPORTING_VERBS, key=len, reverse=True))
_APPOSITIVE = r"(?:,\s+(?:the|a|an|his|her|its|their|another|who|which)\b[^,;:.\"]{1,80},|,)?"
_BETWEEN = r"(?:\s+(?:has|have|had))?(?:\s+(?:also|further|again|then|later|earlier|previously|once\s+again|[a-z]+ly))*"
# SOURCE [, appositive,] [adverbs] VERB:  Dmitry Peskov, the President's press secretary, declared / "Meduza" recalls
_SUBJECT = re.compile(
    rf"(?P<src>{_QUOTED_NAME}|\b(?:[Tt]he\s+)?{_NAME}{_ROLE}|\b(?:He|She|he|she)\b|\b{_UNNAMED})"
    rf"{_APPOSITIVE}{_BETWEEN}\s+(?P<verb>{_VERB})\b")
# "...," said SOURCE  /  "...," said councillor Jane Doe (a title of analysis/data/cues/person_titles.csv between)
_INVERTED = re.compile(rf"[,\"]\s*(?P<verb>said|says|added|told|wrote|explained|noted|stressed|declared|claimed)"
                       rf"\s+(?:(?:the\s+)?(?P<title>{cue_pattern_source('person_titles')})\s+(?=[A-Z]))?"
                       rf"(?P<src>\b(?:the\s+)?{_NAME}|{_UNNAMED})")
# CUE SOURCE: according to X / as informed by the outlet "X" / Referencing "X" / told Reuters
_CUES = re.compile(r"\b(?P<verb>[Aa]ccording\s+to|(?:[Aa]s\s+)?(?:informed|reported|stated|announced|confirmed|noted|cited|"
                   r"quoted|claimed|said|written|explained)\s+by|[Rr]eferencing|[Cc]iting|[Qq]uoting)\s+")
_TOLD_MEDIUM = re.compile(r"\btold\s+(?P<src>{})\b".format("|".join(re.escape(m) for m in MEDIA_NAMES)))
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
# A person's name after a title: "President of Ukraine Volodymyr Zelenskyy", "Adviser to ... Office Mykhailo Podoliak".
_NAME_AFTER_TITLE = re.compile(r"\s([A-Z][\w'\-]+\s+[A-Z][\w'\-]+)$")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|ean|ic)")
_PLACES = frozenset(
    "Russia Ukraine Moscow Kyiv Kiev Washington Beijing China London Britain Paris France Berlin Germany Brussels "
    "Poland Warsaw Minsk Belarus Turkey Ankara America Europe NATO EU UN West Japan Tokyo India Israel Iran Donbas "
    "Donbass Crimea Donetsk Luhansk Lugansk Kharkiv Mariupol Odesa Sevastopol Munich Geneva Istanbul Vienna".split())
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


def attributions(articles: pd.DataFrame) -> pd.DataFrame:
    """Who is cited or quoted, with which reporting verb: one row per attribution in the articles' texts.

    Columns (:data:`ATTRIBUTION_COLUMNS`): ``article_id``, ``outlet``, ``published``, ``sentence_id``,
    ``sentence``, ``source`` (normalised: quotation marks, a leading "the", sentence words such as
    "However" and titles such as "President" removed; a surname alone is expanded to the full name
    used earlier in the article), ``source_kind`` (``person``, ``organisation/media``,
    ``pronoun-resolved`` or ``unnamed``), ``role`` (``speaker``; ``cited`` after "referencing",
    "citing", "quoting"; ``medium`` for "in a TASS interview", "told Reuters"), ``verb`` (the
    reporting verb or cue, lower case: "said", "declared", "according to", "as informed by",
    "interview"), ``start``/``end`` (offsets of the source in ``text``), ``as_written`` and
    ``direct_quote`` (the sentence holds quoted speech, see :func:`analysis.lexicons.scare_quotes`).

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
    arts = english_only(articles)
    quotes = scare_quotes(arts)
    quotes = quotes[(quotes["field"] == "text") & (quotes["kind"] == "quoted_speech")]
    speech: dict[object, list[tuple[int, int]]] = {}
    for article_id, start, end in zip(quotes["article_id"], quotes["start"], quotes["end"], strict=True):
        speech.setdefault(article_id, []).append((int(start), int(end)))
    rows = []
    outlets = arts["outlet"].to_numpy() if "outlet" in arts else [None] * len(arts)
    published = arts["published"].to_numpy() if "published" in arts else [None] * len(arts)
    texts = arts["text"].fillna("").astype(str).to_numpy()
    for article_id, outlet, when, text in zip(arts["article_id"].to_numpy(), outlets, published, texts, strict=True):
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
            rows.append((article_id, outlet, when, sid, text[s0:s1], source, kind, role, verb, start, end, written,
                         direct))
    out = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for column in ["sentence", "source", "role", "verb", "as_written"]:
        out[column] = out[column].astype("string")
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64", "direct_quote": "bool",
                       "source_kind": pd.CategoricalDtype(SOURCE_KINDS)})


def _top(values: pd.Series, keys: pd.Series, top: int) -> pd.Series:
    """``"a (3), b (1)"``: the ``top`` most frequent values per key (a string Series indexed by key)."""
    frame = pd.DataFrame({"key": keys.to_numpy(), "value": values.to_numpy()}).dropna()
    counts = frame.value_counts().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "value"], ascending=[True, False, True]).groupby("key").head(top)
    labels = counts["value"].astype(str) + " (" + counts["n"].astype(str) + ")"
    return labels.groupby(counts["key"].to_numpy()).agg(", ".join).astype("string")


def attribution_summary(attributions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet",
                        lexicon: LexiconArg = None, top: int = 5) -> pd.DataFrame:
    """Per group: how much is attributed to sources, to whom, with which verbs, and how much is hedged.

    One row per group: ``articles``, ``sentences``, ``attributed_sentences`` (sentences with at least
    one attribution), ``share_attributed`` and ``share_own_voice`` (the rest: a sentence-level
    approximation of claims stated in the outlet's own voice), ``attributions``, ``named``
    (person or organisation sources), ``unnamed``, ``top_sources`` and ``top_verbs`` (``"name (n)"``),
    ``hedges`` and ``hedges_per_1000_words`` (the ``hedge`` category of the loaded-terms lexicon,
    counted as in :func:`analysis.lexicons.loaded_term_rates`).

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
    groups = _group_of(articles, by)
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
    out["top_sources"] = _top(attributions["source"][~unnamed], key[~unnamed], top).reindex(out.index).fillna("")
    out["top_verbs"] = _top(attributions["verb"], key, top).reindex(out.index).fillna("")
    hits = find_loaded_terms(arts, _lexicon(lexicon, "loaded_terms"))
    rates = loaded_term_rates(hits[hits["category"] == "hedge"], arts, by=by)
    rates = rates[rates["category"] == "hedge"].set_index(by)
    out["hedges"] = rates["hits"].reindex(out.index).fillna(0).astype("int64")
    out["hedges_per_1000_words"] = rates["per_1000_words"].reindex(out.index).fillna(0.0)
    out = out.rename_axis(by).reset_index()
    return out[[by, "articles", "sentences", "attributed_sentences", "share_attributed", "share_own_voice",
                "attributions", "named", "unnamed", "top_sources", "top_verbs", "hedges", "hedges_per_1000_words"]]


# --------------------------------------------------------------------------------------------
# Same story, different outlets
# --------------------------------------------------------------------------------------------

STORY_COLUMNS = ["article_id", "outlet", "published", "title", "story_id", "story_size", "story_outlets"]
_NUMBER = re.compile(r"^[\d.,:]+(?:st|nd|rd|th|s)?$")


def _tfidf(texts: list[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf) over memoised tokens, stop words and numbers dropped."""
    tokens = [article_tokens(t).tokens for t in texts]
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    codes, vocab = pd.factorize(pd.Series([w for t in tokens for w in t], dtype=object))
    rows = np.repeat(np.arange(len(texts)), lengths)
    stop = stopwords()
    keep_term = np.array([len(w) > 1 and w not in stop and not _NUMBER.match(w) for w in vocab], dtype=bool)
    keep = keep_term[codes] if len(codes) else np.zeros(0, dtype=bool)
    counts = sparse.csr_matrix((np.ones(int(keep.sum())), (rows[keep], codes[keep])), shape=(len(texts), len(vocab)))
    counts.sum_duplicates()
    counts.data = 1 + np.log(counts.data)
    df = np.bincount(counts.indices, minlength=len(vocab))
    weighted = counts @ sparse.diags(np.log((1 + len(texts)) / (1 + df)) + 1)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1 / np.where(norms > 0, norms, 1)) @ weighted)


def group_stories(articles: pd.DataFrame, *, threshold: float = 0.3, window_days: float = 3) -> pd.DataFrame:
    """Group articles that cover the same event: text similarity within a date window, then connected groups.

    Two articles are linked when the cosine similarity of their TF-IDF vectors (headline and text
    words from the shared tokens layer, stop words and numbers dropped, sublinear term frequency)
    is at least ``threshold`` and they were published at most ``window_days`` apart; undated
    articles are compared only with undated ones. Similarities are computed as sparse matrix products,
    one day's articles against those of the following ``window_days`` days, never all pairs. A story
    is a connected group of links, so two articles can share a story through a third (chaining).

    Returns one row per English article (:data:`STORY_COLUMNS`): ``story_id`` (0, 1, ... by date of
    the story's first article), ``story_size`` (articles in it; 1 = no other article covers it) and
    ``story_outlets`` (distinct outlets in it).

    Args:
        articles: article table (``article_id``, ``text``; ``title``, ``published``, ``outlet``).
        threshold: minimum cosine similarity for a link (0-1).
        window_days: maximum distance in days between linked articles.

    >>> frame = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"], "text": [
    ...     "Floods hit Lisbon harbour, boats sank.", "Lisbon harbour floods: many boats sank.", "Chess final in Oslo."]})
    >>> group_stories(frame)[["article_id", "story_id", "story_size"]].values.tolist()
    [['a', 0, 2], ['b', 0, 2], ['c', 1, 1]]
    """
    arts = english_only(articles)
    n = len(arts)
    titles = arts["title"].fillna("").astype(str) if "title" in arts else pd.Series([""] * n, index=arts.index)
    matrix = _tfidf([f"{t}\n\n{x}" for t, x in zip(titles, arts["text"].fillna("").astype(str), strict=True)])
    published = pd.to_datetime(arts["published"], utc=True) if "published" in arts else pd.Series(pd.NaT, index=arts.index)
    dated = published.notna().to_numpy()
    seconds = np.where(dated, published.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT"))
                       .astype("datetime64[s]").astype(np.int64), 0).astype(np.float64)
    day = np.floor((seconds - seconds[dated].min()) / 86400).astype(np.int64) if dated.any() else np.zeros(n, np.int64)
    links_i, links_j = [], []

    def link(rows: np.ndarray, cols: np.ndarray) -> None:
        sims = (matrix[rows] @ matrix[cols].T).tocoo()
        i, j = rows[sims.row], cols[sims.col]
        keep = (sims.data >= threshold) & (i < j)
        i, j = i[keep], j[keep]
        close = np.abs(seconds[i] - seconds[j]) <= window_days * 86400
        links_i.append(i[close])
        links_j.append(j[close])

    if dated.any():
        order = np.flatnonzero(dated)[np.argsort(day[dated], kind="stable")]
        days = day[order]
        for d in np.unique(days):
            block = order[days == d]
            near = order[(days >= d) & (days <= d + int(np.ceil(window_days)))]
            link(block, near)
    if (~dated).any():
        undated = np.flatnonzero(~dated)
        link(undated, undated)
        seconds[undated] = 0
    i = np.concatenate(links_i) if links_i else np.array([], dtype=np.int64)
    j = np.concatenate(links_j) if links_j else np.array([], dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    out = pd.DataFrame({"article_id": arts["article_id"].to_numpy(),
                        "outlet": arts["outlet"].to_numpy() if "outlet" in arts else None,
                        "published": published.to_numpy(), "title": titles.to_numpy(), "_label": labels})
    first = out.groupby("_label")["published"].transform("min")
    ranked = out.assign(_first=first, _pos=np.arange(n)).sort_values(["_first", "_pos"], na_position="last")
    story_of = {label: k for k, label in enumerate(pd.unique(ranked["_label"]))}
    out["story_id"] = out["_label"].map(story_of).astype("int64")
    out["story_size"] = out.groupby("story_id")["article_id"].transform("size").astype("int64")
    out["story_outlets"] = out.groupby("story_id")["outlet"].transform("nunique").astype("int64")
    out["title"] = out["title"].astype("string")
    return out[STORY_COLUMNS]


def compare_stories(articles: pd.DataFrame, stories: pd.DataFrame, *, by: str = "outlet", min_groups: int = 2,
                    lexicon: LexiconArg = None, naming: LexiconArg = None, top: int = 3) -> pd.DataFrame:
    """Within each story covered by several groups, the groups side by side: headlines, tone, loaded terms, names, sources.

    One row per story × group, for stories with at least ``min_groups`` groups (``by`` values):
    ``story_id``, ``by``, ``articles``, ``titles`` (joined with `` | ``), ``headline_compound`` (mean
    VADER compound of the headlines, :func:`analysis.sentiment.score_sentiment` at headline level),
    ``loaded_hits`` and ``loaded_per_1000_words`` (all categories of the loaded-terms lexicon, headlines
    included), ``naming_variants`` (``"concept: variant (n)"``, most used first) and ``top_sources``
    (from :func:`attributions`). Read the articles of a story before comparing: a story groups texts
    by shared words, not by a verified event.

    Args:
        articles: article table.
        stories: output of :func:`group_stories` for ``articles``.
        by: article column to compare across.
        min_groups: least number of groups a story must have.
        lexicon: loaded-terms lexicon (default ``loaded_terms``).
        naming: naming table (default ``naming``).
        top: how many naming variants and sources to list.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["Kyiv shelled", "Kiev shelled"],
    ...     "text": ["Heavy shelling hit Kyiv overnight.", "Heavy shelling hit Kiev overnight."]})
    >>> compare_stories(frame, group_stories(frame, threshold=0.2))[["outlet", "naming_variants"]].values.tolist()
    [['X', 'capital: Kyiv (2)'], ['Y', 'capital: Kiev (2)']]
    """
    from .sentiment import score_sentiment

    arts = english_only(articles)
    story = stories.drop_duplicates("article_id").set_index("article_id")["story_id"]
    arts = arts[arts["article_id"].isin(story.index)]
    arts = arts.assign(story_id=arts["article_id"].map(story).to_numpy())
    spread = arts.groupby("story_id")[by].nunique()
    arts = arts[arts["story_id"].isin(spread[spread >= min_groups].index)]
    keys = ["story_id", by]
    columns = [*keys, "articles", "titles", "headline_compound", "loaded_hits", "loaded_per_1000_words",
               "naming_variants", "top_sources"]
    if arts.empty:
        return pd.DataFrame(columns=columns)
    cell = arts["story_id"].astype(str) + "\0" + arts[by].astype(str)
    arts = arts.assign(_cell=cell.to_numpy())
    titles = arts["title"].fillna("").astype(str) if "title" in arts else pd.Series("", index=arts.index)
    out = arts.assign(_title=titles).groupby(keys, sort=True).agg(
        articles=("article_id", "size"), titles=("_title", " | ".join), _cell=("_cell", "first"))
    headlines = score_sentiment(arts, level="headline")
    out["headline_compound"] = (headlines.assign(_cell=headlines["article_id"].map(arts.set_index("article_id")["_cell"]))
                                .groupby("_cell")["vader_compound"].mean().reindex(out["_cell"]).to_numpy())
    rates = loaded_term_rates(find_loaded_terms(arts, _lexicon(lexicon, "loaded_terms")), arts, by="_cell")
    summed = rates.groupby("_cell").agg(hits=("hits", "sum"), words=("words", "first"))
    out["loaded_hits"] = summed["hits"].reindex(out["_cell"]).fillna(0).astype("int64").to_numpy()
    words = summed["words"].reindex(out["_cell"]).to_numpy(dtype=float)
    out["loaded_per_1000_words"] = np.where(words > 0, out["loaded_hits"] / np.where(words > 0, words, 1) * 1000, 0.0)
    names = find_naming_variants(arts, naming)
    cells = names["article_id"].map(arts.set_index("article_id")["_cell"])
    label = names["concept"] + ": " + names["variant"]
    out["naming_variants"] = _top(label, cells, top).reindex(out["_cell"]).fillna("").to_numpy()
    sources = attributions(arts)
    named = sources[sources["source_kind"] != "unnamed"]
    out["top_sources"] = _top(named["source"], named["article_id"].map(arts.set_index("article_id")["_cell"]),
                              top).reindex(out["_cell"]).fillna("").to_numpy()
    out = out.reset_index()
    out["titles"] = out["titles"].astype("string")
    return out[columns]
