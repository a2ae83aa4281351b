"""Matching pages: the similar-claims section of the claim page (htmx), incidents list and
detail, and the forms that confirm or reject a match, split or merge incidents."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from claims import permissions
from claims.access import access_claim
from claims.errors import DomainError
from verification.access import access_incident
from verification.models import Incident, Rating
from verification.selectors import compare as compare_selectors
from verification.selectors import matching as selectors
from verification.services import matching as services
from verification.views.common import page_of, parse_date, role_required


def _claim_section(request, claim, status: int = 200):
    context = {"claim": claim, **selectors.matching_context(claim, request.user)}
    return render(request, "verification/_claim_matching.html", context, status=status)


@role_required(permissions.can_view)
def claim_matching_section(request, pk: int):
    return _claim_section(request, access_claim(request.user, pk))


@role_required(permissions.can_research)
@require_POST
def match_decide(request, pk: int, decision: str):
    decide = {"confirm": services.match_confirm, "reject": services.match_reject}.get(decision)
    if decide is None:
        raise Http404("No such decision")
    claim_id = request.POST.get("claim", "")
    claim = access_claim(request.user, int(claim_id) if claim_id.isdigit() else 0)
    try:
        decide(match_id=pk, actor=request.user, note=request.POST.get("note", ""))
    except DomainError as exc:
        if request.htmx:
            return HttpResponse(exc.message, status=exc.http_status)
        messages.error(request, exc.message)
    else:
        if not request.htmx:
            messages.success(request, f"Match {decision}ed.")
    if request.htmx:
        return _claim_section(request, claim)
    return redirect("claim_detail", pk=claim.pk)


@role_required(permissions.can_research)
@require_POST
def claim_propose_linked_verdict(request, pk: int):
    """Propose for this claim the verdict approved on a linked claim: the normal workflow
    (an editor still approves it)."""
    from verification.services import review

    claim = access_claim(request.user, pk)
    try:
        rating_id = int(request.POST.get("rating") or 0)
        review.claim_propose(
            claim_id=claim.pk,
            actor=request.user,
            verdict=review.VerdictInput(
                rating_id=rating_id, rationale=request.POST.get("rationale", "")
            ),
        )
    except ValueError:
        messages.error(request, "Choose a rating from the scale.")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Verdict proposed; an editor will review it.")
    return redirect("claim_detail", pk=claim.pk)


def _incident_filter(request) -> selectors.IncidentFilter:
    return selectors.IncidentFilter(
        date_from=parse_date(request.GET.get("date_from")),
        date_to=parse_date(request.GET.get("date_to")),
        place=request.GET.get("place", "").strip(),
        sender=request.GET.get("sender", "").strip(),
        rating=request.GET.get("rating", "").strip(),
    )


@role_required(permissions.can_view)
def incident_list_page(request):
    filters = _incident_filter(request)
    page = page_of(request, selectors.incident_list(filters))
    for incident in page:
        incident.sender_names = selectors.incident_senders(incident)
        incident.verdicts = selectors.incident_verdicts(incident)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "ratings": Rating.objects.all(),
        "query": query.urlencode(),
    }
    template = (
        "verification/_incident_rows.html" if request.htmx else "verification/incident_list.html"
    )
    return render(request, template, context)


@role_required(permissions.can_view)
def incident_detail_page(request, pk: int):
    incident = access_incident(request.user, pk)
    context = {
        "incident": incident,
        "groups": selectors.incident_by_sender(incident),
        "verdicts": selectors.incident_verdicts(incident),
        "letter_pairs": compare_selectors.incident_letter_pairs(incident),
    }
    return render(request, "verification/incident_detail.html", context)


def _ints(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.strip().isdigit()]


@role_required(permissions.can_research)
@require_POST
def incident_split_page(request, pk: int):
    try:
        new = services.incident_split(
            incident_id=pk, claim_ids=_ints(request.POST.getlist("claim")), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("incident_detail", pk=pk)
    messages.success(request, f"Split off into a new incident: {new.title}.")
    return redirect("incident_detail", pk=new.pk)


@role_required(permissions.can_research)
@require_POST
def incident_merge_page(request):
    ids = _ints(request.POST.getlist("incident"))
    try:
        merged = services.incident_merge(incident_ids=ids, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        back = ids[:1] and Incident.objects.live().filter(pk=ids[0]).exists()
        return redirect("incident_detail", pk=ids[0]) if back else redirect("incident_list")
    messages.success(request, f"Incidents merged into {merged.title}.")
    return redirect("incident_detail", pk=merged.pk)
