"""Suggest a rating from the balance of evidence, with the reasons. Pure: no ORM, no request.

The suggestion is advice shown next to the verdict form; the fact-checker and the editor decide.
Grades are the Admiralty code: reliability A (completely reliable) .. F (cannot be judged) and
credibility 1 (confirmed) .. 6 (cannot be judged).

- STRONG is B2 or better; CREDIBLE is C3 or better; anything weaker is listed but not counted.
- Sources are independent when they come from different publishers (or, without a publisher,
  are different sources); several items from one publisher count once, at their best grade.
- Evidence from the claimant itself (a letter from the State that made the claim) is not
  independent corroboration.

Rules, first match wins:
  no evidence                                   -> Unverifiable
  credible contradiction and credible support   -> Contested
  credible contradiction only                   -> Contradicted
  a credible source giving a mixed picture      -> Contested
  >= 2 strong supporting, one of them A1        -> Confirmed
  >= 2 strong supporting                        -> Corroborated
  >= 1 credible supporting                      -> Single source
  otherwise                                     -> Unverifiable
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RELIABILITY_ORDER = "ABCDEF"
STRONG = ("B", 2)
CREDIBLE = ("C", 3)


class Outcome:
    """Keys of the suggestion, with the default scale's label and value for each."""

    CONFIRMED = "confirmed"
    CORROBORATED = "corroborated"
    SINGLE_SOURCE = "single_source"
    CONTESTED = "contested"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"


DEFAULT_LABELS: dict[str, tuple[str, int]] = {
    Outcome.CONFIRMED: ("Confirmed", 5),
    Outcome.CORROBORATED: ("Corroborated", 4),
    Outcome.SINGLE_SOURCE: ("Single source", 3),
    Outcome.CONTESTED: ("Contested", 2),
    Outcome.CONTRADICTED: ("Contradicted", 1),
    Outcome.UNVERIFIABLE: ("Unverifiable", 0),
}


@dataclass(frozen=True)
class EvidenceFact:
    """What the suggestion needs to know about one evidence item."""

    title: str
    stance: str  # corroborates | contradicts | context | mixed
    reliability: str  # A..F
    credibility: int  # 1..6
    origin: str  # independence key: the publisher, or the source itself
    from_claimant: bool = False

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True)
class Suggestion:
    key: str
    label: str  # the default scale's label for the key
    value: int  # the default scale's value for the key
    reasons: tuple[str, ...]


def grade_at_least(fact: EvidenceFact, floor: tuple[str, int]) -> bool:
    letter, number = floor
    reliability = fact.reliability.upper()
    if reliability not in RELIABILITY_ORDER:
        return False
    return RELIABILITY_ORDER.index(reliability) <= RELIABILITY_ORDER.index(letter) and (
        1 <= fact.credibility <= number
    )


def _rank(fact: EvidenceFact) -> tuple[int, int]:
    reliability = fact.reliability.upper()
    index = RELIABILITY_ORDER.index(reliability) if reliability in RELIABILITY_ORDER else 9
    return index, fact.credibility


def _independent(facts: list[EvidenceFact], stance: str) -> list[EvidenceFact]:
    """One fact per origin (its best grade), for one stance, in a stable order."""
    best: dict[str, EvidenceFact] = {}
    for fact in facts:
        if fact.stance != stance:
            continue
        key = fact.origin.strip().casefold()
        if key not in best or _rank(fact) < _rank(best[key]):
            best[key] = fact
    return sorted(best.values(), key=lambda fact: (_rank(fact), fact.title))


def _names(facts: list[EvidenceFact]) -> str:
    return "; ".join(f"{fact.title} ({fact.grade})" for fact in facts)


def _suggest(key: str, reasons: list[str]) -> Suggestion:
    label, value = DEFAULT_LABELS[key]
    return Suggestion(key=key, label=label, value=value, reasons=tuple(reasons))


def suggest_rating(evidence: Iterable[EvidenceFact]) -> Suggestion:
    facts = list(evidence)
    if not facts:
        return _suggest(Outcome.UNVERIFIABLE, ["No evidence has been added yet."])
    notes = _notes(facts)
    counted = [fact for fact in facts if not fact.from_claimant]
    support = [f for f in _independent(counted, "corroborates") if grade_at_least(f, CREDIBLE)]
    strong = [fact for fact in support if grade_at_least(fact, STRONG)]
    against = [f for f in _independent(counted, "contradicts") if grade_at_least(f, CREDIBLE)]
    mixed = [f for f in _independent(counted, "mixed") if grade_at_least(f, CREDIBLE)]
    if against and support:
        return _suggest(
            Outcome.CONTESTED,
            [
                f"Credible sources disagree: {len(support)} corroborate ({_names(support)}) "
                f"and {len(against)} contradict ({_names(against)}).",
                *notes,
            ],
        )
    if against:
        return _suggest(
            Outcome.CONTRADICTED,
            [
                f"{len(against)} credible source(s) contradict it ({_names(against)}) "
                "and none corroborates it.",
                *notes,
            ],
        )
    if mixed:
        return _suggest(
            Outcome.CONTESTED,
            [f"Credible source(s) give a mixed picture: {_names(mixed)}.", *notes],
        )
    return _suggest_from_support(support, strong, notes)


def _suggest_from_support(
    support: list[EvidenceFact], strong: list[EvidenceFact], notes: list[str]
) -> Suggestion:
    if len(strong) >= 2 and any(fact.grade == "A1" for fact in strong):
        return _suggest(
            Outcome.CONFIRMED,
            [
                f"{len(strong)} independent sources graded B2 or better corroborate it, "
                f"one graded A1 ({_names(strong)}); none contradicts it.",
                *notes,
            ],
        )
    if len(strong) >= 2:
        return _suggest(
            Outcome.CORROBORATED,
            [
                f"{len(strong)} independent sources graded B2 or better corroborate it "
                f"({_names(strong)}); none contradicts it.",
                *notes,
            ],
        )
    if support:
        detail = (
            f"One independent credible source corroborates it ({_names(support)})"
            if len(support) == 1
            else f"{len(support)} independent credible sources corroborate it "
            f"({_names(support)}), but fewer than two are graded B2 or better"
        )
        return _suggest(Outcome.SINGLE_SOURCE, [f"{detail}; none contradicts it.", *notes])
    return _suggest(
        Outcome.UNVERIFIABLE,
        [
            "No credible independent source (graded C3 or better) corroborates or contradicts it.",
            *notes,
        ],
    )


def _notes(facts: list[EvidenceFact]) -> list[str]:
    notes = []
    claimant = [fact for fact in facts if fact.from_claimant]
    if claimant:
        notes.append(
            f"{len(claimant)} item(s) come from the claimant itself and do not count as "
            f"independent: {_names(claimant)}."
        )
    weak = [fact for fact in facts if not fact.from_claimant and not grade_at_least(fact, CREDIBLE)]
    if weak:
        notes.append(f"{len(weak)} item(s) graded below C3 were not counted: {_names(weak)}.")
    context = [fact for fact in facts if fact.stance == "context"]
    if context:
        notes.append(f"{len(context)} item(s) add context only.")
    return notes
