"""factory_boy factories: the one way tests build letters, claims, sources, evidence and
verdicts straight in the database (the services that normally create them are tested on
their own). Each module's fixtures pick their own facts and pass them in.

    letter = LetterFactory(symbol="S/2025/1", text="On 3 May ...")
    claim = ClaimFactory(letter=letter, quote="On 3 May", state="queued")
    claim = ClaimFactory(in_research=True, assignee=fact_checker)   # a state trait
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from claims.models import Claim, ClaimState, Letter, LetterStatus
from verification.models import Evidence, Rating, Source, Verdict, VerdictStatus

DEFAULT_TEXT = "On 3 May 2024 a strike on Gaza killed 12 civilians. " * 3
DEFAULT_QUOTE = "a strike on Gaza killed 12 civilians"


class LetterFactory(DjangoModelFactory):
    """A processed ("ready") letter whose canonical text is given, not extracted."""

    class Meta:
        model = Letter

    symbol = factory.Sequence(lambda n: f"S/2024/{n + 1}")
    title = factory.LazyAttribute(lambda o: f"Letter {o.symbol}")
    sender = "Permanent Mission of Testland"
    text = DEFAULT_TEXT
    raw_text = factory.LazyAttribute(lambda o: o.text)
    status = LetterStatus.READY


class ClaimFactory(DjangoModelFactory):
    """A claim quoting `quote` where it stands in the letter's text (or at `start` if given)."""

    class Meta:
        model = Claim
        exclude = ("quote_at",)

    letter = factory.SubFactory(LetterFactory)
    quote = factory.LazyAttribute(
        lambda o: DEFAULT_QUOTE if DEFAULT_QUOTE in o.letter.text else o.letter.text[:30]
    )
    quote_at = factory.LazyAttribute(lambda o: max(o.letter.text.find(o.quote), 0))
    start = factory.LazyAttribute(lambda o: o.quote_at)
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))
    kind = "specific"
    places = factory.List(["Gaza"])
    search_text = factory.LazyAttribute(lambda o: " ".join([o.quote, *o.places]).lower())
    state = ClaimState.NEW

    class Params:
        queued = factory.Trait(state=ClaimState.QUEUED)
        in_research = factory.Trait(state=ClaimState.IN_RESEARCH)
        proposed = factory.Trait(state=ClaimState.PROPOSED)
        approved = factory.Trait(state=ClaimState.APPROVED)
        dismissed = factory.Trait(state=ClaimState.DISMISSED, dismiss_reason="out_of_scope")


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    kind = "news"
    title = factory.Sequence(lambda n: f"Source {n + 1}")
    publisher = ""
    reliability = "B"
    url = ""


class EvidenceFactory(DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    stance = "corroborates"
    credibility = 2
    excerpt = factory.LazyAttribute(lambda o: f"Excerpt from {o.source.title}")


def a_rating() -> Rating:
    """The seeded scale's first step, or (after a transactional test flushed it) one step."""
    rating = Rating.objects.filter(is_active=True).first()
    if rating is None:
        rating = Rating.objects.create(label="Corroborated", value=4, colour="#4c9a2a")
    return rating


class VerdictFactory(DjangoModelFactory):
    """A verdict with its rating copied in, as the services store it."""

    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(a_rating)
    rating_label = factory.LazyAttribute(lambda o: o.rating.label)
    rating_value = factory.LazyAttribute(lambda o: o.rating.value)
    rating_colour = factory.LazyAttribute(lambda o: o.rating.colour)
    rationale = "Two independent sources."
    status = VerdictStatus.PROPOSED
