"""The report on a new user's own set: two stories that are not about a war, in every shape a set comes in.

Each shape (tests/any_sets.py) is written by the test and the report is run on it with the network blocked
(tests/offline on the kernels' PYTHONPATH, as in test_report.py). Several shapes share one set where they can
(one outlet + no lexicon hit, quote or attribution; two outlets x two articles + no dates; twenty outlets + one
day), so the test runs five reports, started together. Every empty section must say why, in a sentence.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from any_sets import write_shape
from conftest import OFFLINE_DIR, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

MY_ACTORS = "actor,alias,match,case_sensitive\nLopez,Maria Lopez,phrase,false\nBecker,Becker,word,false\n"
MY_NAMING = ("# naming for the library story\nterm,category,match,note\n"
             "closure,library: closure,word,\nshut,library: closure,word,\nsaving,library: saving,word,\n")
MY_LEXICON = "term,category,match,note\nhand-painted,my_words,word,\n"

# shape -> (extra options, sentences the page must hold)
RUNS = {
    "one_article": ([], [
        "Not article files (documentation in the folder, left out): README.md",
        "Keyness compares one outlet with the others, and this set has only one (",
        "This set has one outlet, so nothing can be characteristic of it against the others.",
        "All dated articles are from 14 May 2024, so there are no two periods to compare.",
        "the set's most characteristic term",
    ]),
    "one_outlet_no_hits": ([], [
        "No entry of the lexicon occurs in this set",
        "No quotation mark in the English articles of this set",
        "No attribution (\"X said\", \"according to X\") was found in this set.",
        "No competing name of the naming table occurs in this set.",
        "This set has one outlet, so nothing can be characteristic of it against the others.",
        "Splitting at",
    ]),
    "two_by_two_undated": ([], [
        "No article of this set has a publication date, so there is no timeline to draw.",
        "No article of the set has a publication date, so the two periods are not compared.",
        "There are no two periods to compare.",
    ]),
    "twenty_outlets_one_day": ([], [
        "All dated articles are from 3 June 2024, so there are no two periods to compare.",
        "Harbour Outlet 20",
    ]),
    "years_with_outlier": (["--by", "desk", "--term", "library", "--split-date", "2022-06-01", "--actors",
                            "{set}/../my_actors.csv", "--naming", "{set}/../my_naming.csv", "--lexicon",
                            "{set}/../my_lexicon.csv"], [
        "Showing 'library', as set in the parameters (`term`).",
        "Splitting at 1 June 2022, as set in the parameters (`split_date`)",
        "Actors from my_actors.csv: Lopez, Becker.",
        "the concept with the most hits in this set",
        "hand-painted",
        "Politics",
    ]),
}


def _env(cache: Path) -> dict:
    return {**os.environ, "FRAMING_LAB_CACHE": str(cache), "MPLBACKEND": "Agg",
            "PYTHONPATH": os.pathsep.join([str(OFFLINE_DIR), os.environ.get("PYTHONPATH", "")])}


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "analysis", "report", *args]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Every shape's report, run at the same time (two cores: kernels start while others compute)."""
    root = tmp_path_factory.mktemp("any_sets")
    (root / "my_actors.csv").write_text(MY_ACTORS, encoding="utf-8")
    (root / "my_naming.csv").write_text(MY_NAMING, encoding="utf-8")
    (root / "my_lexicon.csv").write_text(MY_LEXICON, encoding="utf-8")
    running = {}
    for shape, (options, _) in RUNS.items():
        folder = write_shape(shape, root / shape)
        options = [o.replace("{set}", str(folder)) for o in options]
        running[shape] = subprocess.Popen(
            _command(str(folder), "-o", str(root / "out" / shape), "--no-cache", *options), cwd=ROOT,
            env=_env(root / "cache"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = {}
    for shape, process in running.items():
        stdout, stderr = process.communicate(timeout=900)
        done[shape] = (process.returncode, stdout, stderr, root / "out" / shape)
    return done


@pytest.mark.parametrize("shape", list(RUNS))
def test_report_on_a_set_of_this_shape_has_every_section_and_says_why_one_is_empty(reports, shape):
    returncode, stdout, stderr, out = reports[shape]
    assert returncode == 0, stderr[-3000:]
    page = (out / "report.html").read_text(encoding="utf-8")
    titles = [re.sub(r"<[^>]+>|¶", "", t).strip() for t in re.findall(r"<h1\b[^>]*>(.*?)</h1>", page, flags=re.S)]
    assert len(titles) == len(NOTEBOOKS) + 1 and titles[0] == "Load report", titles
    assert "Traceback" not in page
    for path in (out / "notebooks").glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", (path.name, cell.source)
                assert "ERROR!" not in output.get("text", ""), (path.name, output["text"])  # e.g. IPython's history
                if output.get("name") == "stderr":
                    assert "Traceback" not in output["text"], (path.name, output["text"])
                    if path.name < "07":  # notebooks 01-06; 07_discover's NMF may warn on tiny sets (its owner's)
                        assert "Warning" not in output["text"], (path.name, output["text"])
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&#x27;", "'").replace("&quot;", '"')
    text = text.replace("&amp;", "&")
    for sentence in RUNS[shape][1]:
        assert sentence in text, f"{shape}: {sentence!r} not in the page"
    # quiet terminal: progress bars and the result line; no kernel transport or unknown-parameter warnings
    assert "Passed unknown parameter" not in stderr and "running over TCP" not in stderr, stderr[-2000:]
    assert "report:" in stdout and len(stdout.strip().splitlines()) == 1, stdout


def test_the_years_set_shows_its_span_without_the_outlier(reports):
    from analysis.plots import date_span

    *_, out = reports["years_with_outlier"]
    articles = pd.read_json(Path(out).parent.parent / "years_with_outlier" / "articles.jsonl", lines=True)
    inside, outliers = date_span(pd.to_datetime(articles["published"], utc=True))
    assert [f"{d:%Y-%m-%d}" for d in dict.fromkeys(outliers)] == ["1970-01-01"]
    assert inside.sum() == len(articles) - len(outliers)


def test_only_non_english_articles_exit_3_naming_the_reason_with_the_load_report_written(tmp_path):
    folder = write_shape("non_english", tmp_path / "non_english")
    result = subprocess.run(_command(str(folder), "-o", str(tmp_path / "out"), "-q"), cwd=ROOT,
                            env=_env(tmp_path / "cache"), capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 3, result.stderr
    assert "no English article" in result.stderr and "language detected as 'de'" in result.stderr
    report = pd.read_csv(tmp_path / "out" / "load_report.csv")
    assert len(report) == 4 and report["reason"].str.contains("language detected as").all()
    assert not (tmp_path / "out" / "notebooks").exists()


@pytest.mark.parametrize("options, message", [
    (["--by", "desk"], "--by desk: the articles have no column 'desk'; the columns are article_id, outlet, title"),
    (["--lexicon", "{tmp}/missing.csv"], "--lexicon {tmp}/missing.csv: no such file"),
    (["--actors", "{tmp}/missing.csv"], "--actors {tmp}/missing.csv: no such file"),
    (["--naming", "{tmp}/missing.csv"], "--naming {tmp}/missing.csv: no such file"),
    (["--naming", "{tmp}/bad_naming.csv"], "is not written 'concept: variant'"),
    (["--scheduler", "tcp://127.0.0.1:9"], "--scheduler tcp://127.0.0.1:9: cannot reach a Dask scheduler there"),
    (["--split-date", "next Tuesday"], "--split-date next Tuesday: not a date"),
])
def test_bad_options_exit_2_before_any_notebook_runs(tmp_path, options, message):
    folder = write_shape("two_by_two_undated", tmp_path / "set")
    (tmp_path / "bad_naming.csv").write_text("term,category,match,note\nshut,closure,word,\n", encoding="utf-8")
    options = [o.replace("{tmp}", str(tmp_path)) for o in options]
    result = subprocess.run(_command(str(folder), "-o", str(tmp_path / "out"), "-q", *options), cwd=ROOT,
                            env=_env(tmp_path / "cache"), capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 2, result.stderr
    assert message.replace("{tmp}", str(tmp_path)) in result.stderr
    assert not (tmp_path / "out" / "notebooks").exists()
