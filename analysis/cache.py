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

__all__ = ["cache_dir", "content_key", "cached_frames"]


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
