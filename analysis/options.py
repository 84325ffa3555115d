"""Checks of the report's options, before any notebook runs: a bad option stops at once with a clear message.

:func:`check_report_arguments` is the one place where the options of ``python -m analysis report``
(and of :func:`analysis.report.build_report`) are checked; :func:`check_group_column` checks ``--by``
once the set is loaded. Both raise :class:`ArgumentError`, the one error class of a bad argument,
which the command line turns into exit code 2 (the checks of the output folder,
:func:`analysis.report.check_output`, raise it too).
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

__all__ = ["ArgumentError", "check_group_column", "check_report_arguments", "lexicon_files"]


class ArgumentError(ValueError):
    """A bad argument (exit code 2): an option that cannot work, or an output folder that would overwrite or
    mix with inputs; the message names the option and what to do. ``analysis.report.ReportArgumentError``
    is its deprecated name."""


def lexicon_files(lexicon: str | Path | Sequence[str | Path] | None) -> list[Path]:
    """The user's files named in a lexicon argument (a name, a file or a list of them), in its order.

    Every item that is not the name of a shipped lexicon is a file (it may not exist: the checks say so).

    >>> [p.name for p in lexicon_files(["loaded_terms", "mine.csv"])], lexicon_files(None)
    (['mine.csv'], [])
    """
    from .lexicons import shipped_lexicons

    if lexicon is None or (isinstance(lexicon, str) and not lexicon):
        return []
    items = [lexicon] if isinstance(lexicon, str | Path) else list(lexicon)
    shipped = set(shipped_lexicons())
    return [Path(item).expanduser() for item in items
            if not (isinstance(item, str) and item in shipped and not Path(item).is_file())]


def _file(option: str, value: str | Path | None, what: str) -> Path | None:
    if value is None or str(value) == "":
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        raise ArgumentError(f"{option} {value}: no such file ({what})")
    return path


def _reachable(address: str, timeout: float = 3.0) -> None:
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in {"tcp", "tls", "ws", "wss", "inproc", "ucx"} or not parts.hostname:
        raise ArgumentError(f"--scheduler {address}: not a scheduler address (expected e.g. tcp://host:8786)")
    if parts.scheme == "inproc":
        return
    try:
        port = parts.port or 8786
    except ValueError:
        raise ArgumentError(f"--scheduler {address}: the port is not a number") from None
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            pass
    except OSError as exc:
        raise ArgumentError(f"--scheduler {address}: cannot reach a Dask scheduler there ({exc}); start one with "
                            f"'dask scheduler' or leave --scheduler out to run on this machine") from None


def check_report_arguments(
    *,
    lexicon: str | Path | Sequence[str | Path] | None = None,
    actors: str | Path | None = None,
    naming: str | Path | Sequence[str | Path] | None = None,
    scheduler: str | None = None,
    split_date: str | None = None,
    term: str | None = None,
) -> None:
    """Check the report's options that do not need the article set; raise :class:`ArgumentError` on the first bad one.

    Files must exist and parse (a malformed row is named with its file and line), the scheduler must
    answer, the split date must be a date and the term a valid pattern. ``lexicon`` may be a shipped
    name, a file or a list of them (:func:`lexicon_files`), and so may ``naming``.

    >>> check_report_arguments(split_date="2024-05-01", term="depot*")
    >>> check_report_arguments(split_date="next Tuesday")
    Traceback (most recent call last):
    ...
    analysis.options.ArgumentError: --split-date next Tuesday: not a date (write it as 2024-05-01)
    """
    from .actors import load_actors
    from .lexicons import load_lexicon
    from .naming import naming_table
    from .patterns import compile_pattern

    for option, value, what, read in [
        *[("--lexicon", file, "a loaded-terms lexicon CSV with the header term,category,match,note", load_lexicon)
          for file in lexicon_files(lexicon)],
        ("--actors", actors, "an actor table CSV with the header actor,alias,match,case_sensitive", load_actors),
        *[("--naming", file, "a naming lexicon CSV whose categories read 'concept: variant'", naming_table)
          for file in lexicon_files(naming)],
    ]:
        path = _file(option, value, what)
        if path is not None:
            try:
                read(path)
            except (ValueError, OSError, UnicodeDecodeError) as exc:
                raise ArgumentError(f"{option} {value}: {exc}") from None
    if split_date:
        try:
            pd.Timestamp(split_date)
        except (ValueError, TypeError):
            raise ArgumentError(f"--split-date {split_date}: not a date (write it as 2024-05-01)") from None
    if term:
        try:
            compile_pattern(term)
        except ValueError as exc:
            raise ArgumentError(f"--term {term}: {exc}") from None
    if scheduler:
        _reachable(scheduler)


def check_group_column(articles: pd.DataFrame, by: str) -> None:
    """Raise :class:`ArgumentError` unless ``by`` is a column of the article table, listing the columns there are.

    >>> check_group_column(pd.DataFrame({"outlet": ["X"], "text": ["t"]}), "desk")
    Traceback (most recent call last):
    ...
    analysis.options.ArgumentError: --by desk: the articles have no column 'desk'; the columns are outlet, text
    """
    if by not in articles.columns:
        raise ArgumentError(f"--by {by}: the articles have no column {by!r}; the columns are "
                            f"{', '.join(map(str, articles.columns))}")
