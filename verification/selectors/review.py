"""Reads for the review workflow: queues with their filters and counts, the claim page section,
comments, history and notifications. Every join lives here, so views cannot cause N+1 queries.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from claims import permissions
from claims.models import AuditEvent, Claim, ClaimState
from claims.roles import Role
from verification import workflow
from verification.models import Comment, DismissReason, Evidence, Notification, Rating, Verdict
from verification.reports.formatting import render_markdown

User = get_user_model()

RESEARCH_STATES = (ClaimState.IN_RESEARCH, ClaimState.RETURNED)

QUEUES = {
    "new": "New (to triage)",
    "mine": "My queue",
    "unassigned": "Unassigned",
    "awaiting": "Awaiting approval",
    "returned": "Returned to me",
    "dismissed": "Dismissed",
    "all": "All claims",
}

# What a list row needs, and no more: the letter text and the claim's JSON lists stay behind.
LIST_FIELDS = (
    "id",
    "letter",
    "quote",
    "kind",
    "claim_type",
    "event_date",
    "places",
    "state",
    "version",
    "assignee",
    "due_date",
    "score",
    "updated_at",
    "letter__symbol",
    "letter__sender",
    "assignee__username",
)


@dataclass(frozen=True)
class ClaimFilter:
    queue: str = "all"
    letter: int | str | None = None  # an id, or a UN symbol such as S/2025/470
    sender: str = ""
    kind: str = ""
    claim_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    place: str = ""
    assignee: str = ""  # a user id, or "none"
    state: str = ""
    q: str = ""

    @classmethod
    def from_params(cls, params, *, strict: bool = False) -> ClaimFilter:
        """Build from query parameters through the one claim filter language
        (verification.filters.ClaimFilterSet). strict (the API): a value that cannot be read is a
        400 naming the parameter; otherwise (the pages) it is dropped, as if not given."""
        from verification.filters import ClaimFilterSet, present

        values = present(ClaimFilterSet.values(params, strict=strict))
        if "type" in values:
            values["claim_type"] = values.pop("type")
        if str(values.get("letter", "")).isdigit():
            values["letter"] = int(values["letter"])
        return cls(**values)

    def as_params(self) -> dict[str, str]:
        out = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value not in (None, "") and not (item.name == "queue" and value == "all"):
                out["type" if item.name == "claim_type" else item.name] = str(value)
        return out

    def with_queue(self, queue: str) -> ClaimFilter:
        return replace(self, queue=queue)


def _queue_q(queue: str, user) -> Q:
    match queue:
        case "new":
            return Q(state=ClaimState.NEW)
        case "mine":
            return Q(assignee_id=user.pk, state__in=RESEARCH_STATES)
        case "unassigned":
            return Q(state=ClaimState.QUEUED)
        case "awaiting":
            return Q(state=ClaimState.PROPOSED)
        case "returned":
            return Q(assignee_id=user.pk, state=ClaimState.RETURNED)
        case "dismissed":
            return Q(state=ClaimState.DISMISSED)
    return Q()


def claim_list(filters: ClaimFilter, user) -> QuerySet[Claim]:
    """Live claims matching a queue and filters, ordered most recently changed first."""
    claims = Claim.objects.live().filter(_queue_q(filters.queue, user))
    if isinstance(filters.letter, int):
        claims = claims.filter(letter_id=filters.letter)
    elif filters.letter:
        symbol = filters.letter
        claims = claims.filter(
            Q(letter__symbol__iexact=symbol) | Q(letter__symbols__icontains=symbol)
        )
    if filters.sender:
        claims = claims.filter(letter__sender__icontains=filters.sender)
    if filters.kind:
        claims = claims.filter(kind=filters.kind)
    if filters.claim_type:
        claims = claims.filter(claim_type=filters.claim_type)
    if filters.date_from:
        claims = claims.filter(event_date__gte=filters.date_from)
    if filters.date_to:
        claims = claims.filter(event_date__lte=filters.date_to)
    if filters.place:
        claims = claims.filter(search_text__contains=filters.place.lower())
    if filters.assignee == "none":
        claims = claims.filter(assignee__isnull=True)
    elif filters.assignee:
        claims = claims.filter(assignee_id=int(filters.assignee))
    if filters.state:
        claims = claims.filter(state=filters.state)
    if filters.q:
        # search_text is stored lower-cased, so a plain LIKE serves on every database.
        claims = claims.filter(search_text__contains=filters.q.lower())
    return claims.order_by("-updated_at", "-id")


def claim_list_rows(filters: ClaimFilter, user) -> QuerySet[Claim]:
    """claim_list with the joins and the narrow column set a list page or the API needs."""
    return claim_list(filters, user).select_related("letter", "assignee").only(*LIST_FIELDS)


def queue_counts(user) -> dict[str, int]:
    """How many claims wait in each queue, for this user, in one query."""
    spec = {name: Count("id", filter=_queue_q(name, user)) for name in QUEUES if name != "all"}
    return Claim.objects.live().aggregate(**spec)


def workload_by_person() -> list[dict]:
    """Per person: claims in research, returned and awaiting approval (one query)."""
    return list(
        Claim.objects.live()
        .filter(
            assignee__isnull=False,
            state__in=[*RESEARCH_STATES, ClaimState.PROPOSED],
        )
        .values("assignee_id", "assignee__username")
        .annotate(
            in_research=Count("id", filter=Q(state=ClaimState.IN_RESEARCH)),
            returned=Count("id", filter=Q(state=ClaimState.RETURNED)),
            proposed=Count("id", filter=Q(state=ClaimState.PROPOSED)),
        )
        .order_by("assignee__username")
    )


def researchers() -> QuerySet:
    """People a claim can be assigned to: active fact-checkers, editors and admins."""
    return (
        User.objects.filter(
            Q(groups__name__in=[Role.FACT_CHECKER, Role.EDITOR, Role.ADMIN]) | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("username")
        .only("id", "username", "first_name", "last_name")
    )


def allowed_actions(claim: Claim, user) -> list[str]:
    attempt = workflow.Attempt(
        action=workflow.Action.TRIAGE,
        state=workflow.State(claim.state),
        roles=permissions.user_roles(user),
        actor_id=user.pk,
        assignee_id=claim.assignee_id,
        proposer_id=claim.proposed_by_id,
    )
    return [action.value for action in workflow.allowed_actions(attempt)]


# ---- comments, history, notifications -------------------------------------------------------


def claim_comments(claim_id: int) -> QuerySet[Comment]:
    return (
        Comment.objects.live()
        .filter(claim_id=claim_id)
        .select_related("author")
        .order_by("created_at", "id")
    )


def with_html(comments) -> list[Comment]:
    rows = list(comments)
    for comment in rows:
        comment.html = render_markdown(comment.body)
    return rows


def claim_history(claim_id: int) -> QuerySet[AuditEvent]:
    """Every audited change to the claim and its review work, oldest first (newest last)."""
    return AuditEvent.objects.filter(claim_id=claim_id).select_related("actor").order_by("at", "id")


def with_changes(events) -> list[AuditEvent]:
    """Attach `changes`: (field, before, after) for each value that changed, for the timeline."""
    rows = list(events)
    for event in rows:
        before, after = event.before or {}, event.after or {}
        event.changes = [
            (key, before.get(key), after.get(key))
            for key in dict.fromkeys([*before, *after])
            if before.get(key) != after.get(key)
        ]
    return rows


def notification_list(user) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user=user)
        .select_related("actor", "claim")
        .only(
            "id",
            "kind",
            "message",
            "created_at",
            "read_at",
            "claim_id",
            "actor__username",
            "claim__quote",
        )
        .order_by("-created_at", "-id")
    )


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# ---- triage walk -----------------------------------------------------------------------------


def triage_claims(filters: ClaimFilter, user) -> QuerySet[Claim]:
    """The new claims a triage session walks, in reading order (letter, then position)."""
    return (
        claim_list(filters.with_queue("new"), user)
        .select_related("letter", "assignee")
        .order_by("letter_id", "start", "id")
    )


@dataclass(frozen=True)
class TriageStep:
    claim: Claim | None
    index: int
    total: int


def triage_step(filters: ClaimFilter, user, index: int) -> TriageStep:
    claims = triage_claims(filters, user)
    total = claims.count()
    index = max(0, min(index, total - 1)) if total else 0
    claim = claims[index] if total else None
    return TriageStep(claim=claim, index=index, total=total)


# ---- the claim page section ------------------------------------------------------------------


def review_context(claim: Claim, user) -> dict:
    """Context for verification/_claim_review.html on the claim page."""
    actions = allowed_actions(claim, user)
    context = {
        "review_actions": actions,
        "review_dismiss_reasons": DismissReason.choices,
        "review_comments": with_html(claim_comments(claim.pk)),
        "review_history": with_changes(claim_history(claim.pk)),
        "review_can_comment": permissions.can_research(user),
        "review_verdict": Verdict.objects.filter(claim=claim)
        .select_related("proposed_by", "decided_by")
        .order_by("-id")
        .first(),
    }
    if "assign" in actions:
        context["review_researchers"] = list(researchers())
    if "propose" in actions:
        context["review_ratings"] = list(Rating.objects.filter(is_active=True))
        context["review_evidence"] = list(
            Evidence.objects.live().filter(claim=claim).select_related("source")
        )
    return context
