"""A discovered proposal is checked against its lines, becomes a naming table and is saved."""

from __future__ import annotations

from protest_story import protest_articles

from analysis import discover_naming, load_lexicon, naming_contests
from analysis.proposals import naming_evidence, proposals_to_naming, save_naming


def test_a_proposal_becomes_a_naming_table_that_naming_contests_reads(tmp_path):
    articles = protest_articles()
    proposals = discover_naming(articles, min_count=3, top=1)
    table = proposals_to_naming(proposals)
    contests = naming_contests(articles, table).set_index(["outlet", "variant"])
    assert contests.loc[("The Daily Post", "protesters"), "hits"] == 14
    assert contests.loc[("The Daily Post", "rioters"), "hits"] == 0
    assert contests.loc[("The Evening Star", "rioters"), "own_share"] == 1.0
    path = save_naming(proposals, tmp_path / "naming.csv")
    assert path.read_text(encoding="utf-8").startswith("# Naming table proposed")
    assert sorted(load_lexicon(path)["term"]) == ["protesters", "rioters"]


def test_evidence_shows_lines_of_both_names_per_outlet():
    articles = protest_articles()
    proposals = discover_naming(articles, min_count=3, top=1)
    lines = naming_evidence(articles, proposals, 1, lines=2)
    assert lines.groupby(["name", "outlet"]).size().to_dict() == {
        ("protesters", "The Daily Post"): 2, ("rioters", "The Evening Star"): 2}
    assert lines["sentence"].str.contains("rioters", case=False)[lines["name"] == "rioters"].all()
