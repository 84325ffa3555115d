"""The one matching grammar: each match mode on one sentence where it must match and one where it must not."""

from __future__ import annotations

import re

import pytest

from analysis.patterns import (
    MATCH_MODES,
    alternation_source,
    compile_alternation,
    compile_pattern,
    pattern_source,
    plan_alternation,
)


@pytest.mark.parametrize("pattern, match, text, expected", [
    ("regime", "word", "The regime fell.", "regime"),
    ("regime", "word", "A regimen of pills.", None),
    ("regime", "word", "Anti-regime protests.", None),
    ("Russia", "word", "Russia's army.", "Russia"),
    ("Kyiv", "word", "'Kyiv' is spelt so.", "Kyiv"),
    ("Ukraine", "word", "Ukraine-79 won.", "Ukraine"),
    ("special operation", "phrase", "a special\n operation", "special\n operation"),
    ("special operation", "phrase", "a special military operation", None),
    ("annex*", "glob", "Russia annexed Crimea.", "annexed"),
    ("annex*", "glob", "The reannexation.", None),
    ("co?id", "glob", "covid cases", "covid"),
    (r"rumou?red", "regex", "He was rumored ill.", "rumored"),
])
def test_match_modes(pattern, match, text, expected):
    found = compile_pattern(pattern, match).search(text)
    assert (found.group() if found else None) == expected


def test_bad_patterns_are_refused():
    with pytest.raises(ValueError, match="empty search pattern"):
        pattern_source("  ", "word")
    with pytest.raises(ValueError, match="use match='phrase'"):
        pattern_source("special operation", "word")
    with pytest.raises(ValueError, match="invalid pattern"):
        compile_pattern("(regime", "regex")
    assert MATCH_MODES == ("glob", "word", "phrase", "regex")


def test_case_sensitive():
    assert compile_pattern("kremlin").search("The Kremlin said.")
    assert not compile_pattern("kremlin", case_sensitive=True).search("The Kremlin said.")


def test_alternation_source_tries_the_longest_first():
    source = alternation_source([("minister", "word"), ("prime minister", "phrase"), ("* minister", "glob")])
    assert re.search(source, "said Prime Minister Jane Doe").group() == "Prime Minister"


def test_compile_alternation_groups_and_first_letter_plan():
    entries = (("illegally annex*", "glob"), ("illegally", "word"), ("*-backed", "glob"), ("x+", "regex"))
    by_letter, general = plan_alternation(entries)
    assert [letter for letter, _ in by_letter] == ["i"] and [p for p, _ in general] == [2, 3]
    regex, groups = compile_alternation(entries)
    hit = regex.search("territories illegally annexed by Russia-backed forces")
    assert hit.group() == "illegally annexed" and hit.lastindex == groups[0]
    assert [m.group() for m in regex.finditer("Kremlin-backed")] == ["Kremlin-backed"]
