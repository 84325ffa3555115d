"""Atomic, verified entries on disk: publish a folder in one rename, read it back only if it is whole.

Every cache of the package (parsed files, per-article results, finished reports) stores an
*entry*: a folder holding the entry's files and a ``MANIFEST.json`` that lists, for each file,
its size and BLAKE2b hash (and, when given, its number of rows). :func:`publish_entry` builds the
folder under a temporary name beside the target and makes it visible with one ``os.rename``, so
other processes see either no entry or a complete one, never a half-written one. A process
killed half-way leaves only a temporary folder, which readers never look at
(:func:`sweep_temporary` removes old ones).

:func:`read_entry` checks the manifest against the bytes before anything is used: a missing,
truncated or corrupt file (one flipped byte inside a Parquet page that still decodes included)
makes the entry invalid; it is then discarded (renamed away and removed) and the caller rebuilds
it. A folder that cannot be written (read-only disk, full disk) raises nothing: the entry is
simply not stored, and :func:`warn_once` says so once per folder and process.

:func:`entry_lock` is a cross-process lock (``filelock``) for work that must not be done twice
at once; correctness never depends on it, only effort does.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["publish_entry", "read_entry", "verify_entry", "discard_entry", "entry_lock", "sweep_temporary",
           "write_atomic", "file_digest", "warn_once", "fault_point", "CacheWarning", "MANIFEST"]

#: Name of the manifest inside every entry folder.
MANIFEST = "MANIFEST.json"
_FORMAT = 1
_TEMP_PREFIX = ".tmp-"
_TRASH_PREFIX = ".trash-"


class CacheWarning(UserWarning):
    """A cache folder could not be written or read; results are right, only slower next time."""


_WARNED: set[str] = set()


def warn_once(folder: str | Path, problem: str) -> None:
    """Warn, once per ``folder`` in this process, that its cache is skipped, and why.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     warn_once("/nowhere/demo", "read-only"); warn_once("/nowhere/demo", "read-only")
    >>> len(seen)
    1
    """
    folder = str(folder)
    if folder in _WARNED:
        return
    _WARNED.add(folder)
    warnings.warn(f"cache at {folder} skipped ({problem}): results are computed as usual, not stored",
                  CacheWarning, stacklevel=3)


def file_digest(data: bytes) -> str:
    """The hash recorded in manifests (BLAKE2b, 32 hex digits).

    >>> file_digest(b"war") == file_digest(b"war") != file_digest(b"wars")
    True
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.blake2b(digest_size=16)
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


_FAULT_HITS: dict[str, int] = {}


def fault_point(name: str) -> None:
    """Test hook for ``tests/test_faults.py``: stop the process at a chosen point between two writes.

    ``FRAMING_LAB_FAULT=NAME[@N][:ACTION]`` acts on the N-th time (default 1) the code passes the
    point ``NAME``: no action kills the process itself (SIGKILL), ``int`` interrupts it (SIGINT, as
    Ctrl-C does), ``pause`` writes its pid to ``$FRAMING_LAB_FAULT_FILE`` and waits until
    ``$FRAMING_LAB_FAULT_FILE.go`` exists (the test meanwhile changes files or sends real signals).
    Unset, it does nothing; the code around it is the real code path.

    >>> fault_point("publish") if "FRAMING_LAB_FAULT" not in os.environ else None  # unset: nothing happens
    """
    wanted = os.environ.get("FRAMING_LAB_FAULT")
    if not wanted:
        return
    point, _, action = wanted.partition(":")
    point, _, nth = point.partition("@")
    if point != name:
        return
    _FAULT_HITS[name] = _FAULT_HITS.get(name, 0) + 1
    if _FAULT_HITS[name] != int(nth or 1):
        return
    import signal

    if action == "pause":
        flag = Path(os.environ["FRAMING_LAB_FAULT_FILE"])
        flag.write_text(str(os.getpid()))
        go = flag.with_name(flag.name + ".go")
        deadline = time.monotonic() + 120
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return
    os.kill(os.getpid(), signal.SIGINT if action == "int" else signal.SIGKILL)
    time.sleep(5)  # the signal arrives before this returns


def publish_entry(target: str | Path, fill: Callable[[Path], object], *, rows: dict[str, int] | None = None,
                  replace: bool = False, cache_root: str | Path | None = None) -> bool:
    """Build the folder ``target`` by calling ``fill(tmp_folder)``, add a manifest, and publish it in one rename.

    ``rows`` (file name → row count) is recorded in the manifest for the reader to check. When a
    complete entry already exists (another process published the same key first), it is kept and
    ours dropped, unless ``replace`` (then the old entry is swapped out). Returns whether the
    entry is now on disk; never raises ``OSError``: an unwritable folder gives one
    :class:`CacheWarning` per ``cache_root`` (default: the target's folder) and process.

    >>> import tempfile; folder = Path(tempfile.mkdtemp()) / "entry"
    >>> publish_entry(folder, lambda tmp: (tmp / "a.txt").write_text("war"))
    True
    >>> sorted(read_entry(folder))
    ['MANIFEST.json', 'a.txt']
    """
    target = Path(target)
    tmp = target.parent / f"{_TEMP_PREFIX}{target.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_temporary(target.parent)  # what killed processes left here more than an hour ago
        tmp.mkdir()
        fill(tmp)
        files = {}
        for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
            size, digest = _hash_file(path)
            files[path.relative_to(tmp).as_posix()] = {"size": size, "blake2b": digest}
        manifest = {"format": _FORMAT, "files": files, "rows": dict(rows or {}), "created": time.time()}
        (tmp / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
        fault_point("publish")
        with entry_lock(target):
            if target.exists():
                if not replace and verify_entry(target) is not None:
                    return True  # someone else published it whole: keep theirs
                discard_entry(target, locked=True)
            os.rename(tmp, target)
        return True
    except OSError as exc:
        warn_once(cache_root or target.parent, exc.strerror or str(exc)[:200] or type(exc).__name__)
        return False
    except Exception as exc:  # a value the file format cannot hold: not stored, results stay right
        warn_once(cache_root or target.parent, f"{type(exc).__name__}: {str(exc)[:200]}")
        return False
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def verify_entry(target: str | Path) -> dict | None:
    """The manifest of ``target`` if every file it lists is there with its size and hash, else ``None``.

    >>> verify_entry("/no/such/entry") is None
    True
    """
    contents = read_entry(target, discard=False)
    if contents is None:
        return None
    return json.loads(contents.pop(MANIFEST))


def read_entry(target: str | Path, *, discard: bool = True) -> dict[str, bytes] | None:
    """The verified files of entry ``target`` as ``{name: bytes}`` (its manifest under ``MANIFEST``), or ``None``.

    ``None`` means no usable entry: absent, partial, or corrupt (a size or hash differs from the
    manifest, a file is missing, or files appear that it does not list). A damaged entry is
    discarded (unless ``discard=False``) so the caller can rebuild it.
    """
    target = Path(target)
    try:
        raw = (target / MANIFEST).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return None
    try:
        manifest = json.loads(raw)
        files = manifest["files"]
        contents = {}
        for name, expected in files.items():
            data = (target / name).read_bytes()
            if len(data) != expected["size"] or file_digest(data) != expected["blake2b"]:
                raise ValueError(f"{name} differs from its manifest")
            contents[name] = data
        present = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
        if present - set(files) - {MANIFEST}:
            raise ValueError("files not in the manifest")
    except (OSError, ValueError, KeyError, TypeError):
        if discard:
            discard_entry(target)
        return None
    contents[MANIFEST] = raw
    return contents


def discard_entry(target: str | Path, *, locked: bool = False) -> None:
    """Remove entry ``target``: renamed away first (so no reader sees it half-deleted), then deleted.

    Without ``locked``, takes the entry's lock and re-checks, so an entry another process has just
    published whole is kept.
    """
    target = Path(target)
    with contextlib.ExitStack() as stack:
        if not locked:
            stack.enter_context(entry_lock(target))
            if verify_entry(target) is not None:
                return
        trash = target.parent / f"{_TRASH_PREFIX}{target.name}-{uuid.uuid4().hex[:8]}"
        try:
            os.rename(target, trash)
        except FileNotFoundError:
            return
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
            return
        shutil.rmtree(trash, ignore_errors=True)


@contextlib.contextmanager
def entry_lock(target: str | Path, *, timeout: float = 600) -> Iterator[bool]:
    """Hold a cross-process lock for ``target``; yields whether it is held.

    One ``filelock`` file (``.entries.lock``) serves all entries of a folder, so the cache holds a
    lock file per folder, not per entry; publishing is short, so sharing it costs nothing. Where no
    lock file can be made (read-only folder) it yields ``False`` and the caller goes on
    unlocked: entries stay correct because publication is one rename and reads are verified.

    >>> import tempfile
    >>> with entry_lock(Path(tempfile.mkdtemp()) / "x") as held:
    ...     held
    True
    """
    from filelock import FileLock, Timeout

    target = Path(target)
    lock = FileLock(str(target.parent / ".entries.lock"), timeout=timeout)
    try:
        lock.acquire()
    except (OSError, Timeout):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def sweep_temporary(folder: str | Path, *, older_than: float = 3600) -> int:
    """Remove temporary and trash folders left in ``folder`` by killed processes; returns how many.

    Only names this module makes (``.tmp-*``, ``.trash-*``) older than ``older_than`` seconds.
    """
    folder = Path(folder)
    removed = 0
    now = time.time()
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith((_TEMP_PREFIX, _TRASH_PREFIX))]
    except OSError:
        return 0
    for path in candidates:
        try:
            if now - path.stat().st_mtime > older_than:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file and one rename: readers see the old or the new file.

    Unlike :func:`publish_entry` this raises ``OSError`` (use it for outputs the user asked for).

    >>> import tempfile; target = Path(tempfile.mkdtemp()) / "page.html"
    >>> write_atomic(target, "<p>war</p>").read_text()
    '<p>war</p>'
    """
    path = Path(path)
    tmp = path.parent / f"{_TEMP_PREFIX}{path.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
