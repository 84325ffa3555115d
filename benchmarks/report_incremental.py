"""The report on the sample with one article added, after a report on the sample, against the cold report.

Runs ``python -m analysis report`` three times with one fresh cache folder: (1) the sample, cold;
(2) a copy of the sample with one article added (the scrape again with one sentence changed), whose
per-article steps are read from the store except those of the added article; (3) the grown set again
with the cache switched off, cold. Checks that (2) and (3) give the same tables (every CSV under
``tables/``) and the same load report, that (2) stored rows for exactly one new article under every step
key stored by (1) (a table the notebooks derive from the set, such as notebook 07's proposed naming
table, changes with the set and gets a key of its own, computed for every article), then
prints the times, the ratio cold / one added, and how each run's time splits (kernel start, imports,
analysis cells, outside the notebooks) from papermill's per-cell timings.

Run: ``python benchmarks/report_incremental.py`` (the shipped sample) or
``python benchmarks/report_incremental.py --releases`` (the 1,796 real press releases of
``../shared/data/kremlin_zelenskyy_press`` instead of the sample, with the scrape added to them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SEED = SAMPLE / "web_scrape" / "000_91f5a0ceed31be41.txt"
PRESS = ROOT.parent / "shared" / "data" / "kremlin_zelenskyy_press"


def report(source: Path, out: Path, cache: str) -> float:
    env = {**os.environ, "FRAMING_LAB_CACHE": cache, "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "report", str(source), "-o", str(out), "-q"], cwd=ROOT,
                   env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def split(out: Path, wall: float) -> str:
    """Where a report's time went: kernel start and imports (first code cell), analysis cells, outside."""
    import nbformat

    kernels = imports = cells = 0.0
    for path in sorted((out / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        durations = [c.metadata.get("papermill", {}).get("duration") or 0.0 for c in notebook.cells
                     if c.cell_type == "code"]
        total = notebook.metadata.get("papermill", {}).get("duration") or 0.0
        # cells: parameters, injected parameters, then the import cell
        first = next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and "import" in c.source
                     and "parameters" not in c.metadata.get("tags", []))
        import_time = notebook.cells[first].metadata.get("papermill", {}).get("duration") or 0.0
        kernels += total - sum(durations)
        imports += import_time
        cells += sum(durations) - import_time
    outside = wall - kernels - imports - cells
    return (f"kernel start {kernels:5.1f} s, imports {imports:5.1f} s, analysis cells {cells:5.1f} s, "
            f"outside the notebooks {outside:5.1f} s")


def slowest(out: Path, n: int = 8) -> list[str]:
    """The ``n`` slowest cells of a report: seconds, notebook and the cell's first line."""
    import nbformat

    cells = []
    for path in sorted((out / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                seconds = cell.metadata.get("papermill", {}).get("duration") or 0.0
                cells.append((seconds, path.stem[:2], cell.source.splitlines()[0][:90] if cell.source else ""))
    return [f"{s:6.2f} s  {nb}  {line}" for s, nb, line in sorted(cells, reverse=True)[:n]]


#: Calls a cell may make and still only draw: the figure functions, and tests of tables already computed.
DRAWING = {"print", "len", "isin", "any", "all", "notna", "isna", "sum", "nunique", "head"}


def drawing_only(out: Path) -> tuple[int, float]:
    """Cells that only draw a figure from tables earlier cells computed, and their seconds: a floor of any
    report on a changed set, whose figures are all drawn again however fast the analyses are."""
    import ast

    import nbformat

    count, seconds = 0, 0.0
    for path in sorted((out / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            images = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
            if cell.cell_type != "code" or not images:
                continue
            calls = [n.func for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Call)]
            names = [f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "") for f in calls]
            if names and all(n.startswith("plot_") or n in DRAWING for n in names):
                count += 1
                seconds += cell.metadata.get("papermill", {}).get("duration") or 0.0
    return count, seconds


def tables(out: Path) -> dict[str, pd.DataFrame]:
    found = {p.relative_to(out).as_posix(): pd.read_csv(p) for p in sorted((out / "tables").glob("*.csv"))}
    return {**found, "load_report.csv": pd.read_csv(out / "load_report.csv").drop(columns=["source_path"])}


def stored_articles(cache: Path) -> dict[tuple[str, str], int]:
    """Articles covered by the per-article store, by step and step key (one folder per key)."""
    return {(key.parent.name[len("step_"):], key.name): sum(len(pd.read_parquet(p)) for p in key.glob("*/0.parquet"))
            for key in sorted((cache / "per_article").glob("step_*/*"))}


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="framing-incremental-"))
    grown = folder / "grown"
    base = SAMPLE
    if "--releases" in sys.argv[1:]:
        if not PRESS.is_dir():
            raise SystemExit(f"--releases needs {PRESS}")
        base = folder / "releases"
        base.mkdir()
        for name in ("putin.csv", "zelenskyy.csv"):
            shutil.copyfile(PRESS / name, base / name)
    shutil.copytree(base, grown)
    text = SEED.read_text(encoding="utf-8").replace("300,000 soldiers", "350,000 soldiers, officials said,")
    (grown / "web_scrape").mkdir(exist_ok=True)
    (grown / "web_scrape" / "001_added.txt").write_text(text, encoding="utf-8")
    cache = folder / "cache"
    cold = report(base, folder / "cold", str(cache))
    before = stored_articles(cache)
    added = report(grown, folder / "added", str(cache))
    after = stored_articles(cache)
    fresh = report(grown, folder / "fresh", "off")
    new = {key: n - before[key] for key, n in after.items() if key in before}
    reused = {key for key, n in new.items() if n}
    if set(new.values()) - {0, 1} or {step for step, _ in reused} != {step for step, _ in before}:
        raise SystemExit(f"the added report computed other articles than the new one: {new}")
    derived = {f"{step} {key[:8]}: {n}" for (step, key), n in after.items() if (step, key) not in before}
    mine, theirs = tables(folder / "added"), tables(folder / "fresh")
    if mine.keys() != theirs.keys():
        raise SystemExit(f"different tables: {sorted(set(mine) ^ set(theirs))}")
    for name in mine:
        pd.testing.assert_frame_equal(mine[name], theirs[name], check_exact=False, rtol=1e-12)
    print(f"same {len(mine)} tables as a report from scratch; new rows stored for one article per step: "
          f"{', '.join(sorted({step for step, _ in reused}))}")
    print(f"steps under keys new to this run (tables derived from the set itself, e.g. notebook 07's proposed "
          f"naming table), computed for every article: {', '.join(sorted(derived)) or 'none'}")
    print(f"set: {base.name if base != SAMPLE else 'the shipped sample'}")
    print(f"cold report on the set         {cold:6.1f} s   ({split(folder / 'cold', cold)})")
    print(f"one article added, after it    {added:6.1f} s   ({split(folder / 'added', added)})")
    print(f"one article added, cache off   {fresh:6.1f} s   ({split(folder / 'fresh', fresh)})")
    print(f"ratio cold / one added: {cold / added:.2f}x (target 5x)")
    count, seconds = drawing_only(folder / "added")
    print(f"{count} cells of the report with one article added only draw a figure from tables already computed: "
          f"{seconds:.1f} s, {seconds / added:.0%} of it (with kernel start and imports, a floor of any report "
          "on a changed set)")
    print("slowest cells of the report with one article added:", *slowest(folder / "added"), sep="\n  ")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
