"""Review work on claims: comments, sources and evidence, verdicts, exports, matches."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from claims.models import Claim, Letter, LiveQuerySet

User = settings.AUTH_USER_MODEL


class DismissReason(models.TextChoices):
    NOT_CHECK_WORTHY = "not_check_worthy", "Not check-worthy"
    DUPLICATE = "duplicate", "Duplicate of another claim"
    OUT_OF_SCOPE = "out_of_scope", "Out of scope"
    NOT_A_CLAIM = "not_a_claim", "Not a claim"


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    is_deleted = models.BooleanField(default=False)

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]


class Notification(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=32)
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]


class SourceKind(models.TextChoices):
    WEB_PAGE = "web_page", "Web page"
    DOCUMENT = "document", "Document"
    UN_DOCUMENT = "un_document", "UN document"
    NEWS = "news", "News report"
    NGO_REPORT = "ngo_report", "NGO or international-organisation report"
    OFFICIAL = "official", "Official statement"
    IMAGERY = "imagery", "Imagery or video"
    DATASET = "dataset", "Dataset"
    LETTER = "letter", "Letter in the workbench"
    OTHER = "other", "Other"


class Reliability(models.TextChoices):
    A = "A", "A – Completely reliable"
    B = "B", "B – Usually reliable"
    C = "C", "C – Fairly reliable"
    D = "D", "D – Not usually reliable"
    E = "E", "E – Unreliable"
    F = "F", "F – Reliability cannot be judged"


class Credibility(models.IntegerChoices):
    CONFIRMED = 1, "1 – Confirmed by independent sources"
    PROBABLY_TRUE = 2, "2 – Probably true"
    POSSIBLY_TRUE = 3, "3 – Possibly true"
    DOUBTFUL = 4, "4 – Doubtful"
    IMPROBABLE = 5, "5 – Improbable"
    CANNOT_JUDGE = 6, "6 – Truth cannot be judged"


class Stance(models.TextChoices):
    CORROBORATES = "corroborates", "Corroborates"
    CONTRADICTS = "contradicts", "Contradicts"
    CONTEXT = "context", "Adds context"
    MIXED = "mixed", "Mixed"


class Source(models.Model):
    """A reusable record of where evidence comes from (one report may bear on many claims)."""

    kind = models.CharField(max_length=16, choices=SourceKind.choices, db_index=True)
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=300, blank=True)
    author = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=32, blank=True)
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default="F")
    notes = models.TextField(blank=True)
    letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="as_sources"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_deleted = models.BooleanField(default=False)

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CaptureStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    CAPTURED = "captured", "Captured"
    FAILED = "failed", "Failed"


class SourceCapture(models.Model):
    """One preserved copy of a source: an entry in its chain of custody. Never overwritten."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="captures")
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=CaptureStatus.choices, default=CaptureStatus.PENDING
    )
    failure_reason = models.TextField(blank=True)
    retryable = models.BooleanField(default=False)
    requested_url = models.URLField(max_length=2000, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    file = models.FileField(upload_to="captures/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    media_type = models.CharField(max_length=128, blank=True)
    text = models.TextField(blank=True)
    captured_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]


class Evidence(models.Model):
    """How one source bears on one claim."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=16, choices=Stance.choices)
    credibility = models.PositiveSmallIntegerField(choices=Credibility.choices, default=6)
    excerpt = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    # For a letter source: the picked passage, as a span of that letter's text.
    passage_start = models.PositiveIntegerField(null=True, blank=True)
    passage_end = models.PositiveIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    is_deleted = models.BooleanField(default=False)

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source"],
                condition=Q(is_deleted=False),
                name="uniq_live_evidence_per_claim_source",
            )
        ]


class Rating(models.Model):
    """A step on the verdict scale; editable by admins. Verdicts copy the label they were given."""

    label = models.CharField(max_length=64, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    colour = models.CharField(max_length=7, default="#6e7781")
    value = models.SmallIntegerField(help_text="Numeric value used in ClaimReview (higher = truer)")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label


class VerdictStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"
    SUPERSEDED = "superseded", "Superseded"


class Verdict(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdicts")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    rating_label = models.CharField(max_length=64)
    rating_value = models.SmallIntegerField()
    rating_colour = models.CharField(max_length=7)
    rationale = models.TextField()
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="verdicts")
    assessed_killed_min = models.PositiveIntegerField(null=True, blank=True)
    assessed_killed_max = models.PositiveIntegerField(null=True, blank=True)
    assessed_injured_min = models.PositiveIntegerField(null=True, blank=True)
    assessed_injured_max = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=VerdictStatus.choices, default=VerdictStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["proposed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(status="proposed"),
                name="one_open_verdict_per_claim",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
                name="verdict_four_eyes",
            ),
        ]


class ExportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    HTML = "html", "HTML"
    CSV = "csv", "CSV"
    JSON = "json", "JSON"
    CLAIMREVIEW = "claimreview", "ClaimReview JSON-LD"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ExportJob(models.Model):
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    format = models.CharField(max_length=16, choices=ExportFormat.choices)
    scope = models.JSONField(default=dict, blank=True)
    scope_label = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=ExportStatus.choices, default="queued")
    progress = models.PositiveSmallIntegerField(default=0)
    claim_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    LINKED = "linked", "Linked automatically"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class ClaimMatch(models.Model):
    """Two claims that say the same thing; stored once with claim_a.id < claim_b.id."""

    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    claim_b = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=MatchStatus.choices)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim_a", "claim_b"], name="uniq_claim_match"),
            models.CheckConstraint(
                condition=Q(claim_a__lt=models.F("claim_b")), name="claim_match_ordered"
            ),
        ]


class Incident(models.Model):
    """One event that several claims (from several letters and senders) speak to."""

    title = models.CharField(max_length=300)
    event_date = models.DateField(null=True, blank=True, db_index=True)
    places = models.JSONField(default=list, blank=True)
    claims = models.ManyToManyField(Claim, related_name="incidents", blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_deleted = models.BooleanField(default=False)

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["-event_date", "-id"]


class Publication(models.Model):
    """An approved verdict published as a public, read-only fact-check page.

    The public address carries a random slug, never the claim id. Withdrawing keeps the row
    (the page then answers 410 Gone); at most one live publication per claim.
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="publications")
    verdict = models.ForeignKey(Verdict, on_delete=models.PROTECT, related_name="publications")
    slug = models.SlugField(max_length=32, unique=True)
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_live_publication_per_claim",
            )
        ]
