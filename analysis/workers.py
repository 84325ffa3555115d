"""Worker processes: large cold batches split into parts, each part run by the same function, through Dask.

A public function asked for much new work at once (the sentences of 2,000 articles to score, their
loaded terms to find) cuts it into one part per core and hands the parts to Dask's process
scheduler (:func:`map_parts`). The workers are forked from the calling process, so the lexicons and
models it already loaded are theirs without importing or reading anything again, and each part's
result comes back in order: the joined results are those of one call over the whole batch.

Forking is used only where it is safe and pays: on a platform that forks (Linux), from the main
thread, never inside a worker, and for batches above the caller's threshold. Everywhere else the
parts run one after the other in this process, with the same result. ``dask.config.set(num_workers=1)``
(or ``FRAMING_LAB_WORKERS=1``) switches workers off. :func:`process_pool` is the one pool both this
module and :func:`analysis.run_pipeline` hand to Dask.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["worker_count", "map_parts", "process_pool"]

T = TypeVar("T")
R = TypeVar("R")

_IN_WORKER = False


def _start_worker() -> None:
    """Run in each new worker: what Dask's own pool does (numpy reseeded), and no workers of its own."""
    global _IN_WORKER
    from dask.multiprocessing import initialize_worker_process

    _IN_WORKER = True
    initialize_worker_process()


def worker_count() -> int:
    """How many worker processes a large batch gets here: one per usable core, or 1 for none.

    1 inside a worker, off the main thread, where processes cannot be forked, or when switched off
    (``FRAMING_LAB_WORKERS=1`` or Dask's ``num_workers`` set to 1).

    >>> worker_count() >= 1
    True
    """
    if _IN_WORKER or threading.current_thread() is not threading.main_thread():
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    setting = os.environ.get("FRAMING_LAB_WORKERS")
    if not setting and "dask" in sys.modules:  # Dask's setting can only have been made with Dask imported
        setting = sys.modules["dask"].config.get("num_workers", None)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, int(setting) if setting else cores)


@contextmanager
def process_pool(workers: int, context: Any = None, renew: int | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes for ``dask.compute(..., pool=pool)``, each started by :func:`_start_worker`.

    ``context`` is a multiprocessing context (default: forked workers where the platform forks); ``renew`` replaces a worker
    after that many tasks (not possible for forked workers).
    """
    if context is None:
        fork = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if fork else None)
    with warnings.catch_warnings():
        # Python 3.12+ warns on fork in a process with threads; the workers use none of those threads' locks
        warnings.filterwarnings("ignore", message=r".*fork\(\).*", category=DeprecationWarning)
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                 max_tasks_per_child=renew) as pool:
            yield pool


def map_parts(function: Callable[[T], R], parts: Sequence[T], *, workers: int | None = None) -> list[R]:
    """``[function(part) for part in parts]``, the parts run in forked worker processes by Dask.

    ``workers`` defaults to :func:`worker_count`; with one worker (or one part) the parts run here.
    The function and its results travel between processes by pickle, so both must pickle.

    >>> map_parts(len, [[1, 2], [3]], workers=1)
    [2, 1]
    """
    workers = min(worker_count() if workers is None else workers, len(parts))
    if workers <= 1:
        return [function(part) for part in parts]
    import dask
    from dask.multiprocessing import get

    tasks = [dask.delayed(function, pure=False)(part) for part in parts]
    with process_pool(workers) as pool:
        # the scheduler itself, not its name: a name makes Dask import distributed to look for a client (0.4 s)
        return list(dask.compute(*tasks, scheduler=get, pool=pool, chunksize=1))
