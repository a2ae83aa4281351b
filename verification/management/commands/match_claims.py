"""Embed every live claim that has no vector from the current model, then record its matches
and incidents: the backfill after loading a corpus, or after switching embedding models."""

from django.core.management.base import BaseCommand

from claims import matching_services
from claims.models import ClaimEmbedding
from verification.services import matching


class Command(BaseCommand):
    help = "Embed claims missing a vector for the current model, then match and group them."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch: int, **options):
        model = matching_services.embedder()
        embedded = ClaimEmbedding.objects.filter(model_name=model.name).values("claim_id")
        ids = list(
            matching_services.live_claims()
            .exclude(pk__in=embedded)
            .order_by("id")
            .values_list("pk", flat=True)
        )
        self.stdout.write(f"{len(ids)} claims to embed with {model.name}.")
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            matching_services.claims_embed(claim_ids=chunk, request_matching=False)
        outcome = matching.claims_match(claim_ids=ids)
        self.stdout.write(
            f"Suggested {outcome.suggested}, linked {outcome.linked}; "
            f"{len(outcome.incidents_created)} incidents created."
        )
