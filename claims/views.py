"""HTML views for letters. Thin: parse the request, call one selector or service, render."""

from __future__ import annotations

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from claims import permissions, selectors
from claims.access import access_claim, access_letter
from claims.errors import DomainError
from claims.models import DocType, LetterStatus
from claims.services import claims as claim_services
from claims.services import letters as letter_services


def role_required(predicate):
    """Login, then the named predicate: 404 for outsiders, 403 for a role that is too low."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            permissions.require(predicate, request.user)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def page_of(request, queryset, per_page: int = 25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@role_required(permissions.can_view)
def letter_list(request):
    filters = selectors.LetterFilter(
        q=request.GET.get("q", "").strip(),
        symbol=request.GET.get("symbol", "").strip(),
        sender=request.GET.get("sender", "").strip(),
        date_from=parse_date(request.GET.get("date_from")),
        date_to=parse_date(request.GET.get("date_to")),
        status=request.GET.get("status", ""),
        sort=request.GET.get("sort", "-date"),
    )
    page = page_of(request, selectors.letter_list(filters))
    template = "claims/_letter_rows.html" if request.htmx else "claims/letter_list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "filters": filters,
            "statuses": LetterStatus.choices,
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@role_required(permissions.can_view)
def letter_detail(request, pk: int):
    letter = access_letter(request.user, pk)
    claims = selectors.letter_claims(letter)
    context = {
        "letter": letter,
        "claims": claims,
        "segments": selectors.letter_segments(letter, claims),
        "doc_types": DocType.choices,
    }
    return render(request, "claims/letter_detail.html", context)


@role_required(permissions.can_view)
def letter_status(request, pk: int):
    """Polled by htmx while a letter is processed; tells the page to reload when it is done."""
    letter = access_letter(request.user, pk)
    response = render(request, "claims/_letter_status.html", {"letter": letter})
    if request.GET.get("was") in ("queued", "processing") and letter.status not in (
        "queued",
        "processing",
    ):
        response["HX-Refresh"] = "true"
    return response


@role_required(permissions.can_view)
def letter_original(request, pk: int):
    letter = access_letter(request.user, pk)
    original = getattr(letter, "original", None)
    if original is None:
        raise Http404("No original file")
    # Always an attachment with a neutral type where it could be active content:
    # stored HTML is never rendered as HTML.
    content_type = "text/plain" if original.media_type == "text/html" else original.media_type
    response = FileResponse(
        original.file.open("rb"),
        as_attachment=True,
        filename=original.filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@role_required(permissions.can_upload_letters)
@require_http_methods(["GET", "POST"])
def letter_upload(request):
    if request.method == "GET":
        return render(request, "claims/letter_upload.html", {"max_mb": _max_mb()})
    files = [(f.name, f.read()) for f in request.FILES.getlist("files")]
    try:
        outcome = letter_services.letters_upload(files=files, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return render(request, "claims/letter_upload.html", {"max_mb": _max_mb()}, status=400)
    _report_outcome(request, outcome)
    return redirect("letter_list")


@role_required(permissions.can_upload_letters)
@require_POST
def letter_paste(request):
    try:
        outcome = letter_services.letter_create_from_text(
            text=request.POST.get("text", ""),
            title=request.POST.get("title", ""),
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return render(
            request,
            "claims/letter_upload.html",
            {"max_mb": _max_mb(), "pasted": request.POST.get("text", "")},
            status=400,
        )
    _report_outcome(request, outcome)
    letter = (outcome.created or outcome.duplicates)[0]
    return redirect("letter_detail", pk=letter.pk)


def _report_outcome(request, outcome: letter_services.UploadOutcome) -> None:
    if outcome.created:
        messages.success(
            request, f"{len(outcome.created)} letter(s) received; processing in the background."
        )
    for letter in outcome.duplicates:
        messages.info(request, f"Already in the workbench: {letter} (same file).")


def _max_mb() -> int:
    from django.conf import settings

    return settings.WORKBENCH_MAX_UPLOAD_BYTES // (1024 * 1024)


@role_required(permissions.can_edit_claims)
@require_POST
def letter_edit(request, pk: int):
    letter = access_letter(request.user, pk, for_write=True)
    values = {
        field: request.POST[field].strip()
        for field in ("symbol", "title", "sender", "sender_title", "doc_type", "original_language")
        if field in request.POST
    }
    for field in ("letter_date", "distribution_date"):
        if field in request.POST:
            values[field] = parse_date(request.POST[field])
    if "addressees" in request.POST:
        values["addressees"] = [
            a.strip() for a in request.POST["addressees"].split(";") if a.strip()
        ]
    letter_services.letter_update_metadata(letter=letter, values=values, actor=request.user)
    messages.success(request, "Metadata saved.")
    return redirect(reverse("letter_detail", args=[pk]))


@role_required(permissions.can_edit_claims)
@require_POST
def letter_reextract(request, pk: int):
    letter = access_letter(request.user, pk, for_write=True)
    created = letter_services.letter_extract_claims(letter_id=letter.pk, actor=request.user)
    messages.success(
        request,
        f"Extraction re-run: {len(created)} untouched machine claims now stand; reviewed claims were kept.",
    )
    return redirect("letter_detail", pk=pk)


@role_required(permissions.can_edit_claims)
@require_POST
def letter_retry(request, pk: int):
    letter = access_letter(request.user, pk, for_write=True)
    try:
        letter_services.letter_retry(letter=letter, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Processing queued again.")
    return redirect("letter_detail", pk=pk)


@role_required(permissions.can_edit_claims)
@require_POST
def claim_add(request, pk: int):
    letter = access_letter(request.user, pk, for_write=True)
    try:
        claim = claim_services.claim_create(
            letter=letter,
            start=int(request.POST.get("start", -1)),
            end=int(request.POST.get("end", -1)),
            actor=request.user,
            kind=request.POST.get("kind") or "specific",
        )
    except (DomainError, ValueError) as exc:
        message = getattr(exc, "message", "The selection could not be read.")
        if request.htmx:
            return HttpResponse(message, status=400)
        messages.error(request, message)
        return redirect("letter_detail", pk=pk)
    messages.success(request, f"Claim added: “{claim.quote[:80]}”.")
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect("letter_detail", pk=pk)


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def _optional_int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


@role_required(permissions.can_edit_claims)
@require_POST
def claim_edit(request, pk: int):
    claim = access_claim(request.user, pk, for_write=True)
    post = request.POST
    values = {
        "restatement": post.get("restatement", claim.restatement).strip(),
        "kind": post.get("kind", claim.kind),
        "claim_type": post.get("claim_type", claim.claim_type),
        "event_date": parse_date(post.get("event_date")),
        "places": _split_list(post.get("places", "")),
        "actors": _split_list(post.get("actors", "")),
        "killed": _optional_int(post.get("killed")),
        "injured": _optional_int(post.get("injured")),
    }
    claim_services.claim_update(claim=claim, values=values, actor=request.user)
    messages.success(request, "Claim saved.")
    return redirect("claim_detail", pk=pk)


@role_required(permissions.can_edit_claims)
@require_POST
def claim_split(request, pk: int):
    claim = access_claim(request.user, pk, for_write=True)
    marker = request.POST.get("before", "").strip()
    offset = claim.quote.find(marker) if marker else -1
    if offset <= 0:
        messages.error(
            request, "Type the words where the second claim begins, exactly as in the quote."
        )
        return redirect("claim_detail", pk=pk)
    try:
        first, second = claim_services.claim_split(
            claim=claim, at=claim.start + offset, actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("claim_detail", pk=pk)
    messages.success(request, f"Split into claims {first.pk} and {second.pk}.")
    return redirect("letter_detail", pk=claim.letter_id)


@role_required(permissions.can_edit_claims)
@require_POST
def claims_merge(request, pk: int):
    from claims.models import Claim

    ids = [int(i) for i in request.POST.getlist("claim") if i.isdigit()]
    claims = list(Claim.objects.live().filter(pk__in=ids, letter_id=pk))
    try:
        kept = claim_services.claim_merge(claims=claims, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("letter_detail", pk=pk)
    messages.success(request, f"Merged {len(claims)} claims into claim {kept.pk}.")
    return redirect("letter_detail", pk=pk)
