"""Reads for published fact-checks: the public page of one publication, the claim page's
publish panel, and the public address that ClaimReview exports point at."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from claims.errors import NotFound
from claims.models import Claim
from verification.jsonld import jsonld_for_html
from verification.models import Publication
from verification.reports import ReportClaim, ReportMeta, ReportRating
from verification.reports.claimreview import claim_review
from verification.selectors import exports as export_selectors
from verification.selectors.review import render_markdown


class Gone(NotFound):
    """The fact-check was published and then withdrawn (HTTP 410)."""

    http_status = 410


def publication_path(slug: str) -> str:
    return reverse("fact_check", args=[slug])


def publication_url(slug: str) -> str:
    return settings.WORKBENCH_PUBLIC_URL.rstrip("/") + publication_path(slug)


def live_publication_slug() -> Subquery:
    """Annotation: the slug of a claim's live publication, or NULL (one subquery, no N+1)."""
    live = Publication.objects.filter(claim=OuterRef("pk"), withdrawn_at__isnull=True)
    return Subquery(live.values("slug")[:1])


def live_publication(claim: Claim) -> Publication | None:
    return (
        Publication.objects.filter(claim=claim, withdrawn_at__isnull=True)
        .select_related("published_by")
        .first()
    )


def publication_get_public(slug: str) -> Publication:
    """The publication behind a public address; NotFound if never published, Gone if withdrawn."""
    publication = (
        Publication.objects.select_related("verdict__decided_by", "verdict__proposed_by")
        .filter(slug=slug)
        .first()
    )
    if publication is None:
        raise NotFound("No such fact-check.")
    if publication.withdrawn_at is not None:
        raise Gone("This fact-check has been withdrawn.")
    return publication


@dataclass(frozen=True)
class PublicFactCheck:
    claim: ReportClaim
    rationale_html: str
    jsonld: str  # already escaped for a <script type="application/ld+json"> element
    show_reviewers: bool


def public_fact_check(publication: Publication) -> PublicFactCheck:
    """What the public page shows: the verdict that was published, never internal ids."""
    from verification.services import exports as export_services  # the ReportClaim builder

    claim = export_selectors.export_claims_for_report(
        Claim.objects.filter(pk=publication.claim_id)
    ).get()
    scale = export_services.scale_bounds()
    verdict = publication.verdict
    chosen = list(verdict.evidence.select_related("source").filter(is_deleted=False))
    base = export_services.report_claim(claim, scale=scale)
    report = replace(
        base,
        url=publication_url(publication.slug),
        rating=ReportRating(
            label=verdict.rating_label,
            value=verdict.rating_value,
            colour=verdict.rating_colour,
            best=max(scale[1], verdict.rating_value),
            worst=min(scale[0], verdict.rating_value),
        ),
        rationale_markdown=verdict.rationale,
        approved_by=export_services.person(verdict.decided_by),
        researched_by=export_services.person(verdict.proposed_by),
        approved_at=verdict.decided_at,
        evidence=tuple(export_services.report_evidence(item) for item in chosen)
        if chosen
        else base.evidence,
    )
    meta = ReportMeta(
        title=report.restatement,
        scope="",
        generated_at=publication.published_at,
        generated_by="",
        organisation=settings.WORKBENCH_ORGANISATION,
        organisation_url=settings.WORKBENCH_ORGANISATION_URL,
        summary=(),
    )
    return PublicFactCheck(
        claim=report,
        rationale_html=render_markdown(verdict.rationale),
        jsonld=jsonld_for_html(claim_review(meta, report)),
        show_reviewers=settings.WORKBENCH_PUBLIC_SHOW_REVIEWERS,
    )


def publication_context(claim: Claim, user) -> dict:
    """The claim page's publish panel."""
    from claims import permissions

    publication = live_publication(claim)
    return {
        "publication": publication,
        "publication_url": publication_path(publication.slug) if publication else "",
        "can_publish": permissions.can_edit(user) and claim.state == "approved",
        "show_reviewers": settings.WORKBENCH_PUBLIC_SHOW_REVIEWERS,
    }
