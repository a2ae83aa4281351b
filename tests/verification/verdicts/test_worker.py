"""A real Celery worker builds a requested export in the background."""

import hashlib

import pytest

from tests.conftest import wait_for
from verification.models import ExportJob
from verification.services import exports as export_services

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_builds_the_export_and_stores_its_hash(world, editor, celery_worker_process):
    job = export_services.export_request(
        format="pdf", scope={"letter": world["letter"].pk}, actor=editor
    )
    assert ExportJob.objects.get(pk=job.pk).status in ("queued", "running")  # returned at once

    def finished():
        current = ExportJob.objects.get(pk=job.pk)
        return current if current.status in ("done", "failed") else None

    done = wait_for(finished, timeout=300)
    assert done.status == "done", done.error
    with done.file.open("rb") as stream:
        data = stream.read()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == done.sha256
    assert done.claim_count == 3
