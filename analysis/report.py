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

import html
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from . import cache
from .load import SUPPORTED_SUFFIXES, load_articles, summarize_report

__all__ = ["build_report", "ReportError", "notebooks_dir", "report_key", "export_table", "save_figure"]

PACKAGE_DIR = Path(__file__).resolve().parent


def export_table(table: pd.DataFrame, out: str | Path, name: str, *, excel: bool = True) -> list[Path]:
    """Write ``table`` as ``OUT/NAME.csv`` and ``OUT/NAME.parquet`` (and ``.xlsx`` where openpyxl is installed).

    Returns the files written. Time zones are kept in CSV/Parquet; Excel gets naive UTC times.

    >>> import tempfile
    >>> [p.suffix for p in export_table(pd.DataFrame({"term": ["war"], "count": [3]}), tempfile.mkdtemp(), "t")][:2]
    ['.csv', '.parquet']
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / f"{name}.csv", folder / f"{name}.parquet"]
    table.to_csv(written[0], index=False)
    table.to_parquet(written[1], index=False)
    if excel:
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            return written
        naive = table.copy()
        for column in naive.columns:
            if isinstance(naive[column].dtype, pd.DatetimeTZDtype):
                naive[column] = naive[column].dt.tz_localize(None)
        naive.to_excel(folder / f"{name}.xlsx", index=False)
        written.append(folder / f"{name}.xlsx")
    return written


def save_figure(ax, data: pd.DataFrame, out: str | Path, name: str) -> list[Path]:
    """Save the figure holding ``ax`` as ``OUT/NAME.png`` and ``OUT/NAME.svg``, beside ``OUT/NAME.csv`` of ``data``.

    ``data`` is the table the figure plots, so every figure can be checked and redrawn.

    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.bar(["K", "U"], [3, 5])
    >>> [p.suffix for p in save_figure(ax, pd.DataFrame({"outlet": ["K", "U"], "n": [3, 5]}), tempfile.mkdtemp(), "f")]
    ['.png', '.svg', '.csv']
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    figure = ax.get_figure() if hasattr(ax, "get_figure") else ax
    written = [folder / f"{name}.png", folder / f"{name}.svg", folder / f"{name}.csv"]
    figure.savefig(written[0], dpi=150, bbox_inches="tight")
    figure.savefig(written[1], bbox_inches="tight")
    data.to_csv(written[2], index=False)
    return written


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
    """The folder holding the numbered notebooks (``notebooks/`` beside the package)."""
    folder = PACKAGE_DIR.parent / "notebooks"
    if not folder.is_dir():
        raise ReportError(f"notebooks folder not found at {folder}: install Framing Lab from its repository "
                          "(pip install -e .) so the notebooks are beside the package")
    return folder


def _input_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    return sorted(p for p in source.rglob("*") if p.is_file() and not p.is_symlink())


def report_key(source: Path, notebooks: list[Path], options: dict) -> str:
    """Content key of a report: the article files, the notebooks, the package code and the options."""
    parts: list[bytes | str] = [json.dumps(options, sort_keys=True, default=str)]
    for path in _input_files(source):
        try:
            parts += [str(path.relative_to(source) if source.is_dir() else path.name), path.read_bytes()]
        except OSError:
            parts += [str(path), b"unreadable"]
    parts += [p.read_bytes() for p in notebooks]
    parts += [p.read_bytes() for p in sorted(PACKAGE_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    return cache.content_key(*parts)


def _load_section(report: pd.DataFrame, n_articles: int) -> nbformat.NotebookNode:
    """A notebook holding the load report: counts by status and reason, and every item not loaded cleanly."""
    cells = [nbformat.v4.new_markdown_cell(
        "# Load report\n\n"
        f"{len(report)} input items: {n_articles} articles loaded; every other item is listed below with the "
        "reason it was skipped, marked as a duplicate, or loaded with a warning.")]
    summary = summarize_report(report)
    flagged = report[~report["reason"].str.endswith("loaded")]
    for title, table in [("Items by status and reason", summary), ("Items not loaded as they are", flagged)]:
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output(
            "display_data", data={"text/html": table.to_html(index=False, escape=True, na_rep=""),
                                  "text/plain": table.to_string()})]
        cells += [nbformat.v4.new_markdown_cell(f"## {title}"), cell]
    return nbformat.v4.new_notebook(cells=cells)


def _join(notebooks: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    joined = nbformat.v4.new_notebook(metadata=notebooks[-1].metadata if notebooks else {})
    for notebook in notebooks:
        for cell in notebook.cells:
            if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
                continue
            if cell.cell_type == "code" and "injected-parameters" in cell.metadata.get("tags", []):
                continue
            joined.cells.append(cell)
    return joined


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
h1 {{ border-top: 3px solid #4c72b0; padding-top: .6em; margin-top: 2em; }}
table {{ border-collapse: collapse; font-size: 13px; margin: .5em 0 1.5em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; max-width: 38em; }}
thead th {{ background: #f3f3f3; }}
img {{ max-width: 100%; }}
pre {{ white-space: pre-wrap; background: #f7f7f7; padding: .5em; font-size: 12px; }}
.jp-OutputArea-output pre {{ background: none; }}
</style></head>
<body>
<p><em>Framing Lab report. Every number comes from the article set named in the title; article text is shown as
text, never as markup. Figures are embedded; the page loads nothing from the network.</em></p>
{body}
</body></html>
"""


def _to_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """A self-contained page: code hidden, figures embedded as PNG, no script, no network resource.

    Article text reaches the page only inside outputs that escape it (pandas tables, plain text);
    the page also carries a Content-Security-Policy that forbids scripts altogether.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    body, _ = exporter.from_notebook_node(notebook)
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S | re.I)  # the template's own helpers
    return _PAGE.format(title=html.escape(title), body=body)


def build_report(
    source: str | Path,
    out: str | Path = "report",
    *,
    by: str = "outlet",
    lexicon: str | Path | None = None,
    scheduler: str | None = None,
    notebooks: list[Path] | None = None,
    use_cache: bool = True,
    progress: bool = True,
    compare_with: str | Path | None = None,
) -> ReportResult:
    """Execute the notebooks on ``source`` and write ``OUT/report.html`` plus the executed notebooks.

    With ``compare_with`` (an older article set), the page ends with a "What changed since <old set>"
    section: :func:`analysis.diff.compare_runs` of that set against ``source``, as a figure and a table.

    Raises:
        ReportError: the source is missing, no article loads from it, or a notebook fails (the
            message names the notebook and the error).
    """
    import papermill

    start = time.perf_counter()
    source = Path(source).expanduser().absolute()
    out = Path(out).expanduser().absolute()
    if not source.exists():
        raise ReportError(f"{source}: no such file or folder")
    if source.is_file() and source.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ReportError(f"{source}: not a supported article file ({', '.join(sorted(SUPPORTED_SUFFIXES))})")
    articles, load_report = load_articles(source, return_report=True, progress=progress)
    if articles.empty:
        reasons = "; ".join(f"{r.items} x {r.reason}" for r in summarize_report(load_report).head(5).itertuples())
        raise ReportError(f"{source}: no article could be loaded ({len(load_report)} input items: "
                          f"{reasons or 'no files found'})")
    paths = notebooks if notebooks is not None else sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    options = {"by": by, "lexicon": str(lexicon or ""), "scheduler": scheduler or "", "format": 1}
    if compare_with is not None:  # the old set's content is part of the key
        compare_with = Path(compare_with).expanduser().absolute()
        if not compare_with.exists():
            raise ReportError(f"{compare_with}: no such file or folder (the set to compare with)")
        options["compare"] = report_key(compare_with, [], {})
    key = report_key(source, paths, options)
    folder = cache.cache_dir() if use_cache else None
    stored = folder / "reports" / key if folder else None
    if stored is not None and (stored / "report.html").exists():
        shutil.copytree(stored, out, dirs_exist_ok=True)
        executed = sorted((out / "notebooks").glob("*.ipynb"))
        return ReportResult(out / "report.html", executed, len(articles), load_report,
                            time.perf_counter() - start, cached=True)

    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    parameters = {"articles_path": str(source), "group_by": by}
    if lexicon:
        parameters["lexicon_path"] = str(Path(lexicon).expanduser().absolute())
    if scheduler:
        parameters["scheduler"] = scheduler
    executed_nodes, executed_paths = [], []
    # Kernels inherit the environment: make sure figures are captured as outputs even where
    # MPLBACKEND is set to a non-interactive backend (as on CI machines).
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    for path in paths:
        target = out / "notebooks" / path.name
        if progress:
            print(f"Running {path.name}", flush=True)
        try:
            papermill.execute_notebook(str(path), str(target), parameters=parameters, cwd=str(path.parent),
                                       kernel_name="python3", progress_bar=progress, log_output=False)
        except papermill.PapermillExecutionError as exc:
            raise ReportError(f"{path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
                              f"(executed copy with the traceback: {target})") from None
        except Exception as exc:  # kernel died, missing kernel, ...
            raise ReportError(f"{path.name} could not be run: {type(exc).__name__}: {exc}") from None
        executed_paths.append(target)
        executed_nodes.append(nbformat.read(target, as_version=4))

    if scheduler:
        from .pipeline import run_pipeline

        tables = run_pipeline(articles, by=by, lexicon=lexicon, scheduler=scheduler, progress=progress)
        for name, table in tables.items():
            export_table(table, out / "tables", name, excel=False)
    joined = _join([_load_section(load_report, len(articles)), *executed_nodes])
    if compare_with is not None:  # "What changed since <old set>", from analysis.diff
        from .diff import compare_runs, run_changes_section

        old = load_articles(compare_with, progress=progress)
        if old.empty:
            raise ReportError(f"{compare_with}: no article could be loaded to compare with")
        joined.cells += run_changes_section(compare_runs(old, articles, by=by), old_name=compare_with.name,
                                            new_name=source.name, by=by).cells
    title = f"Framing Lab report: {source.name}"
    (out / "report.html").write_text(_to_html(joined, title), encoding="utf-8")
    load_report.to_csv(out / "load_report.csv", index=False)
    if stored is not None:
        try:
            shutil.copytree(out, stored, dirs_exist_ok=True)
        except OSError:
            pass
    return ReportResult(out / "report.html", executed_paths, len(articles), load_report,
                        time.perf_counter() - start, cached=False)
