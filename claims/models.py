"""Letters in, claims out: the original file, the canonical text, and the claims in it."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class LiveQuerySet(models.QuerySet):
    """Soft-deleted models keep their rows (audit, references); `live()` is everything else."""

    def live(self):
        return self.filter(is_deleted=False)


class ClaimQuerySet(LiveQuerySet):
    def live(self):
        """A claim is live while neither it nor its letter is deleted."""
        return self.filter(is_deleted=False, letter__is_deleted=False)


class LetterStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    NEEDS_OCR = "needs_ocr", "Needs OCR"
    NOT_EXTRACTED = "not_extracted", "Claims not extracted"
    FAILED = "failed", "Failed"


class DocType(models.TextChoices):
    LETTER = "letter", "Letter"
    IDENTICAL_LETTERS = "identical_letters", "Identical letters"
    NOTE_VERBALE = "note_verbale", "Note verbale"
    OTHER = "other", "Other"


class Letter(models.Model):
    """A letter as the workbench reads it. `text` is canonical: claim spans point into it."""

    title = models.TextField(blank=True)
    symbol = models.CharField(max_length=64, blank=True, db_index=True)
    symbols = models.JSONField(default=list, blank=True)
    doc_type = models.CharField(max_length=32, choices=DocType.choices, default=DocType.LETTER)
    letter_date = models.DateField(null=True, blank=True, db_index=True)
    distribution_date = models.DateField(null=True, blank=True)
    sender = models.CharField(max_length=200, blank=True, db_index=True)
    sender_title = models.CharField(max_length=200, blank=True)
    addressees = models.JSONField(default=list, blank=True)
    original_language = models.CharField(max_length=64, blank=True)
    language = models.CharField(
        max_length=8, blank=True, help_text="Language of the text as detected (ISO 639-1)"
    )
    agenda_items = models.JSONField(default=list, blank=True)

    raw_text = models.TextField(blank=True)
    text = models.TextField(blank=True)
    annex_start = models.PositiveIntegerField(null=True, blank=True)
    text_version = models.PositiveIntegerField(default=1)

    status = models.CharField(
        max_length=16, choices=LetterStatus.choices, default=LetterStatus.QUEUED, db_index=True
    )
    failure_reason = models.TextField(blank=True)
    # Which worker took the letter and how often processing started: a letter left
    # "processing" by a worker that died is resumed, and given up after a few attempts.
    processing_worker = models.CharField(max_length=200, blank=True)
    processing_attempts = models.PositiveSmallIntegerField(default=0)
    extraction_version = models.CharField(max_length=32, blank=True)

    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="possible_duplicates"
    )
    identical_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="identical_copies"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_deleted = models.BooleanField(default=False, db_index=True)

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["-letter_date", "-id"]

    def __str__(self) -> str:
        return self.symbol or f"Letter {self.pk}"

    @property
    def status_message(self) -> str:
        """What the status means for the reader, in one sentence ("" when nothing to add)."""
        if self.status == LetterStatus.NOT_EXTRACTED:
            from claims.ingest.lang import language_name

            return (
                f"Claims not extracted: {language_name(self.language)} is not supported yet; "
                "add claims by selecting text."
            )
        if self.status == LetterStatus.FAILED:
            return self.failure_reason
        return ""


class LetterOriginal(models.Model):
    """The bytes as received, never modified: the first entry of the chain of custody."""

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="original")
    file = models.FileField(upload_to="originals/%Y/%m/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=128)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.filename} ({self.sha256[:12]})"


class LetterTextVersion(models.Model):
    """An earlier canonical text, kept when the text is edited after claims exist."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="text_versions")
    version = models.PositiveIntegerField()
    text = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["letter", "version"], name="uniq_letter_text_version")
        ]


class ClaimKind(models.TextChoices):
    SPECIFIC = "specific", "Specific"
    GENERAL = "general", "General"


class ClaimType(models.TextChoices):
    STRIKE = "strike", "Strike"
    ATTACK = "attack", "Attack"
    CASUALTIES = "casualties", "Casualties"
    DAMAGE = "damage", "Damage"
    CLASH = "clash", "Clash"
    DETENTION = "detention", "Detention"
    DISPLACEMENT = "displacement", "Displacement"
    VIOLATION = "violation", "Violation"
    ALLEGATION = "allegation", "Allegation"
    DOCUMENTARY = "documentary", "Documentary"
    OTHER = "other", "Other"


class ClaimState(models.TextChoices):
    """Review state. The transitions between them live in verification/workflow.py."""

    NEW = "new", "New"
    QUEUED = "queued", "Queued for research"
    IN_RESEARCH = "in_research", "In research"
    RETURNED = "returned", "Returned to research"
    PROPOSED = "proposed", "Verdict proposed"
    APPROVED = "approved", "Approved"
    DISMISSED = "dismissed", "Dismissed"


class ClaimOrigin(models.TextChoices):
    MACHINE = "machine", "Extracted"
    HUMAN = "human", "Added by a person"


class Claim(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="claims")
    letter_text_version = models.PositiveIntegerField(default=1)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    restatement = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, db_index=True)
    claim_type = models.CharField(
        max_length=16, choices=ClaimType.choices, default=ClaimType.OTHER, db_index=True
    )
    event_date = models.DateField(null=True, blank=True, db_index=True)
    places = models.JSONField(default=list, blank=True)
    actors = models.JSONField(default=list, blank=True)
    killed = models.PositiveIntegerField(null=True, blank=True)
    injured = models.PositiveIntegerField(null=True, blank=True)
    killed_at_least = models.BooleanField(default=False)
    injured_at_least = models.BooleanField(default=False)
    score = models.FloatField(default=0.0, db_index=True)
    reasons = models.JSONField(default=list, blank=True)
    # Lower-cased places and quote, so filters and search stay index-friendly and simple.
    search_text = models.TextField(blank=True)

    origin = models.CharField(
        max_length=16, choices=ClaimOrigin.choices, default=ClaimOrigin.MACHINE
    )
    edited = models.BooleanField(default=False)

    state = models.CharField(
        max_length=16, choices=ClaimState.choices, default=ClaimState.NEW, db_index=True
    )
    # Bumped by every workflow transition: the conditional UPDATE that applies a transition
    # checks it, so two people acting at once give one winner.
    version = models.PositiveIntegerField(default=1)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    due_date = models.DateField(null=True, blank=True)
    dismiss_reason = models.CharField(max_length=32, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    is_deleted = models.BooleanField(default=False, db_index=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["letter_id", "start", "id"]
        indexes = [
            models.Index(fields=["state", "assignee"], name="claim_state_assignee"),
            models.Index(fields=["letter", "state"], name="claim_letter_state"),
            # Review queues list a state newest-changed first, paged by (updated_at, id).
            models.Index(fields=["state", "updated_at", "id"], name="claim_state_updated"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="claim_span_valid"),
        ]

    def __str__(self) -> str:
        return f"Claim {self.pk}: {self.quote[:60]}"


class ClaimEmbedding(models.Model):
    """A stored sentence vector, so the similarity index can be rebuilt without re-embedding."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="embedding")
    model_name = models.CharField(max_length=100)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)


class AuditEvent(models.Model):
    """Who changed what and when, with the values before and after. Append-only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=32)
    target_id = models.PositiveBigIntegerField()
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]


class WorkerHeartbeat(models.Model):
    """Last sign of life from each Celery worker, for /healthz."""

    hostname = models.CharField(max_length=255, unique=True)
    last_seen = models.DateTimeField()


class IdempotencyRecord(models.Model):
    """The answer given to a POST that carried an Idempotency-Key, replayed for 24 hours when
    the same user sends the same key again (a retried upload, capture or export makes one job)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_one_key_per_user")
        ]
