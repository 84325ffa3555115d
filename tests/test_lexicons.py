"""Loaded terms: shipped lexicon, user lexicons, detection with voice, scare quotes, rates (seed checked by hand)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import (
    find_loaded_terms,
    kwic,
    load_articles,
    load_lexicon,
    loaded_term_kwic,
    loaded_term_rates,
    scare_quotes,
    shipped_lexicons,
)
from analysis.lexicons import (
    LEXICON_COLUMNS,
    LOADED_TERM_COLUMNS,
    QUOTE_COLUMNS,
    LexiconError,
    LexiconMatcher,
    compile_lexicon,
    lexicon_matcher,
)
from analysis.memos import memo_stats

CATEGORIES = ["pejorative", "legitimacy", "hedge", "intensifier", "euphemism"]


def frame(*texts: str, title: str = "", language: str = "en") -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": ["X"] * len(texts),
                         "title": [title] * len(texts), "text": list(texts), "language": [language] * len(texts)})


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return load_articles(SEED, cache=False)


@pytest.fixture(scope="module")
def seed_hits(seed) -> pd.DataFrame:
    return find_loaded_terms(seed)


# --- the seed article, checked by hand -------------------------------------------------------


def test_seed_hits_as_checked_by_hand(seed_hits):
    # Read off the seed article line by line (headline + body); the voice follows the documented rules.
    expected = [
        ("title", "reportedly", "hedge", "own"),                     # Russia reportedly plans ...
        ("title", "massive", "intensifier", "own"),                  # ... massive troop surge
        ("text", "reportedly", "hedge", "own"),                      # is reportedly planning to deploy
        ("text", "purportedly", "hedge", "own"),                     # the Kremlin is purportedly aiming
        ("text", "Reports suggest", "hedge", "own"),
        ("text", "massive", "intensifier", "attributed"),            # Reports suggest ... this massive mobilization
        ("text", "special operation", "euphemism", "own"),           # subheading: From a special operation to a war
        ("text", "special military operation", "euphemism", "scare_quoted"),
        ("text", "collective West", "pejorative", "scare_quoted"),
        ("text", "occupied", "legitimacy", "scare_quoted"),           # "de facto occupied"
        ("text", "unlawfully annexed", "legitimacy", "own"),         # ..., referring to regions that Russia unlawfully annexed
        ("text", "new federal entities", "euphemism", "attributed"),  # He emphasized ... these new federal entities
        ("text", "dictator", "pejorative", "attributed"),            # who is often described as a dictator
        ("text", "illegally annexed", "legitimacy", "own"),
        ("text", "dangerously", "intensifier", "attributed"),        # Putin underscored ... could dangerously
    ]
    got = list(seed_hits[["field", "matched", "category", "voice"]].astype(str).itertuples(index=False, name=None))
    assert got == expected


def test_seed_acceptance_counts(seed_hits):
    matched = seed_hits["matched"].str.lower()
    assert (matched == "reportedly").sum() == 2
    assert sorted(seed_hits.loc[matched == "reportedly", "field"]) == ["text", "title"]
    assert (matched == "purportedly").sum() == 1
    # "massive troop surge" (headline) and "this massive mobilization effort" (body)
    assert (matched == "massive").sum() == 2
    assert seed_hits.loc[matched == "dictator", "category"].tolist() == ["pejorative"]
    legality = seed_hits[seed_hits["category"] == "legitimacy"]
    assert {"illegally annexed", "unlawfully annexed"} <= set(legality["matched"])
    # longest match wins: no separate hit for "illegally" or "annexed" inside "illegally annexed"
    assert not matched.isin(["illegally", "unlawfully", "annexed"]).any()


def test_seed_offsets_point_at_the_match_in_their_field(seed, seed_hits):
    article = seed.iloc[0]
    for hit in seed_hits.itertuples():
        value = article["title"] if hit.field == "title" else article["text"]
        assert value[hit.start:hit.end] == hit.matched
        assert hit.matched in hit.sentence


def test_seed_voice_details(seed_hits):
    dictator = seed_hits[seed_hits["matched"] == "dictator"].iloc[0]
    assert dictator["attributed"] and dictator["attribution_cue"] == "is often described"
    assert not dictator["in_quotes"] and not dictator["negated"]
    assert dictator["sentence"].endswith("who is often described as a dictator.")
    smo = seed_hits[seed_hits["matched"] == "special military operation"].iloc[0]
    assert smo["in_quotes"] and smo["quote_kind"] == "scare_quote"
    assert smo["attributed"] and smo["attribution_cue"] == "explained"  # Peskov further explained that the "..."
    unlawfully = seed_hits[seed_hits["matched"] == "unlawfully annexed"].iloc[0]
    assert not unlawfully["attributed"]  # "remarked" governs the clause before ", referring to ..."
    assert pd.isna(seed_hits.loc[seed_hits["field"] == "title", "sentence_id"]).all()


def test_seed_scare_quotes(seed):
    quotes = scare_quotes(seed)
    assert list(quotes.columns) == QUOTE_COLUMNS
    kinds = dict(zip(quotes["quote"], quotes["kind"], strict=False))
    scare = set(quotes.loc[quotes["kind"] == "scare_quote", "quote"])
    assert scare == {"special military operation", "collective West", "de facto occupied", "mobilization 2.0."}
    names = quotes.loc[quotes["kind"] == "quoted_name", "quote"].tolist()
    assert names == ["Wiorstka", "Wiorstka", "Meduza", "Meduza"]
    assert kinds["Russia is at war with Ukraine."] == "quoted_speech"
    text = seed.iloc[0]["text"]
    assert all(text[q.start:q.end] == q.quote for q in quotes.itertuples())


# --- scare quotes on single sentences ------------------------------------------------------------


@pytest.mark.parametrize("text, quote, kind", [
    ('Moscow calls it a "special military operation" in Ukraine.', "special military operation", "scare_quote"),
    ('He said: "We will never give up our land."', "We will never give up our land.", "quoted_speech"),
    ('"No war," the protesters chanted.', "No war,", "quoted_speech"),
    ('Police banned the "no war" slogan.', "no war", "scare_quote"),
    ('"No war," she said.', "No war,", "quoted_speech"),
    ('The newspaper "Novaya Gazeta" suspended work.', "Novaya Gazeta", "quoted_name"),
    ("Officials spoke of a 'special operation' on state TV.", "special operation", "scare_quote"),
    ("The soldiers' families waited.", None, None),  # an apostrophe is not a quotation mark
])
def test_quote_kinds(text, quote, kind):
    quotes = scare_quotes(frame(text))
    if quote is None:
        assert quotes.empty
    else:
        assert quotes[["quote", "kind"]].astype(str).values.tolist() == [[quote, kind]]


def test_quote_left_open_runs_to_paragraph_end():
    text = 'She said: "We stay here. We will not leave our city\n\nNobody left.'
    quotes = scare_quotes(frame(text))
    assert quotes["quote"].tolist() == ["We stay here. We will not leave our city"]


# --- each shipped category: one sentence that matches, one that does not ------------------------


@pytest.mark.parametrize("category, text, matched", [
    ("pejorative", "The regime arrested the protesters.", "regime"),
    ("pejorative", "She kept to a strict regimen of pills.", None),
    ("pejorative", "Thugs attacked the reporters.", "Thugs"),
    ("pejorative", "Anti-regime protests spread.", None),  # whole words: "regime" inside "anti-regime" is not a hit
    ("legitimacy", "Russia illegally annexed Crimea in 2014.", "illegally annexed"),
    ("legitimacy", "The vote was legal under the constitution.", None),
    ("legitimacy", "The so-called referendum was held at gunpoint.", "so-called"),
    ("hedge", "The general was allegedly killed in the strike.", "allegedly"),
    ("hedge", "The general was killed in the strike.", None),
    ("hedge", "He was rumoured to be ill.", "rumoured"),  # a regex entry: rumoured or rumored
    ("hedge", "Rumours spread.", None),
    ("intensifier", "A massive explosion shook the city.", "massive"),
    ("intensifier", "Mass graves were found near the city.", None),
    ("intensifier", "The blast shook the city.", None),  # "blasted" (criticised) is listed, "blast" is not
    ("euphemism", "Moscow launched what it calls a special military operation.", "special military operation"),
    ("euphemism", "Special forces carried out an operation.", None),
])
def test_each_category_matches_and_does_not(category, text, matched):
    hits = find_loaded_terms(frame(text))
    if matched is None:
        assert hits.empty
    else:
        assert hits["matched"].tolist() == [matched]
        assert hits["category"].astype(str).tolist() == [category]


# --- voice: negation, attribution, quotation ---------------------------------------------------


@pytest.mark.parametrize("text, voice, cue", [
    ("He is not a dictator.", "negated", "not"),
    ("Moscow denied that its troops committed atrocities.", "negated", "denied"),
    ("The shelling was not only brutal but deliberate.", "own", ""),
    ("Biden called Putin a dictator.", "attributed", "called"),
    ("Putin is a dictator, the senator said.", "attributed", "said"),
    ("According to Kyiv, the attack was brutal.", "attributed", "According to"),
    ("The dictator fled the capital.", "own", ""),
    ('He said: "The regime will fall."', "quoted", ""),
    ('They oppose the "regime" in Kyiv.', "scare_quoted", ""),
])
def test_voice(text, voice, cue):
    hit = find_loaded_terms(frame(text)).iloc[-1]  # the last hit ("According to" is a hedge hit of its own)
    assert hit["voice"] == voice
    assert cue in (hit["negation_cue"], hit["attribution_cue"])


# --- lexicon files ------------------------------------------------------------------------------


def test_shipped_lexicon_is_documented_and_valid():
    assert "loaded_terms" in shipped_lexicons()
    lexicon = load_lexicon("loaded_terms")
    assert list(lexicon.columns) == LEXICON_COLUMNS
    assert set(lexicon["category"]) == set(CATEGORIES)
    assert lexicon["category"].value_counts().min() >= 20
    header = open(lexicon["source"].iloc[0], encoding="utf-8").read().split("term,category", 1)[0]
    assert "written by the Framing Lab project" in header


def test_user_lexicon_is_picked_up_without_code_changes(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("# my terms\nterm,category,match,note\nmeat grinder,emotive,phrase,battlefield slang\n"
                    "regime,neutral,word,I do not count it\n", encoding="utf-8")
    articles = frame("Bakhmut became a meat grinder for the regime.")
    only_mine = find_loaded_terms(articles, mine)
    assert only_mine[["matched", "category"]].astype(str).values.tolist() == [
        ["meat grinder", "emotive"], ["regime", "neutral"]]
    extended = load_lexicon(["loaded_terms", mine])
    assert len(extended) == len(load_lexicon("loaded_terms")) + 1  # "regime" replaced, "meat grinder" added
    assert extended.loc[extended["term"] == "regime", "category"].tolist() == ["neutral"]
    hits = find_loaded_terms(frame("The regime's brutal meat grinder."), ["loaded_terms", str(mine)])
    assert hits[["matched", "category"]].astype(str).values.tolist() == [
        ["regime", "neutral"], ["brutal", "intensifier"], ["meat grinder", "emotive"]]  # possessive 's not part of it


@pytest.mark.parametrize("row, problem", [
    ("junta,pejorative,fuzzy,", "match 'fuzzy'"),
    ("junta,pejorative,glob,a note, with a comma", "5 fields but the header has 4"),
    (",pejorative,glob,", "empty term"),
    ("junta,,glob,", "has no category"),
    ("(junta,pejorative,regex,", "not a valid regex pattern"),
    ("dictator*,pejorative,glob,", "already on line 3"),
])
def test_malformed_row_names_file_and_line(tmp_path, row, problem):
    path = tmp_path / "bad.csv"
    path.write_text(f"# comment\nterm,category,match,note\ndictator*,pejorative,glob,\n{row}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_lexicon(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line 4: ")
    assert problem in message


def test_bad_header_and_unknown_name(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("word,category\nregime,pejorative\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.csv, line 1: header"):
        load_lexicon(path)
    with pytest.raises(FileNotFoundError, match="shipped: .*loaded_terms"):
        load_lexicon("no_such_lexicon")


def test_one_alternation_longest_first():
    regex, entries = compile_lexicon(load_lexicon("loaded_terms"))
    assert entries["group"].is_unique and regex.groups >= len(entries)
    hit = regex.search("the illegal annexation of Crimea")
    assert hit.group() == "illegal annexation"
    assert entries.set_index("group").loc[hit.lastindex, "term"] == "illegal annexation"
    assert regex.search("They were called illegals.").group() == "illegals"  # not the shorter glob "illegal*"


# Entries and text pieces where a per-word look-up could part from the alternation: possessives, digits glued
# to letters, abbreviations, inner and final wildcards, regex and wildcard-first entries, case folding (ſ, K, İ).
TRICKY_ENTRIES = [
    ("war", "word"), ("war*", "glob"), ("war's", "word"), ("regime*", "glob"), ("s", "word"), ("th*", "glob"),
    ("a*b", "glob"), ("ab", "word"), ("b*", "glob"), ("co?id*", "glob"), ("covid", "word"), ("anti-*", "glob"),
    ("anti", "word"), ("rock'n'roll", "word"), ("don", "word"), ("k", "word"), ("\u212a*", "glob"), ("i", "word"),
    ("\u017fs", "word"), ("special operation", "phrase"), ("war\\w*", "regex"), ("(?:a|b)+", "regex"),
    ("\\b", "regex"), ("*ar", "glob"), ("?ar", "glob"), ("5th", "word"), ("e", "word"), ("a\u00b2", "word"),
    ("war s", "phrase"), ("ab'", "glob"),
]
PIECES = ["war", "War's", "regime", "s", "th", "ab", "b", "1990", "_", "'", "-", "'s", " ", ".", "U.S.", "e.g.",
          "\u017f", "\u212a", "\u0130", "\u00b2", "COVID-19", "rock'n'roll", "don't", "anti", "--", "'S", "special",
          "operation"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TRICKY_ENTRIES), min_size=1, max_size=12, unique=True),
       st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_matcher_finds_exactly_the_alternations_hits(entries, text):
    lexicon = pd.DataFrame([(term, "c", match) for term, match in entries], columns=["term", "category", "match"])
    regex, table = compile_lexicon(lexicon)
    entry_of = dict(zip(table["group"], range(len(table)), strict=True))
    expected = [(m.start(), m.end(), entry_of[m.lastindex]) for m in regex.finditer(text) if m.end() > m.start()]
    assert LexiconMatcher(lexicon, min_word_entries=1).find(text) == expected  # word entries looked up per word
    assert LexiconMatcher(lexicon, min_word_entries=len(entries) + 1).find(text) == expected  # all in the alternation


def test_matcher_is_built_once_per_lexicon_content():
    assert lexicon_matcher("frames") is lexicon_matcher(load_lexicon("frames"))
    assert lexicon_matcher("frames") is not lexicon_matcher(load_lexicon("frames").iloc[1:])


# --- contracts, rates, KWIC ------------------------------------------------------------------


def test_contract_columns_empty_and_not_mutated(seed):
    before = seed.copy()
    hits = find_loaded_terms(seed)
    pd.testing.assert_frame_equal(seed, before)
    assert list(hits.columns) == LOADED_TERM_COLUMNS
    empty = find_loaded_terms(seed.iloc[0:0])
    assert list(empty.columns) == LOADED_TERM_COLUMNS and empty.empty
    assert scare_quotes(seed.iloc[0:0]).empty


def test_headline_quotes_and_empty_rates():
    articles = frame("Talks went on.", title='Putin\'s "special operation" enters its third week')
    quotes = scare_quotes(articles)
    assert quotes[["field", "quote", "kind"]].astype(str).values.tolist() == [["title", "special operation",
                                                                              "scare_quote"]]
    hits = find_loaded_terms(articles)
    assert hits[["field", "matched", "voice"]].astype(str).values.tolist() == [["title", "special operation",
                                                                               "scare_quoted"]]
    rates = loaded_term_rates(hits.iloc[0:0], articles)
    assert rates["category"].tolist() == CATEGORIES and (rates["hits"] == 0).all()
    assert (rates["words"] == 3 + 7).all()  # body + headline words
    with pytest.raises(LexiconError):
        load_lexicon([])


def test_non_english_articles_are_not_read():
    assert find_loaded_terms(frame("The regime fell.", language="ru")).empty


def test_tokens_are_reused_not_recomputed(seed):
    find_loaded_terms(seed)
    computed = memo_stats()["tokens"]["misses"]
    find_loaded_terms(seed)
    scare_quotes(seed)
    assert memo_stats()["tokens"]["misses"] == computed


def test_rates_on_the_seed(seed, seed_hits):
    rates = loaded_term_rates(seed_hits, seed)
    assert rates["category"].tolist() == CATEGORIES
    by_category = rates.set_index("category")
    # 362 body words + 10 headline words; hits counted by hand in test_seed_hits_as_checked_by_hand
    assert (by_category["words"] == 372).all()
    assert by_category["hits"].to_dict() == {"pejorative": 2, "legitimacy": 3, "hedge": 4, "intensifier": 3,
                                             "euphemism": 3}
    assert by_category.loc["hedge", "per_1000_words"] == pytest.approx(4 / 372 * 1000)
    assert (by_category["articles_with_hits"] == 1).all() and (by_category["articles"] == 1).all()


def test_rates_keep_zero_groups_and_open_as_kwic():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "title": ["", "", ""],
                             "text": ["A brutal regime. A brutal war.", "Talks went on.", "The regime fell."]})
    hits = find_loaded_terms(articles)
    rates = loaded_term_rates(hits, articles).set_index(["outlet", "category"])
    assert rates.loc[("X", "intensifier"), ["hits", "articles_with_hits", "articles", "words"]].tolist() == [2, 1, 2, 9]
    assert rates.loc[("Y", "intensifier"), "hits"] == 0
    lines = loaded_term_kwic(hits, outlet="X", category="intensifier")
    assert len(lines) == rates.loc[("X", "intensifier"), "hits"]
    # the same lines kwic() gives for the term
    direct = kwic(articles[articles["outlet"] == "X"], "brutal*")
    pd.testing.assert_frame_equal(lines[direct.columns].reset_index(drop=True), direct.reset_index(drop=True),
                                  check_dtype=False)


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)+$", r"(a|aa)+$"])
def test_catastrophic_user_regex_is_refused_at_load_time_with_file_and_line(tmp_path, pattern):
    path = tmp_path / "my_terms.csv"
    path.write_text(f"term,category,match\nregime,pejorative,word\n{pattern},pejorative,regex\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"my_terms.csv, line 3: regex .* exponential time"):
        load_lexicon(path)


def test_sound_user_regex_is_accepted(tmp_path):
    path = tmp_path / "my_terms.csv"
    path.write_text("term,category,match\nde-?nazif\\w+,pejorative,regex\n", encoding="utf-8")
    assert load_lexicon(path)["term"].tolist() == ["de-?nazif\\w+"]
