"""Input and output shapes of the review API."""

from rest_framework import serializers

from claims.models import ClaimKind, ClaimState, ClaimType
from verification.models import DismissReason
from verification.reports.formatting import render_markdown

# ---- output -----------------------------------------------------------------------------------


class ClaimRowSerializer(serializers.Serializer):
    """One line of a queue: lean on purpose (lists are the hot path)."""

    id = serializers.IntegerField()
    letter = serializers.IntegerField(source="letter_id")
    letter_symbol = serializers.CharField(source="letter.symbol")
    letter_sender = serializers.CharField(source="letter.sender")
    quote = serializers.CharField()
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices)
    event_date = serializers.DateField(allow_null=True)
    places = serializers.ListField(child=serializers.CharField())
    state = serializers.ChoiceField(choices=ClaimState.choices)
    version = serializers.IntegerField()
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    assignee_username = serializers.SerializerMethodField()
    due_date = serializers.DateField(allow_null=True)
    score = serializers.FloatField()
    updated_at = serializers.DateTimeField()

    def get_assignee_username(self, claim) -> str | None:
        return claim.assignee.username if claim.assignee_id else None


class ClaimRowListSerializer(ClaimRowSerializer):
    """The same row, built directly: a queue page of 50 rows in about a millisecond.

    The declared fields above still describe it (OpenAPI); a test keeps both in step.
    """

    def to_representation(self, claim) -> dict:
        letter = claim.letter
        return {
            "id": claim.id,
            "letter": claim.letter_id,
            "letter_symbol": letter.symbol,
            "letter_sender": letter.sender,
            "quote": claim.quote,
            "kind": claim.kind,
            "claim_type": claim.claim_type,
            "event_date": claim.event_date.isoformat() if claim.event_date else None,
            "places": claim.places,
            "state": claim.state,
            "version": claim.version,
            "assignee": claim.assignee_id,
            "assignee_username": claim.assignee.username if claim.assignee_id else None,
            "due_date": claim.due_date.isoformat() if claim.due_date else None,
            "score": claim.score,
            "updated_at": _iso(claim.updated_at),
        }


_DATETIME = serializers.DateTimeField()


def _iso(value) -> str:
    return _DATETIME.to_representation(value)


class ClaimDetailSerializer(ClaimRowSerializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    restatement = serializers.CharField()
    actors = serializers.ListField(child=serializers.CharField())
    killed = serializers.IntegerField(allow_null=True)
    injured = serializers.IntegerField(allow_null=True)
    killed_at_least = serializers.BooleanField()
    injured_at_least = serializers.BooleanField()
    dismiss_reason = serializers.CharField()
    duplicate_of = serializers.IntegerField(source="duplicate_of_id", allow_null=True)
    proposed_by = serializers.IntegerField(source="proposed_by_id", allow_null=True)
    allowed_actions = serializers.SerializerMethodField()

    def get_allowed_actions(self, claim) -> list[str]:
        from verification.selectors import review

        return review.allowed_actions(claim, self.context["request"].user)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.username")
    body = serializers.CharField()
    html = serializers.SerializerMethodField(help_text="The body as sanitised HTML.")
    created_at = serializers.DateTimeField()

    def get_html(self, comment) -> str:
        return render_markdown(comment.body)


class HistoryEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    action = serializers.CharField()
    target_type = serializers.CharField()
    target_id = serializers.IntegerField()
    before = serializers.JSONField()
    after = serializers.JSONField()
    note = serializers.CharField()

    def get_actor(self, event) -> str | None:
        return event.actor.username if event.actor_id else None


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    message = serializers.CharField()
    claim = serializers.IntegerField(source="claim_id")
    actor = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def get_actor(self, notification) -> str | None:
        return notification.actor.username if notification.actor_id else None


class BulkResultSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    skipped = serializers.IntegerField()
    skipped_ids = serializers.ListField(child=serializers.IntegerField())


# ---- input ------------------------------------------------------------------------------------


class ActionInputSerializer(serializers.Serializer):
    """Every field is optional here; each action says which ones it needs."""

    expected_version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you saw: a stale one gives 409."
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text=(
            "dismiss: one of " + ", ".join(DismissReason.values) + "; return and reopen: a comment"
        ),
    )
    duplicate_of = serializers.IntegerField(required=False, min_value=1)
    assignee = serializers.IntegerField(required=False, min_value=1)
    due_date = serializers.DateField(required=False, allow_null=True)
    rating = serializers.IntegerField(required=False, min_value=1)
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=500
    )
    assessed_killed_min = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    assessed_killed_max = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    assessed_injured_min = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    assessed_injured_max = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class ClaimEditSerializer(serializers.Serializer):
    restatement = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices, required=False)
    event_date = serializers.DateField(required=False, allow_null=True)
    places = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )
    actors = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )
    killed = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    injured = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    killed_at_least = serializers.BooleanField(required=False)
    injured_at_least = serializers.BooleanField(required=False)


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000)


class BulkInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["triage", "dismiss"])
    claim_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=5000
    )
    filters = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="The same parameters as the claims list (queue, letter, sender, q, ...).",
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if ("claim_ids" in attrs) == ("filters" in attrs):
            raise serializers.ValidationError("Give either claim_ids or filters, not both.")
        return attrs
