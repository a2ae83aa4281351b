"""Builders for review tests: letters and claims in any workflow state, verdicts."""

from __future__ import annotations

import itertools

from claims.models import Claim, Letter
from verification.models import Rating, Verdict

_counter = itertools.count(1)


def make_letter(**values) -> Letter:
    n = next(_counter)
    text = values.pop("text", "On 3 May 2024 a strike on Gaza killed 12 civilians. " * 3)
    return Letter.objects.create(
        symbol=values.pop("symbol", f"S/2024/{n}"),
        sender=values.pop("sender", "Permanent Mission of Testland"),
        text=text,
        status="ready",
        **values,
    )


def make_claim(letter: Letter | None = None, *, state: str = "new", **values) -> Claim:
    letter = letter or make_letter()
    quote = values.pop("quote", "a strike on Gaza killed 12 civilians")
    places = values.pop("places", ["Gaza"])
    start = values.pop("start", next(_counter) % 40)
    return Claim.objects.create(
        letter=letter,
        start=start,
        end=start + len(quote),
        quote=quote,
        kind=values.pop("kind", "specific"),
        places=places,
        search_text=" ".join([quote, *places]).lower(),
        state=state,
        **values,
    )


def a_rating() -> Rating:
    """The seeded scale, or (after a transactional test flushed it) one step of it."""
    rating = Rating.objects.filter(is_active=True).first()
    if rating is None:
        rating = Rating.objects.create(label="Corroborated", value=4, colour="#4c9a2a")
    return rating


def propose_verdict(claim: Claim, proposer) -> Verdict:
    """Put a claim straight into 'proposed' with an open verdict, as the proposer would."""
    rating = a_rating()
    verdict = Verdict.objects.create(
        claim=claim,
        rating=rating,
        rating_label=rating.label,
        rating_value=rating.value,
        rating_colour=rating.colour,
        rationale="Two independent sources.",
        proposed_by=proposer,
    )
    Claim.objects.filter(pk=claim.pk).update(state="proposed", proposed_by=proposer)
    claim.refresh_from_db()
    return verdict


def approve_verdict(claim: Claim, proposer, approver) -> Verdict:
    verdict = propose_verdict(claim, proposer)
    Verdict.objects.filter(pk=verdict.pk).update(status="approved", decided_by=approver)
    Claim.objects.filter(pk=claim.pk).update(state="approved")
    claim.refresh_from_db()
    return verdict
