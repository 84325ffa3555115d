"""On-disk Parquet cache for parsed article sets and per-article results, keyed by the content of the inputs.

Location: ``$FRAMING_LAB_CACHE`` if set, else ``$XDG_CACHE_HOME/framing-lab`` (by
default ``~/.cache/framing-lab``; the settings are in :mod:`analysis.config`). Set
``FRAMING_LAB_CACHE=off`` to disable it. Deleting the folder is always safe.

Every function that uses it takes the one argument ``cache=``: ``True`` (read and write),
``False`` (neither) or ``"refresh"`` (compute again and replace what is stored).
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pandas as pd

from . import atomic
from .config import cache_folder

__all__ = ["CacheArg", "cache_dir", "cache_from_use_cache", "check_cache_arg", "content_key", "cached_frames", "cached_per_article"]


#: What a ``cache=`` argument takes: use the cache, do not, or compute again and replace the stored result.
CacheArg = bool | Literal["refresh"]


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is switched off by the environment (:func:`analysis.config.cache_folder`)."""
    return cache_folder()


def check_cache_arg(cache: object) -> CacheArg:
    """``cache`` if it is ``True``, ``False`` or ``"refresh"``; else a :class:`ValueError` naming the choices.

    >>> check_cache_arg("refresh"), check_cache_arg(False)
    ('refresh', False)
    """
    if cache is True or cache is False or cache == "refresh":
        return cache  # type: ignore[return-value]
    raise ValueError(f"cache={cache!r}: expected True, False or 'refresh'")


def cache_from_use_cache(use_cache: bool | None, cache: object, *, where: str,
                         off: CacheArg = False) -> CacheArg:
    """The ``cache=`` of a call, taking the deprecated ``use_cache=`` into account (``None``: not passed).

    ``use_cache=True`` means ``cache=True``; ``use_cache=False`` means ``off`` (what it meant in ``where``).
    Passing ``use_cache`` warns (:class:`DeprecationWarning`); it goes after one release.

    >>> cache_from_use_cache(None, "refresh", where="f")
    'refresh'
    """
    if use_cache is None:
        return check_cache_arg(cache)
    warnings.warn(f"{where}(use_cache=...) is deprecated: pass cache=True, False or 'refresh' "
                  f"(use_cache={use_cache!r} is cache={True if use_cache else off!r})", DeprecationWarning,
                  stacklevel=3)
    return True if use_cache else off


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
            atomic.fault_point("frame_written")  # tests stop the process between two writes here

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
    refresh: bool = False,
) -> pd.DataFrame:
    """Per-article results, computed only for articles not seen before under ``namespace``/``version``.

    ``compute`` takes an article frame and returns rows keyed by ``article_id`` (any number per
    article, zero included). Results are stored as entries (see :mod:`analysis.atomic`) holding the
    rows and the list of ``article_id`` values they cover, so an article with no result row is not
    recomputed either. Each article's rows are taken from one entry only, so entries written by
    concurrent runs over overlapping sets never count an article twice. ``version`` names everything
    the results depend on besides the article (code and lexicon versions, options): change it and
    the step is recomputed. ``refresh`` computes every article again and stores the result as a new
    entry, replacing an entry of the same articles.

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
    entries = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if base.is_dir() and not refresh else []
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
                                     "1.parquet": fresh}, replace=refresh)
    frames = [f for f in done if not f.empty]
    if not frames:
        return done[-1] if done else compute(articles.iloc[:0])
    out = pd.concat(frames, ignore_index=True)
    order = {a: i for i, a in enumerate(ids)}
    return out.iloc[out["article_id"].astype(str).map(order).argsort(kind="stable")].reset_index(drop=True)
