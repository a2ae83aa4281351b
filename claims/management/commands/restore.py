from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from claims import backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into an empty install. Every checksum "
        "is verified before anything is written, and every file again once stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            manifest = backup.backup_verify(source=path)
            call_command("migrate", interactive=False, verbosity=0)
            backup.backup_restore(source=path, manifest=manifest)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the database and {len(manifest['files'])} files from {path}; "
            "every checksum verified"
        )
