"""Who is covered and who speaks: person and organisation names found in the set, merged across their forms.

:func:`find_people` finds every mention of a named person or organisation, without a list written for
the story, and gives each the one name it is reported under; :func:`actor_table` counts them per
outlet, with how often each is a cited source (from :func:`analysis.sources.attributions`) rather than
only talked about; :func:`people_to_actors` turns the table into an actor table for
:func:`analysis.actor_sentiment`.

How a name is found, with documented rules (cue words are data: the cue lists ``person_titles`` and
``organisation_words`` of ``analysis/data/cues/``, shared with :func:`analysis.attributions`):

- a **name** is a run of capitalised words (letters of any script, inner hyphens and apostrophes;
  a possessive 's is dropped); capitalised sentence words that the set also writes in lower case
  ("Police", "Thousands"), stop words, days and months are trimmed from its ends;
- a **person** is a name of two to four words after a title (``person_titles``: "Governor Tom
  Baker"; "President of Ukraine Volodymyr Zelenskyy" gives the last two capitalised words), or a name
  of two to four words whose last word follows a title somewhere in the set ("Maria Lopez" with
  "Ms Lopez"), or a person of two words or more cited as a source by :func:`analysis.attributions`;
  a title with one word ("Mr Putin") names the person whose full name ends with that word;
- an **organisation** is a name holding a word of ``organisation_words`` ("Security Council",
  "Ministry of Defence": "of" and "for" may join its parts; one such word alone only if the set never
  writes it in lower case: "Kremlin", not "Government"), or an all-capital acronym of two to six
  letters seen at least twice (NATO, EU; US and UK are counted here too);
- **merging**: a name of one word, or with a title, is the full name that ends with it ("Putin",
  "Mr Putin", "President Putin" → "Vladimir Putin"); where two full names end with it, the one in the
  same article wins, else the more frequent. Pronouns are not resolved.
"""

from __future__ import annotations

import calendar
import fnmatch
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import groupby

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import regex

from .cache import CacheArg
from .cues import load_cues
from .sources import attributions as find_attributions
from .store import step_rows
from .tokens import article_tokens, english_only, stopwords

__all__ = ["CANDIDATE_COLUMNS", "PEOPLE_COLUMNS", "ACTOR_TABLE_COLUMNS", "actor_table", "find_people",
           "name_candidates", "people_to_actors"]

CANDIDATE_COLUMNS = ["article_id", "sentence_id", "start", "end", "as_written", "words", "title", "organisation",
                     "choice", "if_lower"]
PEOPLE_COLUMNS = ["article_id", "outlet", "sentence_id", "start", "end", "as_written", "name", "kind", "title"]
ACTOR_TABLE_COLUMNS = ["name", "kind", "group", "mentions", "articles", "sentences", "cited_sentences",
                       "share_cited", "forms"]

_JOIN = regex.compile(r"^[ \t]+(?:of|for)(?:[ \t]+the)?[ \t]+$")
_ACRONYM = regex.compile(r"^\p{Lu}{2,6}$")
_SPACED = regex.compile(r"\S+")
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")  # "IlhamPresident": two words run together by a scraper


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, ...], ...]:
    """Titles of the cue list ``person_titles`` as lower-case word tuples without dots, longest first."""
    cues = load_cues("person_titles")
    words = cues.loc[cues["match"].isin(["word", "phrase"]), "term"].astype(str)
    return tuple(sorted({tuple(w.rstrip(".").lower() for w in t.split()) for t in words}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _run_pattern() -> regex.Pattern:
    """Capitalised words separated by spaces; a dot only after a short title ("Mr.") or an initial ("J.")."""
    short = sorted({t[0].capitalize() for t in _titles() if len(t) == 1 and len(t[0]) <= 4}, key=len, reverse=True)
    dotted = rf"(?:(?:{'|'.join(short)})\.|\p{{Lu}}\.)(?=[ \t]+\p{{Lu}})"
    word = rf"(?:{dotted}|\p{{Lu}}[\p{{L}}'’\-]*\p{{L}}|\p{{Lu}}(?![\p{{L}}.]))"
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}'\-]){word}(?:[ \t]+{word})*")


@lru_cache(maxsize=1)
def _organisation_cues() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Words, phrases and globs of the cue list ``organisation_words``, lower case."""
    cues = load_cues("organisation_words")
    terms = {m: tuple(cues.loc[cues["match"] == m, "term"].astype(str).str.lower()) for m in ("word", "phrase", "glob")}
    return frozenset(terms["word"]), terms["phrase"], terms["glob"]


def _is_organisation(words: list[str]) -> bool:
    """Whether a name holds an organisation word ("Security Council"), phrase ("White House") or glob."""
    single, phrases, globs = _organisation_cues()
    lower = [w.lower() for w in words]
    joined = " ".join(lower)
    return (any(w in single for w in lower) or any(f" {p} " in f" {joined} " for p in phrases)
            or any(fnmatch.fnmatchcase(w, g) for w in lower for g in globs))


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return frozenset(w for w in [*calendar.day_name, *calendar.month_name, *calendar.day_abbr, *calendar.month_abbr] if w)


def _bare(word: str) -> str:
    """A word without a final dot or possessive ("Mr." -> "Mr", "Putin's" -> "Putin")."""
    word = word.rstrip(".")
    return word[:-2] if word.endswith(("'s", "’s")) else word.rstrip("'")


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised words as ``[(start, end, word)]``; "of", "for" (and "the" after them) join two runs."""
    out: list[list[tuple[int, int, str]]] = []
    pieces = []
    for match in _run_pattern().finditer(text):
        words = [(m.start() + match.start(), m.end() + match.start(), m.group())
                 for m in _SPACED.finditer(match.group())]
        cut = 0
        for k, (_, _, word) in enumerate(words):  # a possessive ends a name: "Lenin's Ukraine" is two
            if word.endswith(("'s", "’s")) and k + 1 < len(words):
                pieces.append(words[cut:k + 1])
                cut = k + 1
        pieces.append(words[cut:])
    for words in pieces:
        if out and _JOIN.match(text[out[-1][-1][1]:words[0][0]]):
            gap = out[-1][-1][1]
            out[-1].extend((m.start() + gap, m.end() + gap, m.group())
                           for m in _SPACED.finditer(text[gap:words[0][0]]))
            out[-1].extend(words)
            continue
        out.append(words)
    return out


def _sentence_word(words: list[tuple[int, int, str]], text: str) -> str | None:
    """A run's first word in lower case when it may be a sentence word, else ``None``.

    It may be when it starts a sentence (only quotes or an opening bracket after the last ``.!?:`` or
    line break), starts no title and is no acronym; it *is* one when the set also writes it in lower
    case ("Police", "Later"): :func:`find_people` decides that for the whole set.
    """
    position = words[0][0] - 1
    while position >= 0 and text[position] in " \t\"'“‘(":
        position -= 1
    if position >= 0 and text[position] not in ".!?:\n" or _title_at(words, 0):
        return None
    bare = _bare(words[0][2])
    return None if _ACRONYM.match(bare) else bare.lower()


def _trim(words: list[tuple[int, int, str]], sentence_word: bool) -> list[tuple[int, int, str]]:
    """Drop stop words and calendar words from both ends of a run, and its first word if it is a sentence word."""
    stop = stopwords()

    def function_word(word: str) -> bool:
        bare = _bare(word)
        return bare.lower() in stop or bare in _calendar_words()

    words = words[1:] if sentence_word else words
    while words and function_word(words[0][2]) and not _title_at(words, 0):
        words = words[1:]
    while words and (function_word(words[-1][2]) or _bare(words[-1][2]) in ("of", "for")):
        words = words[:-1]
    return words


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for title in _titles():
        by_first[title[0]].append(title)
    return {first: tuple(titles) for first, titles in by_first.items()}


def _title_at(words: list[tuple[int, int, str]], position: int) -> int:
    """Number of words of the title that starts at ``position`` (0 when none)."""
    if position >= len(words):
        return 0
    options = _titles_by_first_word().get(_bare(words[position][2]).lower())
    if not options:
        return 0
    bare = [_bare(w[2]).lower() for w in words[position:position + max(len(t) for t in options)]]
    for title in options:
        if tuple(bare[:len(title)]) == title:
            return len(title)
    return 0


def _span(words: list[tuple[int, int, str]]) -> tuple[int, int]:
    """Offsets of a list of words, without a sentence's final dot."""
    last = words[-1][2]
    end = words[-1][1] - (1 if last.endswith(".") and not _title_at(words[-1:], 0) else 0)
    end -= 2 if last.endswith(("'s", "’s")) else 1 if last.endswith("'") else 0
    return words[0][0], end


def _item(run: list[tuple[int, int, str]], text: str) -> dict | None:
    """The name candidate of one trimmed run: ``start``, ``end``, ``as_written``, ``words``, ``title``, ``organisation``."""
    if not run:
        return None
    joiners = ("of", "for", "the")
    words = [_bare(w[2]) for w in run]
    organisation = _is_organisation(words)
    title_words = next((p + _title_at(run, p) for p in range(len(run)) if _title_at(run, p)), 0)
    item = None
    if title_words and not organisation:
        title = " ".join(words[:title_words])
        rest = run[title_words:]
        after_of = bool(rest) and _bare(rest[0][2]) in joiners
        rest = [w for w in rest if _bare(w[2]) not in joiners] if after_of else rest
        joined = []
        for k, word in enumerate(rest):  # the name runs up to the next "of" or title
            if _bare(word[2]) in joiners or (k and _title_at(rest, k)) or _CAMEL.search(word[2]):
                break
            joined.append(word)
        if after_of:  # President of Ukraine Volodymyr Zelenskyy: the last two words
            joined = joined[-2:] if len(joined) >= 3 else []
        if len(joined) == 2 and _bare(joined[0][2]) == _bare(joined[1][2]):
            joined = []
        if joined:
            item = {"words": [_bare(w[2]) for w in joined], "title": title, "organisation": False,
                    "span": _span(joined)}
    elif organisation:
        item = {"words": words, "title": "", "organisation": True, "span": _span(run)}
    else:
        last = max([i for i, w in enumerate(words) if w in joiners], default=-1)
        part = run[last + 1:]
        if part:
            item = {"words": [_bare(w[2]) for w in part], "title": "", "organisation": False, "span": _span(part)}
    if item is not None:
        item["start"], item["end"] = item.pop("span")
        item["as_written"] = text[item["start"]:item["end"]]
    return item


def _candidates(text: str) -> list[dict]:
    """Name candidates of one text, each read both ways where its first word may be a sentence word.

    Such a candidate comes twice, with ``choice`` (that word in lower case) and ``if_lower``: the
    reading to keep when the set writes the word in lower case (``True``: the word dropped) and when
    it does not; every other candidate once, ``choice`` ``None``.
    """
    found = []
    for run in _runs(text):
        word = _sentence_word(run, text)
        plain = _item(_trim(run, False), text)
        dropped = _item(_trim(run, True), text) if word is not None else plain
        readings = [(None, plain)] if dropped == plain else [(True, dropped), (False, plain)]
        found.extend({**item, "choice": None if reading is None else word, "if_lower": reading}
                     for reading, item in readings if item is not None)
    return found


def name_candidates(articles: pd.DataFrame, *, cache: CacheArg = True) -> pd.DataFrame:
    """The name candidates of each article, before the set-level rules of :func:`find_people`.

    Columns (:data:`CANDIDATE_COLUMNS`): ``article_id``, ``sentence_id``, ``start``/``end``,
    ``as_written``, ``words`` (the name's words, bare, space-joined), ``title``, ``organisation``, and
    ``choice``/``if_lower``: a candidate whose first word may be a sentence word ("Police") comes in two
    readings, kept when the set does (``if_lower`` true: that word dropped) or does not write
    ``choice`` in lower case. Read from the per-article store (``cache``), computed for new articles only.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Later Ann Lee spoke. Mr Lee left."]})
    >>> name_candidates(frame)[["words", "title", "choice", "if_lower"]].values.tolist()
    [['Ann Lee', '', 'later', True], ['Later Ann Lee', '', 'later', False], ['Lee', 'Mr', <NA>, <NA>]]
    """
    if cache:
        return step_rows("name_candidates", articles, cache=cache)
    arts = english_only(articles)
    rows = []
    for article_id, text in zip(arts["article_id"].to_numpy(), arts["text"].fillna("").astype(str), strict=True):
        items = _candidates(text)
        tokens = article_tokens(text) if items else None
        rows.extend((article_id, tokens.sentence_of(i["start"]) if len(tokens.sentence_starts) else 0, i["start"],
                     i["end"], i["as_written"], " ".join(i["words"]), i["title"], i["organisation"], i["choice"],
                     i["if_lower"]) for i in items)
    types = {"sentence_id": "int64", "start": "int64", "end": "int64", "organisation": "bool", "if_lower": "boolean",
             **dict.fromkeys(["as_written", "words", "title", "choice"], "string")}
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS).astype(types)


def find_people(articles: pd.DataFrame, *, min_count: int = 2, sources: pd.DataFrame | None = None,
                cache: CacheArg = True) -> pd.DataFrame:
    """Every mention of a named person or organisation, one row per mention, under one name per person.

    Columns (:data:`PEOPLE_COLUMNS`): ``article_id``, ``outlet``, ``sentence_id``, ``start``/``end``
    (offsets of the name in ``text``, title left out), ``as_written``, ``name`` (the merged name, e.g.
    "Vladimir Putin" for "Putin" and "Mr Putin"), ``kind`` (``person`` or ``organisation``) and
    ``title`` (the title before it, if any). Rules: see the module docstring. Names seen fewer than
    ``min_count`` times in the set are left out. English articles only. ``sources``: the articles'
    :func:`analysis.attributions` rows, when already computed. Each article's candidates come from the
    per-article store (:func:`name_candidates`); what the whole set says about them is read here.

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Vladimir Putin spoke. Mr Putin left. Then Putin's aide said the Security Council met."]})
    >>> find_people(frame, min_count=1)[["as_written", "name", "kind"]].values.tolist()
    [['Vladimir Putin', 'Vladimir Putin', 'person'], ['Putin', 'Vladimir Putin', 'person'], \
['Putin', 'Vladimir Putin', 'person'], ['Security Council', 'Security Council', 'organisation']]
    """
    arts = english_only(articles)
    # the words the set writes in lower case ("police"), read once per distinct white-space piece (none holds a space)
    texts = pa.array(arts["text"].fillna("").astype(str).tolist(), type=pa.large_string())
    pieces = pc.unique(pc.ascii_split_whitespace(texts).flatten()).to_pylist()
    lower = frozenset(regex.findall(r"(?<![\p{L}'\-])\p{Ll}[\p{L}'\-]*", "\n".join(pieces)))
    found = name_candidates(arts, cache=cache)
    choice = found["choice"].to_numpy(dtype=object, na_value=None)
    keep = [c is None or (c in lower) == r for c, r in
            zip(choice, found["if_lower"].to_numpy(dtype=object, na_value=None), strict=True)]
    found = found[np.array(keep, dtype=bool)]
    items = list(zip(found["article_id"].to_numpy(), found["sentence_id"].to_numpy(), found["start"].to_numpy(),
                     found["end"].to_numpy(), found["as_written"].to_numpy(dtype=object),
                     [w.split() for w in found["words"].to_numpy(dtype=object)],
                     found["title"].to_numpy(dtype=object), found["organisation"].to_numpy(), strict=True))
    # what the whole set says about each name
    titled_words: set[str] = set()      # words seen as (the end of) a name after a title
    alone: Counter[str] = Counter()     # one-word names
    full: Counter[str] = Counter()      # names of two or more words
    acronyms: Counter[str] = Counter()
    for *_, words, title, organisation in items:
        if organisation:
            continue
        name = " ".join(words)
        if title:
            titled_words.add(words[-1])
        if len(words) == 1:
            (acronyms if _ACRONYM.match(name) else alone)[name] += 1
        else:
            full[name] += 1
    title_words = {w for t in _titles() for w in t}
    if sources is None:
        sources = find_attributions(arts, cache=cache) if len(arts) else pd.DataFrame(columns=["source", "source_kind"])
    cited = {n for n in sources.loc[sources["source_kind"] == "person", "source"].dropna().astype(str)
             if 1 < len(n.split()) <= 4 and not {w.lower() for w in n.split()} & title_words}
    persons = {n for n in full if len(n.split()) <= 4 and not {w.lower() for w in n.split()} & title_words
               and not _is_organisation(n.split())
               and (n.split()[-1] in titled_words or n in cited)}
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    for name in persons:
        by_surname[name.split()[-1]][name] += full[name]

    outlet_of = dict(zip(arts["article_id"], arts["outlet"], strict=True)) if "outlet" in arts else {}
    rows = []
    for article_id, article_items in groupby(items, key=lambda item: item[0]):
        article_items = list(article_items)
        here = Counter(" ".join(i[5]) for i in article_items if len(i[5]) > 1)
        for _, sentence_id, start, end, as_written, words, title, organisation in article_items:
            name, kind = " ".join(words), None
            if organisation:
                single = len(words) == 1
                kind = "organisation" if not single or name.lower() not in lower else None
            elif len(words) == 1 and _ACRONYM.match(name) and not title:
                kind = "organisation" if acronyms[name] >= 2 else None
            elif len(words) == 1 or title:
                options = by_surname.get(words[-1])
                if options and (len(words) == 1 or name not in persons):
                    local = [n for n in options if here[n]]
                    name = max(local or options, key=lambda n: (here[n], options[n], n))
                    kind = "person"
                elif (title and len(words) > 1) or name in persons:
                    kind = "person"
            elif name in persons:
                kind = "person"
            if kind is None:
                continue
            rows.append((article_id, outlet_of.get(article_id), sentence_id, start, end, as_written, name, kind, title))
    out = pd.DataFrame(rows, columns=PEOPLE_COLUMNS)
    if len(out):
        counts = out["name"].map(out["name"].value_counts())
        out = out[counts >= min_count].reset_index(drop=True)
    for column in ["as_written", "name", "kind", "title"]:
        out[column] = out[column].astype("string")
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def actor_table(articles: pd.DataFrame, *, by: str = "outlet", people: pd.DataFrame | None = None,
                sources: pd.DataFrame | None = None, min_count: int = 2, cache: CacheArg = True) -> pd.DataFrame:
    """Who is covered and who speaks, per group: one row per name and group, most mentioned first.

    Columns (:data:`ACTOR_TABLE_COLUMNS`): ``name``, ``kind``, ``group`` (the value of ``by``; ``all``
    for the whole set), ``mentions`` (name mentions), ``articles``, ``sentences`` (sentences that name
    or cite it), ``cited_sentences`` (sentences where it is a cited source in
    :func:`analysis.attributions`, a "he said" resolved to it included), ``share_cited`` (of
    ``sentences``: near 1 speaks whenever named, near 0 talked about) and ``forms`` (how the set writes
    it, most frequent first).

    Args:
        articles: article table.
        by: column to group by.
        people: :func:`find_people` rows, when already computed.
        sources: :func:`analysis.attributions` rows, when already computed.
        min_count: least mentions in the whole set.
        cache: read the per-article steps from the store (see :func:`find_people`).

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Maria Lopez said the march went on. The police arrested Lopez."]})
    >>> actor_table(frame, min_count=1).query("group == 'X'")[["name", "mentions", "cited_sentences", "share_cited"]].values.tolist()
    [['Maria Lopez', 2, 1, 0.5]]
    """
    arts = english_only(articles)
    sources = find_attributions(arts, cache=cache) if sources is None else sources
    people = find_people(arts, min_count=min_count, sources=sources, cache=cache) if people is None else people
    groups = arts.drop_duplicates("article_id").set_index("article_id")[by] if by in arts else None
    top = people.groupby(["name", "as_written"], sort=False, observed=True).size().rename("n").reset_index()
    top = top.assign(first=np.arange(len(top))).sort_values(["name", "n", "first"], ascending=[True, False, True])
    top = top.groupby("name", sort=False, observed=True).head(5)  # value_counts' order: most used first, then first used
    pairs = groupby(zip(top["name"].tolist(), top["as_written"].tolist(), strict=True), key=lambda pair: pair[0])
    forms = {name: "; ".join(form for _, form in group) for name, group in pairs}
    kinds = people.groupby("name")["kind"].first().to_dict()
    surname: dict[str, str] = {}
    for name in people.loc[people["kind"] == "person", "name"].unique():
        surname.setdefault(str(name).split()[-1], str(name))
    known = set(kinds)
    cited = sources[["article_id", "sentence_id", "source"]].copy()
    cited["name"] = [s if s in known else surname.get(str(s).split()[-1]) if str(s).split() else None
                     for s in cited["source"].astype(str)]
    cited = cited.dropna(subset=["name"])
    named = people[["article_id", "sentence_id", "name"]]
    rows = []
    for label, part_people, part_cited in _by_group(named, cited, groups):
        mentions = part_people.groupby("name").size()
        n_articles = pd.concat([part_people, part_cited])[["name", "article_id"]].drop_duplicates() \
            .groupby("name").size().to_dict()
        sentences = pd.concat([part_people, part_cited[["article_id", "sentence_id", "name"]]]) \
            .drop_duplicates().groupby("name").size().to_dict()
        cited_n = part_cited[["article_id", "sentence_id", "name"]].drop_duplicates().groupby("name").size().to_dict()
        for name, n_mentions in mentions.items():
            total = int(sentences.get(name, 0))
            n_cited = int(cited_n.get(name, 0))
            rows.append((name, kinds[name], label, int(n_mentions), int(n_articles.get(name, 0)), total, n_cited,
                         n_cited / total if total else np.nan, forms.get(name, "")))
    out = pd.DataFrame(rows, columns=ACTOR_TABLE_COLUMNS)
    out = out.sort_values(["group", "mentions", "name"], ascending=[True, False, True], ignore_index=True)
    for column in ["name", "kind", "forms"]:
        out[column] = out[column].astype("string")
    return out


def _by_group(named: pd.DataFrame, cited: pd.DataFrame, groups: pd.Series | None):
    """``(label, people rows, cited rows)`` for the whole set (``all``) and for each group."""
    yield "all", named, cited
    if groups is None:
        return
    people_group = named["article_id"].map(groups)
    cited_group = cited["article_id"].map(groups)
    for label in pd.unique(groups.dropna().to_numpy()):
        yield label, named[people_group == label], cited[cited_group == label]


def people_to_actors(table: pd.DataFrame, *, top: int = 12, kinds: tuple[str, ...] = ("person", "organisation")
                     ) -> pd.DataFrame:
    """The ``top`` most mentioned names of an :func:`actor_table` as an actor table for :func:`analysis.actor_sentiment`.

    Columns ``actor``, ``alias``, ``match``, ``case_sensitive`` (see :func:`analysis.load_actors`): each
    form the set writes becomes an alias, matched as a case-sensitive phrase ("Putin" is not "putting"),
    and for a person the last word alone too ("Lopez" for "Maria Lopez").

    >>> t = pd.DataFrame({"name": ["Maria Lopez"], "kind": ["person"], "group": ["all"], "mentions": [2],
    ...                   "forms": ["Maria Lopez; Lopez"]})
    >>> people_to_actors(t).values.tolist()
    [['Maria Lopez', 'Maria Lopez', 'phrase', True], ['Maria Lopez', 'Lopez', 'phrase', True]]
    """
    columns = ["actor", "alias", "match", "case_sensitive"]
    overall = table[(table["group"] == "all") & table["kind"].isin(kinds)]
    overall = overall.sort_values(["mentions", "name"], ascending=[False, True]).head(top)
    rows = []
    for name, kind, forms in overall[["name", "kind", "forms"]].itertuples(index=False):
        aliases = [str(name), *[f.strip() for f in str(forms).split(";")]]
        if kind == "person":
            aliases.append(str(name).split()[-1])
        for alias in dict.fromkeys(a for a in aliases if a):
            rows.append((str(name), alias, "phrase", True))
    return pd.DataFrame(rows, columns=columns)
