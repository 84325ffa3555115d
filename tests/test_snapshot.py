"""A snapshot freezes a loaded set for one report: read back exactly, keyed by its content."""

from __future__ import annotations

import pandas as pd
from conftest import known_articles

from analysis.snapshot import is_snapshot, read_snapshot, snapshot_key, write_snapshot


def test_a_snapshot_reads_back_the_same_tables(tmp_path):
    articles = known_articles()
    report = pd.DataFrame({"path": ["a.txt"], "status": ["loaded"], "reason": [""]})
    folder = write_snapshot(articles, report, tmp_path / "snap")
    assert is_snapshot(folder) and not is_snapshot(tmp_path)
    back, back_report = read_snapshot(folder)
    pd.testing.assert_frame_equal(back, articles)
    pd.testing.assert_frame_equal(back_report, report)


def test_the_key_follows_the_content():
    articles, report = known_articles(), pd.DataFrame({"status": ["loaded"]})
    assert snapshot_key(articles, report) == snapshot_key(known_articles(), report)
    changed = articles.assign(text=articles["text"].str.replace("thugs", "riders"))
    assert snapshot_key(changed, report) != snapshot_key(articles, report)
