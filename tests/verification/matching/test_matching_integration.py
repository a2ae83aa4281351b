"""Matching with the packaged sentence model, and through a real Celery worker."""

from datetime import date
from pathlib import Path

import pytest

from claims import matching, matching_services, tasks
from claims.models import ClaimEmbedding
from tests.conftest import wait_for
from verification.models import ClaimMatch, Incident

from .conftest import make_claim, make_letter

needs_model = pytest.mark.skipif(
    not matching.semantic_model_installed(),
    reason="the `semantic` extra (packaged all-MiniLM-L6-v2) is not installed",
)


@needs_model
@pytest.mark.django_db
def test_a_paraphrase_is_suggested_by_the_sentence_model(
    monkeypatch, django_capture_on_commit_callbacks
):
    model = matching.default_embedder()
    if not model.semantic:
        pytest.skip("CLAIM_MATCHING_EMBEDDER forces the lexical fallback")
    monkeypatch.setattr(matching_services, "embedder", lambda: model)
    first = make_letter(
        "S/2024/200", "Ukraine", "Russian shelling killed four civilians in Kherson."
    )
    second = make_letter(
        "S/2024/201",
        "Ukraine",
        "Four residents of Kherson died under artillery fire by Russian troops.",
    )
    a = make_claim(first, event_date=date(2024, 4, 2), places=["Kherson"])
    b = make_claim(second, event_date=date(2024, 4, 2), places=["Kherson"])
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.claims_embed(claim_ids=[a.pk, b.pk])
    assert ClaimEmbedding.objects.filter(model_name=model.name).count() == 2
    match = ClaimMatch.objects.get(claim_a=a, claim_b=b)
    assert match.status in ("suggested", "linked")
    assert match.score >= matching_services.thresholds().suggest


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_embeds_then_runs_the_matching_task_by_name(celery_worker_process, settings):
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    for folder in ("data_folder_in", "processed_folder"):  # filesystem broker: before the worker
        if folder in options:
            Path(options[folder]).mkdir(parents=True, exist_ok=True)
    first = make_letter(
        "S/2024/300", "Ukraine", "Missiles struck the railway station in Lviv on 9 May 2024."
    )
    twin = make_letter(
        "S/2024/301", "Ukraine", "Missiles struck the railway station in Lviv on 9 May 2024.",
        identical_to=first,
    )  # fmt: skip
    a = make_claim(first, places=["Lviv"], event_date=date(2024, 5, 9))
    b = make_claim(twin, places=["Lviv"], event_date=date(2024, 5, 9))
    tasks.claims_embed_task.delay([a.pk, b.pk])
    match = wait_for(lambda: ClaimMatch.objects.filter(claim_a=a, claim_b=b).first(), timeout=120)
    assert match.status == "linked"
    incident = wait_for(lambda: Incident.objects.filter(claims=a).first(), timeout=120)
    assert set(incident.claims.values_list("pk", flat=True)) == {a.pk, b.pk}
