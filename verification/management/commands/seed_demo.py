"""Demo mode only: create the demo accounts and load the sample letters."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from claims.errors import DomainError
from claims.services import letters as letter_services

DEMO_ACCOUNTS = [
    # username, password, role, full name
    ("checker", "checker-demo-pass", "fact_checker", "Fatima Checker"),
    ("checker2", "checker2-demo-pass", "fact_checker", "Tomas Second"),
    ("editor", "editor-demo-pass", "editor", "Grace Editor"),
    ("observer", "observer-demo-pass", "observer", "Olu Observer"),
    ("admin", "admin-demo-pass", "admin", "Ada Admin"),
]
SAMPLE_DIR = Path(settings.BASE_DIR) / "sample_data" / "letters"


class Command(BaseCommand):
    help = "Create demo accounts (printed) and load the sample letters. Refuses outside demo mode."

    def handle(self, *args, **options):
        if not (settings.DEMO or settings.DEBUG):
            raise CommandError("seed_demo runs only in demo mode (WORKBENCH_DEMO=true).")
        self._accounts()
        self._letters()

    def _accounts(self) -> None:
        User = get_user_model()
        self.stdout.write("Demo accounts (demo mode only):")
        for username, password, role, full_name in DEMO_ACCOUNTS:
            first, last = full_name.split(" ", 1)
            user, _ = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            user.set_password(password)
            user.is_staff = user.is_superuser = role == "admin"
            user.save()
            user.groups.add(Group.objects.get(name=role))
            self.stdout.write(f"  {username:10} / {password:22} {role}")

    def _letters(self) -> None:
        admin = get_user_model().objects.get(username="admin")
        files = [
            (path.name, path.read_bytes())
            for path in sorted(SAMPLE_DIR.iterdir())
            if path.suffix in (".txt", ".pdf", ".docx", ".html")
        ]
        try:
            outcome = letter_services.letters_upload(files=files, actor=admin)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Sample letters: {len(outcome.created)} new, {len(outcome.duplicates)} already loaded."
        )
