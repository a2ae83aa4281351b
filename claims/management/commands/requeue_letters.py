from django.core.management.base import BaseCommand
from django.db import transaction

from claims.services import letters as letter_services


class Command(BaseCommand):
    help = "Queue processing again for letters still waiting (safe to repeat)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = letter_services.letters_requeue_pending()
        self.stdout.write(f"Re-queued {count} letter(s).")
