"""schema.org ClaimReview JSON-LD for approved claims, plus a field-by-field validator.

Field choices follow Google's ClaimReview guidance: claimReviewed, reviewRating, url and
author are required; datePublished and itemReviewed (with its author and appearance) are
recommended.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO, TypeGuard

from verification.reports.json_writer import iso
from verification.reports.types import ReportClaim, ReportMeta

REQUIRED_PATHS: tuple[str, ...] = (
    "@context",
    "@type",
    "claimReviewed",
    "url",
    "author.@type",
    "author.name",
    "reviewRating.@type",
    "reviewRating.alternateName",
    "reviewRating.ratingValue",
    "reviewRating.bestRating",
    "reviewRating.worstRating",
)
RECOMMENDED_PATHS: tuple[str, ...] = (
    "author.url",
    "datePublished",
    "itemReviewed.@type",
    "itemReviewed.author.@type",
    "itemReviewed.author.name",
    "itemReviewed.datePublished",
    "itemReviewed.appearance.@type",
    "itemReviewed.appearance.name",
    "itemReviewed.appearance.url",
    "itemReviewed.firstAppearance.url",
)


def claim_review(meta: ReportMeta, claim: ReportClaim) -> dict[str, Any]:
    """The ClaimReview for one approved claim (callers skip claims that are not approved)."""
    if claim.rating is None:
        raise ValueError(f"claim {claim.id} has no rating to publish")
    letter = {"@type": "CreativeWork", "name": claim.letter_symbol, "url": claim.letter_url}
    state = {"@type": "Organization", "name": claim.letter_sender}
    if claim.sender_same_as:
        state["sameAs"] = claim.sender_same_as
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim.url,
        "claimReviewed": claim.restatement,
        "datePublished": iso(claim.approved_at.date()) if claim.approved_at else None,
        "author": {
            "@type": "Organization",
            "name": meta.organisation,
            "url": meta.organisation_url,
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": claim.rating.label,
            "ratingValue": claim.rating.value,
            "bestRating": claim.rating.best,
            "worstRating": claim.rating.worst,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": state,
            "datePublished": iso(claim.letter_date),
            "appearance": letter,
            "firstAppearance": letter,
        },
    }


def _lookup(obj: dict[str, Any], path: str) -> Any:
    value: Any = obj
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def validate_claimreview(obj: dict[str, Any]) -> list[str]:
    """Problems with one ClaimReview: "missing required: x", "missing recommended: y", ..."""
    problems = [f"missing required: {path}" for path in REQUIRED_PATHS if _missing(obj, path)]
    problems += [
        f"missing recommended: {path}" for path in RECOMMENDED_PATHS if _missing(obj, path)
    ]
    if obj.get("@type") not in (None, "ClaimReview"):
        problems.append("@type must be ClaimReview")
    rating = obj.get("reviewRating")
    if isinstance(rating, dict) and not _rating_in_range(rating):
        problems.append("reviewRating.ratingValue outside worstRating..bestRating")
    return problems


def _missing(obj: dict[str, Any], path: str) -> bool:
    return _lookup(obj, path) in (None, "", [], {})


def _rating_in_range(rating: dict[str, Any]) -> bool:
    value, worst, best = (rating.get(k) for k in ("ratingValue", "worstRating", "bestRating"))
    if not (_number(value) and _number(worst) and _number(best)):
        return True  # reported as missing instead
    return bool(min(worst, best) <= value <= max(worst, best))


def _number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float)


# JSON-LD is pasted into <script type="application/ld+json">: a literal "</script>" in a
# claim would end the element. Outside strings JSON has none of these, so replacing them
# everywhere only changes string contents, to escapes every JSON reader decodes back.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_safe(encoded_json: str) -> str:
    return encoded_json.translate(_SCRIPT_SAFE)


class ClaimReviewWriter:
    media_type = "application/ld+json"
    extension = "jsonld"

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None:
        out.write(b"[")
        written = 0
        for claim in claims:
            if not claim.is_approved:
                continue
            separator = b"\n" if written == 0 else b",\n"
            review = script_safe(json.dumps(claim_review(meta, claim), ensure_ascii=False))
            out.write(separator + review.encode())
            written += 1
        out.write(b"\n]\n")
