"""Outputs never overwrite inputs: unsafe -o folders are refused (exit 2); earlier reports are never analysed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import OFFLINE_DIR, ROOT, SAMPLE

from analysis.options import ArgumentError
from analysis.report import build_report, check_output


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "a.txt").write_text("Shelling of Kharkiv\n\nThe shelling of Kharkiv continued overnight.\n")
    return folder


@pytest.mark.parametrize("case, message", [
    ("repository", "is the Framing Lab repository"),
    ("holds_notebooks", "holds a notebooks/ folder that is not an earlier report's"),
    ("inside_articles", "lies inside the article set"),
    ("is_articles", "lies inside the article set"),
    ("existing_file", "is an existing file"),
])
def test_unsafe_output_folders_are_refused(articles, tmp_path, case, message):
    out = {"repository": ROOT, "holds_notebooks": tmp_path / "work", "inside_articles": articles / "report",
           "is_articles": articles, "existing_file": tmp_path / "report.html"}[case]
    if case == "holds_notebooks":
        (out / "notebooks").mkdir(parents=True)
        (out / "notebooks" / "mine.ipynb").write_text("{}")
    if case == "existing_file":
        out.write_text("an earlier page")
    with pytest.raises(ArgumentError, match=message):
        check_output(out, articles)


def test_an_earlier_report_folder_may_be_written_again(articles, tmp_path):
    out = tmp_path / "report"
    (out / "notebooks").mkdir(parents=True)
    (out / ".framing-lab-report").write_text("")
    check_output(out, articles)  # no exception: it is the output of an earlier run


def test_a_set_holding_an_earlier_report_is_not_analysed(articles, tmp_path):
    (articles / "old_report" / "notebooks").mkdir(parents=True)
    (articles / "old_report" / ".framing-lab-report").write_text("")
    with pytest.raises(ArgumentError, match="holds the output of an earlier report"):
        build_report(articles, tmp_path / "out", progress=False)


def test_command_exits_2_with_a_message(articles):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(OFFLINE_DIR), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-m", "analysis", "report", str(SAMPLE), "-o", str(ROOT), "-q"],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "is the Framing Lab repository" in result.stderr and "Traceback" not in result.stderr
    assert not (ROOT / "report.html").exists()


def test_one_error_class_for_bad_arguments(articles, tmp_path):
    import analysis.report as report

    with pytest.raises(ArgumentError) as refused:
        check_output(articles / "report", articles)
    assert isinstance(refused.value, ValueError)
    with pytest.warns(DeprecationWarning, match="ReportArgumentError is deprecated"):
        alias = report.ReportArgumentError
    assert alias is ArgumentError
