"""Decoding a file's bytes to text: byte-order marks, UTF-16 without one, UTF-8, and legacy encodings.

See :func:`decode_bytes`; content that is empty, binary or undecodable raises
:class:`analysis.article_table.Skip` with the reason the load report gives.
"""

from __future__ import annotations

from .article_table import Skip

__all__ = ["decode_bytes"]


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0xFFF0 <= ord(ch) or ch == "\ufffd")
    return bad / len(sample)


_WESTERN = set("“”‘’–—€…•™°£§©®«»¡¿") | {chr(c) for c in range(0xC0, 0x100)}


def _unusual(text: str) -> int:
    """Non-ASCII characters outside Western European letters and typographic punctuation."""
    return sum(1 for ch in text if ord(ch) > 0x7F and ch not in _WESTERN)


def _latin_only(text: str) -> bool:
    """Whether every non-ASCII letter of ``text`` is Latin script (so cp1252 is a fair alternative)."""
    import unicodedata

    return all("LATIN" in unicodedata.name(ch, "") for ch in set(text) if ord(ch) > 0x7F and ch.isalpha())


def decode_bytes(data: bytes, *, allow_nul: bool = False) -> tuple[str, str]:
    """Decode file content to text, detecting the encoding; returns ``(text, encoding)``.

    ``allow_nul``: a few NUL bytes in otherwise UTF-8 text are kept (for multi-article files,
    where the parser then skips only the rows holding them). Raises ``Skip`` with a readable
    reason for empty, binary or undecodable content.
    """
    if not data.strip():
        raise Skip("empty file" if not data else "file contains only white space")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise Skip(f"undecodable: has a {encoding} byte-order mark but invalid bytes at offset {exc.start}") from None
            if not text.strip():
                raise Skip("file contains only a byte-order mark and white space")
            return text, encoding
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: NULs in every other byte of ASCII text.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        for encoding, zeros, half in (("utf-16-le", odd, len(head[1::2])), ("utf-16-be", even, len(head[0::2]))):
            if half and zeros / half > 0.3:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if _control_ratio(text) < 0.02:
                    return text, encoding
        lines = data.split(b"\n")
        if not (allow_nul and sum(b"\x00" in line for line in lines) <= len(lines) // 2):
            raise Skip("binary file (contains NUL bytes), not text")
        try:  # NULs in a few rows of a text file: the parser skips those rows
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            raise Skip("binary file (contains NUL bytes), not text") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8"), "utf-8 (truncated final character dropped)"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is None or best.encoding is None:
        raise Skip("binary or undecodable file: no text encoding fits its bytes")
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise Skip(f"undecodable: guessed encoding {encoding} does not fit every byte") from None
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    # cp1252 is the commonest legacy encoding of English-language news: prefer it whenever it
    # reads the bytes at least as plausibly as the detector's guess (often cp1250 for short text).
    if western is not None and _latin_only(text) and _unusual(western) <= _unusual(text):
        text, encoding = western, "cp1252"
    if _control_ratio(text) > 0.05:
        raise Skip("binary file (mostly control characters), not text")
    return text, encoding
