"""In-memory memos: every one bounded, named and registered, so their state can be seen and cleared.

A memo keeps results already computed in this session (the tokens of an article text, the scores of a
sentence) so the next analysis does not compute them again. Each :class:`Memo` has a bound (entries,
or a size per entry such as tokens) and drops its least recently used entries beyond it. Every memo
registers here by name; :func:`memo_stats` shows them all and :func:`clear_memos` empties them (the
pipeline clears the token memo after each partition; benchmarks clear all of them for a cold start).
Caches made with :func:`functools.lru_cache` register with :func:`register_cache` and are shown and
cleared the same way.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

__all__ = ["Memo", "clear_memos", "memo_stats", "register", "register_cache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_REGISTRY: dict[str, Any] = {}


class Memo(Generic[K, V]):
    """A bounded least-recently-used memo, registered under ``name`` (see :func:`memo_stats`).

    Args:
        name: the name it is registered and reported under (a new memo of the same name replaces the old one).
        bound: the most it holds, as a sum of ``size`` over its entries (at least one entry is always kept).
        size: the size of one entry, from its key and value; default 1 (``bound`` counts entries).

    >>> squares = Memo("demo_squares", bound=2)
    >>> [squares.get(n, lambda n=n: n * n) for n in (2, 3, 2, 4)]
    [4, 9, 4, 16]
    >>> {k: memo_stats()["demo_squares"][k] for k in ("entries", "hits", "misses", "bound")}
    {'entries': 2, 'hits': 1, 'misses': 3, 'bound': 2}
    """

    def __init__(self, name: str, *, bound: int, size: Callable[[K, V], int] | None = None) -> None:
        self.name, self.bound = name, bound
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self.used = 0  # the sum of the entries' sizes
        self.hits = 0
        self.misses = 0
        _REGISTRY[name] = self

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def _measure(self, key: K, value: V) -> int:
        return 1 if self._size is None else self._size(key, value)

    def peek(self, key: K) -> V | None:
        """The value stored under ``key`` (counted as a hit) or ``None`` (counted as a miss)."""
        found = self._items.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._items.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> None:
        """Store ``value`` under ``key``, dropping the least recently used entries beyond the bound."""
        if key in self._items:
            self.used -= self._measure(key, self._items.pop(key))
        self._items[key] = value
        self.used += self._measure(key, value)
        while self.used > self.bound and len(self._items) > 1:
            old_key, old = self._items.popitem(last=False)
            self.used -= self._measure(old_key, old)

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value under ``key``, computed with ``compute()`` and stored when it is not there yet."""
        found = self.peek(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return found

    def clear(self) -> None:
        """Forget every entry (the hit and miss counts stay: they count since the memo was made)."""
        self._items.clear()
        self.used = 0

    def stats(self) -> dict[str, int]:
        """``entries``, ``size`` (the sum of the entries' sizes), ``bound``, ``hits`` and ``misses``."""
        return {"entries": len(self._items), "size": self.used, "bound": self.bound, "hits": self.hits,
                "misses": self.misses}


class _LruCache:
    """A :func:`functools.lru_cache` function seen as a memo (its ``cache_info`` and ``cache_clear``)."""

    def __init__(self, function: Any) -> None:
        self.function = function

    def clear(self) -> None:
        self.function.cache_clear()

    def stats(self) -> dict[str, int]:
        info = self.function.cache_info()
        return {"entries": info.currsize, "size": info.currsize, "bound": info.maxsize or 0, "hits": info.hits,
                "misses": info.misses}


def register(name: str, memo: Any) -> Any:
    """Register a memo of another kind under ``name``: any object with ``clear()`` and ``stats()`` (a dict of counts).

    Its ``stats()`` should give ``entries``, ``bound``, ``hits`` and ``misses`` as :meth:`Memo.stats` does.
    Returns ``memo``.

    >>> class Counts:
    ...     def clear(self): pass
    ...     def stats(self): return {"entries": 0, "size": 0, "bound": 9, "hits": 0, "misses": 0}
    >>> _ = register("demo_counts", Counts()); memo_stats()["demo_counts"]["bound"]
    9
    """
    if not (callable(getattr(memo, "clear", None)) and callable(getattr(memo, "stats", None))):
        raise TypeError(f"{name}: a memo needs clear() and stats()")
    _REGISTRY[name] = memo
    return memo


def register_cache(name: str, function: Any) -> Any:
    """Register a :func:`functools.lru_cache` function as the memo ``name``; returns the function (a decorator).

    >>> from functools import lru_cache
    >>> @lambda f: register_cache("demo_double", f)
    ... @lru_cache(maxsize=8)
    ... def double(n: int) -> int:
    ...     return 2 * n
    >>> double(2), memo_stats()["demo_double"]["bound"]
    (4, 8)
    """
    if not hasattr(function, "cache_info"):
        raise TypeError(f"{name}: not an lru_cache function")
    _REGISTRY[name] = _LruCache(function)
    return function


def memo_stats() -> dict[str, dict[str, int]]:
    """Every registered memo by name: ``entries``, ``size``, ``bound``, ``hits`` and ``misses``.

    >>> import analysis.tokens
    >>> sorted(memo_stats()["tokens"])
    ['bound', 'entries', 'hits', 'misses', 'size']
    """
    return {name: memo.stats() for name, memo in sorted(_REGISTRY.items())}


def clear_memos(*names: str) -> None:
    """Empty the memos ``names`` (default: every registered memo).

    Raises:
        KeyError: no memo of that name is registered.

    >>> clear_memos("tokens"); memo_stats()["tokens"]["entries"]
    0
    """
    unknown = [n for n in names if n not in _REGISTRY]
    if unknown:
        raise KeyError(f"no memo named {', '.join(unknown)}; the memos are {', '.join(sorted(_REGISTRY))}")
    for name in names or list(_REGISTRY):
        _REGISTRY[name].clear()
