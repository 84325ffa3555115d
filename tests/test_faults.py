"""Fault injection: kills, Ctrl-C, full and read-only disks, concurrent runs, files changed mid-run.

Every fault is done for real (subprocesses, real signals, a real tmpfs where mounting is allowed)
and is followed by a normal run whose result must equal a clean run. The exact moment between two
writes is chosen with ``FRAMING_LAB_FAULT`` (see ``analysis.atomic.fault_point``): the process
kills or interrupts itself there, or pauses so that the test can signal it or change a file.
Each test adds a row to the fault table printed at the end (``pytest -s tests/test_faults.py``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import OFFLINE_DIR, ROOT, SAMPLE

from analysis import atomic, load_articles, run_pipeline
from analysis.snapshot import snapshot_key

FAULTS: list[tuple[str, int, bool]] = []  # (fault, runs, identical to a clean run)

LOAD = """
import json, sys, warnings
from analysis import load_articles
from analysis.snapshot import snapshot_key
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    articles, report = load_articles(sys.argv[1], return_report=True, progress=False)
print(json.dumps({"key": snapshot_key(articles, report), "articles": len(articles),
                  "warnings": [str(w.message) for w in seen if w.category.__name__ == "CacheWarning"]}))
"""

PIPELINE = """
import json, sys
import pandas as pd
from analysis import run_pipeline
tables = run_pipeline(pd.read_parquet(sys.argv[1]), scheduler="sync", progress=False)
print(json.dumps({"sentiment_rows": len(tables["sentiment"]), "articles": len(tables["articles"])}))
"""


@pytest.fixture(scope="module", autouse=True)
def fault_table():
    yield
    if FAULTS:
        width = max(len(f) for f, _, _ in FAULTS)
        lines = [f"{'fault':<{width}}  runs  identical to clean run", f"{'-' * width}  ----  ----------------------"]
        lines += [f"{fault:<{width}}  {runs:>4}  {'yes' if same else 'NO'}" for fault, runs, same in FAULTS]
        print("\n" + "\n".join(lines))


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "FRAMING_LAB_CACHE": str(cache), "MPLBACKEND": "Agg",
           "PYTHONPATH": os.pathsep.join([str(OFFLINE_DIR), os.environ.get("PYTHONPATH", "")])}
    env.pop("FRAMING_LAB_FAULT", None)
    env.update(extra)
    return env


def _start(args: list[str], cache: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], env=_env(cache, **extra), cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _run(args: list[str], cache: Path, **extra: str) -> tuple[int, str, str]:
    process = _start(args, cache, **extra)
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def _load(corpus: Path, cache: Path, **extra: str) -> tuple[int, dict | None, str]:
    code, out, err = _run(["-c", LOAD, str(corpus)], cache, **extra)
    return code, (json.loads(out.strip().splitlines()[-1]) if code == 0 else None), err


def _wait_for(path: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"process ended before its fault point: {process.communicate()[1][-2000:]}")
        assert time.monotonic() < deadline, "fault point never reached"
        time.sleep(0.05)


# --- the article set ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """12 single-article files in two outlet folders, a CSV and a JSON Lines export (10 articles each)."""
    folder = tmp_path_factory.mktemp("faults") / "set"
    folder.mkdir()
    pd.read_csv(SAMPLE / "kremlin.csv").head(10).to_csv(folder / "kremlin.csv", index=False)
    lines = (SAMPLE / "president_of_ukraine.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "president_of_ukraine.jsonl").write_text("\n".join(lines[-10:]) + "\n", encoding="utf-8")
    for i, line in enumerate(lines[:12]):
        record = json.loads(line)
        outlet = folder / ("Kyiv desk" if i % 2 else "Wire desk")
        outlet.mkdir(exist_ok=True)
        (outlet / f"{i:03d}.txt").write_text(f"{record['headline']}\n\n{record['body']}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(corpus) -> str:
    """The content key of a clean load (no cache at all)."""
    articles, report = load_articles(corpus, return_report=True, cache=False, progress=False)
    assert len(articles) == 32
    return snapshot_key(articles, report)


def _load_here(corpus: Path, cache: Path) -> str:
    """A normal run, in this process: the content key of what loads with the cache at ``cache``."""
    previous = os.environ.get("FRAMING_LAB_CACHE")
    os.environ["FRAMING_LAB_CACHE"] = str(cache)
    try:
        articles, report = load_articles(corpus, return_report=True, progress=False)
    finally:
        os.environ["FRAMING_LAB_CACHE"] = previous or ""
    return snapshot_key(articles, report)


# --- loading -----------------------------------------------------------------------------


@pytest.mark.parametrize("fault, signal_name", [
    ("frame_written@3", "kill -9"),  # between the two Parquet files of one entry (the old KEY.0 without KEY.1)
    ("frame_written@3:int", "SIGINT"),
    ("publish@2", "kill -9"),  # entry complete under its temporary name, not yet renamed
    ("publish@5:int", "SIGINT"),
])
def test_loader_killed_between_cache_writes(corpus, clean, tmp_path, fault, signal_name):
    cache = tmp_path / "cache"
    code, _, err = _load(corpus, cache, FRAMING_LAB_FAULT=fault)
    assert code == (-signal.SIGKILL if signal_name == "kill -9" else -signal.SIGINT) or \
        (signal_name == "SIGINT" and "KeyboardInterrupt" in err), (code, err[-2000:])
    same = _load_here(corpus, cache) == clean and _load_here(corpus, cache) == clean  # rebuilt, then from the cache
    FAULTS.append((f"{signal_name} of a loader at {fault.split(':')[0]}", 3, same))
    assert same


def test_loader_killed_by_another_process_while_paused_before_a_rename(corpus, clean, tmp_path):
    cache, flag = tmp_path / "cache", tmp_path / "paused"
    process = _start(["-c", LOAD, str(corpus)], cache, FRAMING_LAB_FAULT="publish@4:pause",
                     FRAMING_LAB_FAULT_FILE=str(flag))
    _wait_for(flag, process)
    os.kill(process.pid, signal.SIGKILL)  # a real kill -9 from outside
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    leftovers = [p for p in cache.rglob(".tmp-*")]
    assert leftovers, "the killed process should have left its unpublished entry behind"
    same = _load_here(corpus, cache) == clean
    FAULTS.append(("kill -9 (from outside) of a loader paused before a rename", 2, same))
    assert same


def test_four_concurrent_loaders_on_an_empty_cache(corpus, clean, tmp_path):
    cache = tmp_path / "cache"
    processes = [_start(["-c", LOAD, str(corpus)], cache) for _ in range(4)]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    same = all(r["key"] == clean for r in results) and _load_here(corpus, cache) == clean
    FAULTS.append(("4 concurrent loaders, empty cache", 5, same))
    assert same


def test_byte_flipped_in_a_cached_article_entry_is_detected_and_rebuilt(corpus, clean, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(cache))
    load_articles(corpus, progress=False)
    entries = sorted({p.parent for p in (cache / "articles").rglob("0.parquet")})
    victim = next(e for e in entries if (e / "0.parquet").stat().st_size > 20_000)  # the CSV's entry
    data = bytearray((victim / "0.parquet").read_bytes())
    data[len(data) // 2] ^= 0x01
    (victim / "0.parquet").write_bytes(bytes(data))
    articles, report = load_articles(corpus, return_report=True, progress=False)
    assert atomic.read_entry(victim) is not None  # rebuilt whole
    FAULTS.append(("one byte flipped in a cached Parquet file", 2, snapshot_key(articles, report) == clean))
    assert snapshot_key(articles, report) == clean


def _mount_tmpfs(folder: Path, options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True,
                       capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a tmpfs here ({exc}): the full-disk test needs root and mount rights")


def _load_warned(corpus: Path, cache: Path) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        key = _load_here(corpus, cache)
    return key, [str(w.message) for w in seen if issubclass(w.category, atomic.CacheWarning)]


def test_full_disk_cache_on_a_small_tmpfs(corpus, clean, tmp_path):
    disk = tmp_path / "small_disk"
    _mount_tmpfs(disk, "size=64k")
    try:
        key, warned = _load_warned(corpus, disk)
        assert len(warned) == 1 and "No space left on device" in warned[0], warned
        assert not list(disk.rglob(".tmp-*")), "a failed write must not leave its temporary folder"
        again, _ = _load_warned(corpus, disk)  # the disk is still full: right results again
    finally:
        subprocess.run(["umount", str(disk)], check=False, capture_output=True, timeout=30)
    same = key == clean and again == clean
    FAULTS.append(("cache on a full disk (64 kB tmpfs)", 2, same))
    assert same


def test_read_only_cache(corpus, clean, tmp_path):
    disk = tmp_path / "read_only"
    _mount_tmpfs(disk, "ro,size=1m")
    try:
        key, warned = _load_warned(corpus, disk)
    finally:
        subprocess.run(["umount", str(disk)], check=False, capture_output=True, timeout=30)
    assert len(warned) == 1 and "Read-only file system" in warned[0], warned
    FAULTS.append(("read-only cache (tmpfs mounted ro)", 1, key == clean))
    assert key == clean


# --- the pipeline ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline_sets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pipeline")
    articles = load_articles(SAMPLE, progress=False).head(24).reset_index(drop=True)
    paths = {}
    for name, part in {"a": articles.iloc[:16], "b": articles.iloc[8:], "all": articles}.items():
        paths[name] = folder / f"{name}.parquet"
        part.to_parquet(paths[name], index=False)
    clean = run_pipeline(articles, scheduler="sync", cache=False, progress=False)
    return paths, clean, articles


def _same_tables(tables: dict, clean: dict) -> bool:
    for name, table in clean.items():
        got = tables[name]
        columns = list(table.columns)
        left = table.sort_values(columns, ignore_index=True) if len(table) else table
        right = got[columns].sort_values(columns, ignore_index=True) if len(got) else got[columns]
        try:
            pd.testing.assert_frame_equal(left, right, check_dtype=False)
        except AssertionError:
            return False
    return True


def test_two_concurrent_overlapping_pipelines(pipeline_sets, tmp_path, monkeypatch):
    paths, clean, articles = pipeline_sets
    cache = tmp_path / "cache"
    first, second = (_start(["-c", PIPELINE, str(paths[name])], cache) for name in ("a", "b"))
    for process in (first, second):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(cache))
    tables = run_pipeline(articles, scheduler="sync", progress=False)  # every article from the cache
    again = run_pipeline(articles, scheduler="sync", progress=False)
    assert len(tables["sentiment"]) == len(articles) == tables["sentiment"]["article_id"].nunique()
    same = _same_tables(tables, clean) and _same_tables(again, clean)
    FAULTS.append(("2 concurrent pipelines on overlapping sets", 4, same))
    assert same


def test_pipeline_killed_between_cache_writes(pipeline_sets, tmp_path, monkeypatch):
    paths, clean, articles = pipeline_sets
    cache = tmp_path / "cache"
    code, _, err = _run(["-c", PIPELINE, str(paths["a"])], cache, FRAMING_LAB_FAULT="frame_written@3")
    assert code == -signal.SIGKILL, err[-2000:]
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(cache))
    tables = run_pipeline(articles, scheduler="sync", progress=False)
    same = _same_tables(tables, clean)
    FAULTS.append(("kill -9 of a pipeline between two cache writes", 2, same))
    assert same


# --- reports -----------------------------------------------------------------------------

NOTEBOOK_CELL = """from analysis import load_articles
from analysis.atomic import fault_point
from analysis.snapshot import snapshot_key
articles, report = load_articles(articles_path, return_report=True)
fault_point("in_notebook")
print(f"{len(articles)} articles, set {snapshot_key(articles, report)}")"""


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> dict[int, Path]:
    """Folders of one and of two tiny numbered notebooks (the report machinery is the real one; the analysis is a line)."""
    folders = {}
    for count in (1, 2):
        folder = folders[count] = tmp_path_factory.mktemp(f"notebooks{count}")
        for number in range(1, count + 1):
            parameters = nbformat.v4.new_code_cell('articles_path = ""\ngroup_by = "outlet"')
            parameters.metadata["tags"] = ["parameters"]
            notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# Notebook {number}"),
                                                       parameters, nbformat.v4.new_code_cell(NOTEBOOK_CELL)])
            notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            nbformat.write(notebook, folder / f"{number:02d}_tiny.ipynb")
    return folders


def _report(corpus: Path, out: Path, cache: Path, notebooks: Path, *options: str, **extra: str):
    """The real command, in a subprocess (for signals and concurrency)."""
    return _start(["-m", "analysis", "report", str(corpus), "-o", str(out), "-q", *options], cache,
                  FRAMING_LAB_NOTEBOOKS=str(notebooks), **extra)


def _finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def _report_here(corpus: Path, out: Path, cache: Path, notebooks: Path, *, reuse: bool | str = True):
    """A normal report run, in this process (saves starting Python once more)."""
    from analysis.report import build_report

    saved = {k: os.environ.get(k) for k in ("FRAMING_LAB_CACHE", "MPLBACKEND")}
    os.environ["FRAMING_LAB_CACHE"] = str(cache)
    try:
        return build_report(corpus, out, notebooks=sorted(notebooks.glob("*.ipynb")), cache=reuse,
                            progress=False)
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)


def _page_text(out: Path) -> str:
    """What the report says: its text without markup and cell ids (they differ between executions)."""
    page = (out / "report.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def _keys(out: Path) -> list[str]:
    return re.findall(r"articles, set ([0-9a-f]+)", _page_text(out))


@pytest.fixture(scope="module")
def clean_report(corpus, notebooks, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("clean-report")
    result = _report_here(corpus, folder / "out", folder / "cache", notebooks[1], reuse="refresh")
    assert not result.cached and len(_keys(folder / "out")) == 1
    return _page_text(folder / "out")


def _kernels(tag: str) -> list[int]:
    """Pids of live processes started with FRAMING_LAB_FAULT_TAG=tag in their environment (the kernels)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes()
            state = (proc / "stat").read_text().split()[2]
        except OSError:
            continue
        if f"FRAMING_LAB_FAULT_TAG={tag}".encode() in environ.split(b"\0") and state != "Z":
            found.append(int(proc.name))
    return found


def _no_kernels_left(tag: str, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while _kernels(tag) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not _kernels(tag)


def test_report_killed_while_storing_its_cache_entry(corpus, notebooks, clean_report, tmp_path):
    cache = tmp_path / "cache"
    code, _, err = _finish(_report(corpus, tmp_path / "killed", cache, notebooks[1],
                                   FRAMING_LAB_FAULT="report_store@2"))
    assert code == -signal.SIGKILL, err[-2000:]
    assert list((cache / "reports").glob(".tmp-*")), "the killed run should have left its unpublished entry"
    result = _report_here(corpus, tmp_path / "next", cache, notebooks[1])
    assert not result.cached  # the half-stored entry is never served
    cached = _report_here(corpus, tmp_path / "cached", cache, notebooks[1])
    assert cached.cached
    same = _page_text(tmp_path / "next") == clean_report == _page_text(tmp_path / "cached")
    FAULTS.append(("kill -9 of a report while storing its cache entry", 3, same))
    assert same


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_interrupted_report_stops_its_kernel_and_stores_nothing(corpus, notebooks, clean_report, tmp_path, how):
    cache, flag, tag = tmp_path / "cache", tmp_path / "in_notebook", uuid.uuid4().hex
    process = _report(corpus, tmp_path / "stopped", cache, notebooks[1], FRAMING_LAB_FAULT="in_notebook:pause",
                      FRAMING_LAB_FAULT_FILE=str(flag), FRAMING_LAB_FAULT_TAG=tag)
    _wait_for(flag, process)  # the notebook's kernel is inside its cell
    assert _kernels(tag)
    os.kill(process.pid, getattr(signal, how))
    code, _, err = _finish(process)
    assert code == 130 and "interrupted" in err, (code, err[-2000:])
    assert _no_kernels_left(tag), f"kernel still running after {how} of the report"
    assert not (cache / "reports").exists() or not any((cache / "reports").iterdir())
    result = _report_here(corpus, tmp_path / "next", cache, notebooks[1])
    same = not result.cached and _page_text(tmp_path / "next") == clean_report
    FAULTS.append((f"{how} of a report inside a notebook cell", 2, same))
    assert same


def test_report_killed_9_inside_a_cell_leaves_no_kernel(corpus, notebooks, clean_report, tmp_path):
    cache, flag, tag = tmp_path / "cache", tmp_path / "in_notebook", uuid.uuid4().hex
    process = _report(corpus, tmp_path / "killed", cache, notebooks[1], FRAMING_LAB_FAULT="in_notebook:pause",
                      FRAMING_LAB_FAULT_FILE=str(flag), FRAMING_LAB_FAULT_TAG=tag)
    _wait_for(flag, process)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    stopped = _no_kernels_left(tag, timeout=30)
    for pid in _kernels(tag):  # do not leave it running whatever the result
        os.kill(pid, signal.SIGKILL)
    result = _report_here(corpus, tmp_path / "next", cache, notebooks[1])
    same = not result.cached and _page_text(tmp_path / "next") == clean_report
    FAULTS.append(("kill -9 of a report inside a notebook cell", 2, same))
    assert stopped, "the kernel outlived its killed report"
    assert same


def test_two_concurrent_reports_on_one_cache(corpus, notebooks, clean_report, tmp_path):
    cache = tmp_path / "cache"
    processes = [_report(corpus, tmp_path / f"out{i}", cache, notebooks[1]) for i in range(2)]
    results = [_finish(p) for p in processes]
    assert all(code == 0 for code, _, _ in results), [err[-2000:] for _, _, err in results]
    after = _report_here(corpus, tmp_path / "after", cache, notebooks[1])
    assert after.cached
    same = all(_page_text(tmp_path / name) == clean_report for name in ("out0", "out1", "after"))
    FAULTS.append(("2 concurrent reports on one cache", 3, same))
    assert same


def test_file_changed_mid_run_gives_one_snapshot(corpus, notebooks, tmp_path):
    changed = tmp_path / "set"
    shutil.copytree(corpus, changed)
    as_started = snapshot_key(*load_articles(changed, return_report=True, cache=False, progress=False))
    cache, flag = tmp_path / "cache", tmp_path / "between"
    process = _report(changed, tmp_path / "out", cache, notebooks[2], FRAMING_LAB_FAULT="report_notebook:pause",
                      FRAMING_LAB_FAULT_FILE=str(flag))
    _wait_for(flag, process)  # the first notebook is done, the second not started
    victim = sorted((changed / "Wire desk").glob("*.txt"))[0]
    victim.write_text("A new headline\n\nThis article was rewritten while the report ran.\n", encoding="utf-8")
    Path(f"{flag}.go").touch()
    code, out, err = _finish(process)
    assert code == 0, err[-2000:]
    keys = _keys(tmp_path / "out")
    assert keys == [as_started, as_started]  # both notebooks analysed the set as it was when the run started
    as_changed = snapshot_key(*load_articles(changed, return_report=True, cache=False, progress=False))
    result = _report_here(changed, tmp_path / "next", cache, notebooks[2])
    assert not result.cached  # the changed set is another snapshot: not served from the cache
    same = _keys(tmp_path / "next") == [as_changed, as_changed] and as_changed != as_started
    FAULTS.append(("file changed between two notebooks of a report", 2, same))
    assert same


def test_damaged_cached_report_is_rebuilt_and_no_cache_rewrites(corpus, notebooks, clean_report, tmp_path):
    cache = tmp_path / "cache"
    _report_here(corpus, tmp_path / "first", cache, notebooks[1])
    stored = next(p for p in (cache / "reports").iterdir() if not p.name.startswith("."))
    page = stored / "report.html"
    page.write_bytes(page.read_bytes()[: page.stat().st_size // 2])  # truncated, as after a full disk
    second = _report_here(corpus, tmp_path / "second", cache, notebooks[1])
    assert not second.cached  # never served
    (stored / "report.html").write_bytes(b"")  # damaged again; --no-cache neither reads nor keeps it
    third = _report_here(corpus, tmp_path / "third", cache, notebooks[1], reuse="refresh")
    assert not third.cached and atomic.read_entry(stored) is not None  # rewritten whole
    same = _page_text(tmp_path / "second") == clean_report == _page_text(tmp_path / "third")
    FAULTS.append(("truncated cached report, then --no-cache", 3, same))
    assert same


def test_a_cell_over_its_time_limit_stops_the_report_naming_the_cell(corpus, tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    parameters = nbformat.v4.new_code_cell('articles_path = ""\ngroup_by = "outlet"')
    parameters.metadata["tags"] = ["parameters"]
    notebook = nbformat.v4.new_notebook(cells=[parameters, nbformat.v4.new_code_cell("import time\ntime.sleep(600)")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "01_endless.ipynb")
    tag = uuid.uuid4().hex
    start = time.monotonic()
    code, _, err = _finish(_report(corpus, tmp_path / "out", tmp_path / "cache", folder, "--cell-timeout", "3",
                                   FRAMING_LAB_FAULT_TAG=tag))
    assert code == 4, err[-2000:]
    assert "01_endless.ipynb failed in cell 3 ('import time')" in err and "time limit of 3 s per cell" in err, err
    assert time.monotonic() - start < 120 and _no_kernels_left(tag)
