from django.urls import reverse
from rest_framework import serializers

from claims.models import Claim, Letter, LetterOriginal, LetterStatus


class LetterOriginalSerializer(serializers.ModelSerializer):
    class Meta:
        model = LetterOriginal
        fields = ["filename", "sha256", "size", "media_type", "uploaded_at"]


class LetterSummarySerializer(serializers.ModelSerializer):
    claim_count = serializers.IntegerField(read_only=True)  # annotated by every selector
    status_message = serializers.CharField(
        read_only=True, help_text="What the status means, e.g. why claims were not extracted"
    )
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Letter
        fields = [
            "id",
            "symbol",
            "symbols",
            "doc_type",
            "title",
            "letter_date",
            "sender",
            "status",
            "status_message",
            "failure_reason",
            "language",
            "claim_count",
            "created_at",
            "page_url",
        ]

    def get_page_url(self, letter: Letter) -> str:
        return reverse("letter_detail", args=[letter.pk])


class LetterDetailSerializer(LetterSummarySerializer):
    original = LetterOriginalSerializer(read_only=True)

    class Meta(LetterSummarySerializer.Meta):
        fields = [
            *LetterSummarySerializer.Meta.fields,
            "distribution_date",
            "sender_title",
            "addressees",
            "original_language",
            "agenda_items",
            "text",
            "annex_start",
            "text_version",
            "duplicate_of",
            "identical_to",
            "original",
        ]


class LetterMetadataInputSerializer(serializers.Serializer):
    symbol = serializers.CharField(required=False, allow_blank=True, max_length=64)
    title = serializers.CharField(required=False, allow_blank=True)
    doc_type = serializers.ChoiceField(
        choices=Letter._meta.get_field("doc_type").choices, required=False
    )
    letter_date = serializers.DateField(required=False, allow_null=True)
    distribution_date = serializers.DateField(required=False, allow_null=True)
    sender = serializers.CharField(required=False, allow_blank=True, max_length=200)
    sender_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    addressees = serializers.ListField(child=serializers.CharField(), required=False)
    original_language = serializers.CharField(required=False, allow_blank=True, max_length=64)
    agenda_items = serializers.ListField(child=serializers.CharField(), required=False)
    text = serializers.CharField(
        required=False,
        help_text="Corrected canonical text; claims keep pointing into the earlier version.",
    )


class LetterUploadInputSerializer(serializers.Serializer):
    """multipart/form-data: one or more `files` parts (PDF, DOCX, HTML, text or an archive)."""

    files = serializers.ListField(child=serializers.FileField())


class LetterTextInputSerializer(serializers.Serializer):
    """application/json: a letter pasted as text."""

    text = serializers.CharField(max_length=2_000_000)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)


class UploadedLetterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = serializers.CharField()
    status = serializers.ChoiceField(choices=LetterStatus.choices)
    duplicate = serializers.BooleanField()
    page_url = serializers.CharField()


class UploadResultSerializer(serializers.Serializer):
    letters = UploadedLetterSerializer(many=True)


class ClaimSerializer(serializers.ModelSerializer):
    letter_symbol = serializers.CharField(source="letter.symbol", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "letter",
            "letter_symbol",
            "start",
            "end",
            "quote",
            "restatement",
            "kind",
            "claim_type",
            "event_date",
            "places",
            "actors",
            "killed",
            "injured",
            "killed_at_least",
            "injured_at_least",
            "score",
            "reasons",
            "origin",
            "edited",
            "state",
            "assignee",
            "due_date",
            "dismiss_reason",
            "version",
            "created_at",
            "updated_at",
        ]
