"""On-disk Parquet cache for parsed article sets, keyed by the content of the inputs.

Location: ``$FRAMING_LAB_CACHE`` if set, else ``$XDG_CACHE_HOME/framing-lab`` (by
default ``~/.cache/framing-lab``). Set ``FRAMING_LAB_CACHE=off`` (or pass
``cache=False`` to the loaders) to disable it. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import atomic

__all__ = ["cache_dir", "content_key", "cached_frames", "cached_per_article"]


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is switched off by the environment."""
    setting = os.environ.get("FRAMING_LAB_CACHE", "")
    if setting.lower() in {"off", "0", "false", "no", "none"}:
        return None
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing-lab"


def content_key(*parts: bytes | str) -> str:
    """A short hex digest of ``parts`` (bytes hashed as they are, strings as UTF-8).

    >>> content_key("a", b"b") == content_key("a", b"b") != content_key("ab")
    True
    """
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _read_frames(entry: Path) -> tuple[pd.DataFrame, ...] | None:
    """The frames of a verified entry, in order, or ``None`` (absent or damaged: then discarded)."""
    contents = atomic.read_entry(entry)
    if contents is None:
        return None
    manifest = json.loads(contents[atomic.MANIFEST])
    names = sorted((n for n in manifest["files"] if n.endswith(".parquet")), key=lambda n: int(n.split(".")[0]))
    try:
        frames = tuple(pd.read_parquet(io.BytesIO(contents[n])) for n in names)
    except (OSError, ValueError, KeyError):
        frames = None
    if frames is None or any(len(f) != manifest["rows"].get(n, -1) for f, n in zip(frames, names, strict=True)):
        atomic.discard_entry(entry)
        return None
    return frames


def _publish_frames(entry: Path, frames: dict[str, pd.DataFrame], *, replace: bool = False) -> bool:
    def fill(tmp: Path) -> None:
        for name, frame in frames.items():
            frame.to_parquet(tmp / name, index=False)
            atomic._fault_point("frame_written")  # tests stop the process between two writes here

    return atomic.publish_entry(entry, fill, rows={n: len(f) for n, f in frames.items()}, replace=replace,
                                cache_root=cache_dir())


def cached_frames(
    namespace: str, key: str, compute: Callable[[], tuple[pd.DataFrame, ...]], *, enabled: bool = True,
    refresh: bool = False,
) -> tuple[pd.DataFrame, ...]:
    """Return the frames stored under ``namespace/key``, computing and storing them if absent.

    The frames are one entry (a folder of Parquet files with a manifest, see :mod:`analysis.atomic`),
    published in one rename and verified on every read: a partial or corrupt entry is rebuilt, never
    served. ``refresh`` skips reading and replaces the entry. A cache that cannot be written
    (read-only or full disk) is skipped with one warning: the computed frames are returned all the same.

    >>> import tempfile, os; os.environ["FRAMING_LAB_CACHE"] = tempfile.mkdtemp()
    >>> make = lambda: (pd.DataFrame({"n": [1, 2]}), pd.DataFrame({"m": ["x"]}))
    >>> [len(f) for f in cached_frames("demo", "k1", make)] == [len(f) for f in cached_frames("demo", "k1", make)]
    True
    """
    folder = cache_dir() if enabled else None
    if folder is None:
        return compute()
    entry = folder / namespace / key[:2] / key
    if not refresh:
        frames = _read_frames(entry)
        if frames is not None:
            return frames
    frames = compute()
    _publish_frames(entry, {f"{i}.parquet": frame for i, frame in enumerate(frames)}, replace=refresh)
    return frames


def cached_per_article(
    namespace: str,
    version: str,
    articles: pd.DataFrame,
    compute: Callable[[pd.DataFrame], pd.DataFrame],
    *,
    enabled: bool = True,
) -> pd.DataFrame:
    """Per-article results, computed only for articles not seen before under ``namespace``/``version``.

    ``compute`` takes an article frame and returns rows keyed by ``article_id`` (any number per
    article, zero included). Results are stored as entries (see :mod:`analysis.atomic`) holding the
    rows and the list of ``article_id`` values they cover, so an article with no result row is not
    recomputed either. Each article's rows are taken from one entry only, so entries written by
    concurrent runs over overlapping sets never count an article twice. ``version`` names everything
    the results depend on besides the article (code and lexicon versions, options): change it and
    the step is recomputed.

    >>> import tempfile, os; os.environ["FRAMING_LAB_CACHE"] = tempfile.mkdtemp()
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["x", "yy"]})
    >>> length = lambda frame: frame.assign(length=frame["text"].str.len())[["article_id", "length"]]
    >>> cached_per_article("demo", "v1", arts, length)["length"].tolist()
    [1, 2]
    """
    folder = cache_dir() if enabled else None
    if folder is None or articles.empty:
        return compute(articles)
    base = folder / "per_article" / namespace / content_key(version)
    ids = articles["article_id"].astype(str)
    done: list[pd.DataFrame] = []
    covered: set[str] = set()
    entries = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")) if base.is_dir() else []
    for entry in entries:
        frames = _read_frames(entry)
        if frames is None or len(frames) != 2:
            continue  # absent, partial or damaged: its articles are recomputed below
        part_ids, rows = frames[0]["article_id"].astype(str), frames[1]
        wanted = part_ids[part_ids.isin(ids) & ~part_ids.isin(covered)]
        if wanted.empty:
            continue
        covered.update(wanted.tolist())
        done.append(rows[rows["article_id"].astype(str).isin(set(wanted))])
    todo = articles[~ids.isin(covered)]
    if not todo.empty:
        fresh = compute(todo)
        done.append(fresh)
        key = content_key(*todo["article_id"].astype(str).tolist())
        _publish_frames(base / key, {"0.parquet": pd.DataFrame({"article_id": todo["article_id"].astype(str)}),
                                     "1.parquet": fresh})
    frames = [f for f in done if not f.empty]
    if not frames:
        return done[-1] if done else compute(articles.iloc[:0])
    out = pd.concat(frames, ignore_index=True)
    order = {a: i for i, a in enumerate(ids)}
    return out.iloc[out["article_id"].astype(str).map(order).argsort(kind="stable")].reset_index(drop=True)
