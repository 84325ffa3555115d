"""Folders and cache settings are defined once, in analysis.config, and every module uses those."""

from __future__ import annotations

import re
from pathlib import Path

from analysis import cache, config, cues, lexicons, tokens

ROOT = Path(__file__).resolve().parent.parent


def test_folders_are_the_shipped_ones():
    assert (config.DATA_DIR / "stopwords_en.txt").is_file()
    assert (config.LEXICON_DIR / "loaded_terms.csv").is_file()
    assert (config.CUES_DIR / "person_titles.csv").is_file()
    assert tokens.DATA_DIR is config.DATA_DIR and lexicons.LEXICON_DIR is config.LEXICON_DIR
    assert cues.CUES_DIR is config.CUES_DIR


def test_data_folders_are_defined_only_in_config():
    defined = re.compile(r"^(DATA_DIR|NLTK_DATA|CUES_DIR|LEXICON_DIR)\s*=", re.M)
    holders = [p.name for p in (ROOT / "analysis").rglob("*.py") if defined.search(p.read_text(encoding="utf-8"))]
    assert holders == ["config.py"]


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(config.CACHE_ENV, str(tmp_path))
    assert cache.cache_dir() == tmp_path
    for off in ("off", "0", "False", "none"):
        monkeypatch.setenv(config.CACHE_ENV, off)
        assert cache.cache_dir() is None
    monkeypatch.delenv(config.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "framing-lab"
