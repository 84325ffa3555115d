"""compare_runs on the shipped sample split at 24 Feb 2022, hand-checked with plain regexes; the diff command."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from conftest import OFFLINE_DIR, ROOT, SAMPLE

from analysis import compare_runs, load_articles
from analysis.diff import RUN_CHANGE_COLUMNS, run_changes_section
from analysis.plots import plot_run_changes

CUT = pd.Timestamp("2022-02-24", tz="UTC")
WAR = r"(?<![\w'\-])war(?:'s)?(?![\w\-])"  # whole word, as the tokenizer counts it ("war-torn" is another word)
SMO = r"\bspecial\s+military\s+operation\b"


@pytest.fixture(scope="module")
def sets():
    articles = load_articles(SAMPLE, cache=False)
    return articles[articles["published"] < CUT], articles[articles["published"] >= CUT]


@pytest.fixture(scope="module")
def changes(sets):
    return compare_runs(*sets)


def _count(pattern: str, articles: pd.DataFrame, outlet: str) -> pd.Series:
    texts = articles.loc[articles["outlet"] == outlet].set_index("article_id")["text"]
    return texts.map(lambda t: len(re.findall(pattern, t, flags=re.I)))


def _row(changes: pd.DataFrame, aspect: str, outlet: str, item: str) -> pd.Series:
    found = changes[(changes["aspect"] == aspect) & (changes["outlet"] == outlet) & (changes["item"] == item)]
    assert len(found) == 1, (aspect, outlet, item)
    return found.iloc[0]


def test_war_in_the_ukrainian_presidency_releases_before_and_after_24_february(sets, changes):
    old, new = sets
    before, after = _count(WAR, old, "President of Ukraine"), _count(WAR, new, "President of Ukraine")
    assert (before.sum(), after.sum()) == (1, 119)  # hand-checked: "war" once before the invasion, 119 times after
    words_old = old.loc[old["outlet"] == "President of Ukraine", "n_words"].sum()
    words_new = new.loc[new["outlet"] == "President of Ukraine", "n_words"].sum()
    assert (words_old, words_new) == (5508, 31924)
    row = _row(changes, "term", "President of Ukraine", "war")
    assert (row["old_count"], row["new_count"]) == (1, 119)
    assert row["old_rate"] == pytest.approx(1000 / 5508) and row["new_rate"] == pytest.approx(119_000 / 31924)
    assert row["change"] == pytest.approx(119_000 / 31924 - 1000 / 5508) and row["direction"] == "rose"
    assert row["g2"] > 6.6  # a significant rise (p < 0.01)
    top = after.sort_values(ascending=False, kind="stable")
    listed = re.findall(r"(\w+) \((\d+)\)", row["articles"])
    assert listed[0] == (after.idxmax(), str(after.max())) and len(listed) == 5
    assert [int(n) for _, n in listed] == top.head(5).tolist()


def test_special_military_operation_appears_in_kremlin_releases_after_24_february(sets, changes):
    old, new = sets
    before, after = _count(SMO, old, "Kremlin"), _count(SMO, new, "Kremlin")
    assert (before.sum(), after.sum()) == (0, 28)  # hand-checked
    row = _row(changes, "loaded_term", "Kremlin", "special military operation (euphemism)")
    assert (row["old_count"], row["new_count"], row["old_rate"], row["direction"]) == (0, 28, 0.0, "rose")
    category = _row(changes, "loaded_term", "Kremlin", "euphemism (all terms)")
    assert category["new_count"] >= 28 and category["direction"] == "rose"
    naming = _row(changes, "naming", "Kremlin", "the war: special military operation")
    assert naming["new_count"] >= 28 and naming["direction"] == "rose"


def test_every_aspect_has_changes_and_the_table_is_tidy(changes):
    assert list(changes.columns) == RUN_CHANGE_COLUMNS
    assert set(changes["aspect"]) == {"term", "loaded_term", "naming", "source", "frame"}
    assert set(changes["direction"]) == {"rose", "fell"}
    assert ((changes["change"] > 0) == (changes["direction"] == "rose")).all()
    assert (changes["old_count"] + changes["new_count"] >= 3).all() and (changes["g2"] >= 0).all()
    assert changes["articles"].notna().all()
    # an outlet present only in the new set (the 2024 scrape) counts as zero in the old one
    scrape = changes[changes["outlet"] == "web_scrape"]
    assert len(scrape) and (scrape["old_count"] == 0).all() and (scrape["g2"] == 0).all()


def test_inputs_are_not_mutated_and_top_limits_rows(sets):
    old, new = sets
    before = (old.copy(), new.copy())
    limited = compare_runs(old, new, top=2)
    pd.testing.assert_frame_equal(old, before[0])
    pd.testing.assert_frame_equal(new, before[1])
    assert limited.groupby(["aspect", "outlet", "direction"]).size().max() == 2


def test_swapping_the_sets_swaps_the_direction(sets, changes):
    old, new = sets
    back = compare_runs(new, old)
    row = _row(back, "term", "President of Ukraine", "war")
    assert (row["old_count"], row["new_count"], row["direction"]) == (119, 1, "fell")
    assert row["g2"] == pytest.approx(_row(changes, "term", "President of Ukraine", "war")["g2"])


def test_figure_and_section(changes):
    ax = plot_run_changes(changes, top=10)
    assert len(ax.patches) == 10 and ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    section = run_changes_section(changes, old_name="<before>", new_name="[after](javascript:alert(1))")
    from analysis.html import notebook_page

    page = notebook_page(section, "diff")
    assert "What changed since &lt;before&gt;" in page  # names are text on the page
    assert "[after](javascript:alert(1))" in page and "javascript:alert(1)\"" not in page  # never a link
    assert "image/png" in section.cells[1].outputs[0]["data"]


def test_diff_command_writes_table_figure_and_page(tmp_path, sets):
    for name, part in zip(["old", "new"], sets, strict=True):
        (tmp_path / name).mkdir()
        part[["title", "text", "outlet", "published"]].assign(published=part["published"].astype(str)) \
            .to_json(tmp_path / name / "set.jsonl", orient="records", lines=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(OFFLINE_DIR), os.environ.get("PYTHONPATH", "")]),
           "FRAMING_LAB_CACHE": "off"}
    result = subprocess.run([sys.executable, "-m", "analysis", "diff", str(tmp_path / "old"), str(tmp_path / "new"),
                             "-o", str(tmp_path / "out"), "-q"], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    table = pd.read_csv(tmp_path / "out" / "changes.csv")
    war = table[(table["aspect"] == "term") & (table["outlet"] == "President of Ukraine") & (table["item"] == "war")]
    assert war[["old_count", "new_count"]].values.tolist() == [[1, 119]]
    assert (tmp_path / "out" / "changes.png").stat().st_size > 10_000
    page = (tmp_path / "out" / "diff.html").read_text(encoding="utf-8")
    assert "What changed since old" in page and "data:image/png;base64," in page and "<script" not in page.lower()
    missing = subprocess.run([sys.executable, "-m", "analysis", "diff", str(tmp_path / "nowhere"), str(tmp_path / "new")],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False)
    assert missing.returncode == 3 and "no such file or folder" in missing.stderr


def test_help_documents_diff_and_compare():
    out = subprocess.run([sys.executable, "-m", "analysis", "diff", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for option in ["OLD_SET", "NEW_SET", "--out", "--by", "changes.csv", "diff.html", "Exit codes"]:
        assert option in out
    report = subprocess.run([sys.executable, "-m", "analysis", "report", "--help"], capture_output=True, text=True,
                            check=True).stdout
    assert "--compare" in report and "changed since OLD_SET" in report
