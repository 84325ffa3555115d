"""The per-article steps of the analysis: what each computes, from what, and the key its results are kept under.

Each :class:`Step` declares its function, an explicit ``version`` (raised by hand when the step's output
changes for the same input), the steps it builds on (``after``), the package modules whose code it runs,
the shipped data files it reads (abbreviations, stop words), the lexicon tables it is given (loaded
terms, naming, frames), the libraries whose numbers it reproduces, and its output columns.

A result's key (:func:`step_key`) is the content hash of all of that — the version, the source of every
declared module, the bytes of every data file, the rows of every table, the library versions — and of
the keys of the steps it builds on. Together with an article's content id (``article_id``, a hash of
outlet, title and cleaned text) it names one result exactly: edit a lexicon and only the steps given
that lexicon get new keys; edit ``patterns.py`` and every step that runs its code does. Nothing
stale is served, and nothing is recomputed that did not change. ``tests/test_steps.py`` edits each
dependency of each step and checks both, and checks that the declared modules cover every package
module the step's code imports.

>>> sorted(STEPS)
['attributions', 'frames', 'loaded_language', 'loaded_terms', 'name_candidates', 'naming', 'quotes', 'sentences',
 'sentiment', 'term_counts', 'tokens']
>>> "concordance" in dependencies("loaded_terms")["modules"]
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from .cache import CacheArg, cache_dir, cached_per_article, content_key
from .config import PACKAGE_DIR
from .versions import installed_version
from .workers import map_parts, worker_count

__all__ = ["Step", "STEPS", "PIPELINE_STEPS", "TABLES", "KEY_FREE_MODULES", "PARALLEL_MIN_CHARS", "READ_COLUMNS",
           "step_key", "step_keys", "dependencies", "run_step", "per_article", "row_keys", "table_key"]

#: The lexicon tables a caller passes to the steps, by name.
TABLES = ("loaded_terms", "naming", "frames")

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Step:
    """One per-article step: ``function(articles, tables)`` returns rows keyed by ``article_id``."""

    name: str
    version: int
    function: Callable[[pd.DataFrame, Tables], pd.DataFrame]
    columns: tuple[str, ...]
    after: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    parallel: bool = True  # many new articles are computed in worker processes (a light step: never)


# --- the step functions (thin: the work is in the public functions) -----------------------------

def _tokens(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .tokens import article_token_list

    rows = []
    for article_id, tokens in zip(articles["article_id"], article_token_list(articles), strict=True):
        rows.append((article_id, len(tokens.sentence_starts), len(tokens.tokens)))
    return pd.DataFrame(rows, columns=["article_id", "n_sentences", "n_tokens"])


def _term_counts(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .frequencies import term_frequencies

    counts = term_frequencies(articles, by="article_id")
    return counts[["article_id", "term", "count"]].astype({"article_id": "string"})


def _sentiment(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .sentiment import score_sentiment

    return score_sentiment(articles, level="article", n_jobs=1, cache=False)


def _sentences(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .sentiment import score_sentiment

    return score_sentiment(articles, level="sentence", n_jobs=1, cache=False)


def _loaded_terms(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .loaded_terms import find_loaded_terms

    return find_loaded_terms(articles, tables["loaded_terms"], cache=False)


def _naming(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .naming import find_naming_variants

    return find_naming_variants(articles, tables["naming"], cache=False)


def _frames(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .frames import find_frame_cues

    return find_frame_cues(articles, tables["frames"], cache=False)


def _attributions(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .sources import attributions

    return attributions(articles, cache=False)


def _name_candidates(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .people import name_candidates

    return name_candidates(articles, cache=False)


def _loaded_language(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .models import loaded_sentences

    return loaded_sentences(articles, cache=False)


def _quotes(articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    from .voice import scare_quotes

    return scare_quotes(articles, cache=False)


_ABBREVIATIONS = "nltk/tokenizers/punkt_tab/english/abbrev_types.txt"
_TOKENS = ("tokens", "punkt")
_MATCHING = ("lexicons", "concordance", "patterns", "matcher", "cues", "voice", "loaded_terms", "rates")
_KWIC = ("concordance", "patterns", "matcher", "lexicons")  # kwic builds its rows with matcher.hit_frame
_SENTIMENT = ("sentiment", "_textblob_fast", "_vader_fast", "versions")  # sentiment.py and its two fast scorers
_NAMING = ("naming", "rates", *_MATCHING)
_FRAMES = ("frames", "naming", "rates", *_MATCHING)  # frames.py takes naming.py's lexicon argument
_SOURCES = ("sources", "cues", "naming", "rates", *_MATCHING)
_NEWS_TONE = "../models/news_tone.json"  # the shipped news-tone model (analysis/models/), read by sentiment.py
_VOICE_CUES = ("cues/reporting_verbs.csv", "cues/negators.csv", "cues/denials.csv")  # cue lists voice.py reads
#: Cue lists sources.py compiles (its reporting verbs are the voice rule's).
_SOURCES_CUES = ("cues/person_titles.csv", "cues/organisation_words.csv", "cues/media_names.csv", "cues/places.csv",
                 *_VOICE_CUES)

#: Every per-article step, by name.
_SCORES = ("textblob_polarity", "textblob_subjectivity", "vader_neg", "vader_neu", "vader_pos", "vader_compound")
_HIT = ("article_id", "outlet", "published", "title", "field", "sentence_id", "start", "end", "term", "category")
_VOICE = ("matched", "left", "right", "sentence", "in_quotes", "quote_kind", "negated", "negation_cue", "attributed",
          "attribution_cue", "voice")

#: Every per-article step, by name.
STEPS: dict[str, Step] = {step.name: step for step in [
    Step("tokens", 1, _tokens, ("article_id", "n_sentences", "n_tokens"), modules=_TOKENS, data=(_ABBREVIATIONS,),
         parallel=False),
    Step("term_counts", 1, _term_counts, ("article_id", "term", "count"), after=("tokens",),
         modules=("frequencies", *_KWIC, "rates", "tfidf"), data=("stopwords_en.txt",), parallel=False),
    Step("sentiment", 2, _sentiment, ("article_id", "outlet", "published", "title", "n_sentences", "n_words", *_SCORES,
                                      "news_tone"),
         after=("tokens",), modules=(*_SENTIMENT, "groups", "models", *_MATCHING), data=(_NEWS_TONE, *_VOICE_CUES),
         packages=("textblob", "vaderSentiment")),
    Step("sentences", 1, _sentences, ("article_id", "outlet", "published", "sentence_id", "sentence", "n_words",
                                      *_SCORES, "news_tone"),
         after=("tokens",), modules=(*_SENTIMENT, "groups", "models", *_MATCHING), data=(_NEWS_TONE, *_VOICE_CUES),
         packages=("textblob", "vaderSentiment")),
    Step("loaded_terms", 1, _loaded_terms, (*_HIT, *_VOICE), after=("tokens",), modules=_MATCHING,
         data=_VOICE_CUES, tables=("loaded_terms",)),
    Step("naming", 1, _naming, (*_HIT, "concept", "variant", *_VOICE), after=("tokens",),
         modules=_NAMING, data=_VOICE_CUES, tables=("naming",)),
    Step("frames", 1, _frames, ("article_id", "outlet", "published", "field", "sentence_id", "start", "end", "term",
                                "category", "frame", "matched"),
         after=("tokens",), modules=_FRAMES, tables=("frames",)),
    Step("attributions", 1, _attributions, ("article_id", "outlet", "published", "sentence_id", "sentence", "source",
                                            "source_kind", "role", "verb", "start", "end", "as_written", "direct_quote"),
         after=("tokens",), modules=_SOURCES, data=_SOURCES_CUES),
    Step("name_candidates", 1, _name_candidates, ("article_id", "sentence_id", "start", "end", "as_written", "words",
                                                  "title", "organisation", "choice", "if_lower"),
         after=("tokens",), modules=("people", *_SOURCES), data=(*_SOURCES_CUES, "stopwords_en.txt")),
    Step("loaded_language", 1, _loaded_language, ("article_id", "sentence_id", "start", "end", "sentence",
                                                  "loaded_score", "n_evidence", "evidence"),
         after=("tokens",), modules=("models", *_SENTIMENT, "groups", *_MATCHING),
         data=("../models/loaded_language.json", "lexicons/loaded_terms.csv", *_VOICE_CUES)),
    Step("quotes", 1, _quotes, ("article_id", "outlet", "field", "sentence_id", "sentence", "quote", "start", "end",
                                "n_words", "kind"),
         after=("tokens",), modules=_MATCHING, data=_VOICE_CUES),
]}

#: Modules the steps import whose code cannot change a result: ``cache`` hashes texts for memo keys,
#: ``atomic`` publishes files, ``config`` names folders (the files' contents are keyed as data) and
#: ``memos`` keeps results in memory, ``store`` routes the public functions to :func:`per_article`; none
#: computes anything a step returns; ``workers`` only hands parts of a batch to worker processes.
KEY_FREE_MODULES = frozenset({"cache", "atomic", "config", "memos", "store", "workers"})

#: From this many characters of new text on, a step (other than a light one) computes its articles in
#: worker processes (:func:`analysis.workers.map_parts`), one part per core. About 170 articles of 1,000
#: words; below it, forking and sending the parts cost more than the second core gives back.
PARALLEL_MIN_CHARS = 1_000_000

#: The steps :func:`analysis.run_pipeline` stores per article.
PIPELINE_STEPS = ("term_counts", "sentiment", "loaded_terms", "naming", "frames", "attributions")


# --- keys ----------------------------------------------------------------------------------------

def _module_source(module: str) -> bytes:
    """The source of a package module (``naming``) or sub-package (``models``: all its files, in order)."""
    path = PACKAGE_DIR / f"{module}.py"
    if path.exists():
        return path.read_bytes()
    folder = PACKAGE_DIR / module
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*.py")))


def _data_bytes(name: str) -> bytes:
    """The content of a shipped data file under ``analysis/data``."""
    return (PACKAGE_DIR / "data" / name).read_bytes()


def table_key(table: pd.DataFrame) -> str:
    """Content hash of a lexicon table's entries (``term``, ``category``, ``match``; notes do not count).

    >>> t = pd.DataFrame({"term": ["regime"], "category": ["pejorative"], "match": ["word"], "note": ["x"]})
    >>> table_key(t) == table_key(t.assign(note="y")) != table_key(t.assign(term="junta"))
    True
    """
    columns = [c for c in ("term", "category", "match") if c in table]
    return content_key(table[columns].to_csv(index=False))


def dependencies(name: str) -> dict[str, set[str]]:
    """Everything a step's results depend on, its own declarations and those of the steps it builds on.

    >>> sorted(dependencies("term_counts")["modules"]), sorted(dependencies("term_counts")["data"])
    (['concordance', 'frequencies', 'lexicons', 'matcher', 'patterns', 'punkt', 'rates', 'tfidf', 'tokens'], ['nltk/tokenizers/punkt_tab/english/abbrev_types.txt', 'stopwords_en.txt'])
    """
    step = STEPS[name]
    out = {"modules": set(step.modules), "data": set(step.data), "tables": set(step.tables),
           "packages": set(step.packages), "steps": set(step.after)}
    for before in step.after:
        for kind, values in dependencies(before).items():
            out[kind] |= values
    return out


def step_key(name: str, tables: Tables | None = None) -> str:
    """The key of a step's results: a hash of its version and the content of everything it depends on.

    ``tables`` maps ``loaded_terms``, ``naming`` and ``frames`` to the lexicon tables in use (the shipped
    ones when left out).

    >>> step_key("loaded_terms") == step_key("loaded_terms") != step_key("naming")
    True
    """
    step = STEPS[name]
    parts = [step.name, str(step.version)]
    parts += [f"module {m}\0" + content_key(_module_source(m)) for m in sorted(step.modules)]
    parts += [f"data {d}\0" + content_key(_data_bytes(d)) for d in sorted(step.data)]
    parts += [f"package {p}\0" + installed_version(p) for p in sorted(step.packages)]
    for table in sorted(step.tables):
        given = (tables or {}).get(table)
        if given is None:
            from .lexicons import load_lexicon

            given = load_lexicon(table)
        parts.append(f"table {table}\0" + table_key(given))
    parts += [f"after {b}\0" + step_key(b, tables) for b in sorted(step.after)]
    return content_key(*parts)


def step_keys(tables: Tables | None = None, names: tuple[str, ...] | None = None) -> dict[str, str]:
    """:func:`step_key` of each named step (all by default).

    >>> keys = step_keys(names=("tokens", "term_counts"))
    >>> sorted(keys), len(set(keys.values()))
    (['term_counts', 'tokens'], 2)
    """
    return {name: step_key(name, tables) for name in (names or tuple(STEPS))}


def run_step(name: str, articles: pd.DataFrame, tables: Tables | None = None) -> pd.DataFrame:
    """Run one step on an article table (no store): the rows its function returns.

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Russia's army moved. Kyiv held."]})
    >>> run_step("tokens", arts).values.tolist()
    [['a', 2, 5]]
    """
    if tables is None or any(t not in tables for t in STEPS[name].tables):
        from .lexicons import load_lexicon

        tables = {**{t: load_lexicon(t) for t in STEPS[name].tables}, **(tables or {})}
    return STEPS[name].function(articles, tables)


def _step_part(name: str, tables: Tables, articles: pd.DataFrame) -> pd.DataFrame:
    return STEPS[name].function(articles, tables)


def _compute(name: str, articles: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Step ``name``'s rows for ``articles``: here, or in worker processes for much new text of a step that pays.

    In workers, the first article runs here first: whatever the step loads on first use (lexicons,
    compiled matchers, models) is then loaded once, and every worker forked after has it. The other
    articles go in runs of about equal text length, in order; the rows joined are the rows of one call
    (each article's rows depend on that article alone).
    """
    step = STEPS[name]
    workers = worker_count() if step.parallel and "text" in articles else 1
    lengths = articles["text"].fillna("").astype(str).str.len().to_numpy()[1:] if workers > 1 else None
    if lengths is None or lengths.sum() < PARALLEL_MIN_CHARS or len(lengths) < workers:
        return step.function(articles, tables)
    ends = np.searchsorted(np.cumsum(lengths), lengths.sum() * np.arange(1, workers) / workers)
    bounds = [1, *sorted(set((ends + 1).clip(2, len(articles) - 1).tolist())), len(articles)]
    parts = [articles.iloc[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    frames = [step.function(articles.iloc[:1], tables),
              *map_parts(partial(_step_part, name, tables), parts, workers=workers)]
    kept = [f for f in frames if not f.empty]
    return pd.concat(kept, ignore_index=True) if len(kept) > 1 else (kept or frames)[0].reset_index(drop=True)


#: The article columns a step reads; an article's stored rows are keyed by their content (:func:`row_keys`).
READ_COLUMNS = ("article_id", "title", "text", "outlet", "published", "language")


def row_keys(articles: pd.DataFrame) -> pd.Series:
    """The content key of each article row: a hash of the :data:`READ_COLUMNS` it has (type and value).

    Two rows with the same ``article_id`` but another text, date or outlet get other keys, so a stored
    result is served only for the very input it was computed from.

    >>> a = pd.DataFrame({"article_id": ["a", "a"], "text": ["War.", "Peace."]})
    >>> keys = row_keys(a); keys.iloc[0] != keys.iloc[1] and keys.iloc[0] == row_keys(a.iloc[:1]).iloc[0]
    True
    """
    present = [c for c in READ_COLUMNS if c in articles]
    header = "\0".join(present)
    values = zip(*(articles[c].tolist() for c in present), strict=True) if present else iter([()] * len(articles))
    keys = [content_key(header, *(f"{type(v).__name__}:{v}" for v in row)) for row in values]
    return pd.Series(keys, index=articles.index, dtype=object)


def per_article(name: str, articles: pd.DataFrame, tables: Tables | None = None, *,
                cache: CacheArg = True) -> pd.DataFrame:
    """The rows of step ``name`` for ``articles``, read from the per-article store; only missing articles run.

    The one route from the public functions to the store (:func:`analysis.cache.cached_per_article`:
    atomic entries, verified on every read). Each article's rows are kept under its content
    (:func:`row_keys`) and the step's key (:func:`step_key`), so adding an article to a set computes that
    article's rows only, and an edit of anything a step depends on recomputes it. The rows are those of
    :func:`run_step`, in the same order. ``cache=False`` (or the cache switched off) computes everything;
    ``"refresh"`` computes everything and replaces what is stored.

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Russia's army moved. Kyiv held."]})
    >>> per_article("tokens", arts).values.tolist() == run_step("tokens", arts).values.tolist()
    True
    """
    step = STEPS[name]
    if tables is None or any(t not in tables for t in step.tables):
        from .lexicons import load_lexicon

        tables = {**{t: load_lexicon(t) for t in step.tables}, **(tables or {})}
    if not cache or cache_dir() is None or articles.empty or "article_id" not in articles:
        return _compute(name, articles, tables)
    keys = row_keys(articles)
    if keys.duplicated().any():  # the same article twice: its rows twice, as the step gives them
        return _compute(name, articles, tables)
    keyed = articles.assign(article_id=keys.to_numpy())
    out = cached_per_article(f"step_{name}", step_key(name, tables), keyed, lambda a: _compute(name, a, tables),
                             refresh=cache == "refresh")
    position = pd.Series(range(len(keys)), index=keys.to_numpy())
    ids = articles["article_id"].to_numpy()[position.loc[out["article_id"].astype(str)].to_numpy()]
    return out.assign(article_id=pd.Series(ids, index=out.index, dtype=out["article_id"].dtype))
