"""Ingest letter files and folders (recursing), with a progress bar and a summary.

Exits non-zero when any file was refused, so a script or a CI step notices."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.errors import DomainError
from claims.services import letters as letter_services

LETTER_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".zip"}


def letter_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in LETTER_SUFFIXES
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{path}: no such file or folder")
    return found


class Command(BaseCommand):
    help = "Ingest letters from files and folders: python manage.py ingest PATH..."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--user", help="username recorded as the uploader")

    def handle(self, *args, paths: list[Path], user: str | None, **options):
        actor = self._actor(user)
        files = letter_files(paths)
        ingested, duplicates, refused = 0, 0, []
        for path in tqdm(files, desc="Ingesting", unit="file", disable=not files):
            try:
                outcome = letter_services.letters_upload(
                    files=[(path.name, path.read_bytes())], actor=actor
                )
            except DomainError as exc:
                refused.append((path, exc.message))
                continue
            ingested += len(outcome.created)
            duplicates += len(outcome.duplicates)
        self.stdout.write(
            f"Ingested: {ingested}   Duplicates: {duplicates}   Refused: {len(refused)}"
        )
        for path, reason in refused:
            self.stdout.write(f"  refused {path}: {reason}")
        if refused:
            raise CommandError(f"{len(refused)} of {len(files)} files were refused.")

    def _actor(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}") from exc
