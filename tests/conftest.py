"""Shared fixtures: the seed article, the shipped sample, an offline guard (the empty cache: ../conftest.py)."""

from __future__ import annotations

import importlib.util
import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "data" / "sample"
SEED = SAMPLE / "web_scrape" / "000_91f5a0ceed31be41.txt"
OFFLINE_DIR = Path(__file__).resolve().parent / "offline"
#: A short news body used by the loading tests.
BODY = (
    "Kyiv was shelled overnight, officials said. The Kremlin denied striking civilian sites. "
    "Residents sheltered in metro stations until the morning."
)


def _offline_module():
    spec = importlib.util.spec_from_file_location("_offline_guard", OFFLINE_DIR / "sitecustomize.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # importing blocks the network
    module.unblock()
    return module


_GUARD = _offline_module()


@pytest.fixture
def no_network():
    """Block all non-loopback connections in this process for the test's duration."""
    _GUARD.block()
    try:
        yield _GUARD
    finally:
        _GUARD.unblock()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_articles():
    from analysis import load_articles

    os.environ.setdefault("FRAMING_LAB_CACHE", "off")
    return load_articles(SEED, cache=False)


def shared_path(*parts: str) -> Path:
    """A path under ``../shared/data``, or skip the calling test naming the missing path.

    Users have no ``shared`` folder beside their clone; only tests that validate against outside
    data read it, and they skip with this reason when it is missing.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs outside data that is not here: {path} (only the project's CI has ../shared)")
    return path


def network_is_blocked() -> bool:
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=0.5)
    except OSError as exc:
        return "offline test guard" in str(exc)
    return False


def article_frame(*texts: str, outlets: list[str] | None = None, titles: list[str] | None = None,
                  published: list[str | None] | None = None):
    """A small English article table, one row per text (``a0``, ``a1``, ...), outlet ``X`` unless given."""
    import pandas as pd

    n = len(texts)
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(n)], "outlet": outlets or ["X"] * n, "title": titles or [""] * n,
        "published": pd.to_datetime(published or [None] * n, utc=True), "text": list(texts), "language": ["en"] * n})


@pytest.fixture(scope="session")
def seed():
    """The seed article, loaded without the cache."""
    from analysis import load_articles

    return load_articles(SEED, cache=False)


@pytest.fixture(scope="session")
def seed_sentences(seed):
    """The seed article's sentences with their sentiment scores (:func:`analysis.score_sentiment`)."""
    from analysis import score_sentiment

    return score_sentiment(seed)


@pytest.fixture
def pretend_installed(monkeypatch):
    """``pretend_installed("textblob", "0.19.0")``: :mod:`analysis.versions` reports that version (others as they are)."""
    from analysis import versions

    real = versions.installed_version

    def pretend(package: str, version: str) -> None:
        monkeypatch.setattr(versions, "installed_version", lambda name: version if name == package else real(name))

    return pretend


@pytest.fixture(scope="module")
def sample():
    """The shipped sample, loaded once per test module."""
    from analysis import load_articles

    return load_articles(SAMPLE, cache=False)


# --- the loaded-terms tests (test_loaded_terms, test_voice, test_lexicons) ---------------------

#: The categories of the shipped loaded-terms lexicon, in file order.
CATEGORIES = ["pejorative", "legitimacy", "hedge", "intensifier", "euphemism"]


def frame(*texts: str, title: str = "", language: str = "en"):
    """An article table of one outlet ``X``, one article per text, all with the same headline."""
    import pandas as pd

    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": ["X"] * len(texts),
                         "title": [title] * len(texts), "text": list(texts), "language": [language] * len(texts)})


@pytest.fixture(scope="module")
def seed_hits(seed):
    """The loaded-term hits of the seed article."""
    from analysis import find_loaded_terms

    return find_loaded_terms(seed)


# --- a small known-answer article table, shared by the tests of several modules -----------------

#: Three short articles of a local story (no war words), two outlets; every answer below was counted by hand.
KNOWN_TEXTS = [
    ("k1", "North Gazette", "2024-05-06", "Council approves bike lanes",
     'The council approved the bike lanes on Monday. Critics called the cyclists thugs. "It is a great day for '
     'the city," said Mayor Jane Doe.'),
    ("k2", "North Gazette", "2024-05-07", "Bike lanes open", "The bike lanes opened on Tuesday. Riders were happy."),
    ("k3", "South Herald", "2024-05-06", "Council backs lanes",
     "The council backed the lanes. The decision is not a disaster, said Tom Roe."),
]
#: Hand-counted answers for :func:`known_articles` (body text only, lower-cased words).
KNOWN_ANSWERS = {
    "words": {"council": 2, "lanes": 3, "bike": 2, "riders": 1},
    "words_per_outlet": {("North Gazette", "lanes"): 2, ("South Herald", "lanes"): 1},
    "n_words": {"k1": 25, "k2": 9, "k3": 14},
    "negative_sentence": "Critics called the cyclists thugs.",
    "positive_sentence": "Riders were happy.",
    "sources": [("k1", "Jane Doe", "person"), ("k3", "Tom Roe", "person")],
    "loaded": [("k1", "thugs", "pejorative", "attributed")],
}


def known_articles():
    """The known-answer article table (:data:`KNOWN_TEXTS`), as :func:`analysis.load_articles` would give it."""
    import pandas as pd

    from analysis.tokens import count_words

    frame = pd.DataFrame(KNOWN_TEXTS, columns=["article_id", "outlet", "published", "title", "text"])
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    frame["language"] = "en"
    frame["n_words"] = frame["text"].map(count_words)
    return frame


@pytest.fixture
def known():
    """A fresh copy of the known-answer article table for each test."""
    return known_articles()


# --- an exported article and its web page, for the format and container tests ---------------------

#: The body of the exported article the format and container tests write.
EXPORT_BODY = ("Kyiv was shelled overnight, the city administration said on Tuesday. "
               "Three districts lost power and water for several hours.")
#: A saved web page holding ``{body}`` as its article, with navigation around it.
EXPORT_PAGE = ("<html><head><title>Night of shelling</title></head><body><nav>Home | World</nav><article>"
               "<h1>Night of shelling</h1><p>{body}</p><p>Repair crews worked through the morning to restore "
               "supplies to the eastern districts of the city.</p></article></body></html>")


def csv_bytes(rows: list[dict]) -> bytes:
    """``rows`` as the bytes of a CSV file with a header."""
    import pandas as pd

    return pd.DataFrame(rows).to_csv(index=False).encode()
