"""How many messages wait in the broker's queues, read from the broker itself.

Kombu answers a passive queue declaration with the queue's length for every transport we use:
on Redis it is the LLEN of the queue's list (summed over its priority lists), on the filesystem
transport the number of message files for that queue in the queue folder. Asking Kombu instead
of Redis or the folder directly keeps one code path for the embedded default and production.
"""

from __future__ import annotations

from celery import Celery


def queue_names(app: Celery) -> list[str]:
    """Every queue the workers consume: the default queue plus any declared in settings."""
    names = [app.conf.task_default_queue]
    for queue in app.conf.task_queues or ():
        name = getattr(queue, "name", queue)
        if name not in names:
            names.append(name)
    return names


def queue_depths(app: Celery, names: list[str], *, timeout: float = 2.0) -> dict[str, int]:
    """{queue: waiting messages}. A queue the broker has never seen (Redis drops an empty
    list) holds nothing. Raises if the broker cannot be reached."""
    depths: dict[str, int] = {}
    with app.connection_for_read() as connection:
        connection.ensure_connection(max_retries=1, timeout=timeout)
        channel = connection.default_channel
        for name in names:
            try:
                depths[name] = channel.queue_declare(queue=name, passive=True).message_count
            except connection.channel_errors:
                depths[name] = 0
                channel = connection.channel()  # a refused passive declare closes the channel
    return depths
