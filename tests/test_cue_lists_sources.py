"""The cue lists of the attribution rule (places, media names): every entry matches where it must, and not elsewhere.

(To be merged into tests/test_cues.py with the other cue lists.)
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cues import load_cues
from analysis.sources import MEDIA_NAMES, attributions

PLACES = load_cues("places")["term"].tolist()


def _sources(text: str) -> list[tuple[str, str, str]]:
    found = attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return list(zip(found["source"], found["source_kind"].astype(str), found["role"], strict=True))


def test_the_lists_are_read_from_their_files():
    assert MEDIA_NAMES == tuple(load_cues("media_names")["term"])
    assert {"Moscow", "Kyiv", "NATO"} <= set(PLACES) and {"Reuters", "TASS"} <= set(MEDIA_NAMES)


@pytest.mark.parametrize("place", PLACES)
def test_a_place_that_speaks_is_an_organisation(place):
    # "Moscow denied the claim": a metonym for a government, not a person called Moscow.
    assert _sources(f"{place} denied the claim.") == [(place, "organisation/media", "speaker")]


@pytest.mark.parametrize("text, expected", [
    ("Smith denied the claim.", [("Smith", "person", "speaker")]),      # a name that is no place
    ("Westfield denied the claim.", [("Westfield", "person", "speaker")]),  # whole words only: not "West"
])
def test_a_name_that_is_no_place_stays_a_person(text, expected):
    assert _sources(text) == expected


@pytest.mark.parametrize("medium", MEDIA_NAMES)
def test_told_a_medium(medium):
    found = _sources(f"John Smith told {medium} that the port was closed.")
    shown = medium.removeprefix("the ")  # a leading "the" is never part of a source
    assert found == [("John Smith", "person", "speaker"), (shown, "organisation/media", "medium")]


@pytest.mark.parametrize("text", [
    "John Smith told reporters that the port was closed.",   # not a medium of the list
    "John Smith told ap staff that the port was closed.",    # names are matched as written ("AP", not "ap")
    "John Smith told APTN that the port was closed.",        # whole names only: not "AP"
])
def test_told_someone_else_is_no_medium(text):
    assert [role for _, _, role in _sources(text)] == ["speaker"]
