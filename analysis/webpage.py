"""Saved web pages: the article body and its metadata (title, date, author, site, URL).

The body comes from trafilatura; the metadata is read from the page's own markup.
See :func:`extract_page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["WebPage", "extract_page"]


@dataclass
class WebPage:
    """What a saved page holds: body text (paragraphs on separate lines) and metadata."""

    title: str
    text: str
    published: str | None
    author: str | None
    outlet: str | None
    url: str | None


_META_DATE = [
    "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
    "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "article.published",
]


def _html_meta(doc) -> dict:
    meta: dict[str, str] = {}
    for element in doc.iter("meta"):
        name = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if name and content and name not in meta:
            meta[name] = content.strip()
    for element in doc.iter("time"):
        if element.get("datetime"):
            meta.setdefault("time", element.get("datetime"))
            break
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text)
            if match:
                meta.setdefault("datepublished", match.group(1))
    return meta


_FURNITURE = ("nav", "footer", "aside", "script", "style", "noscript", "form", "iframe", "button")


def extract_page(text: str) -> WebPage:
    """The body and metadata of a saved HTML page; raises ``ValueError`` when it cannot be parsed.

    >>> page = extract_page("<html><body><article><p>The fire burned all night in the city.</p></article></body></html>")
    >>> page.text
    'The fire burned all night in the city.'
    """
    import lxml.html
    import trafilatura

    try:
        doc = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ValueError(f"HTML could not be parsed: {exc}") from None
    meta = _html_meta(doc)
    for element in list(doc.iter(*_FURNITURE)):  # site furniture never holds the article body
        if element.getparent() is not None:
            element.drop_tree()
    extracted = trafilatura.bare_extraction(lxml.html.tostring(doc, encoding="unicode"), with_metadata=True,
                                            include_comments=False, include_tables=False, favor_precision=True)
    body = (extracted.text if extracted is not None else "") or ""
    title = (extracted.title if extracted is not None else None) or meta.get("og:title") or (doc.findtext(".//title") or "")
    title = title.strip()
    lines = body.split("\n")
    if lines and title and lines[0].strip() == title:
        body = "\n".join(lines[1:])
    published = next((meta[k.lower()] for k in _META_DATE if meta.get(k.lower())), None) or meta.get("time")
    if not published and extracted is not None:
        published = extracted.date
    return WebPage(
        title=title,
        text="\n".join(line for line in body.split("\n") if line.strip()),
        published=published,
        author=meta.get("author") or meta.get("article:author") or (extracted.author if extracted is not None else None),
        outlet=meta.get("og:site_name") or (extracted.sitename if extracted is not None else None),
        url=meta.get("og:url") or (extracted.url if extracted is not None else None),
    )
