"""Decoding a file's bytes: byte-order marks, UTF-8, legacy Western encodings, binary content refused."""

from __future__ import annotations

import pytest

from analysis.article_table import Skip
from analysis.decoding import decode_bytes


@pytest.mark.parametrize("data, text, encoding", [
    ("Café talks".encode(), "Café talks", "utf-8"),
    ("\ufeffBOM story".encode(), "BOM story", "utf-8-sig"),
    ("Kyiv talks".encode("utf-16-le"), "Kyiv talks", "utf-16-le"),
    ("The café owner said the “ceasefire” failed – again.".encode("cp1252"),
     "The café owner said the “ceasefire” failed – again.", "cp1252"),
])
def test_text_and_its_encoding(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n ", "only white space"),
    (bytes(range(256)) * 8, "binary"),
])
def test_content_that_is_no_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(Skip, match=reason):
        decode_bytes(data)
