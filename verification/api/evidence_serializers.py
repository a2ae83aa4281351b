"""Serializers for the sources and evidence API: inputs validate shape, outputs render rows."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from verification.models import (
    CaptureStatus,
    Credibility,
    Evidence,
    Reliability,
    Source,
    SourceCapture,
    SourceKind,
    Stance,
)
from verification.selectors.evidence import grade_code


def _listed(choices) -> str:
    return "One of: " + ", ".join(f"{value} ({label})" for value, label in choices) + "."


class NamedChoiceField(serializers.ChoiceField):
    """A choice field typed as its own enum (SourceKindEnum, CaptureStatusEnum: settings'
    ENUM_NAME_OVERRIDES keep them apart from the claims' and letters' "kind" and "status"),
    with its values and labels listed in the description too."""


class CaptureSerializer(serializers.ModelSerializer):
    status = NamedChoiceField(
        choices=CaptureStatus.choices, read_only=True, help_text=_listed(CaptureStatus.choices)
    )
    requested_by = serializers.CharField(source="requested_by.username", default=None)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = SourceCapture
        fields = [
            "id",
            "source",
            "status",
            "failure_reason",
            "retryable",
            "requested_by",
            "requested_at",
            "requested_url",
            "final_url",
            "filename",
            "sha256",
            "size",
            "media_type",
            "captured_at",
            "download_url",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download_url(self, capture: SourceCapture) -> str | None:
        if capture.status != "captured":
            return None
        return reverse("capture_download", args=[capture.pk])


class SourceRefSerializer(serializers.ModelSerializer):
    """A source as an evidence item shows it: without the counts."""

    kind = NamedChoiceField(
        choices=SourceKind.choices, read_only=True, help_text=_listed(SourceKind.choices)
    )
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "kind",
            "title",
            "publisher",
            "author",
            "url",
            "published_on",
            "language",
            "reliability",
            "notes",
            "letter",
            "created_at",
            "updated_at",
            "page_url",
        ]

    def get_page_url(self, source: Source) -> str:
        return reverse("source_detail", args=[source.pk])


class SourceSerializer(SourceRefSerializer):
    """A source with its counts (annotated by source_list and access_source)."""

    claim_count = serializers.IntegerField(read_only=True)
    capture_count = serializers.IntegerField(read_only=True)

    class Meta(SourceRefSerializer.Meta):
        fields = [*SourceRefSerializer.Meta.fields, "claim_count", "capture_count"]


class SourceInputSerializer(serializers.Serializer):
    kind = NamedChoiceField(
        choices=SourceKind.choices, required=False, help_text=_listed(SourceKind.choices)
    )
    title = serializers.CharField(max_length=500)
    publisher = serializers.CharField(max_length=300, required=False, allow_blank=True)
    author = serializers.CharField(max_length=300, required=False, allow_blank=True)
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(max_length=32, required=False, allow_blank=True)
    reliability = serializers.ChoiceField(choices=Reliability.choices, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer(read_only=True)
    grade = serializers.SerializerMethodField()
    added_by = serializers.CharField(source="added_by.username", default=None)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "claim",
            "source",
            "stance",
            "credibility",
            "grade",
            "excerpt",
            "location",
            "note",
            "passage_start",
            "passage_end",
            "added_by",
            "added_at",
        ]

    def get_grade(self, evidence: Evidence) -> str:
        return grade_code(evidence.source.reliability, evidence.credibility)


class EvidenceCreateInputSerializer(serializers.Serializer):
    """Exactly one of url, source_id, letter_symbol (with a passage span) or file."""

    url = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    source_id = serializers.IntegerField(required=False, min_value=1)
    letter_symbol = serializers.CharField(max_length=64, required=False, allow_blank=True)
    passage_start = serializers.IntegerField(required=False, min_value=0)
    passage_end = serializers.IntegerField(required=False, min_value=1)
    file = serializers.FileField(required=False)
    stance = serializers.ChoiceField(choices=Stance.choices)
    credibility = serializers.ChoiceField(choices=Credibility.choices, required=False)
    excerpt = serializers.CharField(required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        given = [k for k in ("url", "source_id", "letter_symbol", "file") if attrs.get(k)]
        if len(given) != 1:
            raise serializers.ValidationError(
                "Give exactly one of url, source_id, letter_symbol or file."
            )
        if attrs.get("letter_symbol") and (
            attrs.get("passage_start") is None or attrs.get("passage_end") is None
        ):
            raise serializers.ValidationError(
                "A letter passage needs passage_start and passage_end."
            )
        return attrs


class EvidenceLinkInputSerializer(EvidenceCreateInputSerializer):
    """application/json: exactly one of url, source_id or letter_symbol (with a passage span)."""

    file = None


class EvidenceFileInputSerializer(EvidenceCreateInputSerializer):
    """multipart/form-data: an uploaded file as the evidence."""

    url = None
    source_id = None
    letter_symbol = None
    passage_start = None
    passage_end = None
    file = serializers.FileField()


class EvidenceUpdateInputSerializer(serializers.Serializer):
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    credibility = serializers.ChoiceField(choices=Credibility.choices, required=False)
    reliability = serializers.ChoiceField(
        choices=Reliability.choices, required=False, help_text="Grades the source itself."
    )
    excerpt = serializers.CharField(required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
