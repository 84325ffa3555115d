"""Checks of the report's options: a lexicon argument may name several lexicons; every bad one is an ArgumentError."""

from __future__ import annotations

import pytest

from analysis.options import ArgumentError, check_report_arguments, lexicon_files


def test_a_lexicon_argument_may_combine_shipped_names_and_files(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("term,category,match,note\nmeat grinder,emotive,phrase,\n", encoding="utf-8")
    assert lexicon_files(["loaded_terms", mine]) == [mine] and lexicon_files("loaded_terms") == []
    check_report_arguments(lexicon=["loaded_terms", mine])
    check_report_arguments(lexicon="loaded_terms")
    with pytest.raises(ArgumentError, match=r"--lexicon .*missing.csv: no such file"):
        check_report_arguments(lexicon=["loaded_terms", tmp_path / "missing.csv"])
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category,match,note\nx,y,nonsense,\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match=r"--lexicon .*bad.csv: .*line 2"):
        check_report_arguments(lexicon=[mine, bad])
