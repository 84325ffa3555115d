"""Worker processes: a large cold batch computed in parts gives the rows of one call, in worker processes."""

from __future__ import annotations

import os
import threading

import pandas as pd
import pytest

from analysis import load_lexicon, steps, workers


def test_map_parts_runs_each_part_in_a_worker_process_in_order(monkeypatch):
    monkeypatch.setenv("FRAMING_LAB_WORKERS", "2")
    if workers.worker_count() < 2:
        pytest.skip("this platform cannot fork worker processes")
    pids = workers.map_parts(lambda part: (part, os.getpid()), ["a", "b", "c"])
    assert [part for part, _ in pids] == ["a", "b", "c"]
    assert os.getpid() not in {pid for _, pid in pids}
    assert workers.map_parts(lambda part: part * 2, [1, 2, 3], workers=1) == [2, 4, 6]


def test_no_workers_when_switched_off_off_the_main_thread_or_inside_a_worker(monkeypatch):
    monkeypatch.setenv("FRAMING_LAB_WORKERS", "1")
    assert workers.worker_count() == 1
    monkeypatch.setenv("FRAMING_LAB_WORKERS", "2")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(workers.worker_count()))
    thread.start(), thread.join()
    assert seen == [1]
    if workers.worker_count() > 1:  # a worker asked for workers of its own gets none
        assert workers.map_parts(lambda _: workers.worker_count(), [0, 1]) == [1, 1]


@pytest.mark.parametrize("name", [n for n, s in steps.STEPS.items() if s.parallel])
def test_a_step_computed_in_workers_gives_the_rows_of_one_call(name, sample, monkeypatch):
    """Every step that may run in workers: the sample's first 30 articles in two parts (and the first one
    here) give exactly the rows, types and order of one call in this process."""
    monkeypatch.setenv("FRAMING_LAB_WORKERS", "2")
    if workers.worker_count() < 2:
        pytest.skip("this platform cannot fork worker processes")
    articles = sample.iloc[:30].reset_index(drop=True)
    tables = {t: load_lexicon(t) for t in steps.TABLES}
    calls = []
    real = steps.map_parts
    monkeypatch.setattr(steps, "map_parts", lambda *a, **k: calls.append(len(a[1])) or real(*a, **k))
    monkeypatch.setattr(steps, "PARALLEL_MIN_CHARS", 0)
    parted = steps.per_article(name, articles, tables, cache=False)
    assert calls == [2], "the step did not run in two worker processes"
    monkeypatch.setenv("FRAMING_LAB_WORKERS", "1")
    pd.testing.assert_frame_equal(parted, steps.run_step(name, articles, tables))
    assert len(parted) > 0


def test_a_small_batch_stays_in_this_process(sample, monkeypatch):
    monkeypatch.setenv("FRAMING_LAB_WORKERS", "2")
    calls = []
    monkeypatch.setattr(steps, "map_parts", lambda *a, **k: calls.append(1))
    assert sample["text"].str.len().sum() < steps.PARALLEL_MIN_CHARS  # the sample is below the threshold
    steps.per_article("loaded_terms", sample.iloc[:5], cache=False)
    assert calls == []
