"""Check-worthiness: how much a fact-checker would want to verify a claim, with the reasons."""

from __future__ import annotations

from dataclasses import dataclass

WEIGHTS: dict[str, float] = {
    "dated event": 0.25,
    "date from context": 0.05,
    "casualty figure": 0.25,
    "figure": 0.1,
    "named place": 0.15,
    "named perpetrator": 0.1,
    "event verb": 0.1,
}
BASE = 0.15
GENERAL_FACTOR = 0.7
# Share of the score given to the learned model (trained on debate sentences, so it only
# nudges the rule-based score: F1 0.61 on CheckThat! 2024 test).
MODEL_SHARE = 0.25


@dataclass(frozen=True)
class Evidence:
    own_date: bool
    inherited_date: bool
    casualty_figure: bool
    figure: bool
    place: bool
    perpetrator: bool
    event_verb: bool
    model_probability: float | None = None


def check_worthiness(evidence: Evidence, kind: str) -> tuple[float, tuple[str, ...]]:
    """A score in 0..1 and the human-readable reasons that raised it."""
    present = {
        "dated event": evidence.own_date,
        "date from context": evidence.inherited_date and not evidence.own_date,
        "casualty figure": evidence.casualty_figure,
        "figure": evidence.figure and not evidence.casualty_figure,
        "named place": evidence.place,
        "named perpetrator": evidence.perpetrator,
        "event verb": evidence.event_verb,
    }
    reasons = tuple(reason for reason, yes in present.items() if yes)
    score = min(BASE + sum(WEIGHTS[reason] for reason in reasons), 1.0)
    if kind == "general":
        score *= GENERAL_FACTOR
        reasons = (*reasons, "general pattern, not a single event")
    probability = evidence.model_probability
    if probability is not None:
        score = (1 - MODEL_SHARE) * score + MODEL_SHARE * probability
        if probability >= 0.5:
            reasons = (*reasons, f"check-worthy wording (model {probability:.2f})")
    return round(score, 3), reasons
