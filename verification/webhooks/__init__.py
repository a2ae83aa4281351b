"""Outgoing webhooks: an admin registers URLs that receive signed JSON events (claims/events.py
lists them), delivered by Celery with retries, through the capture fetcher's address checks."""
