"""Lexicons as data: reading, validating and resolving lexicon files.

A lexicon is a CSV file with the header ``term,category,match,note`` (``#`` lines are comments,
used for the source note at the top). ``match`` is how the term matches, in the one grammar of
:mod:`analysis.patterns`: ``glob`` (default; ``*`` any letters, ``?`` one letter, words of a phrase
separated by any white space), ``word``, ``phrase`` or ``regex``; matching ignores case and is
whole-word ("regime" does not match "regimen"). The shipped lexicons live in
``analysis/data/lexicons/`` and are loaded by name (``load_lexicon("loaded_terms")``); a file of
your own is loaded by path, and several files combine (``load_lexicon(["loaded_terms", "mine.csv"])``,
the later file winning where the same term appears twice).

**What a** ``lexicon=`` **argument means, everywhere**: :func:`resolve_lexicon` reads it, once.
``None`` is the shipped default; a table is used as given (checked); a name, a path or a list of
them is loaded with :func:`load_lexicon`. A lexicon you pass **replaces** the default: to extend
the shipped lexicon, pass a list that names it, ``lexicon=["loaded_terms", "mine.csv"]``.

Where the entries are found: :mod:`analysis.matcher` (the one hit engine); what a hit of the loaded
terms means: :mod:`analysis.loaded_terms` and :mod:`analysis.voice`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .config import LEXICON_DIR
from .memos import register_cache
from .patterns import MATCH_MODES, pattern_source

__all__ = ["LEXICON_COLUMNS", "LEXICON_DIR", "LexiconError", "LexiconLike", "load_lexicon", "read_numbered_csv",
           "resolve_lexicon", "shipped_lexicons"]

LEXICON_COLUMNS = ["term", "category", "match", "note", "source", "line"]
#: What a ``lexicon=`` argument may be (see :func:`resolve_lexicon`).
LexiconLike = pd.DataFrame | str | Path | Sequence[str | Path] | None


class LexiconError(ValueError):
    """A lexicon file or table that cannot be used; the message names the file and line."""


def shipped_lexicons() -> list[str]:
    """Names of the lexicons shipped in ``analysis/data/lexicons/`` (load them with :func:`load_lexicon`).

    >>> "loaded_terms" in shipped_lexicons()
    True
    """
    return sorted(p.stem for p in LEXICON_DIR.glob("*.csv"))


def _check_entry(term: str, category: str, match: str, where: str) -> str:
    """Validate one entry; return its match mode. ``where`` names file and line for the error."""
    if not term:
        raise LexiconError(f"{where}: empty term")
    if not category:
        raise LexiconError(f"{where}: term {term!r} has no category")
    match = match or "glob"
    if match not in MATCH_MODES:
        raise LexiconError(f"{where}: match {match!r} for term {term!r} is not one of {', '.join(MATCH_MODES)}")
    compiled, problem = _compiled_entry(term, match)
    if problem:
        raise LexiconError(f"{where}: {problem}")
    if match == "regex" and _backtracks_catastrophically(compiled):  # timed: measured at every check
        raise LexiconError(f"{where}: regex {term!r} takes exponential time on some texts (nested repetition such "
                           "as (a+)+ or (a|aa)+): it would stall the analysis; rewrite it without nested repeats")
    return match


@lru_cache(maxsize=4096)
def _compiled_entry(term: str, match: str) -> tuple[re.Pattern | None, str]:
    """The compiled pattern of an entry and what is wrong with it (``""`` if nothing), once per term and mode."""
    try:
        compiled = re.compile(f"(?:{pattern_source(term, match)})")
    except (re.error, ValueError) as exc:
        return None, f"term {term!r} is not a valid {match} pattern: {exc}"
    if compiled.groupindex or compiled.match(""):
        return compiled, f"regex {term!r} matches empty text or uses a named group"
    return compiled, ""


register_cache("lexicon_patterns", _compiled_entry)  # seen in memo_stats(), emptied by clear_memos()


def _backtracks_catastrophically(compiled: re.Pattern) -> bool:
    r"""Whether ``compiled`` slows down exponentially on growing runs of its own characters ("aaaa…").

    Each probe is a run of one character (taken from the pattern, plus a letter and a digit; alone or
    followed by spaces) ending in a NUL that makes the match fail. Runs grow by 4 characters up to 64;
    once a search takes over 20 ms, a time more than 4 times that of the run 4 characters shorter
    (measured twice) is exponential backtracking. A sound pattern takes microseconds on every probe.
    Times are this thread's CPU time, not the wall clock: on a busy machine a search that waits for a
    core is neither mistaken for a slow one nor hides one.

    >>> _backtracks_catastrophically(re.compile(r"(a+)+$")), _backtracks_catastrophically(re.compile(r"regime\w*"))
    (True, False)
    """
    import time

    def timed(probe: str) -> float:
        start = time.thread_time()
        compiled.search(probe)
        return time.thread_time() - start

    letters = sorted({ch for ch in compiled.pattern if ch.isalnum()} | {"a", "1"})[:16]
    for unit in [*letters, *(ch + " " for ch in letters)]:
        for length in range(12, 68, 4):
            took = timed(unit * length + "\x00")
            if took < 0.02:
                continue
            shorter = unit * (length - 4) + "\x00"
            if took > 4 * timed(shorter) and timed(unit * length + "\x00") > 4 * timed(shorter):
                return True
            break  # slow but not growing exponentially: a long pattern, not a catastrophic one
    return False


def read_numbered_csv(path: str | Path, *, error: type[Exception] = LexiconError) -> list[tuple[int, list[str]]]:
    """The rows of a CSV file whose ``#`` lines are comments, each with its line number in the file.

    Blank and comment lines are skipped; the first row returned is the header. Each line is one
    row (fields stripped of surrounding spaces; a field holding a comma is put in double quotes),
    so an error message can name the line: a line that is not valid CSV raises ``error`` with
    ``"PATH, line N: ..."``.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write('# a note\\nterm,category\\n\\nregime, "pejorative, strong"\\n')
    >>> read_numbered_csv(f.name)
    [(2, ['term', 'category']), (4, ['regime', 'pejorative, strong'])]
    """
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            fields = [f.strip() for f in next(csv.reader([line], skipinitialspace=True))]
        except csv.Error as exc:
            raise error(f"{path}, line {number}: {exc}") from None
        rows.append((number, fields))
    return rows


def _read_lexicon_file(path: Path) -> pd.DataFrame:
    rows: list[tuple[str, str, str, str, str, int]] = []
    seen: dict[tuple[str, str], int] = {}
    numbered = read_numbered_csv(path)
    if not numbered:
        raise LexiconError(f"{path}: no header line (term,category,match,note)")
    (number, fields), body = numbered[0], numbered[1:]
    header = [f.lower() for f in fields]
    unknown = [f for f in header if f not in ("term", "category", "match", "note")]
    if unknown or "term" not in header or "category" not in header:
        raise LexiconError(f"{path}, line {number}: header must be term,category[,match][,note], "
                           f"got {','.join(fields)!r}")
    for number, fields in body:
        where = f"{path}, line {number}"
        if len(fields) > len(header):
            raise LexiconError(f"{where}: {len(fields)} fields but the header has {len(header)} "
                               "(put a note that contains a comma in double quotes)")
        record = dict(zip(header, fields, strict=False))
        term, category = record.get("term", ""), record.get("category", "")
        match = _check_entry(term, category, record.get("match", ""), where)
        key = (term.lower(), match)
        if key in seen:
            raise LexiconError(f"{where}: term {term!r} is already on line {seen[key]}")
        seen[key] = number
        rows.append((term, category, match, record.get("note", ""), str(path), number))
    return pd.DataFrame(rows, columns=LEXICON_COLUMNS).astype({"line": "int64"})


def _resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path
    shipped = LEXICON_DIR / f"{name_or_path}.csv"
    if isinstance(name_or_path, str) and "/" not in name_or_path and shipped.is_file():
        return shipped
    raise FileNotFoundError(f"no lexicon file {str(name_or_path)!r} and no shipped lexicon of that name "
                            f"(shipped: {', '.join(shipped_lexicons())})")


def load_lexicon(name_or_path: str | Path | Sequence[str | Path]) -> pd.DataFrame:
    """Load a lexicon: a shipped one by name, a CSV file by path, or several (later files win).

    Returns one row per entry: ``term``, ``category``, ``match``, ``note``, ``source`` (the file)
    and ``line`` (its line number). Where two files hold the same term (same match mode), the
    entry of the later file replaces the earlier one, so a file of your own can extend a shipped
    lexicon and re-categorise or drop-in replace its entries.

    Args:
        name_or_path: ``"loaded_terms"`` (see :func:`shipped_lexicons`), a path to a CSV file with
            the header ``term,category,match,note``, or a list of such names and paths.

    Raises:
        FileNotFoundError: neither a file nor a shipped lexicon.
        LexiconError: a malformed row; the message names the file and the line.

    >>> load_lexicon("loaded_terms").query("term == 'dictator*'")[["term", "category", "match"]].values.tolist()
    [['dictator*', 'pejorative', 'glob']]
    """
    if isinstance(name_or_path, str | Path):
        return _read_lexicon_file(_resolve(name_or_path))
    frames = [_read_lexicon_file(_resolve(item)) for item in name_or_path]
    if not frames:
        raise LexiconError("no lexicon given")
    lexicon = pd.concat(frames, ignore_index=True)
    key = lexicon["term"].str.lower() + "\0" + lexicon["match"]
    return lexicon[~key.duplicated(keep="last")].reset_index(drop=True)


def resolve_lexicon(lexicon: LexiconLike = None, default: str = "loaded_terms") -> pd.DataFrame:
    """The lexicon table a ``lexicon=`` argument stands for: the one resolver of every such argument.

    ``None``: the shipped lexicon ``default``; a table (``term``, ``category``, optional ``match``):
    itself, checked (a copy with ``match`` filled in, ``glob`` where empty, if it lacks one; its other
    columns, such as ``source`` and ``line``, are kept); a name, a path or a list of them:
    :func:`load_lexicon` of it (a list combines the files). A lexicon given **replaces** the default;
    to extend it, name it in a list: ``["loaded_terms", "mine.csv"]``.

    Raises:
        LexiconError: a table without ``term`` or ``category``, or with an invalid entry (its row is named).

    >>> resolve_lexicon(pd.DataFrame({"term": ["junta"], "category": ["pejorative"]})).values.tolist()
    [['junta', 'pejorative', 'glob']]
    >>> table = load_lexicon("frames")
    >>> resolve_lexicon(table) is table, len(resolve_lexicon(None)) == len(load_lexicon("loaded_terms"))
    (True, True)
    """
    if lexicon is None:
        return load_lexicon(default)
    if not isinstance(lexicon, pd.DataFrame):
        return load_lexicon(lexicon)
    missing = {"term", "category"} - set(lexicon.columns)
    if missing:
        raise LexiconError(f"lexicon table lacks column(s) {sorted(missing)}")
    frame = lexicon.reset_index(drop=True)
    matches = frame["match"].fillna("") if "match" in frame else pd.Series([""] * len(frame))
    checked = [_check_entry(str(t), str(c), str(m), f"lexicon table, row {i}")
               for i, (t, c, m) in enumerate(zip(frame["term"], frame["category"], matches, strict=True))]
    if "match" in lexicon and lexicon["match"].tolist() == checked \
            and all(isinstance(v, str) for column in ("term", "category") for v in lexicon[column]):
        return lexicon
    return lexicon.assign(term=frame["term"].astype(str).to_numpy(), category=frame["category"].astype(str).to_numpy(),
                          match=checked)
