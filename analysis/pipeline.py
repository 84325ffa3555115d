"""The whole analysis in partitions: load → tokenize → frequencies → sentiment → loaded terms → framing.

:func:`run_pipeline` splits an article set into partitions of a few thousand articles and runs
:func:`process_partition` — the same package functions the notebooks call — on each, with Dask:
the local process scheduler by default (all cores), or an existing ``dask.distributed`` cluster
(``scheduler="tcp://host:8786"`` or a ``Client``). Each partition tokenizes its articles once and
every step reuses the tokens. Per-article results are read from the one per-article store the public
functions use (:func:`analysis.steps.per_article`), keyed by each article's content and by the key of
the step that produced them (:mod:`analysis.steps`: its version, code, data and lexicons), so adding
articles to a set and re-running processes only the new ones, and editing a lexicon recomputes
only the steps that use it. Partial results are combined into the same tables the notebooks show.

Memory follows the partition, not the set: a worker of the local scheduler runs one task at a time and
is replaced by a fresh process every :data:`TASKS_PER_WORKER` tasks, and empties its token and
sentence-score memos after each partition; word counts, naming and frame hits leave it as counts per group
(:func:`partial_aggregates`), summed by Dask in a tree of :func:`add_partials` tasks. What the driver
keeps grows with the set only by the tables returned row by row — ``articles``, ``sentiment`` (one
row per article), ``loaded_terms`` and ``attributions`` (one per hit, with its sentence) — about
220 MB at 100,000 articles of press releases.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import steps
from .cache import CacheArg, cache_from_use_cache
from .frames import frame_shares
from .lexicons import load_lexicon, resolve_lexicon
from .load import load_articles
from .loaded_terms import loaded_term_rates
from .memos import clear_memos
from .naming import count_naming_hits, naming_contests
from .rates import count_hits
from .sentiment import summarize_sentiment
from .workers import process_pool

__all__ = ["run_pipeline", "process_partition", "partial_aggregates", "add_partials", "step_versions",
           "LIGHT_COLUMNS", "PARTIAL_TABLES", "SPLIT_EVERY", "TASKS_PER_WORKER"]

#: Article columns kept for aggregation (everything but the texts).
LIGHT_COLUMNS = ["article_id", "outlet", "title", "published", "language", "n_words"]


def step_versions(lexicon: pd.DataFrame, naming: pd.DataFrame, frames: pd.DataFrame) -> dict[str, str]:
    """The key of each stored step's results besides the article (:func:`analysis.steps.step_key`).

    It covers the step's explicit version, the code of every module it runs, the data files and lexicon
    tables it reads and the steps it builds on: changing the loaded-terms lexicon changes only
    ``loaded_terms``; editing ``concordance.py`` changes every step that matches text.
    """
    tables = {"loaded_terms": lexicon, "naming": naming, "frames": frames}
    return steps.step_keys(tables, steps.PIPELINE_STEPS)


def process_partition(
    articles: pd.DataFrame,
    *,
    lexicon: pd.DataFrame,
    naming: pd.DataFrame,
    frames: pd.DataFrame,
    by: str = "outlet",
    cache: CacheArg = True,
    use_cache: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """Every per-article result for one partition of articles (each article tokenized once).

    Returns ``term_counts`` (summed per group: ``by``, term, count, articles), ``sentiment``
    (article level), ``loaded_terms``, ``naming`` and ``frames`` (hits; naming and frames with only
    the columns the group tables need) and ``attributions``, keyed by ``article_id``, plus
    ``articles`` (the partition without its texts, for the aggregations). :func:`run_pipeline` counts
    the naming and frame hits per group before they leave the worker (:func:`partial_aggregates`).

    ``cache``: ``True`` reuses stored per-article results, ``False`` neither reads nor stores them,
    ``"refresh"`` computes them again and stores them. ``use_cache`` is its deprecated name.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "title": ["T"], "published": [pd.NaT],
    ...     "language": ["en"], "n_words": [5], "text": ["Putin's brutal regime waged war."]})
    >>> tables = (load_lexicon("loaded_terms"), load_lexicon("naming"), load_lexicon("frames"))
    >>> out = process_partition(arts, lexicon=tables[0], naming=tables[1], frames=tables[2], cache=False)
    >>> out["loaded_terms"]["matched"].tolist(), out["naming"]["variant"].tolist()
    (['brutal', 'regime'], ['war'])
    """
    cache = cache_from_use_cache(use_cache, cache, where="process_partition")
    tables = {"loaded_terms": lexicon, "naming": naming, "frames": frames}
    # The same store and route as the public functions the notebooks call (analysis.steps.per_article).
    out = {name: steps.per_article(name, articles, tables, cache=cache) for name in steps.PIPELINE_STEPS}
    light = articles[[c for c in dict.fromkeys([*LIGHT_COLUMNS, by]) if c in articles]]
    # Keep what leaves the worker small, so memory follows the partition size, not the set size:
    # word counts summed per group, and only the columns the group tables use for naming and frames.
    groups = light.set_index("article_id")[by]
    counts = out["term_counts"].assign(**{by: lambda f: f["article_id"].map(groups)})
    out["term_counts"] = counts.groupby([by, "term"], observed=True).agg(
        count=("count", "sum"), articles=("article_id", "size")).reset_index()
    out["naming"] = out["naming"][["article_id", "category", "concept", "variant", "voice"]]
    out["frames"] = out["frames"][["article_id", "category"]]
    out["articles"] = light
    # This partition's tokens and sentence scores are not needed again: a worker's memory follows the
    # partition, not the number of partitions it has run (the score memo alone reaches ~150 MB per worker).
    clear_memos("tokens", "sentiment")
    return out


def _partitions(source: Any, partition_size: int, progress: bool):
    """A Dask DataFrame of the articles, in partitions of about ``partition_size`` articles."""
    import dask.dataframe as dd

    if isinstance(source, dd.DataFrame):
        return source
    if isinstance(source, (str, os.PathLike)) and (Path(source).suffix == ".parquet" or (
            Path(source).is_dir() and any(Path(source).glob("*.parquet")))):
        return dd.read_parquet(source, blocksize=None)
    articles = source if isinstance(source, pd.DataFrame) else load_articles(source, progress=progress)
    n = max(1, math.ceil(len(articles) / partition_size))
    return dd.from_pandas(articles.reset_index(drop=True), npartitions=n, sort=False)


#: The tables of :func:`process_partition` that are summed over partitions (in a Dask tree, a few at a
#: time) rather than kept: word counts per group and term, uses of each name per group and voice,
#: frame-cue counts per group and frame.
PARTIAL_TABLES = ("term_counts", "naming", "frames")

#: How many partial aggregates one task of the tree reduction adds up.
SPLIT_EVERY = 8


def add_partials(partials: Sequence[dict[str, pd.DataFrame]], *, by: str) -> dict[str, pd.DataFrame]:
    """Add up the partial aggregates of several partitions (or of earlier sums): one small table per name.

    Word counts are summed per group and term (``count``, and ``articles``: articles are in one
    partition each, so their counts add up), uses of names per group, concept and variant (the columns of
    :func:`analysis.naming.count_naming_hits`) and frame-cue counts per group and frame (``hits`` and
    ``articles_with_hits`` of :func:`analysis.rates.count_hits`). The result is again a partial
    aggregate, so sums of sums give the same table (the tree reduction in :func:`run_pipeline`).

    >>> a = {"term_counts": pd.DataFrame({"outlet": ["K"], "term": ["war"], "count": [2], "articles": [1]}),
    ...      "naming": pd.DataFrame({"outlet": ["K"], "concept": ["the war"], "variant": ["war"], "hits": [1]}),
    ...      "frames": pd.DataFrame({"outlet": ["K"], "category": ["Economic"], "hits": [3], "articles_with_hits": [1]})}
    >>> summed = add_partials([a, a], by="outlet")
    >>> summed["term_counts"].values.tolist(), summed["frames"].values.tolist()
    ([['K', 'war', 4, 2]], [['K', 'Economic', 6, 2]])
    """
    counts = pd.concat([p["term_counts"] for p in partials], ignore_index=True)
    summed = counts.groupby([by, "term"], observed=True).agg(count=("count", "sum"), articles=("articles", "sum"))
    names = pd.concat([p["naming"] for p in partials], ignore_index=True)
    names = names.groupby([by, "concept", "variant"], observed=True, dropna=False).sum()
    cues = pd.concat([p["frames"] for p in partials], ignore_index=True)
    cues = cues.groupby([by, "category"], observed=True, dropna=False)[["hits", "articles_with_hits"]].sum()
    return {"term_counts": summed.reset_index(), "naming": names.reset_index(), "frames": cues.reset_index()}


def partial_aggregates(part: dict[str, pd.DataFrame], *, by: str) -> dict[str, pd.DataFrame]:
    """The partial aggregates of one partition's :func:`process_partition` results (what :func:`add_partials` adds).

    Word counts as they are (already per group), naming hits counted per group, concept, variant and
    voice (:func:`analysis.naming.count_naming_hits`), frame cues per group and frame
    (:func:`analysis.rates.count_hits`): tables whose size follows the vocabulary and lexicons, not the articles.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["U"], "title": [""], "published": [pd.NaT],
    ...     "language": ["en"], "n_words": [4], "text": ["The war goes on."]})
    >>> tables = (load_lexicon("loaded_terms"), load_lexicon("naming"), load_lexicon("frames"))
    >>> part = process_partition(arts, lexicon=tables[0], naming=tables[1], frames=tables[2], cache=False)
    >>> partial_aggregates(part, by="outlet")["naming"][["outlet", "variant", "hits", "own_voice"]].values.tolist()
    [['U', 'war', 1, 1]]
    """
    return {"term_counts": part["term_counts"],
            "naming": count_naming_hits(part["naming"], part["articles"], by=by),
            "frames": count_hits(part["frames"], part["articles"], by=by, count="category")}


def _rows(part: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The per-article and per-hit tables of one partition's results (the ones not summed)."""
    return {name: table for name, table in part.items() if name not in PARTIAL_TABLES}


def _reduce(partials: list[Any], *, by: str) -> Any:
    """A Dask tree that adds up delayed partial aggregates, :data:`SPLIT_EVERY` at a time."""
    import dask

    while len(partials) > 1:
        partials = [dask.delayed(add_partials)(partials[i:i + SPLIT_EVERY], by=by)
                    for i in range(0, len(partials), SPLIT_EVERY)]
    return partials[0]


def _concat(parts: list[dict[str, pd.DataFrame]], name: str) -> pd.DataFrame:
    """One table from every partition's rows, letting go of each partition's copy as it goes."""
    return pd.concat([p.pop(name) for p in parts], ignore_index=True)


def _combine(totals: dict[str, pd.DataFrame], parts: list[dict[str, pd.DataFrame]], *, by: str,
             naming: pd.DataFrame, frames: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The group tables from the summed partial aggregates and the partitions' rows (emptied as they are read)."""
    joined = {name: _concat(parts, name) for name in list(parts[0])}
    light = joined["articles"]
    groups = light.set_index("article_id")[by]
    freq = totals["term_counts"]
    words = light.groupby(by, observed=True)["n_words"].sum()
    n_articles = light.groupby(by, observed=True).size()
    freq["per_1000"] = 1000 * freq["count"] / freq[by].map(words).astype("float64")
    freq["share_of_articles"] = freq["articles"] / freq[by].map(n_articles).astype("float64")
    freq = freq.sort_values([by, "count", "term"], ascending=[True, False, True], ignore_index=True)
    scores = joined["sentiment"]
    scores[by] = scores["article_id"].map(groups)
    return {
        "articles": light,
        "frequencies": freq[[by, "term", "count", "per_1000", "articles", "share_of_articles"]],
        "sentiment": scores,
        "sentiment_summary": summarize_sentiment(scores, by=by),
        "loaded_terms": joined["loaded_terms"],
        "loaded_term_rates": loaded_term_rates(joined["loaded_terms"], light, by=by),
        "naming": naming_contests(light, naming, by=by, counted=totals["naming"]),
        "frames": frame_shares(light, frames, by=by, counted=totals["frames"]),
        "attributions": joined["attributions"],
    }


#: Tasks one worker process of the local scheduler runs before a fresh process takes its place (about
#: three partitions: reading and processing one, its partial aggregates, its rows). Memory a worker
#: keeps after a task (allocator arenas, memos filled to their bounds) then follows the partition size,
#: not the number of partitions of the set; a fresh worker costs its imports (about 2 s).
TASKS_PER_WORKER = 8


def _compute(wanted: list[Any], scheduler: Any) -> tuple[Any, ...]:
    """``dask.compute(*wanted)``; on the default local process scheduler, one task per worker at a time
    (Dask would otherwise hand a worker six at once and keep all six results in it) in worker processes
    renewed every :data:`TASKS_PER_WORKER` tasks."""
    import dask

    if scheduler in ("sync", "synchronous", "single-threaded"):
        with dask.config.set(num_workers=1):  # one process: the steps start no workers either
            return dask.compute(*wanted, scheduler=scheduler)
    if scheduler not in (None, "processes", "multiprocessing"):
        return dask.compute(*wanted, scheduler=scheduler)
    from dask.multiprocessing import get_context
    from dask.system import CPU_COUNT

    # What Dask's own pool does: the same string hashes in every worker, numpy reseeded in each.
    if os.environ.get("PYTHONHASHSEED") in (None, "0"):
        os.environ["PYTHONHASHSEED"] = "6640"
    workers, context = dask.config.get("num_workers", None) or CPU_COUNT, get_context()
    renew = None if context.get_start_method() == "fork" else TASKS_PER_WORKER  # forked workers cannot be renewed
    with process_pool(workers, context, renew) as pool:
        return dask.compute(*wanted, scheduler="processes", pool=pool, chunksize=1)


def run_pipeline(
    source: Any,
    *,
    by: str = "outlet",
    lexicon: str | Path | Sequence[str | Path] | pd.DataFrame | None = None,
    partition_size: int = 2000,
    scheduler: Any = None,
    cache: CacheArg = True,
    progress: bool = True,
    use_cache: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """Run the full analysis on an article set, partition by partition, and return its tables.

    Args:
        source: an article table, a path that :func:`analysis.load_articles` reads, a Parquet
            dataset (file or folder of an article table), or a Dask DataFrame of articles.
        by: the column to compare groups by.
        lexicon: the loaded-terms lexicon used, as everywhere in the package: a table, a shipped name, a
            file, or a list of names and files combined (``["loaded_terms", "mine.csv"]`` adds a file to
            the shipped lexicon); default the shipped ``loaded_terms``.
        partition_size: articles per partition (memory per worker grows with it, not with the set).
        scheduler: ``None`` (Dask's local process scheduler, all cores, one task per worker at a time,
            workers renewed every :data:`TASKS_PER_WORKER` tasks), ``"sync"`` (one process,
            for debugging), ``"threads"``, a ``dask.distributed.Client``, or a scheduler address
            (``"tcp://host:8786"``) of an existing cluster.
        cache: ``True`` reuses per-article results of earlier runs, ``False`` neither reads nor stores
            them, ``"refresh"`` computes them again and stores them.
        progress: progress bars.
        use_cache: deprecated name of ``cache``.

    Returns:
        ``articles`` (without texts), ``frequencies``, ``sentiment`` (per article),
        ``sentiment_summary``, ``loaded_terms`` (hits), ``loaded_term_rates``, ``naming``
        (contests), ``frames`` (shares) and ``attributions``.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["K", "U"], "title": ["", ""],
    ...     "published": pd.to_datetime(["2022-02-24", "2022-02-25"], utc=True), "language": ["en", "en"],
    ...     "n_words": [5, 4], "text": ["The special military operation continues.", "The war goes on."]})
    >>> out = run_pipeline(arts, scheduler="sync", cache=False, progress=False)
    >>> out["naming"].query("hits > 0")[["outlet", "variant"]].values.tolist()
    [['K', 'special military operation'], ['U', 'war']]
    """
    import dask

    cache = cache_from_use_cache(use_cache, cache, where="run_pipeline")
    table = resolve_lexicon(lexicon)
    naming, frames = load_lexicon("naming"), load_lexicon("frames")
    ddf = _partitions(source, partition_size, progress)
    tasks = [dask.delayed(process_partition)(part, lexicon=table, naming=naming, frames=frames, by=by,
                                             cache=cache)
             for part in ddf.to_delayed()]
    # Word counts, naming and frame hits are counted per group and summed in a tree of small tasks as
    # partitions finish, so no step holds every partition's counts; only the tables returned row by row
    # are kept, stripped of the summed ones.
    partials = [dask.delayed(partial_aggregates)(t, by=by) for t in tasks]
    wanted = [_reduce(partials, by=by), *(dask.delayed(_rows)(t) for t in tasks)]
    if scheduler is None and len(tasks) == 1:
        scheduler = "sync"  # one partition: starting worker processes would only cost time
    client = None
    if isinstance(scheduler, str) and "://" in scheduler:
        from distributed import Client

        client = Client(scheduler)
        scheduler = client
    try:
        if progress and not hasattr(scheduler, "submit"):
            from dask.diagnostics import ProgressBar

            with ProgressBar(minimum=2):
                totals, *parts = _compute(wanted, scheduler)
        else:
            totals, *parts = _compute(wanted, scheduler)
    finally:
        if client is not None:
            client.close()
    return _combine(totals, parts, by=by, naming=naming, frames=frames)
