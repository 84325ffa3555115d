"""The one-command report: runs every notebook offline, escapes article text, fails clearly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import pytest
from conftest import OFFLINE_DIR, ROOT, SAMPLE

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _run(*args, cache_dir, cwd=ROOT):
    env = {**os.environ, "FRAMING_LAB_CACHE": str(cache_dir), "MPLBACKEND": "Agg",
           "PYTHONPATH": os.pathsep.join([str(OFFLINE_DIR), os.environ.get("PYTHONPATH", "")])}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, env=env,
                            cwd=cwd, timeout=1200, check=False)
    return result, time.perf_counter() - start


def _sections(page: str) -> list[str]:
    """The report split at each notebook's title (an <h1>)."""
    return re.split(r"<h1\b", page)[1:]


@pytest.fixture(scope="module")
def report_cache(tmp_path_factory):
    """The cache folder the reports of :func:`sample_report` use."""
    return tmp_path_factory.mktemp("report-cache")


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory, report_cache):
    out = tmp_path_factory.mktemp("report")
    cache_dir = report_cache
    first, first_time = _run("report", str(SAMPLE), "-o", str(out / "first"), "-q", cache_dir=cache_dir)
    second, second_time = _run("report", str(SAMPLE), "-o", str(out / "second"), "-q", cache_dir=cache_dir)
    return out, first, first_time, second, second_time


def test_report_on_the_sample_offline_with_figures_from_every_notebook(sample_report):
    out, first, first_time, *_ = sample_report
    assert first.returncode == 0, first.stderr[-3000:]
    page = (out / "first" / "report.html").read_text(encoding="utf-8")
    sections = _sections(page)
    titles = [re.sub(r"<[^>]+>|¶", "", s.split("</h1>")[0].split(">", 1)[1]) for s in sections]
    assert titles[0].startswith("Load report")
    assert len(sections) == len(NOTEBOOKS) + 1, titles
    for title, section in zip(titles[1:], sections[1:], strict=True):
        assert re.search(r'<img [^>]*src="data:image/png;base64,', section), f"no figure in section {title!r}"
    assert "<script" not in page.lower() and "http://" not in page and "https://cdn" not in page
    assert sorted(p.name for p in (out / "first" / "notebooks").glob("*.ipynb")) == [p.name for p in NOTEBOOKS]
    assert "SOURCE.md" in page  # the load section lists the skipped file with its reason
    print(f"\nfirst report run {first_time:.1f} s")


def test_second_run_on_the_same_set_is_served_from_the_cache(sample_report):
    out, first, first_time, second, second_time = sample_report
    assert second.returncode == 0, second.stderr[-3000:]
    assert "unchanged set: from cache" in second.stdout
    assert (out / "second" / "report.html").read_bytes() == (out / "first" / "report.html").read_bytes()
    print(f"\nreport: first run {first_time:.1f} s, second run {second_time:.1f} s, "
          f"{first_time / second_time:.1f}x faster")
    assert first_time / second_time >= 5


def _stored_articles(cache_dir) -> dict[tuple[str, str], list[str]]:
    """The article keys the per-article store covers, by step and step key (``analysis.steps.per_article``)."""
    import pandas as pd

    return {(key.parent.name[len("step_"):], key.name): sorted(k for p in key.glob("*/0.parquet")
                                                                for k in pd.read_parquet(p)["article_id"])
            for key in sorted((cache_dir / "per_article").glob("step_*/*"))}


def test_a_report_with_one_added_article_computes_only_that_article(sample_report, report_cache, tmp_path):
    out, first, *_ = sample_report
    assert first.returncode == 0, first.stderr[-3000:]
    before = _stored_articles(report_cache)
    grown = tmp_path / "grown"
    shutil.copytree(SAMPLE, grown)
    seed = SAMPLE / "web_scrape" / "000_91f5a0ceed31be41.txt"
    text = seed.read_text(encoding="utf-8").replace("300,000 soldiers", "350,000 soldiers, officials said,")
    (grown / "web_scrape" / "001_added.txt").write_text(text, encoding="utf-8")
    added, added_time = _run("report", str(grown), "-o", str(tmp_path / "added"), "-q", cache_dir=report_cache)
    assert added.returncode == 0, added.stderr[-3000:]
    assert "from cache" not in added.stdout and "158 articles" in added.stdout  # a new report of the grown set
    after = _stored_articles(report_cache)
    assert {step for step, _ in before} >= {"loaded_terms", "naming", "frames", "attributions", "quotes", "sentiment"}
    # Under every step key of the first report (same code, same lexicons) at most the added article was computed,
    # the same one for every step; a key not used again is that of a table derived from the sample itself
    # (notebook 07's proposed naming table), and so is every new key: such a table changes with the set.
    new = {key: sorted(set(after[key]) - set(before[key])) for key in before}
    assert all(len(ids) <= 1 and len(after[key]) == len(before[key]) + len(ids) for key, ids in new.items())
    reused = {key for key, ids in new.items() if ids}
    assert {step for step, _ in reused} == {"loaded_terms", "naming", "frames", "attributions", "quotes", "sentiment",
                                            "sentences", "name_candidates", "loaded_language"}
    assert len({new[key][0] for key in reused}) == 1
    assert {step for step, _ in (set(before) - reused) | (set(after) - set(before))} <= {"naming"}
    print(f"\nreport with one article added: {added_time:.1f} s")


XSS_TITLE = "<script>alert(1)</script> Kharkiv <img src=x onerror=alert(1)>"
XSS_BODY = ("Officials said <script>alert('body')</script> the shelling of Kharkiv continued overnight. "
            "The governor <img src=x onerror=alert(2)> reported damage to a school. Putin called it a "
            "\"special military operation\" while Zelensky spoke of war. <b onmouseover=alert(3)>Bold</b> claims.")


def test_article_text_never_becomes_live_html(tmp_path):
    articles = tmp_path / "set"
    shutil.copytree(SAMPLE, articles)
    (articles / "evil").mkdir()
    payload = {"title": XSS_TITLE, "text": XSS_BODY, "outlet": "<script>alert('outlet')</script>Evil",
               "published": "2022-02-25T10:00:00Z"}
    import json

    (articles / "evil" / "payload.jsonl").write_text(json.dumps(payload) + "\n", encoding="utf-8")
    result, _ = _run("report", str(articles), "-o", str(tmp_path / "out"), "-q", cache_dir=tmp_path / "cache")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", page, flags=re.I), "an event-handler attribute is live"
    assert "&lt;script&gt;" in page  # the payload is there, as text
    assert "default-src 'none'" in page  # and the page forbids scripts anyway


def test_missing_path_exits_non_zero_with_a_message(tmp_path):
    result, _ = _run("report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"), cache_dir=tmp_path / "c")
    assert result.returncode == 3
    assert "nowhere: no such file or folder" in result.stderr


def test_set_with_no_loadable_article_exits_non_zero(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_text("")
    (tmp_path / "bad" / "broken.jsonl").write_text('{"title": "x", "text": \n')
    result, _ = _run("report", str(tmp_path / "bad"), "-o", str(tmp_path / "out"), cache_dir=tmp_path / "c")
    assert result.returncode == 3
    assert "no article could be loaded" in result.stderr and "empty file" in result.stderr
    assert str(tmp_path / "bad") in result.stderr


def test_help_documents_every_command():
    result = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True,
                            check=True)
    assert "report" in result.stdout
    sub = subprocess.run([sys.executable, "-m", "analysis", "report", "--help"], capture_output=True, text=True,
                         check=True)
    for option in ["--out", "--by", "--lexicon", "--scheduler", "Exit codes"]:
        assert option in sub.stdout


ENGLISH = ("Shelling of Kharkiv\n\nThe shelling of Kharkiv continued overnight, officials said. The governor "
           "reported damage to a school and asked residents to stay in shelters until the morning.\n")


def _probe_notebook(folder):
    """A one-cell notebook that prints the backend its kernel sees and the lexicon it receives."""
    import nbformat

    parameters = nbformat.v4.new_code_cell("articles_path = None\nlexicon_path = None")
    parameters.metadata["tags"] = ["parameters"]
    probe = nbformat.v4.new_code_cell("import json, os\n"
                                      "print(json.dumps({'backend': os.environ.get('MPLBACKEND'), "
                                      "'lexicon': lexicon_path}))")
    path = folder / "01_probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[parameters, probe], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}), path)
    return path


def test_kernels_get_the_inline_backend_and_the_lexicon_used_the_caller_keeps_its_environment(tmp_path, monkeypatch):
    import json

    import nbformat

    from analysis.report import build_report

    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "a.txt").write_text(ENGLISH, encoding="utf-8")
    mine = tmp_path / "mine.csv"
    mine.write_text("term,category,match,note\nshelling,emotive,word,\n", encoding="utf-8")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    result = build_report(tmp_path / "set", tmp_path / "out", notebooks=[_probe_notebook(tmp_path)],
                          lexicon=["loaded_terms", mine], cache=False, progress=False)
    assert os.environ["MPLBACKEND"] == "Agg"  # the caller's environment is not changed
    executed = nbformat.read(result.notebooks[0], as_version=4)
    printed = json.loads(next(c for c in executed.cells if "json.dumps" in c.source).outputs[0]["text"])
    assert printed == {"backend": "module://matplotlib_inline.backend_inline", "lexicon": ["loaded_terms", str(mine)]}


def test_use_cache_is_a_deprecated_name_of_cache(tmp_path):
    from analysis.report import ReportError, build_report

    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "a.txt").write_text("Título\n\nEl bombardeo de Járkov continuó durante la noche.\n")
    with pytest.warns(DeprecationWarning, match=r"build_report\(use_cache=...\) is deprecated"), \
            pytest.raises(ReportError, match="no English article"):
        build_report(tmp_path / "set", tmp_path / "out", use_cache=False, progress=False)


def test_the_command_adds_its_lexicon_file_to_the_shipped_one(monkeypatch, tmp_path):
    import analysis.__main__ as command
    from analysis.report import ReportError

    given = {}

    def fake(*args, **kwargs):
        given.update(kwargs)
        raise ReportError("stop here")

    monkeypatch.setattr(command, "build_report", fake)
    assert command.main(["report", str(SAMPLE), "-o", str(tmp_path / "out"), "--lexicon", "mine.csv", "--no-cache",
                         "-q"]) == 3
    assert given["lexicon"] == ["loaded_terms", "mine.csv"] and given["cache"] == "refresh"
    command.main(["report", str(SAMPLE), "-o", str(tmp_path / "out"), "-q"])
    assert given["lexicon"] is None and given["cache"] is True
