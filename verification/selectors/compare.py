"""Reads for reading two letters side by side: both texts with their claims highlighted, and
the claims of one matched to claims of the other (same claim, suggested match, or the same
incident), aligned in one list. Six queries whatever the letters' size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from claims import selectors as claim_selectors
from claims.errors import BadInput, NotFound
from claims.models import Claim, Letter
from verification.models import ClaimMatch, Incident, MatchStatus


@dataclass(frozen=True)
class AlignedPair:
    left: Claim
    right: Claim
    relation: str  # "same claim", "suggested match", "same incident"
    score: float | None = None


def letter_resolve(value: str) -> Letter:
    """A letter by id or by UN symbol (S/2025/470), as people type it."""
    text = str(value or "").strip()
    if not text:
        raise BadInput("Choose two letters to compare (by symbol or id).")
    letters = Letter.objects.filter(is_deleted=False).defer("raw_text")
    if text.isdigit():
        letter = letters.filter(pk=int(text)).first()
    else:
        letter = (
            letters.filter(Q(symbol__iexact=text) | Q(symbols__icontains=text))
            .order_by("id")
            .first()
        )
    if letter is None:
        raise NotFound(f"No letter {text}.")
    return letter


def _claims(letter: Letter) -> list[Claim]:
    return list(letter.claims.filter(is_deleted=False).order_by("start", "id"))


def aligned_pairs(left: list[Claim], right: list[Claim]) -> list[AlignedPair]:
    by_id = {claim.pk: claim for claim in [*left, *right]}
    left_ids, right_ids = {c.pk for c in left}, {c.pk for c in right}
    pairs: dict[tuple[int, int], AlignedPair] = {}
    matches = ClaimMatch.objects.filter(
        Q(claim_a__in=left_ids, claim_b__in=right_ids)
        | Q(claim_a__in=right_ids, claim_b__in=left_ids)
    ).exclude(status=MatchStatus.REJECTED)
    for match in matches:
        a, b = (match.claim_a_id, match.claim_b_id)
        key = (a, b) if a in left_ids else (b, a)
        same = match.status in (MatchStatus.LINKED, MatchStatus.CONFIRMED)
        relation = "same claim" if same else "suggested match"
        pairs[key] = AlignedPair(by_id[key[0]], by_id[key[1]], relation, match.score)
    memberships = Incident.claims.through.objects.filter(
        incident__is_deleted=False, claim_id__in=left_ids | right_ids
    ).values_list("incident_id", "claim_id")
    incidents: dict[int, set[int]] = {}
    for incident_id, claim_id in memberships:
        incidents.setdefault(incident_id, set()).add(claim_id)
    for members in incidents.values():
        for l_id in sorted(members & left_ids):
            for r_id in sorted(members & right_ids):
                pairs.setdefault(
                    (l_id, r_id), AlignedPair(by_id[l_id], by_id[r_id], "same incident")
                )
    return sorted(pairs.values(), key=lambda p: (p.left.start, p.left.pk, p.right.start))


def letters_side_by_side(left: Letter, right: Letter) -> dict:
    if left.pk == right.pk:
        raise BadInput("Choose two different letters.")
    left_claims, right_claims = _claims(left), _claims(right)
    pairs = aligned_pairs(left_claims, right_claims)
    paired = {p.left.pk for p in pairs} | {p.right.pk for p in pairs}
    return {
        "left": left,
        "right": right,
        "left_segments": claim_selectors.letter_segments(left, left_claims),
        "right_segments": claim_selectors.letter_segments(right, right_claims),
        "pairs": pairs,
        "paired_ids": paired,
    }


def incident_letter_pairs(incident) -> list[tuple[Letter, Letter]]:
    """For an incident's page: the first letter against each other letter that speaks to it."""
    letters: dict[int, Letter] = {}
    for claim in incident.live_claims:
        letters.setdefault(claim.letter_id, claim.letter)
    ordered = list(letters.values())
    return [(ordered[0], other) for other in ordered[1:]]
