"""Originals and exports round-trip through an S3-compatible bucket byte for byte."""

from __future__ import annotations

import hashlib

import pytest

from claims.models import LetterOriginal
from claims.services import letters as letter_services
from tests.conftest import REPO
from verification.services import exports as export_services

pytestmark = pytest.mark.django_db

SAMPLES = REPO / "sample_data" / "letters"


def _object_sha256(client, bucket: str, key: str) -> str:
    return hashlib.sha256(client.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest()


@pytest.mark.parametrize("sample", ["S_2025_43.txt", "S_2025_245.pdf"])
def test_an_uploaded_letter_is_stored_in_the_bucket_unchanged(
    s3_storage, fact_checker, api_client, sample
):
    client, bucket = s3_storage
    data = (SAMPLES / sample).read_bytes()
    expected = hashlib.sha256(data).hexdigest()
    outcome = letter_services.letters_upload(files=[(sample, data)], actor=fact_checker)
    original = LetterOriginal.objects.get(letter=outcome.created[0])
    assert original.sha256 == expected
    assert _object_sha256(client, bucket, original.file.name) == expected
    with original.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == expected
    api_client.force_authenticate(fact_checker)
    response = api_client.get(f"/api/v1/letters/{outcome.created[0].pk}/original/")
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == expected


def test_an_export_is_stored_in_the_bucket_with_the_hash_it_records(
    s3_storage, fact_checker, editor
):
    client, bucket = s3_storage
    data = (SAMPLES / "S_2025_43.txt").read_bytes()
    letter = letter_services.letters_upload(
        files=[("S_2025_43.txt", data)], actor=fact_checker
    ).created[0]
    job = export_services.export_request(format="json", scope={"letter": letter.pk}, actor=editor)
    export_services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert _object_sha256(client, bucket, job.file.name) == job.sha256
    with job.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == job.sha256
