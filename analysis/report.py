"""The one-command report: run every notebook on an article set, write one self-contained HTML file.

``python -m analysis report ARTICLES -o OUT`` (see :mod:`analysis.__main__`) calls :func:`build_report`:

1. loads the set once (so a missing path or a set with no loadable article stops early, with a
   message naming the path and the problem);
2. executes each numbered notebook with papermill, its ``parameters`` cell overridden
   (``articles_path``, ``group_by``, ``lexicon_path``, ``scheduler``), into ``OUT/notebooks/``;
3. joins the executed notebooks, after a *Load report* section listing every item that was
   skipped or loaded with a warning, into ``OUT/report.html`` (figures embedded as PNG, code
   hidden, every output sanitised; article text reaches the page only as escaped text).

A finished report is cached under the content of its inputs (article files, notebooks, package
code, options), so re-running an unchanged set copies the cached result instead of executing again.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import atomic, snapshot
from .cache import CacheArg, cache_dir, cache_from_use_cache, content_key
from .config import NOTEBOOKS_ENV, PACKAGE_DIR
from .exports import export_table
from .html import notebook_page
from .kernels import KERNEL_ENV, ReportKernel
from .load import SUPPORTED_SUFFIXES, load_articles, summarize_report
from .options import ArgumentError, check_group_column, check_report_arguments, lexicon_files
from .tokens import english_only

if TYPE_CHECKING:
    import nbformat

__all__ = ["build_report", "ReportError", "check_output", "notebooks_dir", "report_key", "KERNEL_ENV"]

class ReportError(RuntimeError):
    """A report that cannot be built; the message says which path or notebook, and why."""


@dataclass
class ReportResult:
    """What :func:`build_report` wrote."""

    html: Path
    notebooks: list[Path]
    articles: int
    report: pd.DataFrame
    seconds: float
    cached: bool


def notebooks_dir() -> Path:
    """The folder holding the numbered notebooks: ``$FRAMING_LAB_NOTEBOOKS`` if set, else ``notebooks/`` beside the package."""
    folder = Path(os.environ.get(NOTEBOOKS_ENV) or PACKAGE_DIR.parent / "notebooks")
    if not folder.is_dir():
        raise ReportError(f"notebooks folder not found at {folder}: install Framing Lab from its repository "
                          "(pip install -e .) so the notebooks are beside the package")
    return folder


def notebook_parameters(path: Path) -> set[str]:
    """The names the ``parameters`` cell of the notebook at ``path`` assigns (the options it accepts).

    >>> sorted(notebook_parameters(notebooks_dir() / "01_load_and_clean.ipynb"))[:1]
    ['articles_path']
    """
    import ast

    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            tree = ast.parse(cell.source)
            return {target.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
                    for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                    if isinstance(target, ast.Name)}
    return set()


#: Marks a folder as the output of a report, so it is never taken for a set of articles or notebooks.
REPORT_MARK = ".framing-lab-report"


def __getattr__(name: str) -> object:
    if name == "ReportArgumentError":  # one exit-2 error class since issue 15
        warnings.warn("analysis.report.ReportArgumentError is deprecated: use analysis.options.ArgumentError",
                      DeprecationWarning, stacklevel=2)
        return ArgumentError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_output(out: str | Path, source: str | Path, *, compare_with: str | Path | None = None) -> None:
    """Refuse an output folder that would overwrite or be mixed with inputs.

    Refused: ``out`` is the repository, holds a ``notebooks/`` folder of its own (not an earlier
    report's), is or lies inside the article set (or the set to compare with), or is an existing file.

    Raises:
        ArgumentError: the message says which case and which path (exit code 2).

    >>> import tempfile; articles = tempfile.mkdtemp()
    >>> check_output(Path(articles) / "report", articles)
    Traceback (most recent call last):
    ...
    analysis.options.ArgumentError: -o .../report lies inside the article set ...
    """
    out, source = Path(out).expanduser().absolute(), Path(source).expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise ArgumentError(f"-o {out} is an existing file, not a folder: name a folder for the report")
    if out.resolve() == PACKAGE_DIR.parent.resolve():
        raise ArgumentError(f"-o {out} is the Framing Lab repository: its notebooks would be overwritten; "
                                  "name another folder, e.g. -o report")
    if (out / "notebooks").is_dir() and not (out / REPORT_MARK).exists() and not (out / "report.html").exists():
        raise ArgumentError(f"-o {out} holds a notebooks/ folder that is not an earlier report's: it would "
                                  "be overwritten; name another folder")
    for name, inputs in (("the article set", source), ("the set to compare with", compare_with)):
        if inputs is None:
            continue
        inputs = Path(inputs).expanduser().absolute()
        if inputs.is_dir() and (out == inputs or inputs in out.parents or out.resolve() == inputs.resolve()
                                or inputs.resolve() in out.resolve().parents):
            raise ArgumentError(f"-o {out} lies inside {name} {inputs}: the next run would analyse "
                                      "the report as articles; name a folder outside it")


def _earlier_outputs(source: Path) -> list[Path]:
    """Folders inside ``source`` that hold the output of an earlier report."""
    if not source.is_dir():
        return []
    marked = {p.parent for p in source.rglob(REPORT_MARK)}
    unmarked = {p.parent for p in source.rglob("report.html")
                if (p.parent / "load_report.csv").is_file() and (p.parent / "notebooks").is_dir()}
    return sorted(marked | unmarked)


def _package_code() -> list[bytes]:
    return [p.read_bytes() for p in sorted(PACKAGE_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]


def report_key(set_key: str, title: str, notebooks: list[Path], options: dict) -> str:
    """Content key of a report: the loaded set (its snapshot key), its name in the title, the notebooks,
    the package code and the options.

    >>> report_key("abc", "sample", [], {"by": "outlet"}) != report_key("abc", "other", [], {"by": "outlet"})
    True
    """
    parts: list[bytes | str] = [set_key, title, json.dumps(options, sort_keys=True, default=str)]
    parts += [p.read_bytes() for p in notebooks]
    return content_key(*parts, *_package_code())


def _documentation_files(report: pd.DataFrame) -> pd.Series:
    """Rows of the load report that are documentation files of the folder (``README*``, ``SOURCE*``, ``*.md``)."""
    names = report["source_path"].fillna("").astype(str).str.replace("\\", "/").str.rsplit("/", n=1).str[-1]
    return (report["status"] == "skipped") & (
        names.str.match(r"(?i)(readme|source)\b") | names.str.lower().str.endswith(".md"))


def _load_section(report: pd.DataFrame, n_articles: int) -> nbformat.NotebookNode:
    """A notebook holding the load report: counts by status and reason, and every item not loaded cleanly.

    Documentation files in the article folder (``README*``, ``SOURCE*``, ``*.md``) are named once as
    "not article files" and left out of the tables, so the first row is a real problem.
    """
    import nbformat  # imported when used: it takes seconds, and every notebook kernel imports this package

    from .display import show_table

    docs = _documentation_files(report)
    shown = report[~docs]
    not_articles = ""
    if docs.any():
        names = ", ".join(sorted(Path(p).name for p in report.loc[docs, "source_path"].astype(str)))
        not_articles = f"\n\nNot article files (documentation in the folder, left out): {names}."
    cells = [nbformat.v4.new_markdown_cell(
        "# Load report\n\n"
        f"{len(report)} input items: {n_articles} articles loaded; every other item is listed below with the "
        "reason it was skipped, marked as a duplicate, or loaded with a warning." + not_articles)]
    summary = summarize_report(shown)
    flagged = shown[~shown["reason"].str.endswith("loaded")]
    for title, table, empty in [
            ("Items by status and reason", summary, "No input item besides the documentation files."),
            ("Items not loaded as they are", flagged,
             "Every input item was loaded as it is: none was skipped, a duplicate or loaded with a warning.")]:
        view = show_table(table, rows=50, empty=empty)
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": view._repr_html_(),
                                                                     "text/plain": repr(view)})]
        cells += [nbformat.v4.new_markdown_cell(f"## {title}"), cell]
    return nbformat.v4.new_notebook(cells=cells)


def _join(notebooks: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    import nbformat

    joined = nbformat.v4.new_notebook(metadata=notebooks[-1].metadata if notebooks else {})
    for notebook in notebooks:
        for cell in notebook.cells:
            if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
                continue
            if cell.cell_type == "code" and "injected-parameters" in cell.metadata.get("tags", []):
                continue
            joined.cells.append(cell)
    return joined


def _absolute_lexicon(lexicon: str | Path | Sequence[str | Path] | None) -> str | list[str] | None:
    """The lexicon argument as the notebooks receive it: shipped names kept, files as absolute paths.

    >>> _absolute_lexicon(["loaded_terms"]), _absolute_lexicon(None)
    (['loaded_terms'], None)
    """
    if lexicon is None or (isinstance(lexicon, str) and not lexicon):
        return None
    files = set(lexicon_files(lexicon))
    items = [lexicon] if isinstance(lexicon, str | Path) else list(lexicon)
    absolute = [str(Path(i).expanduser().absolute()) if Path(i).expanduser() in files else str(i) for i in items]
    return absolute[0] if isinstance(lexicon, str | Path) else absolute


def _running_cell(executed: Path) -> str:
    """Which cell of a partly executed notebook was running: "N (first line of its code)"."""
    import nbformat

    try:
        notebook = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return "unknown"
    code = [c for c in notebook.cells if c.cell_type == "code"]
    started = [(c.get("metadata", {}).get("papermill", {}).get("start_time") or "", number, c)
               for number, c in enumerate(code, start=1)]
    started = [entry for entry in started if entry[0]]
    if not started:
        return "unknown"
    _, number, cell = max(started, key=lambda entry: (entry[0], entry[1]))  # the last cell that started
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f"{number} ({first[:60]!r})"


def build_report(
    source: str | Path,
    out: str | Path = "report",
    *,
    by: str = "outlet",
    lexicon: str | Path | Sequence[str | Path] | None = None,
    scheduler: str | None = None,
    notebooks: list[Path] | None = None,
    cache: CacheArg = True,
    progress: bool = True,
    compare_with: str | Path | None = None,
    cell_timeout: float | None = 3600,
    term: str | None = None,
    split_date: str | None = None,
    actors: str | Path | None = None,
    naming: str | Path | Sequence[str | Path] | None = None,
    use_cache: bool | None = None,
) -> ReportResult:
    """Execute the notebooks on ``source`` and write ``OUT/report.html`` plus the executed notebooks.

    ``by``, ``lexicon``, ``term``, ``split_date``, ``actors`` (an actor CSV) and ``naming`` (the naming
    lexicon used, like ``lexicon``: a name, a file or a list of them) reach every notebook whose ``parameters`` cell declares the
    matching name (:func:`notebook_parameters`); left at ``None``, the notebooks choose from the set and say so.
    ``lexicon`` is the loaded-terms lexicon used, as everywhere in the package: a shipped name, a file,
    or a list of them combined (later files win), e.g. ``["loaded_terms", "mine.csv"]`` to add a file to
    the shipped one (what ``--lexicon mine.csv`` does); default the shipped ``loaded_terms``.
    ``cache``: ``True`` reuses a finished report of the same inputs and cached parsed files, ``"refresh"``
    runs everything again and replaces them (``--no-cache``), ``False`` neither reads nor writes the cache.
    ``use_cache`` is the deprecated name of ``cache`` (``use_cache=False`` was ``cache="refresh"``).
    With ``compare_with`` (an older article set), the page ends with a "What changed since <old set>"
    section: :func:`analysis.diff.compare_runs` of that set against ``source``, as a figure and a table.
    ``cell_timeout`` is the time limit of each notebook cell in seconds (``None``: no limit).

    Raises:
        ArgumentError: an option cannot work (missing or malformed file, unknown ``by`` column,
            unreachable scheduler, a split date that is not a date), checked before any notebook runs.
        ReportError: the source is missing, no (English) article loads from it, or a notebook fails
            (the message names the notebook and the error). ``OUT/load_report.csv`` is written
            whenever the set could be read.
    """
    cache = cache_from_use_cache(use_cache, cache, where="build_report", off="refresh")
    start = time.perf_counter()
    source = Path(source).expanduser().absolute()
    out = Path(out).expanduser().absolute()
    check_report_arguments(lexicon=lexicon, actors=actors, naming=naming, scheduler=scheduler,
                           split_date=split_date, term=term)
    if not source.exists():
        raise ReportError(f"{source}: no such file or folder")
    if source.is_file() and source.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ReportError(f"{source}: not a supported article file ({', '.join(sorted(SUPPORTED_SUFFIXES))})")
    check_output(out, source, compare_with=compare_with)
    earlier = _earlier_outputs(source)
    if earlier:
        raise ArgumentError(f"{source} holds the output of an earlier report ({earlier[0]}): a report never "
                                  "analyses its own output; move that folder out of the set")
    folder_of_notebooks = Path(notebooks[0]).parent if notebooks else notebooks_dir()
    # The kernel boots (and imports the package) while the set loads; shut down when done or failed.
    with ReportKernel(str(folder_of_notebooks)) as kernel:
        try:
            kernel.launch()
        except Exception:  # no kernel could be launched: the first notebook's start says why (a ReportError)
            kernel.shutdown()
        import nbformat  # seconds of imports, while the kernel boots
        import papermill

        # --no-cache ("refresh"): every file parsed again, its cache entry replaced
        articles, load_report = load_articles(source, return_report=True, progress=progress, cache=cache)
        if articles.empty or english_only(articles).empty:
            out.mkdir(parents=True, exist_ok=True)
            load_report.to_csv(out / "load_report.csv", index=False)
            reasons = "; ".join(f"{r.items} x {r.reason}" for r in summarize_report(load_report).head(5).itertuples())
            what = "no article could be loaded" if articles.empty else "no English article (the analyses read English)"
            raise ReportError(f"{source}: {what} ({len(load_report)} input items: {reasons or 'no files found'}; "
                              f"load report: {out / 'load_report.csv'})")
        check_group_column(articles, by)
        paths = notebooks if notebooks is not None else sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
        options = {"by": by, "scheduler": scheduler or "", "format": 3, "term": term or "", "split_date": split_date or ""}
        lexicon, naming = _absolute_lexicon(lexicon), _absolute_lexicon(naming)
        for name, value in (("lexicon", lexicon), ("actors", actors), ("naming", naming)):
            if value:  # a user's file by its content, not only its name
                files = lexicon_files(value) if name in ("lexicon", "naming") else [Path(value).expanduser().absolute()]
                options[name] = [value, *[[str(p), content_key(p.read_bytes()) if p.is_file() else "missing"]
                                          for p in files]]
        old = None
        if compare_with is not None:  # the old set, loaded once too: its content is part of the key
            compare_with = Path(compare_with).expanduser().absolute()
            if not compare_with.exists():
                raise ReportError(f"{compare_with}: no such file or folder (the set to compare with)")
            old, old_report = load_articles(compare_with, return_report=True, progress=progress)
            if old.empty:
                raise ReportError(f"{compare_with}: no article could be loaded to compare with")
            options["compare"] = [compare_with.name, snapshot.snapshot_key(old, old_report)]
        title = f"Framing Lab report: {source.name}"
        key = report_key(snapshot.snapshot_key(articles, load_report), title, paths, options)
        folder = cache_dir() if cache else None
        stored = folder / "reports" / key if folder else None
        out.mkdir(parents=True, exist_ok=True)
        (out / REPORT_MARK).write_text("Output of python -m analysis report: never read as articles.\n",
                                       encoding="utf-8")
        if stored is not None and cache is True:
            contents = atomic.read_entry(stored)  # verified: a partial or damaged entry is discarded and rebuilt
            if contents is not None:
                for name, data in contents.items():
                    if name != atomic.MANIFEST:
                        (out / name).parent.mkdir(parents=True, exist_ok=True)
                        atomic.write_atomic(out / name, data)
                executed = sorted((out / "notebooks").glob("*.ipynb"))
                return ReportResult(out / "report.html", executed, len(articles), load_report,
                                    time.perf_counter() - start, cached=True)

        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        with tempfile.TemporaryDirectory(prefix="framing-lab-snapshot-") as frozen:
            # Every notebook analyses this one snapshot of the set, never the files again.
            try:
                set_path = snapshot.write_snapshot(articles, load_report, Path(frozen) / "articles")
            except OSError as exc:
                raise ReportError(f"could not write the snapshot of the set to the temporary folder {frozen}: "
                                  f"{exc}") from None
            parameters = {"articles_path": str(set_path), "group_by": by, "term": term, "split_date": split_date,
                          "tables_dir": str(out / "tables")}
            parameters["lexicon_path"] = lexicon  # the lexicon used: a name, a file or a list of them
            parameters["naming_path"] = naming  # the naming lexicon used, likewise
            parameters["actors_path"] = str(Path(actors).expanduser().absolute()) if actors else None
            if scheduler:
                parameters["scheduler"] = scheduler
            executed_nodes, executed_paths = [], []
            for path in paths:  # one kernel for all notebooks, reset before each; shut down when done or failed
                target = out / "notebooks" / path.name
                declared = notebook_parameters(path)
                try:
                    # Only the options this notebook declares (no "unknown parameter" warnings).
                    kernel.execute(str(path), str(target), cwd=str(path.parent), kernel_name="python3",
                                   parameters={k: v for k, v in parameters.items() if k in declared},
                                   progress_bar={"desc": path.stem} if progress else False,
                                   log_output=False, execution_timeout=cell_timeout)
                except TimeoutError:  # nbclient's CellTimeoutError: the kernel has been stopped
                    raise ReportError(f"{path.name} failed in cell {_running_cell(target)}: it ran longer than the time "
                                      f"limit of {cell_timeout:g} s per cell (raise it with --cell-timeout; "
                                      f"executed copy: {target})") from None
                except papermill.PapermillExecutionError as exc:
                    raise ReportError(f"{path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
                                      f"(executed copy with the traceback: {target})") from None
                except Exception as exc:  # kernel died, missing kernel, ...
                    raise ReportError(f"{path.name} could not be run: {type(exc).__name__}: {exc}") from None
                executed_paths.append(target)
                executed_nodes.append(nbformat.read(target, as_version=4))
                atomic.fault_point("report_notebook")
        kernel.shutdown()  # the notebooks are done: the kernel's memory is free for the page
    written += executed_paths
    written += sorted((out / "tables").glob("*.csv")) if (out / "tables").is_dir() else []  # the notebooks' tables

    if scheduler:
        from .pipeline import run_pipeline

        tables = run_pipeline(articles, by=by, lexicon=lexicon, scheduler=scheduler, progress=progress, cache=cache)
        for name, table in tables.items():
            written += export_table(table, out / "tables", name, excel=False)
    joined = _join([_load_section(load_report, len(articles)), *executed_nodes])
    if old is not None:  # "What changed since <old set>", from analysis.diff
        from .diff import compare_runs, run_changes_section

        joined.cells += run_changes_section(compare_runs(old, articles, by=by), old_name=compare_with.name,
                                            new_name=source.name, by=by).cells
    load_report.to_csv(out / "load_report.csv", index=False)
    written.append(out / "load_report.csv")
    written.append(atomic.write_atomic(out / "report.html", notebook_page(joined, title)))
    if stored is not None:  # one entry, published whole; --no-cache replaces it
        def fill(tmp: Path) -> None:
            for path in written:
                copy = tmp / path.relative_to(out)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
                atomic.fault_point("report_store")

        atomic.publish_entry(stored, fill, replace=cache == "refresh")
    return ReportResult(out / "report.html", executed_paths, len(articles), load_report,
                        time.perf_counter() - start, cached=False)
