"""Agency: in sentences about harm, who is said to have done it, and who is left out.

"Police injured protesters", "protesters were injured by police", "protesters were injured" and
"clashes left 14 injured" report the same event; only the first two name who did it. :func:`find_agency`
reads, for every harm word (``analysis/data/agency_words.csv``: killed, injured, arrested, attacked, ...),
the construction it stands in, from part-of-speech tags of TextBlob's Pattern tagger (it ships inside
the ``textblob`` package: no download) and a few documented rules:

- **passive with agent**: a form of "be"/"get" before the verb (adverbs may come between), or a noun
  just before it ("protesters injured by police"), and "by" + a noun phrase after it: the agent;
- **agentless passive**: the same without "by": "protesters were injured";
- **active**: a noun phrase (or a pronoun) before the verb and a noun phrase after it: "police injured
  dozens of protesters", "they were killing us", "the protesters had damaged two cars"; the agent is
  the noun phrase before, the patient the one after;
- **nominal**: the harm is a noun ("clashes", "deaths", an "attack" tagged as a noun) or a result
  ("left 14 injured", "14 injured"): no one does it;
- **other**: anything else (infinitives, "to kill"; verbs without a subject in the same clause).

The rules read one sentence at a time and do not parse: a long subject, a relative clause or a
coordination can hide the agent. Read the sentences (they are in every row) before counting on them.
"""

from __future__ import annotations

import csv
from functools import lru_cache

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .tokens import article_tokens, english_only

__all__ = ["AGENCY_COLUMNS", "CONSTRUCTIONS", "agency_summary", "find_agency"]

AGENCY_COLUMNS = ["article_id", "outlet", "published", "sentence_id", "sentence", "harm", "lemma", "construction",
                  "agent", "patient"]
CONSTRUCTIONS = ["active", "passive with agent", "agentless passive", "nominal", "other"]

_NP_TAGS = {"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "PRP$", "POS"}
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS", "PRP", "CD"}
_SKIP_TAGS = {"RB", "RBR", "RBS"}


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, str]]:
    """``word -> (role, lemma)`` from ``analysis/data/agency_words.csv``."""
    lines = (DATA_DIR / "agency_words.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if line.strip() and not line.startswith("#"))
    return {r["word"].strip().lower(): (r["role"].strip(), (r["lemma"] or "").strip()) for r in rows}


@lru_cache(maxsize=1)
def _tagger():
    from textblob.en import tag  # Pattern's English tagger, its lexicon inside the textblob package

    return tag


def _phrase_before(tagged: list[tuple[str, str]], end: int) -> tuple[str, int]:
    """The noun phrase (or pronoun) that ends just before ``end`` (adverbs skipped), and where it starts."""
    k = end - 1
    while k >= 0 and tagged[k][1] in _SKIP_TAGS:
        k -= 1
    if k >= 0 and tagged[k][1] == "PRP":
        return tagged[k][0], k
    stop = k
    while k >= 0 and tagged[k][1] in _NP_TAGS:
        k -= 1
    words = tagged[k + 1:stop + 1]
    if not words or words[-1][1] not in _NOUN_TAGS:
        return "", stop + 1
    # "dozens of protesters": a phrase joined by "of"
    if k >= 1 and tagged[k][0].lower() == "of" and tagged[k - 1][1] in _NOUN_TAGS:
        head, start = _phrase_before(tagged, k)
        if head:
            return f"{head} of {' '.join(w for w, _ in words)}", start
    return " ".join(w for w, _ in words), k + 1


def _phrase_after(tagged: list[tuple[str, str]], start: int) -> str:
    """The noun phrase (or pronoun) that starts at ``start``, with an "of" phrase after it."""
    if start < len(tagged) and tagged[start][1] == "PRP":
        return tagged[start][0]
    k = start
    while k < len(tagged) and tagged[k][1] in _NP_TAGS:
        k += 1
    words = tagged[start:k]
    while words and words[-1][1] not in _NOUN_TAGS:
        words = words[:-1]
    if not words:
        return ""
    text = " ".join(w for w, _ in words)
    if k + 1 < len(tagged) and tagged[k][0].lower() == "of":
        tail = _phrase_after(tagged, k + 1)
        if tail:
            text += f" of {tail}"
    return text


def _construction(tagged: list[tuple[str, str]], i: int) -> tuple[str, str, str]:
    """``(construction, agent, patient)`` of the harm word at position ``i`` of a tagged sentence."""
    words = _words()
    word, tag = tagged[i]
    role = words.get(word.lower(), ("", ""))[0]
    if role == "harm_noun" or tag in ("NN", "NNS") and not word.lower().endswith("ed"):
        return "nominal", "", ""
    k = i - 1
    while k >= 0 and (tagged[k][1] in _SKIP_TAGS or tagged[k][1] == "MD" or tagged[k][0].lower() in ("not", "also")
                      or words.get(tagged[k][0].lower(), ("",))[0] == "tense_aux"):
        k -= 1
    previous = tagged[k] if k >= 0 else ("", "")
    after = i + 1
    while after < len(tagged) and tagged[after][1] in _SKIP_TAGS:
        after += 1
    by = after < len(tagged) and words.get(tagged[after][0].lower(), ("",))[0] == "agent_marker"
    agent = _phrase_after(tagged, after + 1) if by else ""
    if words.get(previous[0].lower(), ("",))[0] == "passive_aux" and word.lower().endswith("ing"):
        subject, _ = _phrase_before(tagged, k)  # progressive: "they were killing us" is active
        target = _phrase_after(tagged, after)
        return ("active", subject, target) if subject and target else ("other", subject, "")
    if words.get(previous[0].lower(), ("",))[0] == "passive_aux":
        patient, _ = _phrase_before(tagged, k)
        return ("passive with agent", agent, patient) if agent else ("agentless passive", "", patient)
    if previous[1] == "CD" or words.get(previous[0].lower(), ("",))[0] == "result_verb" or (
            k >= 1 and previous[1] == "CD" and words.get(tagged[k - 1][0].lower(), ("",))[0] == "result_verb"):
        return "nominal", "", ""
    if by and agent and previous[1] in _NOUN_TAGS:  # reduced relative: "protesters injured by police"
        patient, _ = _phrase_before(tagged, k + 1)
        return "passive with agent", agent, patient
    if previous[0].lower() == "to" or tag == "VBG" and previous[1] not in _NOUN_TAGS:
        return "other", "", ""
    subject, _ = _phrase_before(tagged, k + 1)
    target = _phrase_after(tagged, after)
    if subject and target:
        return "active", subject, target
    return "other", subject, ""


def find_agency(articles: pd.DataFrame) -> pd.DataFrame:
    """Every harm word in the articles' texts with the construction it stands in and its agent: one row per word.

    Columns (:data:`AGENCY_COLUMNS`): ``article_id``, ``outlet``, ``published``, ``sentence_id``,
    ``sentence``, ``harm`` (the word as written), ``lemma``, ``construction`` (one of
    :data:`CONSTRUCTIONS`, see the module docstring), ``agent`` (who does it, when the sentence says so:
    the subject of an active verb or the "by" phrase of a passive) and ``patient`` (to whom, when found).
    English articles only; harm words come from ``analysis/data/agency_words.csv``.

    >>> frame = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Police injured dozens of protesters. Protesters were injured. Clashes left 14 injured."]})
    >>> find_agency(frame)[["harm", "construction", "agent"]].values.tolist()
    [['injured', 'active', 'Police'], ['injured', 'agentless passive', ''], ['Clashes', 'nominal', ''], \
['injured', 'nominal', '']]
    """
    arts = english_only(articles)
    harm = {w for w, (role, _) in _words().items() if role in ("harm_verb", "harm_noun")}
    lemmas = {w: lemma for w, (_, lemma) in _words().items()}
    outlets = arts["outlet"].to_numpy() if "outlet" in arts else np.full(len(arts), None)
    published = arts["published"].to_numpy() if "published" in arts else np.full(len(arts), None)
    rows = []
    for article_id, outlet, when, text in zip(arts["article_id"].to_numpy(), outlets, published,
                                              arts["text"].fillna("").astype(str).to_numpy(), strict=True):
        tokens = article_tokens(text)
        hit_sentences = sorted({int(s) for t, s in zip(tokens.tokens, tokens.token_sentence.tolist(), strict=True)
                                if t in harm})
        for sid in hit_sentences:
            sentence = text[tokens.sentence_starts[sid]:tokens.sentence_ends[sid]]
            tagged = [(w, t) for w, t in _tagger()(sentence, tokenize=True)]
            for i, (word, _) in enumerate(tagged):
                if word.lower() not in harm:
                    continue
                construction, agent, patient = _construction(tagged, i)
                rows.append((article_id, outlet, when, sid, sentence, word, lemmas[word.lower()], construction,
                             agent, patient))
    out = pd.DataFrame(rows, columns=AGENCY_COLUMNS)
    for column in ["sentence", "harm", "lemma", "agent", "patient"]:
        out[column] = out[column].astype("string")
    out["construction"] = pd.Categorical(out["construction"], categories=CONSTRUCTIONS)
    return out.astype({"sentence_id": "int64"})


def agency_summary(hits: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Share of each construction per group, with the counts behind it and the most frequent agents.

    One row per group × construction (constructions a group never uses included, at zero): ``hits``,
    ``share`` (of the group's harm words), ``top_agents`` ("police (3), army (1)").

    >>> hits = pd.DataFrame({"outlet": ["X", "X", "Y"], "agent": ["Police", "", ""],
    ...     "construction": ["active", "agentless passive", "agentless passive"]})
    >>> agency_summary(hits).query("hits > 0")[["outlet", "construction", "hits", "share"]].values.tolist()
    [['X', 'active', 1, 0.5], ['X', 'agentless passive', 1, 0.5], ['Y', 'agentless passive', 1, 1.0]]
    """
    columns = [by, "construction", "hits", "share", "top_agents"]
    if hits.empty:
        return pd.DataFrame(columns=columns)
    constructions = pd.Categorical(hits["construction"].astype(str), categories=CONSTRUCTIONS)
    counts = pd.crosstab(hits[by], constructions).reindex(columns=CONSTRUCTIONS, fill_value=0)
    out = counts.stack().rename("hits").reset_index()
    out.columns = [by, "construction", "hits"]
    out["share"] = out["hits"] / out.groupby(by)["hits"].transform("sum")
    agents = hits[hits["agent"].fillna("") != ""].assign(agent=lambda f: f["agent"].str.lower())
    top = (agents.groupby([by, "construction"], observed=True)["agent"]
           .agg(lambda s: ", ".join(f"{a} ({n})" for a, n in s.value_counts().head(3).items())))
    out["top_agents"] = [top.get((g, c), "") for g, c in zip(out[by], out["construction"], strict=True)]
    out["construction"] = pd.Categorical(out["construction"], categories=CONSTRUCTIONS)
    out["top_agents"] = out["top_agents"].astype("string")
    return out.astype({"hits": "int64"})[columns]
