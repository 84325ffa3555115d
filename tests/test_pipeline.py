"""The partitioned pipeline: same results as the pandas functions, on Dask, with per-article re-use."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from conftest import SAMPLE

import analysis.pipeline as pipeline
from analysis import (
    find_loaded_terms,
    frame_shares,
    load_articles,
    loaded_term_rates,
    naming_contests,
    score_sentiment,
    steps,
    term_frequencies,
)
from analysis.sources import attributions


@pytest.fixture(scope="module")
def sample():
    return load_articles(SAMPLE, cache=False)


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows in a fixed order, categorical columns as strings (partitions concatenate categories as strings)."""
    frame = frame.astype({c: "string" for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)})
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def assert_same_as_pandas(out: dict[str, pd.DataFrame], articles: pd.DataFrame) -> None:
    freq = term_frequencies(articles, by="outlet")
    pd.testing.assert_frame_equal(_sorted(out["frequencies"], ["outlet", "term"]), _sorted(freq, ["outlet", "term"]),
                                  check_dtype=False)
    scores = score_sentiment(articles, level="article")
    got = out["sentiment"].set_index("article_id").loc[scores["article_id"], scores.columns[1:]].reset_index()
    pd.testing.assert_frame_equal(got[scores.columns], scores, check_dtype=False)
    hits = find_loaded_terms(articles)
    keys = ["article_id", "field", "start"]
    pd.testing.assert_frame_equal(_sorted(out["loaded_terms"], keys), _sorted(hits, keys), check_dtype=False)
    pd.testing.assert_frame_equal(out["loaded_term_rates"], loaded_term_rates(hits, articles), check_dtype=False)
    pd.testing.assert_frame_equal(out["naming"], naming_contests(articles), check_dtype=False)
    pd.testing.assert_frame_equal(out["frames"], frame_shares(articles), check_dtype=False)
    pd.testing.assert_frame_equal(_sorted(out["attributions"], ["article_id", "start"]),
                                  _sorted(attributions(articles), ["article_id", "start"]), check_dtype=False)


def test_partitions_give_the_pandas_results(sample):
    out = pipeline.run_pipeline(sample, partition_size=40, scheduler="sync", cache=False, progress=False)
    assert len(out["articles"]) == len(sample)
    assert_same_as_pandas(out, sample)


def test_local_cluster_gives_the_pandas_results(sample):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        out = pipeline.run_pipeline(sample, partition_size=40, scheduler=client, cache=False, progress=False)
        address_out = pipeline.run_pipeline(sample, partition_size=80, scheduler=cluster.scheduler_address,
                                            cache=False, progress=False)
    assert_same_as_pandas(out, sample)
    pd.testing.assert_frame_equal(address_out["naming"], out["naming"])


def test_parquet_dataset_input(sample, tmp_path):
    path = tmp_path / "articles.parquet"
    sample.to_parquet(path, index=False)
    out = pipeline.run_pipeline(path, scheduler="sync", cache=False, progress=False)
    assert_same_as_pandas(out, sample)


def test_partitions_reach_the_driver_as_partial_aggregates(sample, monkeypatch):
    """Each partition is one task of at most ``partition_size`` articles; its word counts are summed in a
    tree of small tasks that see only summed tables (no article rows), a few at a time."""
    sizes, sums = [], []
    process, add = pipeline.process_partition, pipeline.add_partials

    def process_spy(articles, **kwargs):
        sizes.append(len(articles))
        return process(articles, **kwargs)

    def add_spy(partials, *, by):
        sums.append(partials)
        return add(partials, by=by)

    monkeypatch.setattr(pipeline, "process_partition", process_spy)
    monkeypatch.setattr(pipeline, "add_partials", add_spy)
    out = pipeline.run_pipeline(sample, partition_size=5, scheduler="sync", cache=False, progress=False)
    assert sum(sizes) == len(sample) and max(sizes) <= 5 and len(sizes) > pipeline.SPLIT_EVERY
    assert len(sums) > 1 and all(len(partials) <= pipeline.SPLIT_EVERY for partials in sums)  # a tree, not one step
    for partials in sums:
        for partial in partials:
            assert set(partial) == set(pipeline.PARTIAL_TABLES)
            assert all("article_id" not in table for table in partial.values())
    assert_same_as_pandas(out, sample)


class Spy:
    """Records how many articles each per-article step of the registry computed."""

    def __init__(self, monkeypatch):
        self.calls: dict[str, list[int]] = {}
        for name, step in list(steps.STEPS.items()):
            def wrapper(articles, *args, _name=name, _original=step.function, **kwargs):
                self.calls.setdefault(_name, []).append(len(articles))
                return _original(articles, *args, **kwargs)

            monkeypatch.setitem(steps.STEPS, name, dataclasses.replace(step, function=wrapper))

    def total(self) -> dict[str, int]:
        return {name: sum(sizes) for name, sizes in self.calls.items()}


def test_adding_one_article_processes_only_that_article(sample, monkeypatch, tmp_path):
    first = pipeline.run_pipeline(sample, scheduler="sync", progress=False)
    extra = sample.iloc[[0]].assign(article_id="added0000000001", title="Added",
                                    text="A new article: the special military operation continued in Donbass.")
    spy = Spy(monkeypatch)
    second = pipeline.run_pipeline(pd.concat([sample, extra], ignore_index=True), scheduler="sync", progress=False)
    assert spy.total() == {"term_counts": 1, "sentiment": 1, "loaded_terms": 1, "naming": 1, "frames": 1,
                           "attributions": 1}
    assert len(second["articles"]) == len(first["articles"]) + 1
    smo = second["naming"].query("outlet == 'Kremlin' and variant == 'special military operation'")["hits"].item()
    assert smo == first["naming"].query("outlet == 'Kremlin' and variant == 'special military operation'")[
        "hits"].item() + 1


def test_changing_the_lexicon_recomputes_only_loaded_terms(sample, monkeypatch, tmp_path):
    pipeline.run_pipeline(sample, scheduler="sync", progress=False)
    mine = tmp_path / "mine.csv"
    mine.write_text("term,category,match,note\nDonbass,spelling,word,Kremlin spelling\n", encoding="utf-8")
    spy = Spy(monkeypatch)
    out = pipeline.run_pipeline(sample, lexicon=["loaded_terms", mine], scheduler="sync", progress=False)
    assert spy.total() == {"loaded_terms": len(sample)}
    assert out["loaded_term_rates"].query("category == 'spelling'")["hits"].sum() > 0


SMALL = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["K", "U"], "title": ["", ""],
                      "published": pd.to_datetime(["2022-02-24", "2022-02-25"], utc=True), "language": ["en", "en"],
                      "n_words": [6, 4], "text": ["The brutal regime waged a special military operation.",
                                                  "The war goes on."]})


def test_a_lexicon_argument_is_the_lexicon_used(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("term,category,match,note\nwar,spelling,word,\n", encoding="utf-8")
    alone = pipeline.run_pipeline(SMALL, lexicon=mine, scheduler="sync", cache=False, progress=False)
    assert set(alone["loaded_terms"]["category"].astype(str)) == {"spelling"}  # replaces the shipped lexicon
    both = pipeline.run_pipeline(SMALL, lexicon=["loaded_terms", mine], scheduler="sync", cache=False, progress=False)
    assert {"spelling", "pejorative"} <= set(both["loaded_terms"]["category"].astype(str))
    pd.testing.assert_frame_equal(both["loaded_terms"], find_loaded_terms(SMALL, ["loaded_terms", mine]),
                                  check_dtype=False, check_categorical=False)


def test_use_cache_is_a_deprecated_name_of_cache():
    with pytest.warns(DeprecationWarning, match=r"run_pipeline\(use_cache=...\) is deprecated"):
        old = pipeline.run_pipeline(SMALL, scheduler="sync", use_cache=False, progress=False)
    new = pipeline.run_pipeline(SMALL, scheduler="sync", cache=False, progress=False)
    pd.testing.assert_frame_equal(old["naming"], new["naming"])
    tables = {name: pipeline.load_lexicon(name) for name in ("loaded_terms", "naming", "frames")}
    with pytest.warns(DeprecationWarning, match="process_partition"):
        pipeline.process_partition(SMALL, lexicon=tables["loaded_terms"], naming=tables["naming"],
                                   frames=tables["frames"], use_cache=False)
    with pytest.raises(ValueError, match="expected True, False or 'refresh'"):
        pipeline.run_pipeline(SMALL, scheduler="sync", cache="yes", progress=False)


def test_cache_refresh_computes_again_and_false_stores_nothing(monkeypatch):
    pipeline.run_pipeline(SMALL, scheduler="sync", progress=False)
    spy = Spy(monkeypatch)
    pipeline.run_pipeline(SMALL, scheduler="sync", progress=False)
    assert spy.total() == {}  # all reused
    pipeline.run_pipeline(SMALL, scheduler="sync", cache="refresh", progress=False)
    assert set(spy.total().values()) == {len(SMALL)}  # every step computed again
    fresh = SMALL.assign(article_id=["c", "d"])
    pipeline.run_pipeline(fresh, scheduler="sync", cache=False, progress=False)
    spy.calls.clear()
    pipeline.run_pipeline(fresh, scheduler="sync", progress=False)
    assert set(spy.total().values()) == {len(fresh)}  # cache=False stored nothing


def test_each_partition_clears_the_token_memo():
    from analysis.memos import memo_stats

    pipeline.run_pipeline(SMALL, scheduler="sync", cache=False, progress=False)
    assert memo_stats()["tokens"]["entries"] == 0


def test_each_partition_clears_the_sentence_score_memo():
    from analysis.memos import memo_stats

    pipeline.run_pipeline(SMALL, scheduler="sync", cache=False, progress=False)
    assert memo_stats()["sentiment"]["entries"] == 0


def test_local_processes_renewed_after_each_task_give_the_pandas_results(sample, monkeypatch):
    """The default scheduler (local worker processes, renewed every ``TASKS_PER_WORKER`` tasks; here after
    every task) gives the same tables as the pandas functions."""
    monkeypatch.setattr(pipeline, "TASKS_PER_WORKER", 1)
    out = pipeline.run_pipeline(sample, partition_size=60, cache=False, progress=False)
    assert_same_as_pandas(out, sample)
