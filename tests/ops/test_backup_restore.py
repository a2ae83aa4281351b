"""`manage.py backup` and `manage.py restore`: a whole install moves into an empty one, every
stored file and every letter original verified by SHA-256."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import LetterOriginal
from claims.services import letters as letter_services
from tests.conftest import REPO
from verification.services import exports as export_services

pytestmark = pytest.mark.django_db

SAMPLES = REPO / "sample_data" / "letters"
LETTERS = ["S_2025_43.txt", "S_2025_173.txt", "S_2025_245.pdf"]

CHECK = """
import hashlib, json
from django.contrib.auth import get_user_model
from claims.models import LetterOriginal
from verification.models import ExportJob
def digest(f):
    with f.open("rb") as s:
        return hashlib.sha256(s.read()).hexdigest()
print(json.dumps({
    "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    "originals": {o.sha256: digest(o.file) for o in LetterOriginal.objects.all()},
    "exports": {j.sha256: digest(j.file) for j in ExportJob.objects.exclude(file="")},
}))
"""


@pytest.fixture
def install_with_data(fact_checker, editor):
    created = letter_services.letters_upload(
        files=[(name, (SAMPLES / name).read_bytes()) for name in LETTERS], actor=fact_checker
    ).created
    job = export_services.export_request(
        format="csv", scope={"letter": created[0].pk}, actor=editor
    )
    export_services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done"
    return {hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest() for name in LETTERS}, job


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_a_backup_restores_into_an_empty_install_with_every_hash_verified(
    install_with_data, tmp_path
):
    letter_hashes, job = install_with_data
    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert len(manifest["files"]) == len(LETTERS) + 1  # three originals and the export

    # A new install: its own var/ (SQLite, media), nothing in it but what restore brings.
    dropped = ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "SECRET_KEY", "MEDIA_ROOT")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(WORKBENCH_DEMO="true", WORKBENCH_VAR_DIR=str(tmp_path / "new-install"))
    restored = _manage(env, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr
    assert "every checksum verified" in restored.stdout

    state = json.loads(_manage(env, "shell", "-c", CHECK).stdout.strip().splitlines()[-1])
    assert state["users"] == ["fatima", "grace"]
    assert set(state["originals"]) == letter_hashes
    assert all(stored == recorded for recorded, stored in state["originals"].items())
    assert state["exports"] == {job.sha256: job.sha256}

    again = _manage(env, "restore", str(tmp_path / "backup"))
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_restore_refuses_an_install_that_is_not_empty(install_with_data, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))


def test_restore_refuses_a_damaged_backup_before_writing_anything(
    install_with_data, tmp_path, settings
):
    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    damaged = tmp_path / "backup" / "files" / manifest["files"][0]["name"]
    damaged.write_bytes(damaged.read_bytes() + b"!")
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(tmp_path / "backup"))


def test_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"))


def test_every_original_is_backed_up_under_its_storage_name(install_with_data, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    backed_up = {
        entry["name"]: entry["sha256"]
        for entry in json.loads((tmp_path / "backup" / "manifest.json").read_text())["files"]
    }
    for original in LetterOriginal.objects.all():
        assert backed_up[original.file.name] == original.sha256
        path = Path(tmp_path / "backup" / "files" / original.file.name)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == original.sha256
