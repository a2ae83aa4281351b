"""Group specific claims that describe the same event, whoever reports it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import timedelta

from claims.matching.features import ClaimFeatures
from claims.matching.scoring import (
    DEFAULT_THRESHOLDS,
    MatchScore,
    dates_agree,
    places_overlap,
    types_compatible,
)


class _UnionFind:
    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self._parent.setdefault(item, item)
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:  # path compression
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)


def same_incident(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Event dates within a day, a shared place and compatible types."""
    return bool(
        dates_agree(a.event_date, b.event_date)
        and places_overlap(a.places, b.places)
        and types_compatible(a.claim_type, b.claim_type)
    )


def group_incidents(
    claims: Sequence[ClaimFeatures],
    *,
    pair_scores: Mapping[tuple[int, int], MatchScore] | None = None,
    link_threshold: float = DEFAULT_THRESHOLDS.link,
) -> list[list[int]]:
    """Clusters (two claims or more) of specific claims about one event, across letters and senders.

    Two dated specific claims join when `same_incident` holds; clusters are closed transitively.
    `pair_scores`, keyed by (claim_id, claim_id), also joins specific claims whose match score
    reaches `link_threshold` when their dates agree, which catches a reply that names no place.
    Clusters come largest first, ids sorted within each.
    """
    specific = {claim.claim_id: claim for claim in claims if claim.kind == "specific"}
    groups = _UnionFind()
    for a, b in _pairs_dated_within_a_day(list(specific.values())):
        if same_incident(a, b):
            groups.union(a.claim_id, b.claim_id)
    for (id_a, id_b), match in (pair_scores or {}).items():
        a, b = specific.get(id_a), specific.get(id_b)
        if a and b and match.score >= link_threshold and dates_agree(a.event_date, b.event_date):
            groups.union(id_a, id_b)
    clusters: dict[int, list[int]] = defaultdict(list)
    for claim_id in specific:
        clusters[groups.find(claim_id)].append(claim_id)
    found = [sorted(members) for members in clusters.values() if len(members) > 1]
    return sorted(found, key=lambda members: (-len(members), members[0]))


def _pairs_dated_within_a_day(
    claims: list[ClaimFeatures],
) -> list[tuple[ClaimFeatures, ClaimFeatures]]:
    """Candidate pairs from date buckets, so grouping stays near-linear in the number of claims."""
    by_date: dict[object, list[ClaimFeatures]] = defaultdict(list)
    for claim in claims:
        if claim.event_date is not None:
            by_date[claim.event_date].append(claim)
    pairs = []
    for day, todays in by_date.items():
        for i, a in enumerate(todays):
            pairs += [(a, b) for b in todays[i + 1 :]]
            pairs += [(a, b) for b in by_date.get(day + timedelta(days=1), [])]  # type: ignore[operator]
    return pairs
