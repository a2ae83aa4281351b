"""Backup and restore of a whole install: the database as natural-key JSON (Django's dumpdata,
so a backup taken on PostgreSQL restores into SQLite and back) and every stored file, with a
manifest of SHA-256 checksums that restore checks before it writes anything and again after.

Layout of a backup folder:

    manifest.json   {"format": 1, "created_at", "database": {name, sha256, size}, "files": [...]}
    database.json   dumpdata --natural-foreign --natural-primary (no content types, permissions
                    or sessions: migrate recreates the first two, sessions are transient)
    files/<name>    each stored file under its storage name (originals/…, captures/…, exports/…)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from claims.models import Letter, LetterOriginal

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
FILES = "files"
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "claims.workerheartbeat",
]
CHUNK = 1 << 20


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why."""


def sha256_of(stream) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for block in iter(lambda: stream.read(CHUNK), b""):
        digest.update(block)
        size += len(block)
    return digest.hexdigest(), size


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file in the storage, through its listing API (works for local disk and S3)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, str(PurePosixPath(folder, sub)) if folder else sub)


def backup_write(*, target: Path, storage: Storage = default_storage) -> dict:
    """Write a backup of this install into `target` (a new or empty folder)."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; choose a new folder")
    (target / FILES).mkdir(parents=True, exist_ok=True)
    database = target / DATABASE
    with database.open("w", encoding="utf-8") as out:
        call_command(
            "dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED,
            indent=1, stdout=out,
        )  # fmt: skip
    with database.open("rb") as stream:
        db_sha, db_size = sha256_of(stream)
    files = [_copy_out(name, storage, target / FILES) for name in stored_names(storage)]
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"name": DATABASE, "sha256": db_sha, "size": db_size},
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def _copy_out(name: str, storage: Storage, folder: Path) -> dict:
    destination = _inside(folder, name)
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as source, destination.open("wb") as out:
        for block in iter(lambda: source.read(CHUNK), b""):
            digest.update(block)
            size += len(block)
            out.write(block)
    return {"name": name, "sha256": digest.hexdigest(), "size": size}


def _inside(folder: Path, name: str) -> Path:
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise BackupError(f"stored name {name!r} points outside the backup")
    return path


def install_is_empty(storage: Storage = default_storage) -> bool:
    """No accounts, no letters, no stored files: what `migrate` alone leaves."""
    has_rows = get_user_model().objects.exists() or Letter.objects.exists()
    return not has_rows and next(stored_names(storage), None) is None


def backup_verify(*, source: Path) -> dict:
    """Read the manifest and check every checksum in the backup; returns the manifest."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source / MANIFEST} cannot be read: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    entries = [
        manifest["database"],
        *({**f, "name": f"{FILES}/{f['name']}"} for f in manifest["files"]),
    ]
    for entry in entries:
        path = _inside(source, entry["name"])
        try:
            with path.open("rb") as stream:
                digest, size = sha256_of(stream)
        except FileNotFoundError:
            raise BackupError(f"{entry['name']} is missing from the backup") from None
        if (digest, size) != (entry["sha256"], entry["size"]):
            raise BackupError(f"{entry['name']} does not match its checksum in the manifest")
    return manifest


def backup_restore(
    *, source: Path, manifest: dict | None = None, storage: Storage = default_storage
) -> dict:
    """Restore a backup into an empty install; every file is checked again once stored.
    `manifest` is what backup_verify returned, when the caller has just verified it."""
    manifest = manifest or backup_verify(source=source)
    if not install_is_empty(storage):
        raise BackupError("this install is not empty (it has accounts, letters or stored files)")
    written: list[str] = []
    try:
        with transaction.atomic():
            call_command("loaddata", str(source / DATABASE), verbosity=0)
            for entry in manifest["files"]:
                written.append(_copy_in(entry, source / FILES, storage))
            _check_originals(storage)
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return manifest


def _copy_in(entry: dict, folder: Path, storage: Storage) -> str:
    with _inside(folder, entry["name"]).open("rb") as stream:
        saved = storage.save(entry["name"], File(stream))
    if saved != entry["name"]:
        storage.delete(saved)
        raise BackupError(f"{entry['name']} could not be stored under its own name")
    with storage.open(saved, "rb") as stream:
        if sha256_of(stream) != (entry["sha256"], entry["size"]):
            raise BackupError(f"{saved} changed on its way into storage")
    return saved


def _check_originals(storage: Storage) -> None:
    """Each letter's original must hash to the SHA-256 its row recorded at upload."""
    for original in LetterOriginal.objects.only("file", "sha256").iterator():
        with storage.open(original.file.name, "rb") as stream:
            if sha256_of(stream)[0] != original.sha256:
                raise BackupError(f"{original.file.name} does not match the letter's SHA-256")
