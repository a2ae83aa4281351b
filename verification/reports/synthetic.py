"""Deterministic synthetic claims for demos, tests and the benchmark (no database needed)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from verification.reports.types import STANCES, ReportClaim, ReportEvidence, ReportRating

RATINGS: tuple[ReportRating, ...] = (
    ReportRating("Accurate", 5, "#1a7f37", best=5, worst=1),
    ReportRating("Mostly accurate", 4, "#4ac26b", best=5, worst=1),
    ReportRating("Unproven", 3, "#9a6700", best=5, worst=1),
    ReportRating("Misleading", 2, "#bc4c00", best=5, worst=1),
    ReportRating("False", 1, "#cf222e", best=5, worst=1),
)
PLACES = ("Aleppo", "حلب", "Донецьк", "Khan Younis", "خان يونس", "Mariupol", "Маріуполь", "Goma")
SENDERS = ("Ukraine", "Russian Federation", "Syrian Arab Republic", "Israel", "State of Palestine")
ACTORS = ("armed forces", "militia", "air force", "unidentified drones", "artillery units")
EPOCH = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


def synthetic_evidence(rng: random.Random, claim_id: int, index: int) -> ReportEvidence:
    digest = hashlib.sha256(f"{claim_id}-{index}".encode()).hexdigest()
    return ReportEvidence(
        source_title=f"Field report {claim_id}.{index} on shelling near {rng.choice(PLACES)}",
        source_kind=rng.choice(("news", "ngo_report", "un_document", "satellite", "social_media")),
        url=f"https://example.org/sources/{claim_id}/{index}",
        publisher=rng.choice(("OCHA", "Reuters", "HRW", None)),
        stance=STANCES[(claim_id + index) % len(STANCES)],
        reliability="ABCDEF"[(claim_id * 3 + index) % 6],
        credibility=1 + (claim_id + index * 5) % 6,
        excerpt=" ".join(rng.choice(LOREM) for _ in range(40)),
        location=f"p. {index + 1}, para. {rng.randint(1, 30)}",
        captured_at=EPOCH + timedelta(days=claim_id % 300, minutes=index),
        sha256=digest,
        added_by=rng.choice(("amina", "oleksandr", "maria")),
    )


def synthetic_claim(claim_id: int, evidence_count: int = 3) -> ReportClaim:
    rng = random.Random(claim_id)
    rating = RATINGS[claim_id % len(RATINGS)]
    approved = claim_id % 4 != 0
    letter_date = date(2024, 1, 1) + timedelta(days=claim_id % 360)
    return ReportClaim(
        id=claim_id,
        letter_symbol=f"S/2024/{100 + claim_id % 900}",
        letter_date=letter_date,
        letter_sender=SENDERS[claim_id % len(SENDERS)],
        letter_url=f"https://undocs.org/S/2024/{100 + claim_id % 900}",
        paragraph=1 + claim_id % 12,
        quote=" ".join(rng.choice(LOREM) for _ in range(35)) + ".",
        restatement=f"Claim {claim_id}: {rng.randint(2, 40)} civilians were killed in {rng.choice(PLACES)}.",
        kind="factual",
        claim_type=rng.choice(("casualties", "attack", "displacement")),
        event_date=letter_date - timedelta(days=3),
        places=(rng.choice(PLACES), rng.choice(PLACES)),
        actors=(rng.choice(ACTORS),),
        claimed_killed=rng.randint(0, 40),
        claimed_injured=rng.randint(0, 90),
        assessed_killed=(1, 12),
        assessed_injured=None,
        state="approved" if approved else "proposed",
        rating=rating if approved else None,
        rationale_markdown=RATIONALE.format(claim_id=claim_id),
        evidence=tuple(synthetic_evidence(rng, claim_id, i) for i in range(evidence_count)),
        researched_by="amina",
        approved_by="editor.jane" if approved else None,
        approved_at=EPOCH + timedelta(days=claim_id % 300 + 2) if approved else None,
        proposed_at=EPOCH + timedelta(days=claim_id % 300 + 1),
        url=f"https://workbench.example.org/claims/{claim_id}/",
        sender_same_as="https://www.wikidata.org/wiki/Q212" if claim_id % 5 == 0 else None,
    )


def synthetic_claims(count: int, evidence_per_claim: int = 3) -> Iterator[ReportClaim]:
    """Yield claims one at a time, as the database layer streams them."""
    for claim_id in range(1, count + 1):
        yield synthetic_claim(claim_id, evidence_per_claim)


LOREM = (
    "the",
    "attack",
    "on",
    "civilian",
    "infrastructure",
    "reported",
    "by",
    "residents",
    "municipal",
    "officials",
    "confirmed",
    "damage",
    "to",
    "a",
    "school",
    "hospital",
    "market",
    "water",
    "station",
    "shelling",
    "continued",
    "overnight",
    "according",
    "witnesses",
)
RATIONALE = """Two **independent** sources corroborate the date; casualty figures differ.

- OCHA flash update gives a *lower* count.
- Satellite imagery shows damage consistent with the claim (ref. {claim_id}).

See [the source](https://example.org/sources/{claim_id}/0)."""
