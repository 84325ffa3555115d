"""Snapshots of a loaded article set: the article table and its load report, frozen for one report run.

A report reads the article set once; every notebook then analyses that same snapshot (its
``articles_path`` names the snapshot folder, which :func:`analysis.load_articles` reads back as it
is), so a file changed or added during the run cannot produce a report that mixes two versions of
the set. A snapshot is an entry of :mod:`analysis.atomic`: Parquet files with a manifest, verified
when read. :func:`snapshot_key` is the content key of the set as loaded, which keys the report cache.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from . import atomic, cache

__all__ = ["write_snapshot", "read_snapshot", "is_snapshot", "snapshot_key", "SNAPSHOT_MARK"]

#: The file that marks a folder as a snapshot (besides the manifest).
SNAPSHOT_MARK = "framing-lab-snapshot.json"


def snapshot_key(articles: pd.DataFrame, report: pd.DataFrame) -> str:
    """Content key of a loaded set: every value of the article table and of the load report.

    >>> a = pd.DataFrame({"article_id": ["x"], "text": ["War."]})
    >>> r = pd.DataFrame({"status": ["loaded"]})
    >>> snapshot_key(a, r) == snapshot_key(a.copy(), r) != snapshot_key(a.assign(text="Peace."), r)
    True
    """
    parts: list[bytes | str] = []
    for frame in (articles, report):
        parts.append(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]))
        parts.append(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return cache.content_key(*parts)


def write_snapshot(articles: pd.DataFrame, report: pd.DataFrame, folder: str | Path) -> Path:
    """Write ``articles`` and ``report`` as the snapshot folder ``folder`` (published in one rename).

    Raises ``OSError`` when the folder cannot be written (a report cannot run without it).

    >>> import tempfile
    >>> a, r = pd.DataFrame({"article_id": ["x"], "text": ["War."]}), pd.DataFrame({"status": ["loaded"]})
    >>> back = read_snapshot(write_snapshot(a, r, Path(tempfile.mkdtemp()) / "snap"))
    >>> back[0]["text"].tolist(), back[1]["status"].tolist()
    (['War.'], ['loaded'])
    """
    folder = Path(folder)
    key = snapshot_key(articles, report)

    def fill(tmp: Path) -> None:
        articles.to_parquet(tmp / "articles.parquet", index=False)
        report.to_parquet(tmp / "load_report.parquet", index=False)
        (tmp / SNAPSHOT_MARK).write_text(json.dumps({"key": key, "articles": len(articles)}), encoding="utf-8")

    if not atomic.publish_entry(folder, fill, rows={"articles.parquet": len(articles),
                                                    "load_report.parquet": len(report)}, replace=True):
        raise OSError(f"could not write the article snapshot to {folder}")
    return folder


def is_snapshot(path: str | Path) -> bool:
    """Whether ``path`` is a snapshot folder written by :func:`write_snapshot`."""
    path = Path(path)
    return (path / SNAPSHOT_MARK).is_file() and (path / atomic.MANIFEST).is_file()


def read_snapshot(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``(articles, report)`` of a snapshot folder, verified against its manifest.

    Raises:
        ValueError: the snapshot is damaged or incomplete (it is never silently replaced).
    """
    folder = Path(folder)
    contents = atomic.read_entry(folder, discard=False)
    if contents is None or "articles.parquet" not in contents:
        raise ValueError(f"{folder}: the article snapshot is damaged or incomplete")
    return (pd.read_parquet(io.BytesIO(contents["articles.parquet"])),
            pd.read_parquet(io.BytesIO(contents["load_report.parquet"])))
