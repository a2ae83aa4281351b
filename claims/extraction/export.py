"""The prediction JSON that the evaluation scorer (eval/score_claims.py) reads, and that `extract_claims --format json` prints."""

from __future__ import annotations

from typing import Any

from claims.extraction import ExtractedClaim


def claim_to_json(claim: ExtractedClaim, text: str) -> dict[str, Any]:
    casualties = None
    if claim.casualties:
        casualties = {
            key: value
            for key, value in (
                ("killed", claim.casualties.killed),
                ("injured", claim.casualties.injured),
            )
            if value is not None
        }
    return {
        "span": [claim.start, claim.end],
        "quote": text[claim.start : claim.end],
        "text": claim.restatement,
        "kind": claim.kind,
        "type": claim.claim_type,
        "date": claim.event_date.isoformat() if claim.event_date else None,
        "places": list(claim.places),
        "actors": list(claim.actors),
        "casualties": casualties,
        "score": round(claim.score, 3),
        "reasons": list(claim.reasons),
    }


def letters_to_prediction_json(
    items: list[tuple[str, str, dict[str, Any], list[ExtractedClaim]]],
) -> dict[str, Any]:
    """items: (source name, text the spans refer to, metadata dict, claims) per letter.

    metadata holds "symbol", "date" (ISO string or date) and "sender"."""
    letters = []
    for source, text, metadata, claims in items:
        letter_date = metadata.get("date")
        letters.append(
            {
                "source": source,
                "text": text,
                "claims": [claim_to_json(claim, text) for claim in claims],
                "metadata": {
                    "symbol": metadata.get("symbol"),
                    "date": letter_date.isoformat()
                    if hasattr(letter_date, "isoformat")
                    else letter_date,
                    "sender": metadata.get("sender"),
                },
            }
        )
    return {"letters": letters}
