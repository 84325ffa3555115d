"""Defaults chosen from the article set: the term, the split date, the naming concept, the category, the actors.

Notebook parameters that name a story (``term``, ``split_date``, ``concept``, ``kwic_category``,
actors) default to ``None``, meaning "chosen from this set". Each ``choose_*`` function takes the
value the user set (or ``None``) and returns a :class:`Choice`: the value to use (``None`` when the
set offers nothing to choose from) and one sentence saying what was chosen, why, and which
parameter changes it. A value the user set is kept as it is.

- :func:`choose_term`: the set's most characteristic word: keyness (G²) of the set's English words
  against general news English (``analysis/data/reference_counts.csv``: New York Times editorial
  sentences), among words in at least a fifth of the articles.
- :func:`choose_terms`: the few most characteristic words, for side-by-side tables.
- :func:`choose_split_date`: the median publication day, so that both periods hold articles.
- :func:`choose_concept`: the shipped naming concept with the most hits in the set.
- :func:`choose_category`: the loaded-terms category with the most hits in the outlets' own voice.
- :func:`choose_actors`: the shipped actors the set names, plus its most cited sources, plus names
  passed as ``people`` (the one place where names discovered in the set join the actor table).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .frequencies import g2
from .tokens import english_only, stopwords, token_table

__all__ = ["Choice", "REFERENCE_PATH", "choose_actors", "choose_category", "choose_concept", "choose_split_date",
           "choose_term", "choose_terms", "reference_counts"]

REFERENCE_PATH = DATA_DIR / "reference_counts.csv"


class Choice(NamedTuple):
    """A value chosen for the user (or kept as the user set it) and the sentence that says so."""

    value: object
    sentence: str


@lru_cache(maxsize=1)
def reference_counts() -> tuple[dict[str, int], int]:
    """Word counts of the shipped general-English reference and its total number of words.

    >>> counts, total = reference_counts()
    >>> counts["the"] > counts["council"], total > 40_000
    (True, True)
    """
    lines = [line for line in REFERENCE_PATH.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    counts = {row["term"]: int(row["count"]) for row in rows}
    total = counts.pop("total_words")
    return counts, total


def _content_terms(articles: pd.DataFrame) -> pd.DataFrame:
    """Tokens of the English articles that can name a story: letters only, 3+ characters, no stop word."""
    tokens = token_table(english_only(articles))
    words = tokens["token"].astype(str)
    keep = words.str.len().ge(3) & words.str.fullmatch(r"[^\W\d_][\w'-]*[^\W\d_]") & ~words.isin(stopwords())
    return tokens[keep.to_numpy()]


def _characteristic(articles: pd.DataFrame) -> pd.DataFrame:
    """Content words ranked by keyness against the reference, most characteristic first.

    Columns ``term``, ``count``, ``articles``, ``reference_count``, ``g2``, ``log_ratio``; only words
    more frequent than in the reference and found in at least a fifth of the English articles
    (at least two when there are two or more).
    """
    english = english_only(articles)
    tokens = _content_terms(articles)
    columns = ["term", "count", "articles", "reference_count", "g2", "log_ratio"]
    if tokens.empty:
        return pd.DataFrame(columns=columns)
    table = tokens.groupby("token", observed=True).agg(count=("article_id", "size"),
                                                       articles=("article_id", "nunique"))
    n_articles = english["article_id"].nunique()
    table = table[table["articles"] >= max(1, min(2, n_articles), math.ceil(0.2 * n_articles))]
    reference, ref_total = reference_counts()
    total = float(english["n_words"].sum()) if "n_words" in english else float(len(tokens))
    total = max(total, float(table["count"].sum()) if len(table) else 1.0)
    a = table["count"].to_numpy(dtype="float64")
    b = np.array([reference.get(t, 0) for t in table.index], dtype="float64")
    stat = g2(a, b, total - a, ref_total - b)
    ratio = np.log2((a / total) / (np.where(b == 0, 0.5, b) / ref_total))
    out = pd.DataFrame({"term": table.index.astype(str), "count": table["count"].to_numpy(),
                        "articles": table["articles"].to_numpy(), "reference_count": b.astype("int64"),
                        "g2": stat, "log_ratio": ratio})
    out = out[out["log_ratio"] > 0]
    return out.sort_values(["g2", "count", "term"], ascending=[False, False, True], ignore_index=True)[columns]


def choose_term(articles: pd.DataFrame, term: str | None = None) -> Choice:
    """The term a notebook shows: ``term`` if set, else the set's most characteristic word.

    Characteristic means the highest keyness (G²) against general news English (the shipped
    reference, :data:`REFERENCE_PATH`), among words more frequent in the set than there and found in
    at least a fifth of the English articles. ``None`` (with a sentence saying why) when the set has
    no English content word.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "language": ["en", "en"], "n_words": [9, 8],
    ...     "text": ["Residents marched against the depot closure on Main Street.",
    ...              "The depot closure angered residents; the depot stays shut."]})
    >>> choose_term(frame).value
    'depot'
    """
    if term:
        return Choice(term, f"Showing '{term}', as set in the parameters (`term`).")
    ranked = _characteristic(articles)
    if ranked.empty:
        return Choice(None, "The set has no English word to choose a term from, so the sections about one term are "
                            "skipped. Set `term` to choose one.")
    best = ranked.iloc[0]
    return Choice(str(best["term"]), f"Showing '{best['term']}' — the set's most characteristic term ({best['count']} "
                                     f"times in {_articles(best['articles'])}, against general news English). Set "
                                     "`term` to choose another.")


def choose_terms(articles: pd.DataFrame, terms: Sequence[str] | None = None, *, n: int = 5) -> Choice:
    """Terms for side-by-side tables: ``terms`` if set, else the ``n`` most characteristic words (see :func:`choose_term`).

    >>> frame = pd.DataFrame({"article_id": ["a"], "n_words": [6], "text": ["Depot closure: depot workers protest."]})
    >>> choose_terms(frame, n=2).value
    ['depot', 'closure']
    """
    if terms:
        return Choice(list(terms), f"Comparing {', '.join(repr(t) for t in terms)}, as set in the parameters.")
    ranked = _characteristic(articles).head(n)
    if ranked.empty:
        return Choice([], "The set has no English word to compare, so the side-by-side tables are skipped.")
    chosen = ranked["term"].tolist()
    return Choice(chosen, f"Comparing the set's {len(chosen)} most characteristic terms "
                          f"({', '.join(repr(t) for t in chosen)}). Set `terms_of_interest` to choose others.")


def _articles(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


def _day(value: pd.Timestamp) -> str:
    return f"{value:%d %B %Y}".lstrip("0")


def choose_split_date(articles: pd.DataFrame, split_date: str | None = None) -> Choice:
    """The date that splits the set into an earlier and a later period.

    ``split_date`` if set (any date pandas reads); else the median publication day, moved so that
    both periods hold articles. ``None`` when the set is undated or all its articles are from one
    day (the comparison of two periods is then skipped), or when a date set by the user leaves one
    period empty. The value is a UTC :class:`pandas.Timestamp`: "before" is ``published < value``.

    >>> frame = pd.DataFrame({"published": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-09"], utc=True)})
    >>> choose_split_date(frame).value
    Timestamp('2024-05-02 00:00:00+0000', tz='UTC')
    """
    dates = pd.to_datetime(articles["published"], utc=True) if "published" in articles else pd.Series(dtype="datetime64[ns, UTC]")
    dates = dates.dropna()
    if split_date:
        cut = pd.Timestamp(split_date)
        cut = cut.tz_localize("UTC") if cut.tzinfo is None else cut.tz_convert("UTC")
        before, after = int((dates < cut).sum()), int((dates >= cut).sum())
        if not before or not after:
            return Choice(None, f"No dated article is {'before' if not before else 'on or after'} {_day(cut)} (the "
                                "`split_date` set in the parameters), so the two periods are not compared.")
        return Choice(cut, f"Splitting at {_day(cut)}, as set in the parameters (`split_date`): {_articles(before)} "
                           f"before, {after} on or after.")
    if dates.empty:
        return Choice(None, "No article of the set has a publication date, so the two periods are not compared.")
    days = dates.dt.floor("D")
    if days.nunique() < 2:
        return Choice(None, f"All dated articles are from {_day(days.iloc[0])}, so there are no two periods to compare.")
    unique = np.sort(days.unique())
    median = days.sort_values().iloc[len(days) // 2]
    cut = median if median > unique[0] else unique[1]
    before, after = int((dates < cut).sum()), int((dates >= cut).sum())
    undated = len(articles) - len(dates)
    note = f" ({_articles(undated)} without a date left out)" if undated else ""
    return Choice(cut, f"Splitting at {_day(cut)}, the median publication day: {_articles(before)} before, {after} "
                       f"on or after{note}. Set `split_date` to choose another date.")


def choose_concept(contests: pd.DataFrame, concept: str | None = None) -> Choice:
    """The naming concept to show: ``concept`` if set, else the one with the most hits in ``contests``.

    ``contests`` is the table of :func:`analysis.naming.naming_contests` (columns ``concept``, ``hits``).

    >>> contests = pd.DataFrame({"concept": ["capital", "the war", "the war"], "hits": [2, 5, 1]})
    >>> choose_concept(contests).value
    'the war'
    """
    hits = contests.groupby("concept")["hits"].sum() if len(contests) else pd.Series(dtype="int64")
    if concept:
        if concept not in hits.index:
            return Choice(concept, f"No name of the concept '{concept}' (set in the parameters) occurs in this set.")
        return Choice(concept, f"Showing the names for '{concept}', as set in the parameters (`concept`).")
    hits = hits[hits > 0]
    if hits.empty:
        return Choice(None, "None of the competing names of the naming table occurs in this set, so the naming "
                            "sections are skipped. Add your own concepts with `naming_path`.")
    ordered = hits.sort_values(ascending=False, kind="stable")
    others = f"; the others found are {', '.join(repr(c) for c in ordered.index[1:4])}" if len(ordered) > 1 else ""
    return Choice(str(ordered.index[0]), f"Showing the names for '{ordered.index[0]}', the concept with the most "
                                         f"hits in this set ({int(ordered.iloc[0])}{others}). Set `concept` to "
                                         "choose another.")


def choose_category(hits: pd.DataFrame, category: str | None = None) -> Choice:
    """The loaded-terms category to read lines of: ``category`` if set, else the most frequent in the outlets' own voice.

    ``hits`` is the table of :func:`analysis.loaded_terms.find_loaded_terms` (columns ``category``, ``voice``);
    falls back to the most frequent category in any voice.

    >>> hits = pd.DataFrame({"category": ["hedge", "hedge", "pejorative"], "voice": ["quoted", "quoted", "own"]})
    >>> choose_category(hits).value
    'pejorative'
    """
    if category:
        return Choice(category, f"Reading the '{category}' lines, as set in the parameters.")
    if hits.empty:
        return Choice(None, "No entry of the lexicon occurs in this set, so there are no lines to read.")
    own = hits[hits["voice"] == "own"] if "voice" in hits else hits.iloc[:0]
    pool, where = (own, "in the outlets' own voice") if len(own) else (hits, "in any voice")
    counts = pool["category"].astype(str).value_counts()
    return Choice(str(counts.index[0]), f"Reading the '{counts.index[0]}' lines, the category with the most hits "
                                        f"{where} ({int(counts.iloc[0])}). Set `kwic_category` to choose another.")


def choose_actors(
    articles: pd.DataFrame,
    actors: str | Path | pd.DataFrame | None = None,
    *,
    sources: pd.DataFrame | None = None,
    people: Sequence[str] | pd.DataFrame | None = None,
    top_sources: int = 5,
) -> Choice:
    """The actor table for sentiment by actor: the user's file if set, else what this set talks about.

    Without ``actors``: the shipped actors (:func:`analysis.actors.load_actors`) named at least
    once in the set's English text, plus the ``top_sources`` most cited named sources of
    ``sources`` (the table of :func:`analysis.sources.attributions`, persons and organisations, each
    cited in at least two sentences), plus ``people``: names found in the set by another step, as a
    list of names (matched as phrases) or as an actor table such as
    :func:`analysis.people.people_to_actors` gives (its aliases kept). This argument is the one place
    where discovered names join the table; a name already in it (by any alias) is not added twice.
    The value is an actor table (``actor``, ``alias``, ``match``, ``case_sensitive``), possibly empty.

    >>> frame = pd.DataFrame({"article_id": ["a"], "language": ["en"], "text": ["NATO met. Mayor Jane Doe spoke."]})
    >>> choose_actors(frame, people=["Jane Doe"]).value["actor"].unique().tolist()
    ['NATO', 'Jane Doe']
    """
    from .actors import load_actors
    from .patterns import compile_pattern
    from .sources import starts_with_role  # titles alone ("President", "Head of State") are not actors

    if actors is not None:
        table = load_actors(actors)
        where = "the actor table given" if isinstance(actors, pd.DataFrame) else f"{Path(actors).name}"
        return Choice(table, f"Actors from {where}: {', '.join(dict.fromkeys(table['actor']))}.")
    shipped = load_actors()
    text = "\n".join(english_only(articles)["text"].fillna("").astype(str))
    named = [actor for actor, part in shipped.groupby("actor", sort=False)
             if any(compile_pattern(a, m, case_sensitive=bool(c)).search(text)
                    for a, m, c in zip(part["alias"], part["match"], part["case_sensitive"], strict=True))]
    table = shipped[shipped["actor"].isin(named)]
    cited: list[str] = []
    if sources is not None and len(sources):
        named_sources = sources[sources["source_kind"].astype(str).isin(["person", "organisation/media"])]
        counts = named_sources["source"].astype(str).value_counts()
        known = [compile_pattern(a, m, case_sensitive=bool(c))
                 for a, m, c in zip(table["alias"], table["match"], table["case_sensitive"], strict=True)]
        cited = [s for s in counts[counts >= 2].index
                 if not starts_with_role(s) and not any(p.search(s) for p in known)][:top_sources]
    people_table = (load_actors(people) if isinstance(people, pd.DataFrame) and len(people) else
                    pd.DataFrame({"actor": list(people or []), "alias": list(people or []), "match": "phrase",
                                  "case_sensitive": False}) if not isinstance(people, pd.DataFrame) else None)
    known_patterns = [compile_pattern(a, m, case_sensitive=bool(c))
                      for a, m, c in zip(table["alias"], table["match"], table["case_sensitive"], strict=True)]
    taken = set(table["actor"]) | set(cited)
    found = [p for p in dict.fromkeys(people_table["actor"]) if p not in taken
             and not any(k.fullmatch(p) for k in known_patterns)] if people_table is not None else []
    extra = pd.DataFrame({"actor": cited, "alias": cited, "match": "phrase", "case_sensitive": False})
    parts_tables = [table, extra] + ([people_table[people_table["actor"].isin(found)]] if found else [])
    table = pd.concat(parts_tables, ignore_index=True)
    if table.empty:
        return Choice(table, "No shipped actor is named in this set and no source is cited twice, so there is no "
                             "actor to show. Set `actors_path` to a table of your own.")
    parts = []
    if named:
        parts.append(f"the shipped actors it names ({', '.join(named)})")
    if cited:
        parts.append(f"its most cited sources ({', '.join(cited)})")
    if found:
        parts.append(f"names found in it ({', '.join(found)})")
    return Choice(table, f"Actors chosen from this set: {' and '.join(parts)}. Set `actors_path` to a table of your "
                         "own.")
