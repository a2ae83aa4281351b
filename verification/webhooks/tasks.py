from celery import shared_task

# Back-off between attempts: 30 s, 1, 2, 4, 8 minutes (services.MAX_ATTEMPTS attempts in all).
BACKOFF_SECONDS = 30


@shared_task(name="webhooks.deliver", bind=True, max_retries=None, acks_late=True)
def webhook_deliver_task(self, delivery_id: int) -> None:
    from verification.webhooks import services

    try:
        services.webhook_deliver(delivery_id=delivery_id)
    except services.DeliveryRetry as exc:
        raise self.retry(countdown=BACKOFF_SECONDS * 2 ** (self.request.retries or 0)) from exc
