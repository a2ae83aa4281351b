"""Thin Celery tasks: take ids, call one service, retry only transient errors."""

from celery import shared_task
from django.db import OperationalError

from claims import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def letter_process_task(letter_id: int) -> None:
    services.letter_process(letter_id=letter_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def claims_embed_task(claim_ids: list[int]) -> None:
    from claims import matching_services

    matching_services.claims_embed(claim_ids=claim_ids)
