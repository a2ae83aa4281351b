"""Celery tasks of the claims app: take ids, call one service (imported inside the task, so
services may import this module without a cycle). Policy: claims.task_policy."""

from claims.task_policy import workbench_task


@workbench_task(bind=True)
def letter_process_task(self, letter_id: int) -> None:
    from claims.services import letters

    letters.letter_process(letter_id=letter_id, worker=self.request.hostname or "")


@workbench_task()
def claims_embed_task(claim_ids: list[int]) -> None:
    from claims import matching_services

    matching_services.claims_embed(claim_ids=claim_ids)
