"""Shipped, explainable models: news tone, sentiment towards a target, loaded language per sentence.

Each model is a JSON file in this folder (coefficients, vocabulary, word tables; no pickle), built
by ``python -m analysis.models.train NAME`` and described by a model card in the README. This module
only re-exports the public functions.
"""

from .loaded_language import find_loaded_evidence, loaded_sentences, score_loaded_language
from .news_tone import explain_news_tone, score_news_tone
from .target_sentiment import score_target_sentiment

__all__ = ["explain_news_tone", "find_loaded_evidence", "loaded_sentences", "score_loaded_language", "score_news_tone",
           "score_target_sentiment"]
