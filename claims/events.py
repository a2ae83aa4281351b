"""Domain events for the outside world (webhooks), without claims importing verification.

Services call `emit("letter.processed", {...})` inside their transaction, and each subscriber
is called there and then: the webhooks app (subscribed in its AppConfig.ready) writes its
delivery rows in the same transaction, an outbox that commits or rolls back with the change, and
sends them after commit. A plain registry, not Django signals: the call sites are explicit and
the list of events is below.
"""

from __future__ import annotations

from collections.abc import Callable

EVENTS = {
    "letter.processed": "A letter was read and its claims extracted.",
    "verdict.proposed": "A fact-checker proposed a verdict; it awaits an editor.",
    "verdict.approved": "An editor approved a verdict.",
    "export.ready": "A report finished and can be downloaded.",
}

Subscriber = Callable[[str, dict], object]
_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> None:
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def emit(event: str, data: dict) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    for subscriber in list(_subscribers):
        subscriber(event, data)
