"""Shapes for the verdicts, ratings and exports API."""

from django.urls import reverse
from rest_framework import serializers

from claims.models import ClaimState
from verification.models import ExportFormat, ExportJob, Rating, Verdict
from verification.reports.formatting import render_markdown


class RatingSerializer(serializers.ModelSerializer):
    in_use = serializers.SerializerMethodField()

    class Meta:
        model = Rating
        fields = ["id", "label", "description", "order", "colour", "value", "is_active", "in_use"]

    def get_in_use(self, rating: Rating) -> bool:
        return bool(getattr(rating, "verdict_count", 0))


class RatingCreateInputSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=64)
    value = serializers.IntegerField()
    colour = serializers.CharField(max_length=7, required=False, default="#6e7781")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    order = serializers.IntegerField(required=False, min_value=0)


class RatingUpdateInputSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=64, required=False)
    value = serializers.IntegerField(required=False)
    colour = serializers.CharField(max_length=7, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    order = serializers.IntegerField(required=False, min_value=0)
    is_active = serializers.BooleanField(required=False)


class RatingReorderInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class VerdictSerializer(serializers.ModelSerializer):
    """A verdict with the label, value and colour it was given (not today's scale)."""

    rationale_html = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    proposed_by = serializers.CharField(source="proposed_by.username", read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, allow_null=True, default=None
    )
    assessed_killed = serializers.SerializerMethodField()
    assessed_injured = serializers.SerializerMethodField()

    class Meta:
        model = Verdict
        fields = [
            "id",
            "claim",
            "status",
            "rating",
            "rating_label",
            "rating_value",
            "rating_colour",
            "rationale",
            "rationale_html",
            "evidence",
            "assessed_killed",
            "assessed_injured",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "decision_comment",
        ]

    def get_rationale_html(self, verdict: Verdict) -> str:
        return render_markdown(verdict.rationale)

    def get_evidence(self, verdict: Verdict) -> list[int]:
        return [item.pk for item in verdict.evidence.all()]

    def _range(self, low, high) -> dict | None:
        return None if low is None and high is None else {"min": low, "max": high}

    def get_assessed_killed(self, verdict: Verdict) -> dict | None:
        return self._range(verdict.assessed_killed_min, verdict.assessed_killed_max)

    def get_assessed_injured(self, verdict: Verdict) -> dict | None:
        return self._range(verdict.assessed_injured_min, verdict.assessed_injured_max)


class SuggestedRatingSerializer(serializers.Serializer):
    key = serializers.CharField(source="suggestion.key")
    label = serializers.CharField(source="suggestion.label")
    value = serializers.IntegerField(source="suggestion.value")
    reasons = serializers.ListField(child=serializers.CharField(), source="suggestion.reasons")
    rating = RatingSerializer(allow_null=True)


class ExportScopeFiltersSerializer(serializers.Serializer):
    sender = serializers.CharField(required=False, allow_blank=True)
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)
    state = serializers.ChoiceField(choices=ClaimState.choices, required=False, allow_blank=True)
    rating = serializers.CharField(required=False, allow_blank=True, help_text="id or label")
    place = serializers.CharField(required=False, allow_blank=True)
    letter = serializers.CharField(required=False, allow_blank=True, help_text="id or symbol")


class ExportScopeSerializer(serializers.Serializer):
    """Exactly one of: a letter (id or symbol), a claim (id), or filters of the claims list."""

    letter = serializers.CharField(required=False, help_text="id or symbol")
    claim = serializers.IntegerField(required=False)
    filters = ExportScopeFiltersSerializer(required=False)


class ExportRequestInputSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    scope = ExportScopeSerializer(required=False, default=dict)


class ExportJobSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "format",
            "scope",
            "scope_label",
            "status",
            "progress",
            "claim_count",
            "sha256",
            "size",
            "error",
            "requested_by",
            "requested_at",
            "finished_at",
            "url",
            "download_url",
        ]

    def get_url(self, job: ExportJob) -> str:
        return reverse("api-export-detail", args=[job.pk])

    def get_download_url(self, job: ExportJob) -> str | None:
        if job.status != "done":
            return None
        return reverse("api-export-download", args=[job.pk])
