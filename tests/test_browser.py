"""In a real browser: the HTML report (with notebook 06 and a "What changed" section) and the explorer notebook
rendered by nbconvert open in headless Chromium, every figure decodes, nothing loads from the network, no console error.

Chromium comes from Debian (``/usr/bin/chromium``, installed by ``.ci/run`` when missing) and is driven with
Playwright's Python package (``requirements-dev.txt``) pointed at that executable; Playwright's own browser
download is never used. Where Chromium cannot be installed the tests are skipped with that reason.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import OFFLINE_DIR, ROOT, SAMPLE
from nbclient import NotebookClient

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
NOTEBOOK = ROOT / "notebooks" / "06_explore.ipynb"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed and could not be installed (.ci/run installs the Debian "
                             "package 'chromium'): browser tests skipped")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package (requirements-dev.txt) is "
                                                                 "not installed: browser tests skipped")
    with sync_api.sync_playwright() as driver:
        profile = tempfile.mkdtemp(prefix="chromium-profile-")
        context = driver.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                            args=FLAGS)
        yield context
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def _open(context, path: Path) -> dict:
    """Open ``path``; block every request that is not to the file itself or a data: URL; collect what went wrong."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url[:80]}"))

    def gate(route):
        url = route.request.url
        if url.startswith("data:") or url == path.as_uri():
            route.continue_()
        else:
            problems.append(f"network request: {url[:80]}")
            route.abort()

    page.route("**/*", gate)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    images = page.evaluate("""() => [...document.images].map(i => ({
        ok: i.complete && i.naturalWidth > 0 && i.naturalHeight > 0, w: i.naturalWidth, h: i.naturalHeight,
        png: i.src.startsWith('data:image/png;base64,')}))""")
    headings = page.evaluate("() => [...document.querySelectorAll('h1')].map(h => h.textContent)")
    text = page.evaluate("() => document.body.innerText")
    scripts = page.evaluate("() => document.querySelectorAll('script').length")
    page.close()
    return {"problems": problems, "images": images, "headings": headings, "text": text, "scripts": scripts}


def _block_kernel_network(patch: pytest.MonkeyPatch) -> None:
    """Kernels started from here import tests/offline/sitecustomize.py, which blocks their network."""
    patch.setenv("PYTHONPATH", os.pathsep.join([str(OFFLINE_DIR), os.environ.get("PYTHONPATH", "")]))
    patch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    """The report of notebook 06 on the sample after 24 Feb 2022, compared with the set before it."""
    from analysis import load_articles
    from analysis.report import build_report

    folder = tmp_path_factory.mktemp("sets")
    articles = load_articles(SAMPLE, cache=False)
    cut = pd.Timestamp("2022-02-24", tz="UTC")
    for name, part in [("before", articles[articles["published"] < cut]), ("after", articles[articles["published"] >= cut])]:
        (folder / name).mkdir()
        part[["title", "text", "outlet", "published", "url"]].assign(published=part["published"].astype(str)) \
            .to_json(folder / name / "set.jsonl", orient="records", lines=True)
    with pytest.MonkeyPatch.context() as patch:
        _block_kernel_network(patch)
        result = build_report(folder / "after", tmp_path_factory.mktemp("report"), notebooks=[NOTEBOOK],
                              cache="refresh", progress=False, compare_with=folder / "before")
    return result.html


def test_report_renders_in_chromium_with_figures_and_no_errors(browser, report_page):
    seen = _open(browser, report_page)
    assert seen["problems"] == []
    assert seen["scripts"] == 0
    assert any(h.startswith("What changed since before") for h in seen["headings"]), seen["headings"]
    assert len(seen["images"]) == 4  # notebook 06: term over time, outlets, two periods; "What changed"
    assert all(i["ok"] and i["png"] for i in seen["images"]), seen["images"]
    assert "the explorer cannot run" in seen["text"]  # a static page says so, and shows the views below instead
    assert "special military operation" in seen["text"]


@pytest.fixture(scope="module")
def notebook_page(tmp_path_factory):
    """Notebook 06 executed on the sample (network blocked) and exported by nbconvert's JupyterLab template."""
    from nbconvert import HTMLExporter

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        _block_kernel_network(patch)
        NotebookClient(notebook, timeout=600, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    # The lab template loads require.js and MathJax from a CDN; offline they are replaced by empty scripts.
    empty = "data:text/javascript,"
    exporter = HTMLExporter(template_name="lab", embed_images=True, require_js_url=empty, mathjax_url=empty,
                            jquery_url=empty)
    body, _ = exporter.from_notebook_node(notebook)
    path = tmp_path_factory.mktemp("nb") / "06_explore.html"
    path.write_text(body, encoding="utf-8")
    return path, notebook


def test_explorer_notebook_rendered_by_nbconvert_shows_every_figure_without_errors(browser, notebook_page):
    path, notebook = notebook_page
    figures = sum("image/png" in o.get("data", {}) for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert figures >= 3
    seen = _open(browser, path)
    assert seen["problems"] == []
    pngs = [i for i in seen["images"] if i["png"]]
    assert len(pngs) == figures and all(i["ok"] and i["w"] > 300 for i in pngs), seen["images"]
    assert seen["headings"][0].startswith("Where and how does each outlet use a word")
    assert "<script>alert" not in seen["text"]


@pytest.fixture(scope="module")
def sample_report_page(tmp_path_factory):
    """The full report of the shipped sample (every notebook), network blocked in the kernels."""
    from analysis.report import build_report

    with pytest.MonkeyPatch.context() as patch:
        _block_kernel_network(patch)
        result = build_report(SAMPLE, tmp_path_factory.mktemp("sample-report"), cache="refresh", progress=False)
    return result.html


def test_sample_report_fits_1280_px_with_whole_cells(browser, sample_report_page):
    """At 1,280 px: no horizontal scrolling of the page or of any table, no cell cut or ending in "..."."""
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("data:", "file:"))
               else route.abort())
    page.goto(sample_report_page.as_uri(), wait_until="load")
    seen = page.evaluate("""() => {
        const cells = [...document.querySelectorAll('td, th')];
        return {
            pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
            wideTables: [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right >
                window.innerWidth + 1).map(t => t.innerText.slice(0, 80)),
            cut: cells.filter(c => /(\\.\\.\\.|…)$/.test(c.innerText.trim()) || c.scrollWidth > c.clientWidth + 1)
                .map(c => c.innerText.slice(-80)),
            cells: cells.length,
            title: document.querySelector('.set-title').innerText,
            contents: [...document.querySelectorAll('nav.toc a')].map(a => a.innerText),
        };
    }""")
    page.close()
    assert seen["pageWidth"] <= seen["viewport"] == 1280, seen["pageWidth"]
    assert seen["wideTables"] == []
    assert seen["cut"] == [] and seen["cells"] > 100
    assert seen["title"] == "Framing Lab report: sample"
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert seen["contents"][0] == "Load report" and len(seen["contents"]) == len(notebooks) + 1
