"""Cleaning scraped article text: Unicode normalisation and scrape-noise removal.

The raw text always stays available (``raw_text``); :func:`normalize_text` only
produces the copy that analysis runs on, and :func:`parse_scrape` separates the
metadata a plain-text scrape carries (section label, headline, captions, image
credits, a time line, trailers) from the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

import pandas as pd
from dateutil import parser as dateparser

from .memos import register_cache

__all__ = ["normalize_text", "parse_scrape", "parse_byline", "split_dateline", "parse_date", "date_out_of_range",
           "cleaning_diff"]

# Characters mapped to plain ASCII equivalents so that "Kharkiv’s" and "Kharkiv's",
# “quotes” and "quotes", en and em dashes and hyphens count as the same thing.
_PLAIN = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ",
    "\u2026": "...",
}
# Zero-width and bidirectional control characters carry no words but break matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\f\v]+")
_NOT_SINGLE_SPACE = ("\t", "\f", "\v", "  ")  # a line without these has only single spaces: _SPACES leaves it as it is
_BLANKS = re.compile(r"\n\s*\n+")


def _plain(text: str) -> str:
    """``text`` with the characters of :data:`_PLAIN` replaced (``str.translate`` with that table, but a
    replace per character present: C-speed scans instead of a dictionary look-up per character)."""
    if text.isascii():  # every character replaced is non-ASCII
        return text
    for character, plain in _PLAIN.items():
        if character in text:
            text = text.replace(character, plain)
    return text


def normalize_text(text: str) -> str:
    """Return the analysis copy of ``text``: NFKC, straight quotes, plain dashes, tidy spaces.

    Paragraphs stay separated by one blank line; everything else is single-spaced.

    >>> normalize_text("Kharkiv\u2019s  \u201cnew\u201d \u2014 regions\\r\\n\\n\\nNext")
    'Kharkiv\\'s "new" - regions\\n\\nNext'
    """
    if not text:
        return ""
    text = _plain(unicodedata.normalize("NFKC", text))
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    lines = [(_SPACES.sub(" ", line) if any(c in line for c in _NOT_SINGLE_SPACE) else line).strip()
             for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANKS.sub("\n\n", text).strip()


# --- dates ---------------------------------------------------------------------------

# Common time-zone abbreviations in English-language news (dateutil does not know them).
_TZINFOS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 3600, "CET": 3600, "CEST": 7200,
    "EET": 7200, "EEST": 10800, "MSK": 10800, "IST": 19800,
    "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
    "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    "JST": 9 * 3600, "KST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600,
}


_DOTTED_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}\b")


#: Publication dates outside these years are refused as out of range (typos, placeholders, epoch mix-ups).
DATE_YEARS = (1800, 2200)
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _epoch(value: float) -> pd.Timestamp | None:
    """Unix time told apart by range: 1e8-1e10 is seconds, 1e11-1e13 milliseconds (both 1973-2286); else no date."""
    if 1e8 <= value < 1e10:
        seconds = value
    elif 1e11 <= value < 1e13:
        seconds = value / 1000
    else:
        return None
    stamp = pd.Timestamp(seconds, unit="s", tz="UTC")
    return stamp if DATE_YEARS[0] <= stamp.year <= DATE_YEARS[1] else None


def _extended_json(value: dict) -> object:
    """The date inside a MongoDB-style ``{"$date": …}`` export: ISO text, or milliseconds."""
    inner = value.get("$date")
    if isinstance(inner, dict):
        inner = inner.get("$numberLong")
    if isinstance(inner, str) and _NUMBER.fullmatch(inner.strip()):
        inner = float(inner)
    if isinstance(inner, (int, float)) and not isinstance(inner, bool):
        return pd.Timestamp(inner, unit="ms", tz="UTC")  # extended JSON numbers are always milliseconds
    return inner


def date_out_of_range(value: object) -> bool:
    """Whether ``value`` reads as a date, but outside the supported years :data:`DATE_YEARS`.

    >>> date_out_of_range("9999-12-31"), date_out_of_range("1 March 12022"), date_out_of_range("2022-02-30")
    (True, True, False)
    """
    if isinstance(value, dict) and "$date" in value:
        try:
            value = _extended_json(value)
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            return True
        if isinstance(value, pd.Timestamp):
            return not DATE_YEARS[0] <= value.year <= DATE_YEARS[1]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 1e10 <= abs(value) < 1e11 or abs(value) >= 1e13
    text = str(value).strip() if value is not None else ""
    if not text or len(text) > 80:
        return False
    if _NUMBER.fullmatch(text):
        return len(text) != 8 and date_out_of_range(float(text))
    try:
        parsed = dateparser.parse(text, tzinfos=_TZINFOS, dayfirst=bool(_DOTTED_DATE.match(text)))
    except (ValueError, OverflowError, TypeError, dateparser.ParserError) as exc:
        return "year" in str(exc) and "out of range" in str(exc)
    return parsed is not None and not DATE_YEARS[0] <= parsed.year <= DATE_YEARS[1]


def parse_date(value: object) -> pd.Timestamp | None:
    """Parse a date or timestamp in any common format to a UTC ``Timestamp``.

    Naive values are taken as UTC; numbers (and strings of digits) are Unix time, seconds or
    milliseconds told apart by their size (1e8-1e10 seconds, 1e11-1e13 milliseconds), so small
    numbers such as ``-1`` or ``13`` are no date; eight digits are ``YYYYMMDD``; MongoDB-style
    ``{"$date": …}`` values are read. Dotted dates are day first (04.03.2022 is 4 March), slashed ones
    month first (US style: 03/04/2022 is 4 March). Returns ``None`` when ``value`` is empty, not a
    date, or outside the years :data:`DATE_YEARS` (see :func:`date_out_of_range`).

    >>> parse_date("2:09 PM EDT, March 22, 2024")
    Timestamp('2024-03-22 18:09:00+0000', tz='UTC')
    >>> parse_date(1646136000), parse_date(1646136000000), parse_date("13"), parse_date(-1)
    (Timestamp('2022-03-01 12:00:00+0000', tz='UTC'), Timestamp('2022-03-01 12:00:00+0000', tz='UTC'), None, None)
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or isinstance(value, bool):
        return None
    if isinstance(value, dict):
        if "$date" not in value:
            return None
        try:
            value = _extended_json(value)
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            return None
        if isinstance(value, pd.Timestamp):
            return value if DATE_YEARS[0] <= value.year <= DATE_YEARS[1] else None
        return parse_date(value)
    if isinstance(value, (int, float)):
        try:
            return _epoch(float(value))
        except (ValueError, OverflowError, OSError):
            return None
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    if _NUMBER.fullmatch(text) and not (len(text) == 8 and text.isdigit()):  # numbers are Unix time or no date
        return parse_date(float(text))
    return _parse_text_date(text)


_ISO_UTC = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z", re.ASCII)


@lru_cache(maxsize=4096)
def _parse_text_date(text: str) -> pd.Timestamp | None:
    """:func:`parse_date` of a date written in words or digits (not a number); kept per text (dates recur)."""
    iso = _ISO_UTC.fullmatch(text)
    if iso is not None:  # 2022-06-24T17:30:00Z, as exports write it: what dateutil reads, without dateutil
        try:
            stamp = pd.Timestamp(datetime(*map(int, iso.groups()), tzinfo=UTC))
        except ValueError:
            return None
        return stamp.tz_convert("UTC") if DATE_YEARS[0] <= stamp.year <= DATE_YEARS[1] else None
    dayfirst = bool(_DOTTED_DATE.match(text))  # 04.03.2022 is 4 March, as in Europe
    try:
        parsed = dateparser.parse(text, tzinfos=_TZINFOS, default=None, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError, dateparser.ParserError):
        return None
    if parsed is None or not DATE_YEARS[0] <= parsed.year <= DATE_YEARS[1]:
        return None
    stamp = pd.Timestamp(parsed)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


register_cache("text_dates", _parse_text_date)  # seen in memo_stats(), emptied by clear_memos()


# A line that is nothing but a time stamp, as scrapes put under the headline.
_DATE_LINE = re.compile(
    r"^(?:(?:updated|published|posted)[:\s]+)?[\w ,.:+\-/]*\b(?:19|20)\d\d\b[\w ,.:+\-/]*$", re.I
)
_MONTH_OR_NUMERIC = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", re.I
)

# --- plain-text scrapes --------------------------------------------------------------

# Image credits and captions' source lines.
_CREDIT = re.compile(
    r"^(?:images?|photos?|pictures?|picture|photograph|video)\s*(?:source|credit|credits|by)?\s*:|"
    r"^(?:source|credit|credits)\s*:\s*©|^©",
    re.I,
)
# Lines that end the article body (everything from here on is site furniture).
_TRAILER = re.compile(
    r"^(?:related(?: content| articles| stories| news)?|read (?:more|also|next)|see also|"
    r"more (?:from|on|stories)|recommended(?: for you)?|you (?:may|might) also like|"
    r"most (?:read|popular)|share this(?: article)?|comments?|sign up for our newsletter|"
    r"tags?:.*|topics?:.*)\s*:?$",
    re.I,
)
# Stand-alone noise lines that can appear anywhere in a scrape.
_NOISE = re.compile(r"^(?:advertisement|ad|sponsored|share|tweet|print|email|click here.*|subscribe.*)$", re.I)


@dataclass
class Scrape:
    """What :func:`parse_scrape` finds in a plain-text scrape."""

    title: str = ""
    section: str = ""
    published: pd.Timestamp | None = None
    author: str = ""
    dateline: str = ""
    text: str = ""
    stamp_kind: str = ""  # which time line gave ``published``: "published", "updated" or "" (a bare time line)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, why)


_STAMP_PREFIX = re.compile(r"^(?:last\s+)?(?P<kind>updated|published|posted|first published|modified)\b(?:\s+on)?[:\s]*",
                           re.I)


def _is_date_line(line: str) -> pd.Timestamp | None:
    if len(line) > 60 or not _DATE_LINE.match(line) or not _MONTH_OR_NUMERIC.search(line):
        return None
    return parse_date(_STAMP_PREFIX.sub("", line).strip(" |,"))


# --- bylines and datelines -----------------------------------------------------------

_PERSON = r"[A-Z][\w'\-.]*(?:\s+(?:de|van|von|der|da|al|bin|le|la|del)?\s*[A-Z][\w'\-.]*){1,3}"
_BY = re.compile(r"^by\s+(?P<rest>.+)$", re.I)
_NAME_ROLE = re.compile(rf"^(?P<name>{_PERSON})\s*(?:,|\||-|/)\s*(?P<role>.+)$")
_ONLY_NAMES = re.compile(rf"^{_PERSON}(?:\s*(?:,|&|\band\b)\s*{_PERSON})*$")
# "KYIV, March 3 (Reuters) -", "LONDON (AP) -", "WASHINGTON -": an upper-case place, an optional date
# and agency, then a dash, at the start of the first body paragraph.
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){0,3}(?:,\s+[A-Z][A-Za-z'.\-]+(?:\s+[A-Z][A-Za-z'.\-]+){0,2})?"
    r"(?:,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?)?"
    r"(?:\s*\([^()\n]{1,40}\))?)\s*-{1,2}\s+(?=\S)")


@lru_cache(maxsize=1)
def _byline_roles() -> re.Pattern:
    from .cues import cue_pattern_source  # the cue reader sits above this module

    return re.compile(cue_pattern_source("byline_roles"))


def _is_role(text: str) -> bool:
    """Whether ``text`` is wholly a byline role or agency ("Reuters", "Staff writer", "for The Times")."""
    found = _byline_roles().match(text.strip(" .,|"))
    return bool(found) and found.end() == len(text.strip(" .,|"))


def _split_names(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|&|\band\b|\|)\s*", text.strip(" .,|"))
    return [part for part in parts if part and not _is_role(part)]


def parse_byline(line: str) -> str | None:
    """The author(s) named by a byline line, ``"; "``-separated, or ``None`` when ``line`` is not a byline.

    Recognised: "By Jane Doe", "By Jane Doe and John Roe", "By Jane Doe, Reuters", "Jane Doe, Reuters",
    "Jane Doe | Staff writer". Roles and agencies come from ``analysis/data/cues/byline_roles.csv``.

    >>> parse_byline("By Jane Doe and John Roe"), parse_byline("Jane Doe | Staff writer"), parse_byline("Kyiv, Ukraine")
    ('Jane Doe; John Roe', 'Jane Doe', None)
    """
    line = line.strip()
    if len(line) > 120 or len(line.split()) > 16 or line.endswith((".", "?", "!", ":")) and not line.endswith(" Jr."):
        return None
    by = _BY.match(line)
    if by:
        rest = by.group("rest")
        names = [n for n in _split_names(rest) if re.fullmatch(_PERSON, n)]
        return "; ".join(names) if names and len(names) == len(_split_names(rest)) else None
    pair = _NAME_ROLE.match(line)
    if pair and _is_role(pair.group("role")):
        names = _split_names(pair.group("name"))
        return "; ".join(names) if names else None
    return None


def split_dateline(paragraph: str) -> tuple[str, str]:
    """Split a wire dateline off the first paragraph: ``(dateline, rest)``, or ``("", paragraph)``.

    >>> split_dateline("KYIV, March 3 (Reuters) - Russian forces shelled the city.")
    ('KYIV, March 3 (Reuters)', 'Russian forces shelled the city.')
    >>> split_dateline("NATO - the alliance - met.")
    ('', 'NATO - the alliance - met.')
    """
    found = _DATELINE.match(paragraph)
    if not found:
        return "", paragraph
    dateline = found.group("dateline")
    place = re.match(r"[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+)*", dateline).group()
    # an acronym alone before a dash is a sentence ("NATO - the alliance"), not a dateline
    if "," not in dateline and "(" not in dateline and (len(place) <= 4 or " " not in place and len(place) < 5):
        return "", paragraph
    return dateline, paragraph[found.end():]


def parse_scrape(text: str) -> Scrape:
    """Split a plain-text scrape into headline, section label, time stamp, body and noise.

    Recognised noise: the headline repeated (and glued to a section label, "News" +
    headline), image captions repeated on two lines, image-credit lines, a time line
    under the headline, stand-alone "Advertisement"/"Share" lines, and trailers such as
    "Related content" with everything after them. Body paragraphs are kept as they are.

    >>> s = parse_scrape("NewsFire in Kharkiv\\n\\nFire in Kharkiv\\n\\n2:09 PM EDT, March 22, 2024\\n\\nIt burned.\\n\\nRelated content")
    >>> (s.section, s.title, s.text)
    ('News', 'Fire in Kharkiv', 'It burned.')
    """
    lines = [line for line in normalize_text(text).split("\n") if line.strip()]
    out = Scrape()
    if not lines:
        return out
    i = 0
    # Headline: the first line, possibly glued to a section label and repeated below.
    first = lines[0]
    if len(lines) > 1 and lines[1] != first and first.endswith(lines[1]) and len(lines[1]) >= 10:
        out.section, out.title = first[: -len(lines[1])].strip(), lines[1]
        out.removed += [(first, "section label + headline"), (lines[1], "repeated headline")]
        i = 2
    elif len(first) <= 300 and len(lines) > 1:
        out.title = first
        out.removed.append((first, "headline"))
        i = 1
        if lines[1] == first:
            out.removed.append((lines[1], "repeated headline"))
            i = 2
    body: list[str] = []
    previous = None
    for line in lines[i:]:
        if _TRAILER.match(line):
            index = lines.index(line, i)
            out.removed += [(rest, "trailer") for rest in lines[index:]]
            break
        if line == previous and len(line) <= 200:  # captions are scraped twice: as alt text and as caption
            if body and body[-1] == line:
                body.pop()
                out.removed.append((line, "image caption"))
            out.removed.append((line, "repeated line"))
            previous = line
            continue
        previous = line
        if _CREDIT.match(line):
            out.removed.append((line, "image credit"))
            continue
        if _NOISE.match(line):
            out.removed.append((line, "site furniture"))
            continue
        if not body and _header_line(line, out):
            continue
        if not body:
            out.dateline, rest = split_dateline(line)
            if out.dateline:
                out.removed.append((line, "dateline (moved to dateline)"))
                line = rest
        body.append(line)
    out.text = "\n\n".join(body)
    return out


def _header_line(line: str, out: Scrape) -> bool:
    """Read a byline or time line above the body into ``out``; whether ``line`` was one."""
    stamp = _is_date_line(line)
    if stamp is not None:
        prefix = _STAMP_PREFIX.match(line)
        kind = "updated" if prefix and prefix.group("kind").lower() in ("updated", "modified") else \
            "published" if prefix else ""
        # the first time line wins, except that a "Published" line wins over an "Updated" one
        if out.published is None or (kind == "published" and out.stamp_kind == "updated"):
            out.published, out.stamp_kind = stamp, kind
            out.removed.append((line, "time line (moved to published)"))
        else:
            out.removed.append((line, "time line (a second time stamp: the publication time is kept)"))
        return True
    if _STAMP_PREFIX.match(line) and len(line) <= 60:
        out.removed.append((line, "update line without a readable date"))
        return True
    author = parse_byline(line)
    if author and not out.author:
        out.author = author
        out.removed.append((line, "byline (moved to author)"))
        return True
    return False


def cleaning_diff(articles: pd.DataFrame, article_id: str | None = None) -> pd.DataFrame:
    """Line by line, what cleaning kept in one article's body and what it removed, and why.

    ``article_id`` defaults to the article from which cleaning removed the most text.

    >>> frame = pd.DataFrame({"article_id": ["a1"], "text": ["Body line."],
    ...                       "raw_text": ["Fire in Kharkiv today\\n\\nBody line.\\n\\nRelated content"]})
    >>> cleaning_diff(frame)[["status", "reason"]].values.tolist()
    [['removed', 'headline'], ['kept', ''], ['removed', 'trailer']]
    """
    columns = ["article_id", "line", "status", "reason"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    if article_id is None:
        removed = articles["raw_text"].str.len().fillna(0) - articles["text"].str.len().fillna(0)
        article = articles.loc[removed.astype("float64").idxmax()]
    else:
        article = articles.loc[articles["article_id"] == article_id].iloc[0]
    raw = str(article["raw_text"] or "")
    kept = set(str(article["text"] or "").split("\n\n"))
    reasons = dict(parse_scrape(raw).removed)
    rows = []
    for line in normalize_text(raw).split("\n"):
        if not line.strip():
            continue
        if line in kept:
            rows.append((article["article_id"], line, "kept", ""))
        else:
            rows.append((article["article_id"], line, "removed", reasons.get(line, "not in the cleaned body")))
    return pd.DataFrame(rows, columns=columns)
