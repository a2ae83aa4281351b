from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import backup


class Command(BaseCommand):
    help = (
        "Write the database (natural-key JSON) and every stored file into PATH, with a "
        "manifest of SHA-256 checksums. PATH must be new or empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            manifest = backup.backup_write(target=path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up the database and {len(manifest['files'])} files to {path}")
