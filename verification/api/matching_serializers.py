"""Input and output shapes of the matching API: similar claims, match decisions, incidents."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import ClaimKind, ClaimState, ClaimType
from verification.models import MatchStatus
from verification.selectors import matching as selectors

# ---- output -----------------------------------------------------------------------------------


class MatchedClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter = serializers.IntegerField(source="letter_id")
    letter_symbol = serializers.CharField(source="letter.symbol")
    letter_sender = serializers.CharField(source="letter.sender")
    letter_date = serializers.DateField(source="letter.letter_date", allow_null=True)
    quote = serializers.CharField()
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices)
    event_date = serializers.DateField(allow_null=True)
    places = serializers.ListField(child=serializers.CharField())
    state = serializers.ChoiceField(choices=ClaimState.choices)


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim_a = serializers.IntegerField(source="claim_a_id")
    claim_b = serializers.IntegerField(source="claim_b_id")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=MatchStatus.choices)
    decided_by = serializers.IntegerField(source="decided_by_id", allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class SimilarClaimSerializer(serializers.Serializer):
    """A match seen from the claim asked about (context["claim_id"]): the other claim and why."""

    match = serializers.IntegerField(source="id")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=MatchStatus.choices)
    decided_by = serializers.IntegerField(source="decided_by_id", allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    claim = serializers.SerializerMethodField()

    @extend_schema_field(MatchedClaimSerializer)
    def get_claim(self, match) -> dict:
        other = match.claim_b if match.claim_a_id == self.context["claim_id"] else match.claim_a
        return MatchedClaimSerializer(other).data


class IncidentVerdictSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim = serializers.IntegerField(source="claim_id")
    rating_label = serializers.CharField()
    rating_colour = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class IncidentClaimSerializer(MatchedClaimSerializer):
    killed = serializers.IntegerField(allow_null=True)
    injured = serializers.IntegerField(allow_null=True)
    killed_at_least = serializers.BooleanField()
    injured_at_least = serializers.BooleanField()
    stance = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()

    def get_stance(self, claim) -> str:
        return selectors.claim_stance(claim.quote)

    def get_verdict(self, claim) -> dict | None:
        verdicts = getattr(claim, "approved_verdicts", [])
        return IncidentVerdictSerializer(verdicts[0]).data if verdicts else None


class IncidentSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    event_date = serializers.DateField(allow_null=True)
    places = serializers.ListField(child=serializers.CharField())
    claim_count = serializers.SerializerMethodField()
    senders = serializers.SerializerMethodField()
    ratings = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_claim_count(self, incident) -> int:
        return len(incident.live_claims)

    def get_senders(self, incident) -> list[str]:
        return selectors.incident_senders(incident)

    def get_ratings(self, incident) -> list[str]:
        return [verdict.rating_label for verdict in selectors.incident_verdicts(incident)]


class IncidentDetailSerializer(IncidentSummarySerializer):
    claims = IncidentClaimSerializer(source="live_claims", many=True)


# ---- input ------------------------------------------------------------------------------------


class MatchDecisionInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class IncidentSplitInputSerializer(serializers.Serializer):
    claim_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=1000
    )


class IncidentMergeInputSerializer(serializers.Serializer):
    incident_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=2, max_length=100
    )
