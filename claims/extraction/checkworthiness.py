"""A learned check-worthiness probability for a sentence, read from a plain JSON model.

scripts/train_checkworthiness.py fits TF-IDF + logistic regression with scikit-learn and
exports vocabulary, idf and weights; this module repeats the TF-IDF arithmetic in pure Python
(sublinear tf, l2 norm), so the product needs neither scikit-learn nor pickle.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("checkworthiness_model.json")
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_TOKENS = re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=1)
def _model() -> tuple[float, dict[str, tuple[float, float]]] | None:
    if not MODEL_PATH.exists():
        return None
    payload = json.loads(MODEL_PATH.read_text("utf-8"))
    terms = {term: (idf, weight) for term, (idf, weight) in payload["terms"].items()}
    return payload["intercept"], terms


def _ngrams(text: str) -> Counter[str]:
    words = _TOKENS.findall(text.lower())
    return Counter(words + [f"{a} {b}" for a, b in pairwise(words)])


def model_probability(text: str) -> float | None:
    """P(check-worthy) for a sentence, or None when no model file is installed."""
    model = _model()
    if model is None:
        return None
    intercept, terms = model
    # Terms the exporter dropped (tiny weights) still count towards the l2 norm, but their
    # idf is unknown; leaving them out changes the norm a little, not the ranking much.
    weighted = {
        term: (1 + math.log(count)) * terms[term][0]
        for term, count in _ngrams(text).items()
        if term in terms
    }
    norm = math.sqrt(sum(value * value for value in weighted.values())) or 1.0
    logit = intercept + sum(value / norm * terms[term][1] for term, value in weighted.items())
    return 1 / (1 + math.exp(-logit))
