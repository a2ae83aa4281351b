"""A real Celery worker builds a requested export in the background."""

import hashlib
import os
from pathlib import Path

import pytest

from tests.conftest import wait_for
from verification.models import ExportJob
from verification.services import verdicts as services

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_builds_the_export_and_stores_its_hash(
    world, editor, celery_worker_process, settings
):
    # The worker process stores files where its environment says, not in this test's folder.
    settings.MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", Path(settings.VAR_DIR) / "media"))
    for folder in ("data_folder_in", "processed_folder"):  # the worker may not have made them yet
        Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS[folder]).mkdir(parents=True, exist_ok=True)
    job = services.export_request(format="pdf", scope={"letter": world["letter"].pk}, actor=editor)
    assert ExportJob.objects.get(pk=job.pk).status in ("queued", "running")  # returned at once

    def finished():
        current = ExportJob.objects.get(pk=job.pk)
        return current if current.status in ("done", "failed") else None

    done = wait_for(finished, timeout=120)
    assert done.status == "done", done.error
    with done.file.open("rb") as stream:
        data = stream.read()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == done.sha256
    assert done.claim_count == 3
