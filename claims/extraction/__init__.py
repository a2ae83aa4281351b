"""Text -> claims: the extraction pipeline (pure Python, no Django).

sentences (segment) -> clauses (clauses) -> claim or not (classify)
-> dates, places, actors, casualties (dates, places, casualties)
-> check-worthiness with reasons (scoring) -> standalone restatement (restate)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from claims.extraction import claimness
from claims.extraction.casualties import Figure, find_casualties, has_quantity
from claims.extraction.checkworthiness import model_probability
from claims.extraction.claimness import ClauseEvidence
from claims.extraction.classify import (
    ANAPHORA,
    GENERAL_CUES,
    NOT_ENGLISH,
    PAST_OR_PERFECT,
    claim_kind,
    claim_type,
    judge,
    rejection,
)
from claims.extraction.clauses import FINITE_VERB, split_clauses
from claims.extraction.dates import event_date as find_event_date
from claims.extraction.gazetteer import coordinates_of
from claims.extraction.lang import SUPPORTED, UnsupportedLanguage, for_language
from claims.extraction.lang.en import (
    CUMULATIVE_PATTERN,
    EVENT_PATTERN,
    OPINION_PATTERN,
    STATE_BY_NAME,
)
from claims.extraction.places import find_actors, find_places
from claims.extraction.restate import restate
from claims.extraction.scoring import Evidence, check_worthiness
from claims.extraction.segment import Span, split_sentences

__all__ = [
    "SUPPORTED",
    "Casualties",
    "ExtractedClaim",
    "UnsupportedLanguage",
    "extract_claims",
]


@dataclass(frozen=True)
class Casualties:
    killed: int | None
    injured: int | None
    killed_at_least: bool = False
    injured_at_least: bool = False


@dataclass(frozen=True)
class ExtractedClaim:
    start: int  # span into the text passed in; quote == text[start:end]
    end: int
    restatement: str  # standalone: who did what, where, when
    kind: str  # "specific" | "general"
    claim_type: str  # strike, attack, casualties, damage, clash, detention, displacement, ...
    event_date: date | None
    places: tuple[str, ...]
    actors: tuple[str, ...]  # alleged perpetrator first
    casualties: Casualties | None
    score: float  # check-worthiness 0..1
    reasons: tuple[str, ...]
    # (place, latitude, longitude) for the places the gazetteer knows, in `places` order.
    coordinates: tuple[tuple[str, float, float], ...] = ()


# A clause that goes on from the one before it: "killing 3 civilians", "and wounded 5".
CONTINUATION = re.compile(
    r"^\W*(?:and\s+|which\s+|also\s+)*(?:\w+ing\b|(?:killed|injured|wounded|destroyed|damaged)\b)",
    re.I,
)


@dataclass
class _Context:
    """What earlier clauses established: a later clause may inherit it."""

    last_date: date | None = None
    last_perpetrator: str | None = None


@dataclass(frozen=True)
class _ClauseFacts:
    """What one clause states by itself, before any context is applied."""

    quote: str
    own_date: date | None
    figure: Figure | None
    has_quantity: bool
    places: list[str]
    actors: list[str]


def extract_claims(
    text: str,
    *,
    letter_date: date | None = None,
    sender: str | None = None,
    language: str = "en",
) -> list[ExtractedClaim]:
    """The checkable claims of a (cleaned) letter, in reading order.

    letter_date resolves "on 2 March", "yesterday" and "on Wednesday"; sender names the
    actor of "our forces". A language without a vocabulary module in claims.extraction.lang
    raises UnsupportedLanguage (nothing is extracted rather than English rules misread)."""
    for_language(language)
    context = _Context()
    claims: list[ExtractedClaim] = []
    for clause, facts, evidence in clause_candidates(text, letter_date=letter_date, sender=sender):
        if facts.own_date:
            context.last_date = facts.own_date
        if evidence is not None and _is_claim(evidence):
            claims.append(_build_claim(clause, facts, context, sender, evidence.checkworthiness))
    return claims


def clause_candidates(
    text: str, *, letter_date: date | None, sender: str | None, prune: bool = True
) -> Iterator[tuple[Span, _ClauseFacts, ClauseEvidence | None]]:
    """Every clause of the letter with what it states and the evidence for claim or not
    (None for text that is not English, and, when `prune`, for a clause the rules reject
    that the model could not accept whatever places, actors and figures it names: those are
    then not read, which keeps the model's cost near the rules'). scripts/train_claimness.py
    learns from every clause (prune=False)."""
    for sentence in split_sentences(text):
        for clause in split_clauses(text, sentence):
            quote = clause.text(text)
            own_date = find_event_date(quote, letter_date)
            reason = rejection(quote)
            unread = _ClauseFacts(quote, own_date, None, False, [], [])
            if reason == NOT_ENGLISH:
                yield clause, unread, None
                continue
            if (
                reason
                and prune
                and claimness.is_available()
                and not claimness.may_accept(_evidence_for_model(unread, reason))
            ):
                yield clause, unread, None
                continue
            facts = _read_clause(quote, own_date, sender)
            yield clause, facts, _evidence_for_model(facts, reason)


def _read_clause(quote: str, own_date: date | None, sender: str | None) -> _ClauseFacts:
    actors = find_actors(quote)
    if sender and re.search(r"\bour\b", quote, re.I) and sender not in actors:
        actors.append(sender)
    return _ClauseFacts(
        quote=quote,
        own_date=own_date,
        figure=find_casualties(quote),
        has_quantity=has_quantity(quote),
        places=find_places(quote),
        actors=actors,
    )


def _evidence_for_model(facts: _ClauseFacts, reason: str | None) -> ClauseEvidence:
    quote = facts.quote
    has_local_place = any(place not in STATE_BY_NAME for place in facts.places)
    verdict = judge(
        quote,
        has_date=facts.own_date is not None,
        has_figure=facts.has_quantity,
        has_local_place=has_local_place,
        has_actor=bool(facts.actors),
        rejected=reason,
    )
    return ClauseEvidence(
        quote=quote,
        rule_claim=verdict.is_claim,
        rule_reason=reason or verdict.why_not,
        has_date=facts.own_date is not None,
        has_figure=facts.has_quantity,
        has_casualties=facts.figure is not None,
        has_local_place=has_local_place,
        has_place=bool(facts.places),
        has_actor=bool(facts.actors),
        event_verb=bool(EVENT_PATTERN.search(quote)),
        finite_verb=bool(FINITE_VERB.search(quote)),
        past_or_perfect=bool(PAST_OR_PERFECT.search(quote)),
        opinion=bool(OPINION_PATTERN.search(quote)),
        general_cue=bool(GENERAL_CUES.search(quote)),
        anaphora=bool(ANAPHORA.search(quote)),
        checkworthiness=model_probability(quote),
    )


def _is_claim(evidence: ClauseEvidence) -> bool:
    """The learned model decides when it is installed; the rules' verdict otherwise."""
    if not claimness.is_available():
        return evidence.rule_claim
    return claimness.probability(evidence) >= claimness.threshold()


def _build_claim(
    clause: Span,
    facts: _ClauseFacts,
    context: _Context,
    sender: str | None,
    probability: float | None,
) -> ExtractedClaim:
    quote, own_date = facts.quote, facts.own_date
    kind = claim_kind(
        quote, has_date=own_date is not None, has_figure=facts.has_quantity, places=facts.places
    )
    resolved_date = own_date or (context.last_date if _inherits_date(quote, kind) else None)
    perpetrator = context.last_perpetrator
    # The next clause's "it" or "they" names this clause's perpetrator, but only when there
    # is one other than the sender: the sender's "our forces" are the victim's, and a guess
    # would turn an allegation around. Unresolved, the pronoun stays as the letter wrote it.
    first = facts.actors[0] if facts.actors else None
    context.last_perpetrator = first if first and first != sender else None
    score, reasons = check_worthiness(_evidence(facts, resolved_date, probability), kind)
    return ExtractedClaim(
        start=clause.start,
        end=clause.end,
        restatement=restate(quote, perpetrator=perpetrator, event_date=resolved_date),
        kind=kind,
        claim_type=claim_type(quote, kind=kind, has_casualty_figure=facts.figure is not None),
        event_date=resolved_date,
        places=tuple(facts.places),
        actors=tuple(facts.actors),
        casualties=Casualties(**vars(facts.figure)) if facts.figure else None,
        score=score,
        reasons=reasons,
        coordinates=coordinates_of(facts.places),
    )


def _inherits_date(quote: str, kind: str) -> bool:
    """An undated clause takes the date told before it when it tells of a single event
    (specific) or points back to one ("the strike", "it", "as a result") in the past tense;
    never a tally or a period ("240 attacks in the past 17 months", "since October 2023")
    or a statement in the present ("these attacks are part of a strategy")."""
    if CUMULATIVE_PATTERN.search(quote):
        return False
    return kind == "specific" or bool(ANAPHORA.search(quote) or CONTINUATION.match(quote))


def _evidence(
    facts: _ClauseFacts, resolved_date: date | None, probability: float | None
) -> Evidence:
    return Evidence(
        own_date=facts.own_date is not None,
        inherited_date=resolved_date is not None,
        casualty_figure=facts.figure is not None,
        figure=facts.has_quantity,
        place=bool(facts.places),
        perpetrator=bool(facts.actors),
        event_verb=bool(EVENT_PATTERN.search(facts.quote)),
        model_probability=probability,
    )
