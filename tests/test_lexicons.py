"""Lexicon files: the shipped lexicon, user lexicons, malformed rows named by file and line, unsafe regexes."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import CATEGORIES, frame

from analysis import find_loaded_terms, load_lexicon
from analysis.lexicons import LEXICON_COLUMNS, LexiconError, read_numbered_csv, resolve_lexicon, shipped_lexicons

# --- lexicon files ------------------------------------------------------------------------------


def test_shipped_lexicon_is_documented_and_valid():
    assert "loaded_terms" in shipped_lexicons()
    lexicon = load_lexicon("loaded_terms")
    assert list(lexicon.columns) == LEXICON_COLUMNS
    assert set(lexicon["category"]) == set(CATEGORIES)
    assert lexicon["category"].value_counts().min() >= 20
    header = open(lexicon["source"].iloc[0], encoding="utf-8").read().split("term,category", 1)[0]
    assert "written by the Framing Lab project" in header


def test_user_lexicon_is_picked_up_without_code_changes(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("# my terms\nterm,category,match,note\nmeat grinder,emotive,phrase,battlefield slang\n"
                    "regime,neutral,word,I do not count it\n", encoding="utf-8")
    articles = frame("Bakhmut became a meat grinder for the regime.")
    only_mine = find_loaded_terms(articles, mine)
    assert only_mine[["matched", "category"]].astype(str).values.tolist() == [
        ["meat grinder", "emotive"], ["regime", "neutral"]]
    extended = load_lexicon(["loaded_terms", mine])
    assert len(extended) == len(load_lexicon("loaded_terms")) + 1  # "regime" replaced, "meat grinder" added
    assert extended.loc[extended["term"] == "regime", "category"].tolist() == ["neutral"]
    hits = find_loaded_terms(frame("The regime's brutal meat grinder."), ["loaded_terms", str(mine)])
    assert hits[["matched", "category"]].astype(str).values.tolist() == [
        ["regime", "neutral"], ["brutal", "intensifier"], ["meat grinder", "emotive"]]  # possessive 's not part of it


@pytest.mark.parametrize("row, problem", [
    ("junta,pejorative,fuzzy,", "match 'fuzzy'"),
    ("junta,pejorative,glob,a note, with a comma", "5 fields but the header has 4"),
    (",pejorative,glob,", "empty term"),
    ("junta,,glob,", "has no category"),
    ("(junta,pejorative,regex,", "not a valid regex pattern"),
    ("dictator*,pejorative,glob,", "already on line 3"),
])
def test_malformed_row_names_file_and_line(tmp_path, row, problem):
    path = tmp_path / "bad.csv"
    path.write_text(f"# comment\nterm,category,match,note\ndictator*,pejorative,glob,\n{row}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_lexicon(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line 4: ")
    assert problem in message


def test_bad_header_and_unknown_name(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("word,category\nregime,pejorative\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.csv, line 1: header"):
        load_lexicon(path)
    with pytest.raises(FileNotFoundError, match="shipped: .*loaded_terms"):
        load_lexicon("no_such_lexicon")


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)+$", r"(a|aa)+$"])
def test_catastrophic_user_regex_is_refused_at_load_time_with_file_and_line(tmp_path, pattern):
    path = tmp_path / "my_terms.csv"
    path.write_text(f"term,category,match\nregime,pejorative,word\n{pattern},pejorative,regex\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"my_terms.csv, line 3: regex .* exponential time"):
        load_lexicon(path)


def test_sound_user_regex_is_accepted(tmp_path):
    path = tmp_path / "my_terms.csv"
    path.write_text("term,category,match\nde-?nazif\\w+,pejorative,regex\n", encoding="utf-8")
    assert load_lexicon(path)["term"].tolist() == ["de-?nazif\\w+"]


# --- one resolver, one numbered-CSV reader ----------------------------------------------------------


def test_resolve_lexicon_replaces_the_default_and_a_list_extends_it(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("term,category,match,note\nmeat grinder,emotive,phrase,\n", encoding="utf-8")
    shipped = load_lexicon("loaded_terms")
    assert resolve_lexicon(None).equals(shipped)
    assert resolve_lexicon(shipped) is shipped  # a table is used as it is
    assert resolve_lexicon(None, default="frames").equals(load_lexicon("frames"))
    assert resolve_lexicon(mine)["term"].tolist() == ["meat grinder"]  # replaces the default
    assert len(resolve_lexicon(["loaded_terms", mine])) == len(shipped) + 1  # a list that names it extends it
    table = resolve_lexicon(pd.DataFrame({"term": ["junta"], "category": ["pejorative"], "match": [None]}))
    assert table.values.tolist() == [["junta", "pejorative", "glob"]]
    with pytest.raises(LexiconError, match=r"lacks column\(s\) \['category'\]"):
        resolve_lexicon(pd.DataFrame({"term": ["junta"]}))
    with pytest.raises(LexiconError, match="lexicon table, row 0: match 'fuzzy'"):
        resolve_lexicon(pd.DataFrame({"term": ["junta"], "category": ["p"], "match": ["fuzzy"]}))


def test_read_numbered_csv_keeps_line_numbers(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text('# note\n\nactor,alias\n  NATO , "North Atlantic, Treaty"\n# more\nEU,EU\n', encoding="utf-8")
    assert read_numbered_csv(path) == [(3, ["actor", "alias"]), (4, ["NATO", "North Atlantic, Treaty"]),
                                       (6, ["EU", "EU"])]
    path.write_text('actor,alias\nNATO,"open\nEU,EU\n', encoding="utf-8")  # one line is one row, an open quote too
    assert read_numbered_csv(path, error=ValueError)[1:] == [(2, ["NATO", "open"]), (3, ["EU", "EU"])]
