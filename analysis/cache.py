"""On-disk Parquet cache for parsed article sets, keyed by the content of the inputs.

Location: ``$FRAMING_LAB_CACHE`` if set, else ``$XDG_CACHE_HOME/framing-lab`` (by
default ``~/.cache/framing-lab``). Set ``FRAMING_LAB_CACHE=off`` (or pass
``cache=False`` to the loaders) to disable it. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

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


def cached_frames(
    namespace: str, key: str, compute: Callable[[], tuple[pd.DataFrame, ...]], *, enabled: bool = True
) -> tuple[pd.DataFrame, ...]:
    """Return the frames stored under ``namespace/key``, computing and storing them if absent.

    Frames are stored as Parquet (never pickled). A cache that cannot be written (read-only
    disk) is skipped quietly: the computed frames are returned all the same.
    """
    folder = cache_dir() if enabled else None
    if folder is None:
        return compute()
    base = folder / namespace / key[:2]
    paths = sorted(base.glob(f"{key}.*.parquet"))
    if paths:
        try:
            return tuple(pd.read_parquet(p) for p in paths)
        except (OSError, ValueError):
            pass  # a damaged entry is recomputed below
    frames = compute()
    try:
        base.mkdir(parents=True, exist_ok=True)
        for i, frame in enumerate(frames):
            tmp = base / f".{key}.{i}.{os.getpid()}.tmp"
            frame.to_parquet(tmp, index=False)
            tmp.replace(base / f"{key}.{i}.parquet")
    except OSError:
        pass
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
    article, zero included). Results are stored as Parquet parts together with the list of
    ``article_id`` values they cover, so an article with no result row is not recomputed either.
    ``version`` names everything the results depend on besides the article (code and lexicon
    versions, options): change it and the step is recomputed.

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
    for part in sorted(base.glob("*.ids.parquet")) if base.exists() else []:
        try:
            part_ids = pd.read_parquet(part)["article_id"]
            wanted = part_ids[part_ids.isin(ids)]
            if wanted.empty:
                continue
            rows = pd.read_parquet(part.with_name(part.name.replace(".ids.", ".rows.")),
                                   filters=[("article_id", "in", wanted.tolist())])
        except (OSError, ValueError, KeyError):
            continue  # a damaged part is recomputed
        covered.update(wanted.tolist())
        done.append(rows)
    todo = articles[~ids.isin(covered)]
    if not todo.empty:
        fresh = compute(todo)
        done.append(fresh)
        key = content_key(*todo["article_id"].astype(str).tolist())
        try:
            base.mkdir(parents=True, exist_ok=True)
            tmp = base / f".{key}.{os.getpid()}.tmp"
            fresh.to_parquet(tmp, index=False)
            tmp.replace(base / f"{key}.rows.parquet")
            pd.DataFrame({"article_id": todo["article_id"].astype(str)}).to_parquet(tmp, index=False)
            tmp.replace(base / f"{key}.ids.parquet")
        except OSError:
            pass
    frames = [f for f in done if not f.empty]
    if not frames:
        return done[-1] if done else compute(articles.iloc[:0])
    out = pd.concat(frames, ignore_index=True)
    order = {a: i for i, a in enumerate(ids)}
    return out.iloc[out["article_id"].astype(str).map(order).argsort(kind="stable")].reset_index(drop=True)
