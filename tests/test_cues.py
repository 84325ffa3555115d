"""Cue lists under analysis/data/cues: each list matches where it must and not where it must not."""

from __future__ import annotations

import re

import pytest

from analysis.cues import CUES_DIR, cue_pattern_source, load_cues

CASES = {
    # list: (text with a cue, text without one)
    "byline_roles": ("Reuters", "Reutersville"),
    "person_titles": ("Chief Superintendent", "chiefly"),
    "organisation_words": ("Transport Authority", "Jane Doe"),
    "web_bylines": ("Von Jane Doe", "Bypass roadworks"),
}


def test_every_cue_list_has_a_case_and_a_provenance_header():
    assert {p.stem for p in CUES_DIR.glob("*.csv")} == set(CASES)
    for path in CUES_DIR.glob("*.csv"):
        head = path.read_text(encoding="utf-8").splitlines()[:4]
        assert head[0].startswith("# ") and any(line.startswith("# Source:") for line in head), path


@pytest.mark.parametrize("name, positive, negative", [(n, *c) for n, c in CASES.items()])
def test_cue_list_matches_where_it_must(name, positive, negative):
    pattern = re.compile(rf"\b{cue_pattern_source(name)}")
    assert pattern.search(positive) and not pattern.search(negative)
    assert len(load_cues(name)) > 3
