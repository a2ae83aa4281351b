"""Thin Celery task for matching: record similar claims and incidents for newly embedded claims.

Dispatched by name from claims.matching_services (the claims app never imports this module);
registered in every process by VerificationConfig.ready().
"""

from celery import shared_task
from django.db import OperationalError

from verification.services import matching


@shared_task(
    name="verification.matching_tasks.claims_match_task",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def claims_match_task(claim_ids: list[int]) -> None:
    matching.claims_match(claim_ids=claim_ids)
