"""Atomic, verified cache entries: published whole or not at all, never served when damaged."""

from __future__ import annotations

import json
import os
import warnings

import pandas as pd
import pytest

from analysis import atomic, cache


def _entry(tmp_path, name="entry", text="Kharkiv was shelled overnight."):
    target = tmp_path / name
    assert atomic.publish_entry(target, lambda tmp: (tmp / "body.txt").write_text(text), rows={"body.txt": 1})
    return target


def test_published_entry_lists_sizes_hashes_and_rows(tmp_path):
    target = _entry(tmp_path)
    manifest = atomic.verify_entry(target)
    assert manifest["files"]["body.txt"]["size"] == len("Kharkiv was shelled overnight.")
    assert manifest["files"]["body.txt"]["blake2b"] == atomic.file_digest(b"Kharkiv was shelled overnight.")
    assert manifest["rows"] == {"body.txt": 1}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


@pytest.mark.parametrize("damage", ["flip", "truncate", "delete_file", "delete_manifest", "extra_file"])
def test_damaged_entry_is_not_served_and_is_discarded(tmp_path, damage):
    target = _entry(tmp_path)
    body = target / "body.txt"
    if damage == "flip":
        data = bytearray(body.read_bytes())
        data[3] ^= 0x01  # 'r' -> 's': same size, still text
        body.write_bytes(bytes(data))
    elif damage == "truncate":
        body.write_bytes(body.read_bytes()[:5])
    elif damage == "delete_file":
        body.unlink()
    elif damage == "delete_manifest":
        (target / atomic.MANIFEST).unlink()
    else:
        (target / "stray.txt").write_text("x")
    assert atomic.read_entry(target) is None
    if damage != "delete_manifest":  # without a manifest it is no entry at all, just left alone
        assert not target.exists()


def test_existing_whole_entry_wins_unless_replaced(tmp_path):
    target = _entry(tmp_path, text="first")
    atomic.publish_entry(target, lambda tmp: (tmp / "body.txt").write_text("second"))
    assert atomic.read_entry(target)["body.txt"] == b"first"
    atomic.publish_entry(target, lambda tmp: (tmp / "body.txt").write_text("third"), replace=True)
    assert atomic.read_entry(target)["body.txt"] == b"third"


def test_unwritable_folder_gives_one_warning_and_no_exception(tmp_path):
    blocker = tmp_path / "a_file"  # a folder below a regular file cannot be made, even by root
    blocker.write_text("")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert not atomic.publish_entry(blocker / "a", lambda tmp: (tmp / "x").write_text("x"))
        assert not atomic.publish_entry(blocker / "b", lambda tmp: (tmp / "x").write_text("x"))
    assert [w.category for w in seen] == [atomic.CacheWarning]
    assert "skipped" in str(seen[0].message)


def test_flipped_byte_in_a_parquet_page_that_still_decodes_is_caught(tmp_path, monkeypatch):
    """One byte flipped in a cached Parquet file is detected by the manifest hash and the entry rebuilt."""
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(tmp_path / "cache"))
    calls = []

    def compute():
        calls.append(1)
        return (pd.DataFrame({"term": ["war", "operation"], "count": [12, 7]}),)

    first = cache.cached_frames("demo", "abcdef", compute)
    entry = tmp_path / "cache" / "demo" / "ab" / "abcdef"
    parquet = entry / "0.parquet"
    data = bytearray(parquet.read_bytes())
    at = bytes(data).index(b"operation")  # inside the uncompressed dictionary page
    data[at] ^= 0x20  # 'o' -> 'O': still a valid Parquet file that decodes
    parquet.write_bytes(bytes(data))
    assert pd.read_parquet(parquet)["term"].tolist() == ["war", "Operation"]  # the corruption decodes silently
    again = cache.cached_frames("demo", "abcdef", compute)
    assert len(calls) == 2  # detected and recomputed, not served
    pd.testing.assert_frame_equal(first[0], again[0])
    assert atomic.read_entry(entry) is not None  # and rebuilt on disk
    assert json.loads(atomic.read_entry(entry)[atomic.MANIFEST])["rows"] == {"0.parquet": 2}


def test_sweep_removes_only_old_leftovers(tmp_path):
    old = tmp_path / ".tmp-x-1-abc"
    old.mkdir()
    os.utime(old, (0, 0))
    (tmp_path / ".tmp-y-2-def").mkdir()
    assert atomic.sweep_temporary(tmp_path) == 1
    _entry(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".entries.lock", ".tmp-y-2-def", "entry"]
