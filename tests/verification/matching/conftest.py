"""Letters and claims for the matching tests: a strike alleged in identical letters, the accused
State's reply, and an unrelated claim. The lexical embedder keeps these tests fast and
deterministic; one test uses the packaged sentence model when it is installed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from claims import matching, matching_services
from claims.models import Claim, Letter
from tests.factories import ClaimFactory, LetterFactory

STRIKE = (
    "On 5 March 2024 Russian missiles struck the central hospital in Kharkiv, killing 12 "
    "civilians and injuring 30."
)
REPLY = (
    "Claims that Russian forces hit a hospital in Kharkiv on 5 March 2024 are false; only "
    "military infrastructure was targeted."
)
UNRELATED = (
    "On 12 July 2023 the road through the Lachin corridor was blocked, preventing deliveries "
    "of food and medicine."
)

_LEXICAL = matching.LexicalEmbedder()


@pytest.fixture(autouse=True)
def lexical_embedder(monkeypatch):
    """Fast deterministic vectors, and a fresh process-wide index for each test."""
    monkeypatch.setattr(matching_services, "embedder", lambda: _LEXICAL)
    matching_services.matching_index_reset()
    yield _LEXICAL
    matching_services.matching_index_reset()


STRIKE_FACTS = {
    "kind": "specific",
    "claim_type": "strike",
    "event_date": date(2024, 3, 5),
    "places": ["Kharkiv"],
    "actors": ["Russian Federation"],
}


def make_letter(symbol: str, sender: str, text: str, **extra) -> Letter:
    """Shorthand for the factory: a letter dated two days after the strike."""
    extra.setdefault("letter_date", date(2024, 3, 7))
    return LetterFactory(symbol=symbol, symbols=[symbol], sender=sender, text=text, **extra)


def make_claim(letter: Letter, quote: str | None = None, **extra) -> Claim:
    """Shorthand for the factory: the strike's facts unless the test says otherwise."""
    return ClaimFactory(letter=letter, quote=quote or letter.text, **(STRIKE_FACTS | extra))


@dataclass
class Scenario:
    original: Claim
    identical: Claim
    reply: Claim
    unrelated: Claim

    @property
    def ids(self) -> list[int]:
        return [self.original.pk, self.identical.pk, self.reply.pk, self.unrelated.pk]


@pytest.fixture
def scenario(db) -> Scenario:
    first = make_letter("S/2024/100", "Ukraine", STRIKE)
    twin = make_letter("S/2024/101", "Ukraine", STRIKE, identical_to=first)
    reply = make_letter("S/2024/120", "Russian Federation", REPLY, letter_date=date(2024, 3, 9))
    other = make_letter("S/2023/500", "Armenia", UNRELATED, letter_date=date(2023, 7, 13))
    return Scenario(
        original=make_claim(first, killed=12, injured=30),
        identical=make_claim(twin, killed=12, injured=30),
        reply=make_claim(reply),
        unrelated=make_claim(
            other,
            event_date=date(2023, 7, 12),
            places=["Lachin corridor"],
            actors=[],
            claim_type="violation",
        ),
    )


@pytest.fixture
def matched(scenario, django_capture_on_commit_callbacks) -> Scenario:
    """The scenario after the embedding task ran and asked for matching (eager Celery)."""
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.claims_embed(claim_ids=scenario.ids)
    return scenario
