"""HTML views for sources and evidence. Thin: parse the request, call one service or selector.

The claim page's evidence section is re-rendered as a fragment after every htmx write;
errors come back as the same fragment with the message and status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import permissions
from claims.access import access_claim
from claims.errors import BadInput, DomainError
from verification.access import access_capture, access_evidence, access_source
from verification.models import CaptureStatus, Evidence, Reliability
from verification.selectors import evidence as selectors
from verification.services import captures as capture_services
from verification.services import evidence as services
from verification.services import sources as source_services
from verification.views.common import page_of, parse_date, role_required

SECTION = "verification/_claim_evidence.html"


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


# ---- Claim page section -------------------------------------------------------------------


def _section(request, claim, *, error: str = "", notice: str = "", status: int = 200):
    context = {"claim": claim, **selectors.evidence_context(claim, request.user)}
    context |= {"evidence_error": error, "evidence_notice": notice}
    return render(request, SECTION, context, status=status)


def _after_write(request, claim, *, error: str = "", notice: str = ""):
    """htmx gets the section back; a plain form post gets a message and the claim page."""
    if request.htmx:
        return _section(request, claim, error=error, notice=notice, status=400 if error else 200)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect(reverse("claim_detail", args=[claim.pk]) + "#evidence")


@role_required(permissions.can_view)
def claim_evidence_section(request, pk: int):
    return _section(request, access_claim(request.user, pk))


def _details(post) -> services.EvidenceDetails:
    return services.EvidenceDetails(
        stance=post.get("stance", ""),
        credibility=_int_or_none(post.get("credibility")) or 6,
        excerpt=post.get("excerpt", ""),
        location=post.get("location", ""),
        note=post.get("note", ""),
    )


def _add(request, claim) -> Evidence:
    post, mode, details = request.POST, request.POST.get("mode", "url"), _details(request.POST)
    actor = request.user
    if mode == "file":
        upload = request.FILES.get("file")
        if upload is None:
            raise BadInput("Choose a file to upload.")
        data = services.Upload(name=upload.name, data=upload.read())
        return services.evidence_add_file(claim=claim, upload=data, details=details, actor=actor)
    if mode == "source":
        source_id = _int_or_none(post.get("source_id"))
        if source_id is None:
            raise BadInput("Pick a source from the search results.")
        return services.evidence_add_source(
            claim=claim, source_id=source_id, details=details, actor=actor
        )
    if mode == "letter":
        start, end = _int_or_none(post.get("passage_start")), _int_or_none(post.get("passage_end"))
        if start is None or end is None:
            raise BadInput("Select a passage of the letter text first.")
        return services.evidence_add_letter_passage(
            claim=claim, symbol=post.get("symbol", ""), start=start, end=end, details=details,
            actor=actor,
        )  # fmt: skip
    return services.evidence_add_url(
        claim=claim, url=post.get("url", ""), details=details, actor=actor
    )


@role_required(permissions.can_research)
@require_POST
def claim_evidence_add(request, pk: int):
    claim = access_claim(request.user, pk)
    try:
        evidence = _add(request, claim)
    except DomainError as exc:
        return _after_write(request, claim, error=exc.message)
    return _after_write(request, claim, notice=f"Added: {evidence.source.title}.")


@role_required(permissions.can_research)
@require_POST
def evidence_edit(request, pk: int):
    evidence = access_evidence(request.user, pk, for_write=True)
    values: dict = {
        f: request.POST[f] for f in ("stance", "excerpt", "location", "note") if f in request.POST
    }
    if "credibility" in request.POST:
        values["credibility"] = _int_or_none(request.POST["credibility"])
    if request.POST.get("reliability"):
        values["reliability"] = request.POST["reliability"]
    try:
        services.evidence_update(evidence=evidence, values=values, actor=request.user)
    except DomainError as exc:
        return _after_write(request, evidence.claim, error=exc.message)
    return _after_write(request, evidence.claim, notice="Saved.")


@role_required(permissions.can_research)
@require_POST
def evidence_remove(request, pk: int):
    evidence = access_evidence(request.user, pk, for_write=True)
    services.evidence_delete(evidence=evidence, actor=request.user)
    return _after_write(request, evidence.claim, notice=f"Removed: {evidence.source.title}.")


@role_required(permissions.can_view)
def evidence_source_search(request, pk: int):
    claim = access_claim(request.user, pk)
    q = request.GET.get("q", "")
    return render(
        request,
        "verification/_evidence_source_results.html",
        {"claim": claim, "q": q, "results": selectors.source_search(q)},
    )


@role_required(permissions.can_view)
def evidence_letter_picker(request, pk: int):
    claim = access_claim(request.user, pk)
    context: dict = {"claim": claim, "symbol": request.GET.get("symbol", "").strip()}
    try:
        context["letter"] = source_services.letter_by_symbol(context["symbol"])
    except DomainError as exc:
        context["picker_error"] = exc.message
    return render(request, "verification/_evidence_letter_picker.html", context)


# ---- Captures -----------------------------------------------------------------------------


@role_required(permissions.can_view)
def capture_status(request, pk: int):
    """Polled by htmx while a capture is pending."""
    return render(
        request, "verification/_capture_status.html", {"capture": access_capture(request.user, pk)}
    )


@role_required(permissions.can_view)
def capture_download(request, pk: int):
    """The stored copy, always as an attachment; stored HTML is never rendered."""
    capture = access_capture(request.user, pk)
    if capture.status != CaptureStatus.CAPTURED or not capture.file:
        raise Http404("Nothing stored for this capture")
    content_type = (
        "text/plain" if capture.media_type == "text/plain" else "application/octet-stream"
    )
    response = FileResponse(
        capture.file.open("rb"),
        as_attachment=True,
        filename=capture.filename or f"capture-{capture.pk}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["X-Capture-SHA256"] = capture.sha256
    return response


@role_required(permissions.can_research)
@require_POST
def source_capture_again(request, pk: int):
    source = access_source(request.user, pk)
    try:
        capture = capture_services.source_capture_request(source=source, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("source_detail", pk=pk)
    if request.htmx:
        return render(request, "verification/_capture_status.html", {"capture": capture})
    messages.success(request, "A new capture was queued; earlier captures are kept.")
    return redirect(request.POST.get("next") or reverse("source_detail", args=[pk]))


# ---- Sources library ----------------------------------------------------------------------


def _source_values(post) -> dict:
    values = {
        f: post[f].strip()
        for f in ("kind", "title", "publisher", "author", "url", "language", "reliability", "notes")
        if f in post
    }
    if "published_on" in post:
        values["published_on"] = parse_date(post["published_on"])
    return values


@role_required(permissions.can_view)
def source_list_page(request):
    filters = selectors.SourceFilter(
        q=request.GET.get("q", "").strip(),
        kind=request.GET.get("kind", ""),
        reliability=request.GET.get("reliability", ""),
        publisher=request.GET.get("publisher", "").strip(),
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page_of(request, selectors.source_list(filters)),
        "filters": filters,
        "kinds": selectors.source_kinds(),
        "reliabilities": Reliability.choices,
        "query": query.urlencode(),
    }
    template = "verification/_source_rows.html" if request.htmx else "verification/source_list.html"
    return render(request, template, context)


@role_required(permissions.can_research)
@require_POST
def source_create_page(request):
    try:
        source = source_services.source_create(
            values=_source_values(request.POST), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("source_list")
    messages.success(request, "Source added.")
    return redirect("source_detail", pk=source.pk)


@role_required(permissions.can_view)
def source_detail_page(request, pk: int):
    source = access_source(request.user, pk)
    page = page_of(request, selectors.source_evidence(source.pk))
    for item in page:
        item.grade = selectors.grade_code(source.reliability, item.credibility)
    context = {
        "source": source,
        "captures": selectors.source_captures(source),
        "page": page,
        "kinds": selectors.source_kinds(),
        "reliabilities": Reliability.choices,
    }
    return render(request, "verification/source_detail.html", context)


@role_required(permissions.can_research)
@require_POST
def source_edit_page(request, pk: int):
    source = access_source(request.user, pk)
    try:
        source_services.source_update(
            source=source, values=_source_values(request.POST), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Source saved.")
    return redirect("source_detail", pk=pk)
