"""Letters, claims, evidence and verdicts built straight in the database for the verdict and
export tests (the workflow services that normally create verdicts are tested elsewhere)."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group

from claims.models import Claim, ClaimState
from tests.conftest import make_user
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    LetterFactory,
    SourceFactory,
    VerdictFactory,
)
from verification.models import (
    CaptureStatus,
    Rating,
    SourceCapture,
    VerdictStatus,
)

LETTER_TEXT = (
    "Letter dated 3 May 2025 from the Permanent Representative of Ukraine\n\n"
    "1. On 2 May the armed forces shelled the market in Kharkiv, killing 12 civilians "
    "and injuring 30.\n\n"
    "2. On 4 May a drone struck the water station in Kupiansk.\n\n"
    '3. =HYPERLINK("http://evil.example") the school in Izium was destroyed.\n'
)


def make_letter(
    symbol="S/2025/300", sender="Ukraine", text=LETTER_TEXT, letter_date=date(2025, 5, 3)
):
    return LetterFactory(symbol=symbol, text=text, sender=sender, letter_date=letter_date)


def make_claim(letter, quote, *, state=ClaimState.NEW, places=(), killed=None, injured=None):
    return ClaimFactory(
        letter=letter, quote=quote, restatement=f"Restated: {quote}", claim_type="strike",
        state=state, places=list(places), killed=killed, injured=injured,
    )  # fmt: skip


def make_source(title, *, publisher="", reliability="B", url="", letter=None, kind="news"):
    return SourceFactory(
        kind=kind, title=title, publisher=publisher, reliability=reliability, url=url, letter=letter
    )


def make_evidence(
    claim, source, *, stance="corroborates", credibility=2, added_by=None, excerpt=""
):
    extra = {"excerpt": excerpt} if excerpt else {}
    return EvidenceFactory(
        claim=claim, source=source, stance=stance, credibility=credibility, added_by=added_by,
        **extra,
    )  # fmt: skip


def capture(source, sha256, when=datetime(2025, 5, 5, 10, 0, tzinfo=UTC)):
    return SourceCapture.objects.create(
        source=source, status=CaptureStatus.CAPTURED, sha256=sha256, captured_at=when,
        requested_url=source.url,
    )  # fmt: skip


def rating(label):
    return Rating.objects.get(label=label)


def make_verdict(claim, label, *, proposer, decider=None, rationale="Because **sources**.",
                 evidence=(), status=None, killed=(None, None), injured=(None, None)):  # fmt: skip
    step = rating(label)
    status = status or (VerdictStatus.APPROVED if decider else VerdictStatus.PROPOSED)
    verdict = VerdictFactory(
        claim=claim, rating=step, rationale=rationale, status=status, proposed_by=proposer,
        decided_by=decider,
        decided_at=datetime(2025, 5, 6, 12, 0, tzinfo=UTC) if decider else None,
        assessed_killed_min=killed[0], assessed_killed_max=killed[1],
        assessed_injured_min=injured[0], assessed_injured_max=injured[1],
    )  # fmt: skip
    verdict.evidence.set(evidence)
    if status == VerdictStatus.APPROVED:
        Claim.objects.filter(pk=claim.pk).update(state=ClaimState.APPROVED)
    return verdict


@pytest.fixture(autouse=True)
def default_scale(request):
    """The scale seeded by the data migration (transactional tests elsewhere may flush it)."""
    if not request.node.get_closest_marker("django_db"):
        return  # the pure tests
    seed = importlib.import_module("verification.migrations.0002_seed_roles_and_ratings")
    for order, (label, description, colour, value) in enumerate(seed.DEFAULT_SCALE):
        Rating.objects.get_or_create(
            label=label,
            defaults={"description": description, "colour": colour, "value": value, "order": order},
        )


@pytest.fixture
def admin_user(db, django_user_model):
    """Edits the rating scale."""
    return make_user(django_user_model, "ada", "admin")


@pytest.fixture
def world(db, fact_checker, editor):
    """One letter with three claims: an approved one resting on two captured sources, a
    proposed one, and a new one whose quote starts with a spreadsheet formula."""
    letter = make_letter()
    approved = make_claim(
        letter, "On 2 May the armed forces shelled the market in Kharkiv, killing 12 civilians",
        places=["Kharkiv", "Харків"], killed=12, injured=30,
    )  # fmt: skip
    proposed = make_claim(
        letter, "On 4 May a drone struck the water station in Kupiansk", places=["Kupiansk"]
    )
    formula = make_claim(
        letter, '=HYPERLINK("http://evil.example") the school in Izium was destroyed'
    )
    ocha = make_source(
        "OCHA flash update 12", publisher="OCHA", reliability="A", url="https://example.org/ocha"
    )
    hrw = make_source(
        "HRW dispatch", publisher="HRW", reliability="B", url="https://example.org/hrw"
    )
    capture(ocha, "a" * 64)
    capture(hrw, "b" * 64)
    first = make_evidence(approved, ocha, credibility=1, added_by=fact_checker)
    second = make_evidence(approved, hrw, credibility=2, added_by=fact_checker)
    make_verdict(
        approved, "Corroborated", proposer=fact_checker, decider=editor,
        evidence=[first, second], killed=(10, 12), injured=(25, 30),
        rationale="Two **independent** sources.\n\n<script>alert(1)</script>",
    )  # fmt: skip
    make_verdict(proposed, "Single source", proposer=fact_checker)
    Claim.objects.filter(pk=proposed.pk).update(state=ClaimState.PROPOSED)
    return {"letter": letter, "approved": approved, "proposed": proposed, "formula": formula}


def give_role(user, role):
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if hasattr(user, "_workbench_roles"):
        del user._workbench_roles
