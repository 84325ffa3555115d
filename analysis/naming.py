"""Naming contests: which of the competing names for the same thing each outlet uses, and in whose voice.

"war" or "special military operation", "Kyiv" or "Kiev": the names are a shipped, editable lexicon
(``analysis/data/lexicons/naming.csv``) whose category is written ``concept: variant``; hits come from
:func:`analysis.loaded_terms.find_loaded_terms`, so matching and voice follow the loaded-terms rules exactly.
"""

from __future__ import annotations

import pandas as pd

from .cache import CacheArg
from .lexicons import LexiconError, LexiconLike, resolve_lexicon
from .loaded_terms import find_loaded_terms
from .rates import article_groups
from .store import step_rows

__all__ = ["NAMING_COLUMNS", "VOICE_COLUMNS", "count_naming_hits", "find_naming_variants", "naming_contests",
           "naming_table"]

NAMING_COLUMNS = ["concept", "variant", "hits", "own_voice", "quoted", "scare_quoted", "attributed", "negated",
                  "articles", "share", "own_share"]


def naming_table(naming: LexiconLike = None) -> pd.DataFrame:
    """The naming lexicon, every category checked to read ``concept: variant`` (errors name file and line).

    Args:
        naming: a naming table, a shipped name, a file, or a list of names and files; default the shipped ``naming``.

    >>> naming_table(pd.DataFrame({"term": ["Kyiv"], "category": ["capital: Kyiv"]}))["category"].tolist()
    ['capital: Kyiv']
    """
    table = resolve_lexicon(naming, "naming")
    for position, category in enumerate(table["category"].astype(str)):
        concept, _, variant = category.partition(":")
        if not concept.strip() or not variant.strip():
            where = (f"{table['source'].iloc[position]}, line {table['line'].iloc[position]}"
                     if {"source", "line"} <= set(table.columns) else f"naming table, row {position}")
            raise LexiconError(f"{where}: category {category!r} is not written 'concept: variant'")
    return table


def find_naming_variants(articles: pd.DataFrame, naming: LexiconLike = None, *, cache: CacheArg = True) -> pd.DataFrame:
    """Every use of a competing name, one row per hit, with its ``concept``, ``variant`` and voice.

    The columns of :func:`analysis.loaded_terms.find_loaded_terms` (offsets, sentence, ``voice``...)
    plus ``concept`` and ``variant``, split from the lexicon's ``concept: variant`` category.

    Args:
        articles: article table (``article_id``, ``text``; ``title``, ``outlet``, ``published`` if present).
        naming: a naming table (``term``, ``category`` as ``concept: variant``, optional ``match``), a shipped
            name, a file, or a list of names and files; default the shipped ``naming``.
        cache: ``True`` reads and keeps each article's hits in the per-article store
            (:func:`analysis.steps.per_article`: only articles not stored before are read), ``False``
            computes them all, ``"refresh"`` computes and replaces them.

    >>> frame = pd.DataFrame({"article_id": ["a"], "text": ["Shelling of Kiev went on."]})
    >>> find_naming_variants(frame)[["concept", "variant", "voice"]].values.tolist()
    [['capital', 'Kiev', 'own']]
    """
    table = naming_table(naming)
    if cache:
        return step_rows("naming", articles, {"naming": table}, cache=cache)
    hits = find_loaded_terms(articles, table, cache=False)
    concept, variant = _split_category(hits["category"])
    position = hits.columns.get_loc("category") + 1
    hits.insert(position, "concept", concept)
    hits.insert(position + 1, "variant", variant)
    return hits


def _split_category(categories: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``concept`` and ``variant`` of ``concept: variant`` categories, as strings."""
    parts = categories.astype(str).str.split(":", n=1)
    return parts.str[0].str.strip().astype("string"), parts.str[1].str.strip().astype("string")


#: The voices a naming contest counts (:func:`analysis.voice.voice_of`), and the column of each.
VOICE_COLUMNS = {"own": "own_voice", "quoted": "quoted", "scare_quoted": "scare_quoted", "attributed": "attributed",
                 "negated": "negated"}


def count_naming_hits(hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Uses of each name per group: the counts behind :func:`naming_contests`.

    One row per group × concept × variant with hits: ``hits``, ``articles`` (the group's articles using
    it) and the hits in each voice (``own_voice``, ``quoted``, ``scare_quoted``, ``attributed``,
    ``negated``). Counts of disjoint sets of articles add up, so a set counted in partitions is the sum of
    the partitions' counts (:func:`analysis.pipeline.run_pipeline`).

    Args:
        hits: :func:`find_naming_variants` rows (``article_id``, ``concept``, ``variant``, ``voice``).
        articles: the article table they came from (``article_id`` and ``by``).
        by: article column to group by.

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["U"], "text": ["The war, the war."]})
    >>> count_naming_hits(find_naming_variants(frame), frame)[["outlet", "variant", "hits", "articles"]].values.tolist()
    [['U', 'war', 2, 1]]
    """
    groups = article_groups(articles, by)
    frame = pd.DataFrame({by: hits["article_id"].map(groups).to_numpy(), "concept": hits["concept"].to_numpy(),
                          "variant": hits["variant"].to_numpy(), "article_id": hits["article_id"].to_numpy(),
                          "voice": hits["voice"].astype(str).to_numpy()})
    keys = [by, "concept", "variant"]
    counts = frame.groupby(keys, dropna=False).agg(hits=("article_id", "size"), articles=("article_id", "nunique"))
    voices = pd.crosstab([frame[k] for k in keys], frame["voice"]) if len(frame) else pd.DataFrame()
    for voice, column in VOICE_COLUMNS.items():
        counts[column] = voices[voice].reindex(counts.index, fill_value=0).to_numpy() if voice in voices else 0
    return counts.reset_index()


def naming_contests(articles: pd.DataFrame, naming: LexiconLike = None, *, by: str = "outlet",
                    hits: pd.DataFrame | None = None, counted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which name each group uses for each contested thing, how often, and in whose voice.

    One row per group × concept × variant (variants a group never uses included, at zero): ``hits``,
    hits by voice (``own_voice``, ``quoted``, ``scare_quoted``, ``attributed``, ``negated``; see
    :func:`analysis.loaded_terms.find_loaded_terms`), ``articles`` (the group's articles using the variant),
    ``share`` (the variant's share of the group's hits for the concept) and ``own_share`` (its share
    of the group's own-voice hits for the concept; empty when the group has none).

    Args:
        articles: article table.
        naming: naming table, shipped name, file or list (see :func:`find_naming_variants`).
        by: article column to group by.
        hits: the articles' :func:`find_naming_variants` rows, when already computed (the pipeline
            finds them per partition); ``articles`` then needs no text.
        counted: those rows already counted (:func:`count_naming_hits` of them, or its sum over
            partitions of the articles: the pipeline's way), instead of ``hits``.

    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["K", "U"],
    ...                       "text": ["The special military operation goes on.", "The war goes on."]})
    >>> naming_contests(frame).query("concept == 'the war' and hits > 0")[["outlet", "variant", "own_share"]].values.tolist()
    [['K', 'special military operation', 1.0], ['U', 'war', 1.0]]
    """
    table = naming_table(naming)
    if counted is None:
        hits = find_naming_variants(articles, table) if hits is None else hits
        counted = count_naming_hits(hits, articles, by=by)
    groups = article_groups(articles, by)
    keys = [by, "concept", "variant"]
    concepts, names = _split_category(table["category"])
    variants = pd.DataFrame({"concept": concepts, "variant": names}).drop_duplicates()
    grid = pd.MultiIndex.from_tuples(
        [(g, c, v) for g in pd.unique(groups.to_numpy()) for c, v in variants.itertuples(index=False)], names=keys)
    out = counted.set_index(keys).reindex(grid, fill_value=0)
    out = out.reset_index()
    total = out.groupby([by, "concept"], dropna=False)["hits"].transform("sum")
    own_total = out.groupby([by, "concept"], dropna=False)["own_voice"].transform("sum")
    out["share"] = out["hits"] / total.where(total > 0)
    out["own_share"] = out["own_voice"] / own_total.where(own_total > 0)
    out = out[[by, *NAMING_COLUMNS]]
    for column in ["concept", "variant"]:
        out[column] = out[column].astype("string")
    return out.astype({c: "int64" for c in NAMING_COLUMNS[2:9]})


