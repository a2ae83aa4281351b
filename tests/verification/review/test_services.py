"""The review services: each action, its checks, its audit event and its side effects."""

import pytest

from claims.errors import BadInput, Conflict, Forbidden, NotFound
from claims.models import AuditEvent, Claim
from tests.factories import ClaimFactory, LetterFactory
from verification.models import Comment, Notification, Rating, Verdict
from verification.reports.formatting import render_markdown
from verification.selectors import review as selectors
from verification.services import comments
from verification.services import review as services
from verification.services import review_dispatch as dispatch
from verification.services.review import VerdictInput

from .builders import propose_verdict

pytestmark = pytest.mark.django_db


def _rating():
    return Rating.objects.filter(is_active=True).first()


def _transitions(claim):
    return list(
        AuditEvent.objects.filter(claim=claim, action__startswith="claim.").values_list(
            "action", flat=True
        )
    )


def test_a_claim_goes_from_new_to_approved_with_one_audit_row_per_step(
    fact_checker, editor, editor2
):
    claim = ClaimFactory()
    services.claim_triage(claim_id=claim.pk, actor=fact_checker)
    services.claim_take(claim_id=claim.pk, actor=fact_checker)
    services.claim_propose(
        claim_id=claim.pk,
        actor=fact_checker,
        verdict=VerdictInput(rating_id=_rating().pk, rationale="Two sources agree."),
    )
    services.claim_return(claim_id=claim.pk, actor=editor, reason="Cite the UN report.")
    services.claim_propose(
        claim_id=claim.pk,
        actor=fact_checker,
        verdict=VerdictInput(rating_id=_rating().pk, rationale="Now with the report."),
    )
    done = services.claim_approve(claim_id=claim.pk, actor=editor2)
    assert done.state == "approved"
    assert done.version == 7
    assert _transitions(claim) == [
        "claim.triage",
        "claim.take",
        "claim.propose",
        "claim.return",
        "claim.propose",
        "claim.approve",
    ]
    statuses = list(Verdict.objects.filter(claim=claim).values_list("status", flat=True))
    assert statuses == ["returned", "approved"]
    approved = Verdict.objects.get(status="approved")
    assert approved.decided_by == editor2 and approved.decided_at is not None


def test_audit_event_records_state_and_assignee_before_and_after(fact_checker):
    claim = ClaimFactory(state="queued")
    services.claim_take(claim_id=claim.pk, actor=fact_checker)
    event = AuditEvent.objects.get(claim=claim, action="claim.take")
    assert event.actor == fact_checker
    assert event.before["state"] == "queued" and event.before["assignee"] is None
    assert event.after["state"] == "in_research" and event.after["assignee"] == fact_checker.pk


def test_dismiss_needs_a_known_reason(fact_checker):
    claim = ClaimFactory()
    with pytest.raises(BadInput):
        services.claim_dismiss(claim_id=claim.pk, actor=fact_checker, reason="")
    with pytest.raises(BadInput):
        services.claim_dismiss(claim_id=claim.pk, actor=fact_checker, reason="boring")
    done = services.claim_dismiss(claim_id=claim.pk, actor=fact_checker, reason="out_of_scope")
    assert done.state == "dismissed" and done.dismiss_reason == "out_of_scope"


def test_dismissing_as_duplicate_names_an_existing_other_claim(fact_checker):
    original, claim = ClaimFactory(), ClaimFactory()
    with pytest.raises(BadInput):
        services.claim_dismiss(claim_id=claim.pk, actor=fact_checker, reason="duplicate")
    with pytest.raises(BadInput):
        services.claim_dismiss(
            claim_id=claim.pk, actor=fact_checker, reason="duplicate", duplicate_of=claim.pk
        )
    done = services.claim_dismiss(
        claim_id=claim.pk, actor=fact_checker, reason="duplicate", duplicate_of=original.pk
    )
    assert done.duplicate_of_id == original.pk


def test_restore_brings_a_dismissed_claim_back_to_new_and_clears_the_reason(fact_checker):
    claim = ClaimFactory(state="dismissed", dismiss_reason="out_of_scope")
    done = services.claim_restore(claim_id=claim.pk, actor=fact_checker)
    assert done.state == "new" and done.dismiss_reason == ""


def test_editor_assigns_to_a_fact_checker_with_a_due_date_and_they_are_notified(
    editor, fact_checker
):
    claim = ClaimFactory(state="queued")
    done = services.claim_assign(
        claim_id=claim.pk, actor=editor, assignee=fact_checker.pk, due_date=None
    )
    assert done.assignee == fact_checker and done.state == "in_research"
    assert Notification.objects.filter(user=fact_checker, kind="assigned").count() == 1


def test_claims_cannot_be_assigned_to_an_observer_or_outsider(editor, observer, outsider):
    claim = ClaimFactory(state="queued")
    for person in (observer, outsider):
        with pytest.raises(BadInput):
            services.claim_assign(claim_id=claim.pk, actor=editor, assignee=person.pk)
    with pytest.raises(BadInput):
        services.claim_assign(claim_id=claim.pk, actor=editor, assignee=None)


def test_fact_checker_cannot_assign(fact_checker, fact_checker2):
    claim = ClaimFactory(state="queued")
    with pytest.raises(Forbidden):
        services.claim_assign(claim_id=claim.pk, actor=fact_checker, assignee=fact_checker2.pk)


def test_only_the_assignee_or_an_editor_may_propose(fact_checker, fact_checker2):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    verdict = VerdictInput(rating_id=_rating().pk, rationale="x")
    with pytest.raises(Forbidden):
        services.claim_propose(claim_id=claim.pk, actor=fact_checker2, verdict=verdict)


@pytest.mark.parametrize(
    "verdict, message",
    [
        (VerdictInput(rating_id=None, rationale="x"), "rating"),
        (VerdictInput(rating_id=1, rationale="  "), "rationale"),
        (VerdictInput(rating_id=1, rationale="x", killed_min=5, killed_max=2), "minimum"),
        (VerdictInput(rating_id=1, rationale="x", evidence_ids=(999999,)), "evidence"),
    ],
)
def test_a_proposal_is_refused_with_a_reason_and_nothing_is_written(fact_checker, verdict, message):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    verdict = VerdictInput(**{**verdict.__dict__, "rating_id": verdict.rating_id and _rating().pk})
    with pytest.raises(BadInput, match=message):
        services.claim_propose(claim_id=claim.pk, actor=fact_checker, verdict=verdict)
    claim.refresh_from_db()
    assert claim.state == "in_research" and claim.version == 1
    assert not Verdict.objects.exists() and not AuditEvent.objects.exists()


def test_inactive_rating_cannot_be_proposed(fact_checker):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    rating = _rating()
    rating.is_active = False
    rating.save()
    with pytest.raises(BadInput):
        services.claim_propose(
            claim_id=claim.pk,
            actor=fact_checker,
            verdict=VerdictInput(rating_id=rating.pk, rationale="x"),
        )


def test_editor_cannot_approve_own_verdict(editor):
    claim = ClaimFactory(state="in_research", assignee=editor)
    services.claim_propose(
        claim_id=claim.pk, actor=editor, verdict=VerdictInput(rating_id=_rating().pk, rationale="x")
    )
    with pytest.raises(Forbidden, match="Four eyes"):
        services.claim_approve(claim_id=claim.pk, actor=editor)
    assert Claim.objects.get(pk=claim.pk).state == "proposed"


def test_return_needs_a_comment_which_joins_the_thread_and_notifies_the_assignee(
    fact_checker, editor
):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    propose_verdict(claim, fact_checker)
    with pytest.raises(BadInput):
        services.claim_return(claim_id=claim.pk, actor=editor, reason=" ")
    services.claim_return(claim_id=claim.pk, actor=editor, reason="Where is the map?")
    comment = Comment.objects.get(claim=claim)
    assert "Where is the map?" in comment.body and comment.author == editor
    verdict = Verdict.objects.get(claim=claim)
    assert verdict.status == "returned" and verdict.decision_comment == "Where is the map?"
    assert Notification.objects.filter(user=fact_checker, kind="returned").exists()


def test_reopen_supersedes_the_approved_verdict_and_keeps_it(fact_checker, editor):
    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    propose_verdict(claim, fact_checker)
    services.claim_approve(claim_id=claim.pk, actor=editor)
    with pytest.raises(BadInput):
        services.claim_reopen(claim_id=claim.pk, actor=editor)
    done = services.claim_reopen(claim_id=claim.pk, actor=editor, reason="New evidence")
    assert done.state == "in_research"
    assert list(Verdict.objects.values_list("status", flat=True)) == ["superseded"]
    assert AuditEvent.objects.get(action="claim.reopen").note == "New evidence"


def test_a_stale_version_is_a_conflict_that_names_the_current_state(fact_checker):
    claim = ClaimFactory(state="new")
    services.claim_triage(claim_id=claim.pk, actor=fact_checker)
    with pytest.raises(Conflict, match="it is now queued for research"):
        services.claim_take(claim_id=claim.pk, actor=fact_checker, expected_version=1)


def test_an_invalid_transition_is_a_conflict(editor):
    claim = ClaimFactory(state="new")
    with pytest.raises(Conflict):
        services.claim_approve(claim_id=claim.pk, actor=editor)


def test_a_deleted_claim_is_not_found(editor):
    claim = ClaimFactory(is_deleted=True)
    with pytest.raises(NotFound):
        services.claim_triage(claim_id=claim.pk, actor=editor)


def test_unknown_action_name_is_not_found(editor):
    claim = ClaimFactory()
    with pytest.raises(NotFound):
        dispatch.claim_act(claim_id=claim.pk, action="explode", actor=editor, data={})


# ---- bulk -------------------------------------------------------------------------------------


def test_bulk_triage_of_a_selection_skips_and_counts_claims_in_other_states(editor):
    fresh = [ClaimFactory() for _ in range(3)]
    queued = ClaimFactory(state="queued")
    outcome = dispatch.claims_bulk_action(
        actor=editor, action="triage", claim_ids=[c.pk for c in [*fresh, queued]]
    )
    assert (outcome.done, outcome.skipped, outcome.skipped_ids) == (3, 1, [queued.pk])
    assert AuditEvent.objects.filter(action="claim.triage").count() == 3


def test_bulk_dismiss_acts_on_a_whole_filter_beyond_one_page(editor):

    letter = LetterFactory()
    for _ in range(60):
        ClaimFactory(letter=letter)
    other = ClaimFactory()
    filters = selectors.ClaimFilter(queue="new", letter=letter.pk)
    outcome = dispatch.claims_bulk_action(
        actor=editor, action="dismiss", filters=filters, reason="not_check_worthy"
    )
    assert outcome.done == 60
    assert Claim.objects.filter(letter=letter, state="dismissed").count() == 60
    assert Claim.objects.get(pk=other.pk).state == "new"


def test_bulk_is_for_editors_only_and_dismissal_needs_a_reason(fact_checker, editor):
    claim = ClaimFactory()
    with pytest.raises(Forbidden):
        dispatch.claims_bulk_action(actor=fact_checker, action="triage", claim_ids=[claim.pk])
    with pytest.raises(BadInput):
        dispatch.claims_bulk_action(actor=editor, action="dismiss", claim_ids=[claim.pk])
    with pytest.raises(BadInput):
        dispatch.claims_bulk_action(actor=editor, action="delete", claim_ids=[claim.pk])


# ---- comments and notifications -------------------------------------------------------------


def test_mentions_notify_the_people_named_once_each(fact_checker, editor, outsider):
    claim = ClaimFactory()
    comments.comment_create(
        claim_id=claim.pk,
        body=f"@{editor.username} please look; cc @{editor.username} @{outsider.username} @nobody",
        actor=fact_checker,
    )
    assert list(Notification.objects.values_list("user__username", "kind")) == [
        (editor.username, "mention")
    ]


def test_comment_is_audited_and_observers_cannot_post(fact_checker, observer):
    claim = ClaimFactory()
    comment = comments.comment_create(claim_id=claim.pk, body="Looks right", actor=fact_checker)
    assert AuditEvent.objects.get(action="comment.created").target_id == comment.pk
    with pytest.raises(Forbidden):
        comments.comment_create(claim_id=claim.pk, body="hi", actor=observer)
    with pytest.raises(BadInput):
        comments.comment_create(claim_id=claim.pk, body="   ", actor=fact_checker)


def test_comment_markdown_is_rendered_without_scripts():
    html = render_markdown(
        "**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_soft_deleted_comment_leaves_the_thread_but_not_the_audit(fact_checker, editor):
    claim = ClaimFactory()
    comment = comments.comment_create(claim_id=claim.pk, body="typo", actor=fact_checker)
    with pytest.raises(Forbidden):
        comments.comment_delete(comment_id=comment.pk, actor=editor)
    comments.comment_delete(comment_id=comment.pk, actor=fact_checker)
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert list(selectors.claim_comments(claim.pk)) == []


def test_only_the_owner_marks_a_notification_read(fact_checker, editor):
    claim = ClaimFactory()
    note = Notification.objects.create(user=editor, claim=claim, kind="mention", message="m")
    with pytest.raises(NotFound):
        comments.notification_mark_read(notification_id=note.pk, actor=fact_checker)
    assert comments.notification_mark_read(notification_id=note.pk, actor=editor).read_at


def test_role_is_checked_before_the_input_so_a_low_role_learns_nothing(fact_checker):
    claim = ClaimFactory(state="queued")
    with pytest.raises(Forbidden):
        services.claim_assign(claim_id=claim.pk, actor=fact_checker, assignee=999_999)
