"""Saved web pages: the article body and its metadata (title, date, author, site, URL).

The body comes from trafilatura, fed the page as it was saved (scripts and forms included, so
pages that wrap the article in a ``<form>`` keep it), with tables kept and comments left out.
The metadata is read from the page's own markup, most specific first:

- **title**: the page's ``<h1>`` that agrees with its ``og:title`` / JSON-LD ``headline`` /
  ``<title>`` (a site-name ``<h1>`` is passed over), else those with a site-name suffix removed;
- **date**: the article's own JSON-LD ``datePublished``, ``article:published_time``, a ``<time>``
  in the article body, other date meta tags, then trafilatura's (htmldate) guess; ambiguous
  numeric dates (``01-11-2023``) are read day-first or month-first from the page's own evidence
  (other dates on it that are unambiguous, then its language);
- **author**: JSON-LD ``author``, ``rel=author`` / ``itemprop=author`` bylines, ``author`` meta
  tags, then trafilatura's guess; URLs, handles, e-mail addresses, organisations and the site's
  own names are rejected and several authors are split (joined by ``"; "``).

Word lists for bylines are data: the cue list ``analysis/data/cues/web_bylines.csv``. See :func:`extract_page`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

__all__ = ["WebPage", "PageTooDeep", "extract_page", "split_authors"]


class PageTooDeep(ValueError):
    """The page is nested deeper than the HTML parser (libxml2) allows: it would be cut short silently."""


@dataclass
class WebPage:
    """What a saved page holds: body text (paragraphs on separate lines) and metadata."""

    title: str
    text: str
    published: str | None
    author: str | None
    outlet: str | None
    url: str | None


# --- small helpers ----------------------------------------------------------------------

def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _loose(text: str | None) -> str:
    """Case, accents, punctuation and spaces folded away, for comparing names."""
    text = unicodedata.normalize("NFKD", _squash(text).casefold())
    return "".join(ch for ch in text if ch.isalnum())


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


@cache
def _byline_words() -> dict[str, tuple[str, ...]]:
    from .cues import load_cues

    cues = load_cues("web_bylines")
    return {kind: tuple(sorted((t.lower() for t in group["term"]), key=len, reverse=True))
            for kind, group in cues.groupby("category")}


def _word_alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def _byline_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    words = _byline_words()
    prefix = re.compile(rf"^(?:{_word_alternation(words['prefix'])})\b[\s:]*", re.I)
    joiner = re.compile(rf"\s*(?:[,;&/|]|\s(?:{_word_alternation(words['joiner'])})\s)\s*", re.I)
    organisation = re.compile(rf"(?<!\w)(?:{_word_alternation(words['organisation'])})(?!\w)", re.I)
    role = re.compile(rf"^(?:(?:{_word_alternation(words['role'])})\b\W*)+$", re.I)
    role_word = re.compile(rf"(?<!\w)(?:{_word_alternation(words['role'])})(?!\w)", re.I)
    return prefix, joiner, organisation, role, role_word


# --- JSON-LD -----------------------------------------------------------------------------

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "opinionnewsarticle",
                  "analysisnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "livebloposting",
                  "liveblogposting", "report", "scholarlyarticle", "techarticle", "socialmediaposting",
                  "discussionforumposting", "posting", "blog", "medicalscholarlyarticle"}


def _ld_objects(doc) -> list[dict]:
    """Every JSON-LD object of the page (``@graph`` and lists flattened); broken blocks are ignored."""
    found: list[dict] = []

    def walk(value, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(value, list):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, dict):
            found.append(value)
            if "@graph" in value:
                walk(value["@graph"], depth + 1)

    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            try:
                walk(json.loads(script.text.strip().rstrip(";"), strict=False))
            except (ValueError, RecursionError):
                continue
    return found


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type") or []
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def _ld_names(value) -> list[str]:
    """Names in a JSON-LD ``author``/``publisher`` value: a string, a Person, or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        return _ld_names(name) if isinstance(name, list) else []
    if isinstance(value, list):
        return [name for item in value for name in _ld_names(item)]
    return []


# --- the page's markup ----------------------------------------------------------------

@dataclass
class _Markup:
    meta: dict[str, str]
    ld_articles: list[dict]
    site_names: list[str]
    lang: str


def _read_markup(doc) -> _Markup:
    meta: dict[str, str] = {}
    for element in doc.iter("meta"):
        name = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if name and content and content.strip() and name not in meta:
            meta[name] = content.strip()
    objects = _ld_objects(doc)
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    articles += [o for o in objects if o not in articles and "datePublished" in o
                 and _types(o) & {"webpage", "itempage", "creativework", "medicalwebpage", "qapage"}]
    sites = [meta.get("og:site_name"), meta.get("application-name"), meta.get("twitter:site", "").lstrip("@"),
             meta.get("publisher")]
    for obj in objects:
        if _types(obj) & {"organization", "newsmediaorganization", "website"}:
            sites += _ld_names(obj)
        publisher = obj.get("publisher")
        if not (isinstance(publisher, dict) and "person" in _types(publisher)):  # a blog's author is no site name
            sites += _ld_names(publisher)
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            sites.append(_host_label(link.get("href")))
    sites.append(_host_label(meta.get("og:url", "")))
    names = []
    for site in sites:
        if site and _loose(site) and _loose(site) not in {_loose(n) for n in names}:
            names.append(_squash(site))
    lang = (doc.get("lang") or meta.get("og:locale") or meta.get("content-language") or meta.get("language") or "")
    return _Markup(meta, articles, names, lang.strip().lower().replace("_", "-"))


def _host_label(url: str) -> str:
    match = re.match(r"^\w+://(?:www\d?\.)?([^/:?#]+)", url or "")
    return match.group(1) if match else ""


def _is_site_name(text: str, markup: _Markup) -> bool:
    loose = _loose(text)
    if not loose:
        return False
    for site in markup.site_names + [re.sub(r"\s*\([^)]*\)", "", s) for s in markup.site_names if "(" in s]:
        site_loose = _loose(site)
        stem = _loose(site.split(".")[0]) if "." in site else site_loose
        if loose in (site_loose, stem) or (len(stem) > 3 and loose.startswith(stem) and len(loose) - len(stem) <= 4):
            return True
    return False


# --- title -------------------------------------------------------------------------------

_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:»›·•~/]\s+|\s*[|»›·•]\s*")


def _strip_site_name(title: str, markup: _Markup) -> str:
    """``title`` without a site-name part at its end or start ("Story - The Daily" → "Story")."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _is_site_name(parts[-1], markup):
        title = title[: title.rfind(parts[-1])].rstrip()
        title = re.sub(r"\s*[|\-–—:»›·•~/]\s*$", "", title)
        parts = parts[:-1]
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and _is_site_name(parts[0], markup):
        title = title[len(parts[0]):].lstrip()
        title = re.sub(r"^[|\-–—:»›·•~/]\s*", "", title)
    return title.strip()


def _choose_title(doc, markup: _Markup, guess: Callable) -> str:
    ld = next((h for o in markup.ld_articles for h in [o.get("headline") or o.get("name")] if isinstance(h, str)), None)
    references = [_squash(t) for t in (markup.meta.get("og:title"), ld, doc.findtext(".//title"),
                                       markup.meta.get("twitter:title")) if t and _squash(t)]
    if not references and guess() is not None and guess().title:
        references = [_squash(guess().title)]
    references = [_strip_site_name(t, markup) for t in references]
    best, best_score = "", 0.0
    for h1 in doc.iter("h1"):
        text = _squash(h1.text_content())
        if not text or len(text) > 300 or _is_site_name(text, markup):
            continue
        words = _words(text)
        score = max((len(words & _words(r)) / len(words) for r in references if words), default=0.0)
        if score > best_score:
            best, best_score = text, score
    if best and best_score >= 0.6:
        return best
    inside = [_squash(h.text_content()) for h in doc.xpath("//article//h1 | //main//h1")]
    if len(inside) == 1 and inside[0] and len(inside[0]) <= 300 and not _is_site_name(inside[0], markup):
        return inside[0]  # the article's own heading, even when the page's <title> says something else
    return references[0] if references else best


# --- date ----------------------------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b(.*)$", re.S)
_ANY_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)?\d\d)(?![\d.])")


def _day_first(doc, markup: _Markup) -> bool:
    """Whether the page writes numeric dates day first: its unambiguous dates, then its language."""
    text = doc.text_content()[:200_000]
    day = month = 0
    for first, _, second, _ in _ANY_NUMERIC_DATE.findall(text):
        a, b = int(first), int(second)
        if 12 < a <= 31 and 1 <= b <= 12:
            day += 1
        elif 12 < b <= 31 and 1 <= a <= 12:
            month += 1
    if day != month:
        return day > month
    return markup.lang not in ("en-us", "en-ph", "en-ca")


def _iso_date(value: str, day_first: Callable[[], bool]) -> str | None:
    """An ISO form of ``value``, or ``None`` when it is not a date; ambiguous numeric dates use the page's evidence."""
    from .clean import parse_date

    value = _squash(value)
    if not value:
        return None
    match = _NUMERIC_DATE.match(value)
    if match:
        a, sep, b, year, rest = match.groups()
        a, b = int(a), int(b)
        year_n = int(year) + (2000 if len(year) == 2 else 0)
        if a > 12 or (b <= 12 and day_first()):
            day, month = a, b
        else:
            day, month = b, a
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        time_part = re.match(r"^[ T,]*(\d{1,2}:\d\d(?::\d\d)?)", rest)
        return f"{year_n:04d}-{month:02d}-{day:02d}" + (f"T{time_part.group(1)}" if time_part else "")
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value if parse_date(value) is not None else None
    if not re.search(r"\b(?:1[89]|2[01])\d\d\b", value) or parse_date(value) is None:
        return None  # a time of day alone, or not a date
    return value


_META_PUBLISHED = ("article:published_time", "og:published_time", "og:article:published_time",
                   "datepublished", "article.published", "parsely-pub-date", "sailthru.date", "publish-date",
                   "publishdate", "pubdate", "dc.date.issued", "dcterms.created", "dc.date", "date")


def _swapped(one: str, other: str) -> bool:
    """Whether two ISO dates are the same numbers with day and month exchanged."""
    return one != other and one[:4] == other[:4] and one[5:7] == other[8:10] and one[8:10] == other[5:7]


def _choose_date(doc, markup: _Markup, guess: Callable) -> str | None:
    known: list[bool] = []

    def day_first() -> bool:  # looked up only when a date is ambiguous
        if not known:
            known.append(_day_first(doc, markup))
        return known[0]

    def candidates() -> Iterator[str | None]:
        yield from (markup.meta.get(k) for k in _META_PUBLISHED[:2])
        for obj in markup.ld_articles:
            if isinstance(obj.get("datePublished"), str):
                yield obj["datePublished"]
        for element in doc.xpath('//*[@itemprop="datePublished"]'):
            yield element.get("content") or element.get("datetime") or element.text_content()
        # Then trafilatura's guess (htmldate weighs the whole page), then weaker evidence of our own.
        times = [e.get("datetime") for e in doc.xpath("//article//time[@datetime] | //main//time[@datetime] | "
                                                       "//time[@pubdate]")]
        guessed = guess().date if guess() is not None else None
        for value in times:  # htmldate reads 01-11-2023 its own way: the page's evidence decides
            ours = _iso_date(value, day_first) if _NUMERIC_DATE.match(value or "") else None
            if ours and guessed and _swapped(ours[:10], guessed[:10]):
                guessed = ours
        yield guessed
        yield from times
        yield from (markup.meta.get(k) for k in _META_PUBLISHED[2:])

    return next((iso for iso in (_iso_date(c or "", day_first) for c in candidates()) if iso), None)


# --- author -------------------------------------------------------------------------------

def split_authors(byline: str, *, site_names: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The person names in a byline: prefixes ("By") removed, several authors split, and URLs,
    handles, e-mail addresses, organisations, roles and the site's own names rejected.

    >>> split_authors("By Jane Doe and John Roe, Example News", site_names=["Example News"])
    ['Jane Doe', 'John Roe']
    >>> split_authors("https://www.facebook.com/example.news")
    []
    """
    prefix, joiner, organisation, role, role_word = _byline_patterns()
    markup = _Markup({}, [], list(site_names), "")
    text = _squash(re.sub(r"<[^>]+>", " ", byline or ""))
    if not text or "://" in text or text.startswith("www.") or len(text) > 200:
        return []
    text = prefix.sub("", text)
    names: list[str] = []
    parts = joiner.split(text)
    first = parts[0].strip(" .:-–—()[]\"'")
    if len(parts) > 1 and (organisation.search(first) or _is_site_name(first, markup)):
        return []  # "Example News, Hamburg, Germany": the rest describes the publisher
    for part in parts:
        part = prefix.sub("", part.strip(" .:-–—()[]\"'"))
        if not part or not any(ch.isalpha() for ch in part):
            continue
        if "@" in part or re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", part) or re.search(r"\w\.(?:com|net|org|de|fr|es|it|co|uk|io|ch|at)\b", part, re.I):
            continue
        if organisation.search(part) or role.match(part) or _is_site_name(part, markup) or \
                _is_site_name(role_word.sub("", part), markup):  # "Example Editorial"
            continue
        if len(part.split()) > 6 or part.isdigit():
            continue
        if _loose(part) not in {_loose(n) for n in names}:
            names.append(part)
    return names


def _choose_author(doc, markup: _Markup, guess: Callable) -> str | None:
    def candidates() -> Iterator[str]:
        for obj in markup.ld_articles:
            if _types(obj) & _ARTICLE_TYPES:
                yield "; ".join(_ld_names(obj.get("author")) or _ld_names(obj.get("creator")))
        # The first byline element, in the article if it has one (later ones belong to teasers and comments).
        for xpath in ('//article//*[@rel="author"] | //article//*[@itemprop="author"]',
                      '//*[@rel="author"] | //*[@itemprop="author"]'):
            for element in doc.xpath(xpath)[:1]:
                name = element.xpath('.//*[@itemprop="name"]')
                yield _squash((name[0].get("content") or name[0].text_content()) if name else (
                    element.get("content") or element.text_content()))
        yield from (markup.meta.get(k, "") for k in ("author", "article:author", "dc.creator", "parsely-author",
                                                     "sailthru.author", "byl"))
        yield (guess().author or "") if guess() is not None else ""

    for candidate in candidates():
        names = split_authors(candidate, site_names=markup.site_names)
        if names:
            return "; ".join(names)
    return None


# --- the page ------------------------------------------------------------------------------

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


_FURNITURE = "//nav | //footer | //header | //aside | //*[@role='navigation'] | //*[@role='banner']"


def _only_furniture(body: str, doc) -> bool:
    """Whether every line of a short ``body`` is text of the page's navigation, header or footer."""
    furniture = " ".join(_squash(e.text_content()) for e in doc.xpath(_FURNITURE))
    lines = [_squash(line) for line in body.split("\n") if line.strip()]
    return bool(furniture) and all(line in furniture for line in lines)


def extract_page(text: str | bytes) -> WebPage:
    """The body and metadata of a saved HTML page.

    Raises ``ValueError`` when it cannot be parsed, :class:`PageTooDeep` when the parser would cut it short.

    >>> page = extract_page("<html><head><title>Fire - The Daily</title><meta property='og:site_name' "
    ...     "content='The Daily'></head><body><article><h1>Fire</h1><p>The fire burned all night in the "
    ...     "city, the mayor said on Sunday.</p></article></body></html>")
    >>> page.title, page.text, page.outlet
    ('Fire', 'The fire burned all night in the city, the mayor said on Sunday.', 'The Daily')
    """
    import lxml.etree
    import lxml.html
    import trafilatura

    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    parser = lxml.html.HTMLParser()
    try:
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ValueError(f"HTML could not be parsed: {exc}") from None
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise PageTooDeep("HTML nested deeper than the extractor allows (256 levels)")
    markup = _read_markup(doc)
    try:
        extracted = trafilatura.bare_extraction(doc, include_comments=False, include_tables=True)
    except ValueError:
        extracted = None
    found: list = []

    def guess():  # trafilatura's own metadata, read only when the page's markup is not enough
        if not found:
            try:
                found.append(trafilatura.extract_metadata(doc))
            except ValueError:
                found.append(None)
        return found[0]

    body = (extracted.text if extracted is not None else "") or ""
    if len(body) < 500 and _only_furniture(body, doc):
        body = ""  # a page of menus: trafilatura's fallbacks return the navigation rather than nothing
    title = _choose_title(doc, markup, guess)
    lines = [line for line in body.split("\n") if line.strip()]
    if lines and title and _squash(lines[0]) == _squash(title):
        lines = lines[1:]
    return WebPage(
        title=title,
        text="\n".join(lines),
        published=_choose_date(doc, markup, guess),
        author=_choose_author(doc, markup, guess),
        outlet=markup.meta.get("og:site_name") or next(iter(markup.site_names), None),
        url=markup.meta.get("og:url") or next((link.get("href") for link in doc.iter("link")
                                              if (link.get("rel") or "").lower() == "canonical"), None),
    )
