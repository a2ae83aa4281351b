"""The evaluation contract: read letters through the ingest code, extract claims, print JSON.

Needs no database rows:  python manage.py extract_claims FILE... --format json
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import ingest
from claims.extraction import extract_claims
from claims.extraction.export import letters_to_prediction_json


class Command(BaseCommand):
    help = "Extract claims from letter files (txt, pdf, docx, html) and print them."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, files: list[Path], format: str, **options):
        items = [self._one(path) for path in files]
        if format == "json":
            self.stdout.write(
                json.dumps(letters_to_prediction_json(items), ensure_ascii=False, indent=1)
            )
            return
        for source, text, metadata, claims in items:
            self.stdout.write(
                f"== {source}: {metadata['symbol']} {metadata['date']} {metadata['sender']}"
            )
            for claim in claims:
                self.stdout.write(f"  [{claim.kind}] {text[claim.start : claim.end]}")

    def _one(self, path: Path):
        try:
            document = ingest.ingest_document(path.read_bytes(), name=path.name)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        except ingest.IngestError as exc:
            raise CommandError(f"{path}: {exc.message}") from exc
        meta = document.metadata
        text = document.clean.text
        claims = extract_claims(text, letter_date=meta.letter_date, sender=meta.sender)
        metadata = {"symbol": meta.symbol, "date": meta.letter_date, "sender": meta.sender}
        return path.name, text, metadata, claims
