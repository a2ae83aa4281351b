"""Similar claims across letters, matches decided by people, incidents grouped, split, merged."""

import pytest

from claims import matching_services, tasks
from claims.errors import BadInput, Conflict, Forbidden, NotFound
from claims.models import AuditEvent, ClaimEmbedding
from verification.models import ClaimMatch, Incident, MatchStatus
from verification.services import matching as services

from .conftest import make_claim, make_letter

pytestmark = pytest.mark.django_db


def _match(a, b) -> ClaimMatch:
    low, high = sorted((a.pk, b.pk))
    return ClaimMatch.objects.get(claim_a_id=low, claim_b_id=high)


def test_claims_of_identical_letters_are_linked(matched):
    match = _match(matched.original, matched.identical)
    assert match.status == MatchStatus.LINKED
    assert "identical letters" in match.reasons


def test_identical_letters_stay_linked_even_above_any_threshold(
    scenario, settings, django_capture_on_commit_callbacks
):
    settings.WORKBENCH_MATCH_SUGGEST = 0.99
    settings.WORKBENCH_MATCH_LINK = 1.01
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.claims_embed(claim_ids=scenario.ids)
    assert _match(scenario.original, scenario.identical).status == MatchStatus.LINKED
    assert not ClaimMatch.objects.filter(claim_a=scenario.reply).exists()
    assert not ClaimMatch.objects.filter(claim_b=scenario.reply).exists()


def test_the_accused_states_reply_is_suggested_with_reasons(matched):
    match = _match(matched.original, matched.reply)
    assert match.status == MatchStatus.SUGGESTED
    assert {"same date", "same place"} <= set(match.reasons)
    limits = matching_services.thresholds()
    assert limits.suggest <= match.score < limits.link


def test_the_strike_and_the_reply_are_grouped_into_one_incident_across_senders(matched):
    incident = Incident.objects.get()
    members = set(incident.claims.values_list("pk", flat=True))
    assert members == {matched.original.pk, matched.identical.pk, matched.reply.pk}
    assert incident.event_date.isoformat() == "2024-03-05"
    assert "Kharkiv" in incident.title and "Kharkiv" in incident.places
    assert AuditEvent.objects.filter(action="incident.created", target_id=incident.pk).exists()


def test_an_unrelated_claim_is_neither_matched_nor_grouped(matched):
    unrelated = matched.unrelated.pk
    assert not ClaimMatch.objects.filter(claim_a_id=unrelated).exists()
    assert not ClaimMatch.objects.filter(claim_b_id=unrelated).exists()
    assert not Incident.objects.filter(claims=unrelated).exists()


def test_similar_claims_are_ranked_best_first_with_the_reasons(matched):
    similar = matching_services.claim_similar(claim_id=matched.original.pk)
    assert [item.claim_id for item in similar] == [matched.identical.pk, matched.reply.pk]
    assert "same wording" in similar[0].reasons
    assert similar[0].score > similar[1].score


def test_embedding_task_is_idempotent(scenario, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as first:
        tasks.claims_embed_task(scenario.ids)
    stored = dict(ClaimEmbedding.objects.values_list("claim_id", "vector"))
    matches = list(ClaimMatch.objects.values_list("claim_a", "claim_b", "status"))
    with django_capture_on_commit_callbacks(execute=True) as second:
        tasks.claims_embed_task(scenario.ids)
    assert len(first) == 1 and second == []  # matching is asked for once
    assert {k: bytes(v) for k, v in stored.items()} == {
        k: bytes(v) for k, v in ClaimEmbedding.objects.values_list("claim_id", "vector")
    }
    assert len(stored) == 4
    assert list(ClaimMatch.objects.values_list("claim_a", "claim_b", "status")) == matches


def test_matching_twice_changes_nothing(matched):
    before = list(ClaimMatch.objects.order_by("id").values_list("status", "score"))
    services.claims_match(claim_ids=matched.ids)
    assert list(ClaimMatch.objects.order_by("id").values_list("status", "score")) == before
    assert Incident.objects.count() == 1


def test_the_index_grows_incrementally_with_new_embeddings(
    matched, django_capture_on_commit_callbacks
):
    index = matching_services.matching_index()
    assert len(index) == 4
    letter = make_letter(
        "S/2024/130", "Ukraine", "Kharkiv hospital struck again. " + matched.original.quote
    )
    late = make_claim(letter, matched.original.quote)
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.claims_embed(claim_ids=[late.pk])
    assert matching_services.matching_index() is index and late.pk in index
    assert _match(matched.original, late).status == MatchStatus.LINKED
    assert late.pk in set(Incident.objects.get().claims.values_list("pk", flat=True))


def test_a_soft_deleted_claim_drops_out_of_similar_claims(matched):
    matched.reply.is_deleted = True
    matched.reply.save()
    similar = matching_services.claim_similar(claim_id=matched.original.pk)
    assert matched.reply.pk not in [item.claim_id for item in similar]
    assert matched.reply.pk not in matching_services.matching_index()


def test_confirm_and_reject_are_audited(matched, fact_checker):
    match = _match(matched.original, matched.reply)
    services.match_confirm(match_id=match.pk, actor=fact_checker, note="same strike")
    match.refresh_from_db()
    assert (match.status, match.decided_by) == (MatchStatus.CONFIRMED, fact_checker)
    services.match_reject(match_id=match.pk, actor=fact_checker)
    events = AuditEvent.objects.filter(
        target_type="claimmatch", target_id=match.pk, actor=fact_checker
    )
    assert list(events.values_list("action", flat=True).distinct().order_by("action")) == [
        "match.confirmed",
        "match.rejected",
    ]
    confirmed = events.filter(action="match.confirmed")
    assert {e.claim_id for e in confirmed} == {matched.original.pk, matched.reply.pk}
    assert (
        confirmed.first().before == {"status": "suggested"}
        and confirmed.first().note == "same strike"
    )


def test_deciding_the_same_way_twice_is_a_conflict(matched, fact_checker):
    match = _match(matched.original, matched.reply)
    services.match_reject(match_id=match.pk, actor=fact_checker)
    with pytest.raises(Conflict):
        services.match_reject(match_id=match.pk, actor=fact_checker)


def test_the_machine_never_overwrites_a_rejection(matched, fact_checker):
    match = _match(matched.original, matched.identical)
    services.match_reject(match_id=match.pk, actor=fact_checker)
    services.claims_match(claim_ids=matched.ids)
    match.refresh_from_db()
    assert match.status == MatchStatus.REJECTED


def test_observers_cannot_decide_and_outsiders_learn_nothing(matched, observer, outsider):
    match = _match(matched.original, matched.reply)
    with pytest.raises(Forbidden):
        services.match_confirm(match_id=match.pk, actor=observer)
    with pytest.raises(NotFound):
        services.match_confirm(match_id=match.pk, actor=outsider)
    with pytest.raises(NotFound):
        services.match_confirm(match_id=999_999, actor=outsider)


def test_splitting_an_incident_moves_claims_and_is_audited(matched, fact_checker):
    incident = Incident.objects.get()
    new = services.incident_split(
        incident_id=incident.pk, claim_ids=[matched.reply.pk], actor=fact_checker
    )
    assert list(new.claims.values_list("pk", flat=True)) == [matched.reply.pk]
    assert matched.reply.pk not in incident.claims.values_list("pk", flat=True)
    assert AuditEvent.objects.filter(
        action="incident.split", target_id=incident.pk, actor=fact_checker
    ).exists()
    # The grouper respects the split: re-running matching moves nothing back.
    services.claims_match(claim_ids=matched.ids)
    assert list(new.claims.values_list("pk", flat=True)) == [matched.reply.pk]
    assert Incident.objects.filter(is_deleted=False).count() == 2


@pytest.mark.parametrize(
    "choice",
    ["none", "foreign", "all"],
)
def test_a_split_needs_some_but_not_all_of_the_incidents_claims(matched, fact_checker, choice):
    incident = Incident.objects.get()
    ids = {
        "none": [],
        "foreign": [matched.unrelated.pk],
        "all": list(incident.claims.values_list("pk", flat=True)),
    }[choice]
    with pytest.raises(BadInput):
        services.incident_split(incident_id=incident.pk, claim_ids=ids, actor=fact_checker)
    assert Incident.objects.count() == 1 and incident.claims.count() == 3


def test_merging_incidents_keeps_the_others_marked_deleted(matched, fact_checker):
    incident = Incident.objects.get()
    new = services.incident_split(
        incident_id=incident.pk, claim_ids=[matched.reply.pk], actor=fact_checker
    )
    merged = services.incident_merge(incident_ids=[incident.pk, new.pk], actor=fact_checker)
    assert merged.pk == incident.pk and merged.claims.count() == 3
    new.refresh_from_db()
    assert new.is_deleted
    assert AuditEvent.objects.filter(action="incident.merged", target_id=incident.pk).exists()
    with pytest.raises(NotFound):
        services.incident_merge(incident_ids=[incident.pk, new.pk], actor=fact_checker)
    with pytest.raises(BadInput):
        services.incident_merge(incident_ids=[incident.pk], actor=fact_checker)


def test_general_claims_are_matched_but_not_grouped(scenario, django_capture_on_commit_callbacks):
    letter = make_letter("S/2024/140", "Ukraine", "General: " + scenario.original.quote)
    general = make_claim(letter, scenario.original.quote, kind="general")
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.claims_embed(claim_ids=[*scenario.ids, general.pk])
    assert _match(scenario.original, general).status == MatchStatus.LINKED
    assert not Incident.objects.filter(claims=general).exists()


def test_the_backfill_command_embeds_what_is_missing_and_matches_it(scenario):
    from django.core.management import call_command

    call_command("match_claims", verbosity=0)
    assert ClaimEmbedding.objects.count() == 4
    assert _match(scenario.original, scenario.identical).status == MatchStatus.LINKED
    assert Incident.objects.count() == 1
    call_command("match_claims", verbosity=0)  # nothing left to do: nothing changes
    assert ClaimEmbedding.objects.count() == 4 and Incident.objects.count() == 1
