"""Claim or not, learned: a logistic regression over a clause's features.

The rules of classify.py decide from cue words, and cue words written for the gold letters
do not carry over to letters nobody has read (held-out F1 0.70). This model weighs the same
evidence instead of obeying it: the rules' verdict and the reason they give, what the clause
states (a date, a figure, a place, an actor, an event verb, a finite verb), its mood (a
modal, a first person, an imperative, a negation) and the debate-trained check-worthiness
probability; hashed word uni- and bigrams can be added, but measured worse on dev (they
memorise the training letters), so the shipped model has 32 weights.

scripts/train_claimness.py fits it on the TRAINING letters only (the shared gold set and
data/eval/train) and picks the decision threshold on the dev letters in aggregate; the
weights are a small JSON file read here with plain Python (no scikit-learn at run time).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("claimness_model.json")
HASH_BUCKETS = 1 << 14
_WORD = re.compile(r"[a-z]+|\d+")

MODAL = re.compile(r"\b(?:should|must|shall|cannot|can|could|will|would|may|might)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|we|our|us|my)\b")
NEGATION = re.compile(r"\b(?:not|no|never|nothing|neither|nor)\b|n[’']t\b", re.I)
TO_INFINITIVE_START = re.compile(r"^\W*To\s+[a-z]+")
REPORTED = re.compile(
    r"\b(?:said|stated|reported|indicated|noted|announced|according\s+to)\b", re.I
)


@dataclass(frozen=True)
class ClauseEvidence:
    """What the pipeline knows about a clause when it asks the model."""

    quote: str
    rule_claim: bool
    rule_reason: str | None
    has_date: bool
    has_figure: bool
    has_casualties: bool
    has_local_place: bool
    has_place: bool
    has_actor: bool
    event_verb: bool
    finite_verb: bool
    past_or_perfect: bool
    opinion: bool
    general_cue: bool
    anaphora: bool
    checkworthiness: float | None


def _bucket(token: str) -> str:
    return f"#{zlib.crc32(token.encode()) % HASH_BUCKETS}"


def features(evidence: ClauseEvidence, *, ngrams: bool = True) -> dict[str, float]:
    """Sparse named features of one clause (with hashed word n-grams when `ngrams`)."""
    quote = evidence.quote
    words = len(quote.split())
    found: dict[str, float] = {
        "bias": 1.0,
        "rule_claim": float(evidence.rule_claim),
        f"reason={evidence.rule_reason or 'none'}": 1.0,
        "has_date": float(evidence.has_date),
        "has_figure": float(evidence.has_figure),
        "has_casualties": float(evidence.has_casualties),
        "has_local_place": float(evidence.has_local_place),
        "has_place": float(evidence.has_place),
        "has_actor": float(evidence.has_actor),
        "event_verb": float(evidence.event_verb),
        "finite_verb": float(evidence.finite_verb),
        "past_or_perfect": float(evidence.past_or_perfect),
        "opinion": float(evidence.opinion),
        "general_cue": float(evidence.general_cue),
        "anaphora": float(evidence.anaphora),
        "modal": float(bool(MODAL.search(quote))),
        "first_person": float(bool(FIRST_PERSON.search(quote))),
        "negation": float(bool(NEGATION.search(quote))),
        "to_infinitive_start": float(bool(TO_INFINITIVE_START.match(quote))),
        "reported": float(bool(REPORTED.search(quote))),
        "log_words": math.log1p(words) / 4,
        "short": float(words < 6),
        "checkworthiness": evidence.checkworthiness or 0.0,
    }
    if not ngrams:
        return found
    tokens = ["0" if t.isdigit() else t for t in _WORD.findall(quote.lower())]
    grams = tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
    for gram in grams:
        key = _bucket(gram)
        found[key] = 1.0  # presence, not counts: clauses are short
    return found


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float, bool] | None:
    if not MODEL_PATH.exists():
        return None
    payload = json.loads(MODEL_PATH.read_text("utf-8"))
    return payload["weights"], payload["threshold"], payload.get("ngrams", False)


def is_available() -> bool:
    return _model() is not None


def probability(evidence: ClauseEvidence) -> float:
    """P(claim) of a clause (the model must be installed: see is_available)."""
    model = _model()
    assert model is not None, "no claimness model: run scripts/train_claimness.py"
    weights, _, ngrams = model
    found = features(evidence, ngrams=ngrams)
    logit = sum(weights.get(name, 0.0) * value for name, value in found.items())
    return 1 / (1 + math.exp(-max(min(logit, 30.0), -30.0)))


def threshold() -> float:
    model = _model()
    return model[1] if model else 0.5


# Features that depend on reading the clause's places, actors and figures.
FACT_FEATURES = ("has_figure", "has_casualties", "has_local_place", "has_place", "has_actor")


def may_accept(unread: ClauseEvidence) -> bool:
    """Whether the model could call the clause a claim once its places, actors and figures
    are read: `unread` has them all false, and each could add at most its positive weight."""
    model = _model()
    assert model is not None, "no claimness model: run scripts/train_claimness.py"
    weights, threshold_value, ngrams = model
    found = features(unread, ngrams=ngrams)
    logit = sum(weights.get(name, 0.0) * value for name, value in found.items())
    logit += sum(max(weights.get(name, 0.0), 0.0) for name in FACT_FEATURES)
    return 1 / (1 + math.exp(-max(min(logit, 30.0), -30.0))) >= threshold_value
