"""The step registry: declared outputs and dependencies, and keys that change exactly where a dependency changed."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re

import pandas as pd
import pytest

from analysis import load_lexicon, steps
from analysis.pipeline import process_partition

ARTICLES = pd.DataFrame({
    "article_id": ["k1", "u1", "u2"], "outlet": ["Kremlin", "President of Ukraine", "President of Ukraine"],
    "title": ["Talks", "Address", "Kharkiv"], "published": pd.to_datetime(["2022-02-24"] * 3, utc=True),
    "language": ["en"] * 3, "n_words": [17, 14, 12],
    "text": ['The special military operation in Donbass continues, Peskov said. The "regime" in Kiev lied.',
             "Russia waged a brutal war against Ukraine. We will defend our land, Zelenskyy said.",
             "Shelling hit Kharkiv. Residents were evacuated according to the governor."],
})


#: An entry for each lexicon table that no shipped entry matches and that the texts hold once.
NEW_ENTRY = {"loaded_terms": ("Shelling", "emotive"), "naming": ("Residents", "people: residents"),
             "frames": ("lied", "Morality")}


def tables() -> dict[str, pd.DataFrame]:
    return {name: load_lexicon(name) for name in steps.TABLES}


def test_declared_columns_are_the_output_columns():
    given = tables()
    for name, step in steps.STEPS.items():
        assert tuple(steps.run_step(name, ARTICLES, given).columns) == step.columns, name


def _imports(module: str) -> set[str]:
    """Package modules that ``analysis.<module>`` imports (relative imports)."""
    tree = ast.parse(steps._module_source(module))
    # In a sub-package (analysis/models/) ``from .x`` is one of its own files; ``from ..x`` a package module.
    level = 2 if (steps.PACKAGE_DIR / module).is_dir() else 1
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == level:
            found.update([node.module] if node.module else [alias.name for alias in node.names])
    return {m.split(".")[0] for m in found}


def test_declared_modules_cover_every_module_the_code_imports():
    for name, step in steps.STEPS.items():
        closure = _closure(step)
        declared = steps.dependencies(name)["modules"]
        assert closure - steps.KEY_FREE_MODULES <= declared, (name, closure - declared)


def _closure(step: steps.Step) -> set[str]:
    tree = ast.parse(inspect.getsource(step.function))
    todo = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1}
    closure: set[str] = set()
    while todo:
        module = todo.pop()
        if module not in closure:
            closure.add(module)
            todo |= _imports(module)
    return closure


def test_declared_data_files_cover_every_cue_list_the_code_reads():
    cue = re.compile(r"""(?:cue_pattern_source|load_cues|cue_terms|cue_words_source)\(\s*["'](\w+)["']""")
    for name, step in steps.STEPS.items():
        read = {f"cues/{m}.csv" for module in _closure(step) for m in cue.findall(steps._module_source(module).decode())}
        assert read <= steps.dependencies(name)["data"], (name, read - steps.dependencies(name)["data"])


def test_step_versions_cover_the_modules_the_issue_named():
    # concordance.py is run by loaded terms and naming, lexicons.py by attributions
    assert {"concordance", "lexicons"} <= steps.dependencies("loaded_terms")["modules"]
    assert {"concordance", "lexicons"} <= steps.dependencies("naming")["modules"]
    assert "lexicons" in steps.dependencies("attributions")["modules"]


def _edits() -> list[tuple[str, str]]:
    """Every dependency of every step, once: (kind, name)."""
    kinds = {}
    for name in steps.STEPS:
        for kind, values in steps.dependencies(name).items():
            if kind != "steps":
                kinds.update({(kind, v): None for v in values})
    return sorted(kinds)


def _edit(kind: str, value: str, monkeypatch, given: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Change one dependency: a module's source, a data file, a library version, or a lexicon table."""
    if kind == "modules":
        original = steps._module_source
        monkeypatch.setattr(steps, "_module_source",
                            lambda m: original(m) + (b"\n# edited\n" if m == value else b""))
    elif kind == "data":
        original_data = steps._data_bytes
        monkeypatch.setattr(steps, "_data_bytes", lambda d: original_data(d) + (b"\nedited\n" if d == value else b""))
    elif kind == "packages":
        original_version = steps.installed_version
        monkeypatch.setattr(steps, "installed_version", lambda p: "999" if p == value else original_version(p))
    else:
        term, category = NEW_ENTRY[value]
        row = pd.DataFrame({"term": [term], "category": [category], "match": ["word"], "note": [""]})
        given = {**given, value: pd.concat([given[value], row], ignore_index=True)}
    return given


@pytest.mark.parametrize("kind, value", _edits())
def test_an_edit_changes_exactly_the_keys_that_depend_on_it(kind, value, monkeypatch):
    given = tables()
    before = steps.step_keys(given)
    given = _edit(kind, value, monkeypatch, given)
    after = steps.step_keys(given)
    changed = {name for name in steps.STEPS if before[name] != after[name]}
    assert changed == {name for name in steps.STEPS if value in steps.dependencies(name)[kind]}
    assert changed  # every dependency belongs to some step


class Spy:
    """Counts the articles each step computes."""

    def __init__(self, monkeypatch):
        self.calls: dict[str, int] = {}
        for name, step in list(steps.STEPS.items()):
            def wrapper(articles, given, _name=name, _original=step.function):
                self.calls[_name] = self.calls.get(_name, 0) + len(articles)
                return _original(articles, given)

            monkeypatch.setitem(steps.STEPS, name, dataclasses.replace(step, function=wrapper))


def _run(given: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return process_partition(ARTICLES, lexicon=given["loaded_terms"], naming=given["naming"], frames=given["frames"])


@pytest.mark.parametrize("kind, value", _edits())
def test_an_edit_recomputes_exactly_the_steps_that_depend_on_it(kind, value, monkeypatch):
    given = tables()
    first = _run(given)
    spy = Spy(monkeypatch)
    assert _run(given)["loaded_terms"].equals(first["loaded_terms"]) and spy.calls == {}  # all reused
    edited = _edit(kind, value, monkeypatch, given)
    second = _run(edited)
    expected = {name for name in steps.PIPELINE_STEPS if value in steps.dependencies(name)[kind]}
    assert spy.calls == {name: len(ARTICLES) for name in expected}
    for name in set(steps.PIPELINE_STEPS) - expected:  # reused: the very same rows
        assert second[name].equals(first[name]), name
    if kind == "tables":  # a new lexicon entry, found once in the texts: one more hit, of its category
        new = second[value]
        assert len(new) == len(first[value]) + 1
        assert (new["category"].astype(str) == NEW_ENTRY[value][1]).sum() == 1


def _add_one_article(folder) -> None:
    """Copy the sample into ``folder`` with one article more: the scrape again, one sentence changed."""
    import shutil

    from conftest import SAMPLE, SEED

    shutil.copytree(SAMPLE, folder)
    text = SEED.read_text(encoding="utf-8").replace("300,000 soldiers", "350,000 soldiers, officials said,")
    (folder / "web_scrape" / "001_added.txt").write_text(text, encoding="utf-8")


#: The public functions the notebooks call whose rows are per-article steps, by step.
def _public_calls():
    from analysis.frames import find_frame_cues
    from analysis.loaded_terms import find_loaded_terms
    from analysis.models import loaded_sentences
    from analysis.naming import find_naming_variants
    from analysis.people import name_candidates
    from analysis.sentiment import score_sentiment
    from analysis.sources import attributions
    from analysis.voice import scare_quotes

    return {"loaded_terms": find_loaded_terms, "naming": find_naming_variants, "frames": find_frame_cues,
            "attributions": attributions, "quotes": scare_quotes,
            "sentiment": lambda articles, cache=True: score_sentiment(articles, level="article", cache=cache),
            "sentences": lambda articles, cache=True: score_sentiment(articles, level="sentence", cache=cache),
            "name_candidates": name_candidates, "loaded_language": loaded_sentences}


def test_one_added_article_runs_each_step_for_that_article_only(sample, tmp_path, monkeypatch):
    from analysis import load_articles

    calls = _public_calls()
    for function in calls.values():  # an analysis of the sample: every article's rows stored
        function(sample)
    _add_one_article(tmp_path / "grown")
    grown = load_articles(tmp_path / "grown", cache=False)
    assert len(grown) == len(sample) + 1
    spy = Spy(monkeypatch)
    results = {name: function(grown) for name, function in calls.items()}
    assert spy.calls == dict.fromkeys(calls, 1)  # each step ran once, on the added article alone
    for name, function in calls.items():  # and gave the rows of a computation from scratch, dtypes and order too
        pd.testing.assert_frame_equal(results[name], function(grown, cache=False), check_exact=True)
    assert (results["sentiment"]["article_id"] == grown["article_id"].iloc[-1]).sum() == 1
    spy.calls.clear()
    tables_used = tables()  # run_pipeline's route reads the same store: only word counts are new to it
    process_partition(grown, lexicon=tables_used["loaded_terms"], naming=tables_used["naming"],
                      frames=tables_used["frames"])
    assert spy.calls == {"term_counts": len(grown)}


def test_a_stored_row_is_served_only_for_the_same_content(sample):
    from analysis.loaded_terms import find_loaded_terms

    article = sample.iloc[[0]]
    first = find_loaded_terms(article)
    edited = article.assign(text=article["text"] + " The brutal regime lied.")  # same article_id, new text
    hits = find_loaded_terms(edited)
    assert len(hits) > len(first) and hits["matched"].str.lower().isin(["brutal", "regime"]).sum() >= 2
    pd.testing.assert_frame_equal(hits, find_loaded_terms(edited, cache=False), check_exact=True)
