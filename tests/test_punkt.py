"""The fast Punkt gives nltk's sentence boundaries, on hand-checked abbreviation cases."""

from __future__ import annotations

import pytest

from analysis.punkt import PunktSplitter, reference_spans
from analysis.tokens import abbreviations

CASES = [
    ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("The U.S. and the U.K. agreed. Talks end on Jan. 5.", ["The U.S. and the U.K. agreed.", "Talks end on Jan. 5."]),
    ('"We will win," he said. "Soon."', ['"We will win," he said.', '"Soon."']),
    ("It rose 2.5 per cent. Prices fell", ["It rose 2.5 per cent.", "Prices fell"]),
]


@pytest.mark.parametrize("text, sentences", CASES)
def test_hand_checked_boundaries_equal_nltks(text, sentences):
    spans = PunktSplitter(abbreviations()).spans(text)
    assert [text[a:b] for a, b in spans] == sentences
    assert spans == reference_spans(text, abbreviations())
