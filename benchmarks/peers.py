"""Framing Lab's public functions, cold, against the tools a user would pick instead — same articles, same results.

Set: the 1,796 real Kremlin and President-of-Ukraine press releases of ``../shared`` (about 1.1 million
words), topped up to ``N`` articles (default 2,000) with generated ones built from their sentences
(``_corpus.generated_articles``), written to one CSV file and read with ``load_articles``.

Every side of every task runs in a fresh process ("cold": no token, score or file cache, lexicons not
yet loaded; libraries imported before the clock starts) and hands its result back, and the results are
compared before any time is printed:

==============  =======================================================  ===================================================
task            project                                                  peer
==============  =======================================================  ===================================================
words           ``term_frequencies`` (all words and numbers)             scikit-learn ``CountVectorizer`` with the same token
                                                                         pattern (lower case, possessive 's merged after)
kwic            ``kwic(articles, "war", match="word")``                  nltk ``ConcordanceIndex`` over nltk ``RegexpTokenizer``
                                                                         tokens, ``concordance_list("war")``
collocations    ``collocations(articles, "war", window=4, "llr")``       nltk ``BigramCollocationFinder.from_words(window_size=5)``
                                                                         over nltk-split sentences, likelihood ratio
sentiment       ``score_sentiment(level="sentence")``                    nltk Punkt sentences, ``TextBlob(s).sentiment`` and
                                                                         vaderSentiment ``polarity_scores(s)`` per sentence
loaded terms    ``find_loaded_terms`` (hits with sentence and voice)     the lexicon as one compiled alternation, ``finditer``
naive loop      ``load_articles`` + ``term_frequencies`` +                ``pandas.read_csv``; TextBlob per article; VADER per
                ``score_sentiment(level="sentence")`` +                  TextBlob sentence; one ``str.count`` per lexicon entry;
                ``find_loaded_terms``                                    a ``Counter`` of ``\\w+`` tokens
==============  =======================================================  ===================================================

nltk's window of 5 is the word and the 4 after it; ``collocations(window=4)`` counts the 4 on each side,
so each pair's co-occurrence count is the same (checked); the two likelihood-ratio scores are of
different 2x2 tables (bigram slots vs slots around the node), so only the counts are compared.
The naive loop computes different things (whole-article TextBlob, looser term counts), so it is
compared by time only. Run: ``python benchmarks/peers.py [N [TASK ...]]``; the machine's load average is printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
TASKS = ["words", "kwic", "collocations", "sentiment", "loaded_terms", "naive_loop"]
TERM = "war"


def build_set(n: int, folder: Path) -> Path:
    """The releases (and generated articles up to ``n``) as one CSV file."""
    from _corpus import PRESS, generated_articles

    frames = []
    for name, outlet in [("putin", "Kremlin"), ("zelenskyy", "President of Ukraine")]:
        raw = pd.read_csv(PRESS / f"{name}.csv")
        frames.append(pd.DataFrame({"outlet": outlet, "title": raw["headline"], "published": raw["date"],
                                    "text": raw["body"]}))
    real = pd.concat(frames, ignore_index=True).dropna(subset=["text"])
    extra = generated_articles(max(n - len(real), 0))[["outlet", "title", "published", "text"]] if n > len(real) else None
    table = pd.concat([real.iloc[:n], extra], ignore_index=True)
    path = folder / "articles.csv"
    table.to_csv(path, index=False)
    return path


# --- the sides (each runs in its own process) ----------------------------------------------------

def _nltk_sentences(texts: list[str]) -> list[list[str]]:
    """What a user of nltk writes: paragraphs, then Punkt with the shipped abbreviations, per article."""
    import re

    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from analysis.tokens import abbreviations

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    punkt = PunktSentenceTokenizer(params)
    return [[s for p in re.split(r"\n\s*\n", t) if p.strip() for s in punkt.tokenize(p)] for t in texts]


def _project_libraries() -> None:
    """The libraries the project's sentiment runs on, imported as the peer's are (its own code stays cold)."""
    import textblob  # noqa: F401
    import vaderSentiment.vaderSentiment  # noqa: F401


def _project_modules() -> None:
    """Every public function's module (the package imports them on first use): imported before the clock."""
    import analysis

    for name in analysis.__all__:
        getattr(analysis, name)


def prepare(task: str, side: str):
    """Imports and inputs, before the clock starts."""
    from analysis import load_articles

    if side == "project":
        _project_modules()

    if task == "naive_loop":
        if side == "peer":
            import re  # noqa: F401

            from textblob import TextBlob  # noqa: F401
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: F401

            from analysis import load_lexicon

            return load_lexicon("loaded_terms")
        _project_libraries()
        return None
    articles = load_articles(os.environ["PEERS_SET"], progress=False, cache=False)
    if side == "project" and task == "sentiment":
        _project_libraries()
    if side == "peer":
        import nltk  # noqa: F401
        import sklearn.feature_extraction.text  # noqa: F401
        import textblob  # noqa: F401
        import vaderSentiment.vaderSentiment  # noqa: F401
    return articles


def run(task: str, side: str, data):  # noqa: C901 (one branch per task and side, read side by side)
    """The timed work; returns a JSON-able result to compare."""
    if task == "words" and side == "project":
        from analysis import term_frequencies

        counts = term_frequencies(data, stopwords=False, numbers=True)
        return dict(zip(counts["term"].astype(str), counts["count"].astype(int).tolist(), strict=True))
    if task == "words" and side == "peer":
        from sklearn.feature_extraction.text import CountVectorizer

        from analysis.tokens import WORD_PATTERN, normalize_token

        # Tokens as written, lower-cased after (as the project does: "İbrahim" lower-cased first tokenizes otherwise)
        vectorizer = CountVectorizer(token_pattern=WORD_PATTERN.pattern, lowercase=False)
        matrix = vectorizer.fit_transform(data["text"])
        totals = np.asarray(matrix.sum(axis=0)).ravel()
        merged: Counter = Counter()
        for term, count in zip(vectorizer.get_feature_names_out(), totals.tolist(), strict=True):
            merged[normalize_token(term)] += count
        return dict(merged)
    if task == "kwic" and side == "project":
        from analysis import kwic

        lines = kwic(data, TERM, match="word")
        return {"hits": len(lines), "per_article": lines.groupby("article_id").size().astype(int).to_dict()}
    if task == "kwic" and side == "peer":
        from nltk.text import ConcordanceIndex
        from nltk.tokenize import RegexpTokenizer

        from analysis.tokens import WORD_PATTERN, normalize_token

        tokenizer = RegexpTokenizer(WORD_PATTERN.pattern)
        per_article = {}
        hits = 0
        for article_id, text in zip(data["article_id"], data["text"], strict=True):
            index = ConcordanceIndex(tokenizer.tokenize(text), key=normalize_token)
            lines = index.find_concordance(TERM, width=120)
            if lines:
                per_article[article_id] = len(lines)
                hits += len(lines)
        return {"hits": hits, "per_article": per_article}
    if task == "collocations" and side == "project":
        from analysis import collocations

        table = collocations(data, TERM, window=4, measure="llr", min_count=1, stopwords=False)
        return {"counts": dict(zip(table["collocate"], table["count"].astype(int).tolist(), strict=True)),
                "top": table["collocate"].head(10).tolist()}
    if task == "collocations" and side == "peer":
        from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
        from nltk.tokenize import RegexpTokenizer

        from analysis.tokens import WORD_PATTERN, normalize_token

        tokenizer = RegexpTokenizer(WORD_PATTERN.pattern)
        stream: list[str | None] = []
        for sentences in _nltk_sentences(data["text"].tolist()):
            for sentence in sentences:
                stream.extend(normalize_token(t) for t in tokenizer.tokenize(sentence))
                stream.extend([None] * 4)  # no window spans two sentences
        finder = BigramCollocationFinder.from_words(stream, window_size=5)
        finder.apply_ngram_filter(lambda w1, w2: TERM not in (w1, w2))
        scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
        counts: Counter = Counter()
        for (w1, w2), count in finder.ngram_fd.items():
            if w1 == TERM:
                counts[w2] += count
            if w2 == TERM:
                counts[w1] += count
        return {"counts": dict(counts), "top": [w2 if w1 == TERM else w1 for (w1, w2), _ in scored[:10]]}
    if task == "sentiment" and side == "project":
        from analysis import score_sentiment
        from analysis.sentiment import SCORE_COLUMNS

        scores = score_sentiment(data, level="sentence")
        return {"sentences": scores["sentence"].astype(str).tolist(), "scores": scores[SCORE_COLUMNS].to_numpy().tolist()}
    if task == "sentiment" and side == "peer":
        from textblob import TextBlob
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        sentences, scores = [], []
        for article in _nltk_sentences(data["text"].tolist()):
            for s in article:
                blob = TextBlob(s).sentiment
                v = analyzer.polarity_scores(s)
                sentences.append(s)
                scores.append([blob.polarity, blob.subjectivity, v["neg"], v["neu"], v["pos"], v["compound"]])
        return {"sentences": sentences, "scores": scores}
    if task == "loaded_terms" and side == "project":
        from analysis import find_loaded_terms

        hits = find_loaded_terms(data)
        return sorted([a, f, int(s), int(e), t] for a, f, s, e, t in
                      hits[["article_id", "field", "start", "end", "term"]].itertuples(index=False))
    if task == "loaded_terms" and side == "peer":
        from analysis import load_lexicon
        from analysis.matcher import compile_lexicon

        regex, entries = compile_lexicon(load_lexicon("loaded_terms"))
        term_of = dict(zip(entries["group"], entries["term"], strict=True))
        out = []
        for article_id, title, text in zip(data["article_id"], data["title"].fillna(""), data["text"], strict=True):
            for field, value in (("title", title), ("text", text)):
                out.extend([article_id, field, m.start(), m.end(), term_of[m.lastindex]]
                           for m in regex.finditer(value) if m.end() > m.start())
        return sorted(out)
    if task == "naive_loop" and side == "project":
        from analysis import find_loaded_terms, load_articles, score_sentiment, term_frequencies

        articles = load_articles(os.environ["PEERS_SET"], progress=False)
        words = term_frequencies(articles)
        sentences = score_sentiment(articles, level="sentence")
        hits = find_loaded_terms(articles)
        return {"articles": len(articles), "terms": len(words), "sentences": len(sentences), "hits": len(hits)}
    if task == "naive_loop" and side == "peer":
        import re

        from textblob import TextBlob
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        from analysis.patterns import pattern_source
        from analysis.tokens import make_textblob

        lexicon = data
        frame = pd.read_csv(os.environ["PEERS_SET"])
        analyzer = SentimentIntensityAnalyzer()
        blob_scores, vader_scores, words = [], [], Counter()
        for text in frame["text"].fillna(""):
            blob_scores.append(TextBlob(text).sentiment.polarity)
            vader_scores.extend(analyzer.polarity_scores(str(s))["compound"] for s in make_textblob(text).sentences)
            words.update(re.findall(r"\w+", text.lower()))
        counts = {t: int(frame["text"].str.count(pattern_source(t, m), flags=re.IGNORECASE).sum())
                  for t, m in zip(lexicon["term"], lexicon["match"], strict=True)}
        return {"articles": len(frame), "terms": len(words), "sentences": len(vader_scores), "hits": sum(counts.values())}
    raise ValueError(task)


def child(task: str, side: str, out: str) -> None:
    sys.path.insert(0, str(HERE))
    data = prepare(task, side)
    start = time.perf_counter()
    result = run(task, side, data)
    seconds = time.perf_counter() - start
    Path(out).write_text(json.dumps({"seconds": seconds, "result": result}))


# --- comparison ----------------------------------------------------------------------------------

def compare(task: str, project, peer) -> str:
    """One sentence on whether both sides found the same; raises AssertionError when they did not."""
    if task == "words":
        diff = {t for t in project.keys() | peer.keys() if project.get(t) != peer.get(t)}
        assert not diff, f"{len(diff)} terms counted differently, e.g. {sorted(diff)[:5]}"
        return f"same counts for all {len(project):,} terms ({sum(project.values()):,} tokens)"
    if task == "kwic":
        assert project == peer, f"hits {project['hits']} vs {peer['hits']}"
        return f"same {project['hits']:,} lines of {TERM!r} in the same {len(project['per_article']):,} articles"
    if task == "collocations":
        assert project["counts"] == peer["counts"], "co-occurrence counts differ"
        return (f"same co-occurrence counts for {len(project['counts']):,} collocates; top by LLR: project "
                f"{project['top'][:5]}, nltk {peer['top'][:5]}")
    if task == "sentiment":
        assert project["sentences"] == peer["sentences"], "different sentences"
        delta = np.abs(np.array(project["scores"]) - np.array(peer["scores"])).max()
        assert delta <= 1e-12, f"max |delta| {delta}"
        return f"same {len(project['sentences']):,} sentences, max |delta| over 6 scores {delta:.1e}"
    if task == "loaded_terms":
        assert project == peer, f"{len(project)} vs {len(peer)} hits"
        return f"same {len(project):,} hits (article, field, offsets, entry)"
    return f"project {project}; naive {peer} (different methods: time only)"


def main(n: int = 2000, tasks: list[str] | None = None) -> None:
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = build_set(n, Path(tmp))
        env = {**os.environ, "PEERS_SET": str(path), "FRAMING_LAB_CACHE": str(Path(tmp) / "cache"),
               "PYTHONPATH": str(HERE.parent)}
        print(f"set: {len(pd.read_csv(path)):,} articles; load average before the run {load:.1f} "
              f"on {os.cpu_count()} CPUs (a shared machine: read the ratios, not the seconds)")
        print(f"{'task':14} {'project s':>10} {'peer s':>8} {'ratio':>6}  results")
        failed = False
        for task in tasks or TASKS:
            times, results = {}, {}
            for side in ("peer", "project"):
                out = Path(tmp) / f"{task}.{side}.json"
                # Each task's own empty store: steps stored by an earlier task (sentence scores, loaded-term hits)
                # must not be read by a later one, or it is no longer cold.
                cold = {**env, "FRAMING_LAB_CACHE": str(Path(tmp) / f"cache_{task}")}
                subprocess.run([sys.executable, __file__, "--child", task, side, str(out)], env=cold, check=True)
                record = json.loads(out.read_text())
                times[side], results[side] = record["seconds"], record["result"]
                if task == "naive_loop" and side == "peer":
                    (Path(tmp) / f"cache_{task}").mkdir(exist_ok=True)  # the project's load cache starts empty
            try:
                verdict = compare(task, results["project"], results["peer"])
            except AssertionError as exc:
                verdict, failed = f"DIFFERENT: {exc}", True
            print(f"{task:14} {times['project']:10.2f} {times['peer']:8.2f} {times['peer'] / times['project']:5.1f}x  "
                  f"{verdict}")
        if failed:
            sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, sys.argv[2:] or None)
