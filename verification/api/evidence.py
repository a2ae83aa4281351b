"""Sources and evidence API: input serializer, one service call, output serializer."""

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.access import access_claim
from claims.filters import parameters
from claims.idempotency import idempotent
from verification import filters
from verification.access import access_capture, access_evidence, access_source
from verification.api import evidence_serializers as s
from verification.models import CaptureStatus, Evidence
from verification.selectors import evidence as selectors
from verification.services import captures as capture_services
from verification.services import evidence as services
from verification.services import sources as source_services

SOURCE_FILTERS = parameters(filters.SourceFilterSet)
EVIDENCE_FILTERS = parameters(filters.EvidenceFilterSet)


class SourceListCreate(generics.ListAPIView):
    serializer_class = s.SourceSerializer

    def get_queryset(self):
        values = filters.SourceFilterSet.values(self.request.query_params)
        return selectors.source_list(selectors.SourceFilter(**filters.present(values)))

    @extend_schema(parameters=SOURCE_FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=s.SourceInputSerializer, responses={201: s.SourceSerializer})
    def post(self, request):
        data = s.SourceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source = source_services.source_create(values=data.validated_data, actor=request.user)
        body = s.SourceSerializer(access_source(request.user, source.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)


class SourceDetail(APIView):
    @extend_schema(responses=s.SourceSerializer)
    def get(self, request, pk: int):
        return Response(s.SourceSerializer(access_source(request.user, pk)).data)

    @extend_schema(request=s.SourceInputSerializer, responses=s.SourceSerializer)
    def patch(self, request, pk: int):
        data = s.SourceInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        source_services.source_update(
            source=access_source(request.user, pk, for_write=True),
            values=data.validated_data,
            actor=request.user,
        )
        return Response(s.SourceSerializer(access_source(request.user, pk)).data)


class SourceEvidence(generics.ListAPIView):
    """Every claim the source bears on, and how."""

    serializer_class = s.EvidenceSerializer

    def get_queryset(self):
        return selectors.source_evidence(
            access_source(self.request.user, self.kwargs["pk"]).pk
        ).filter(**_evidence_lookups(self.request))

    @extend_schema(parameters=EVIDENCE_FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _evidence_lookups(request) -> dict:
    values = filters.EvidenceFilterSet.values(request.query_params)
    return filters.EvidenceFilterSet.lookups(values)


class SourceCaptures(generics.ListAPIView):
    """The source's chain of custody; POST captures its URL again (a new entry)."""

    serializer_class = s.CaptureSerializer

    def get_queryset(self):
        return selectors.capture_list(access_source(self.request.user, self.kwargs["pk"]).pk)

    @extend_schema(request=None, responses={202: s.CaptureSerializer})
    @idempotent
    def post(self, request, pk: int):
        capture = capture_services.source_capture_request(
            source=access_source(request.user, pk, for_write=True), actor=request.user
        )
        capture.refresh_from_db()
        return Response(s.CaptureSerializer(capture).data, status=status.HTTP_202_ACCEPTED)


class CaptureDownload(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        capture = access_capture(request.user, pk)
        if capture.status != CaptureStatus.CAPTURED or not capture.file:
            raise Http404
        response = FileResponse(
            capture.file.open("rb"),
            as_attachment=True,
            filename=capture.filename or f"capture-{capture.pk}",
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Capture-SHA256"] = capture.sha256
        return response


class ClaimEvidence(generics.ListAPIView):
    serializer_class = s.EvidenceSerializer
    parser_classes = [JSONParser, MultiPartParser]  # a link as JSON, a file as multipart

    def get_queryset(self):
        claim_id = access_claim(self.request.user, self.kwargs["pk"]).pk
        return selectors.claim_evidence_list(claim_id).filter(**_evidence_lookups(self.request))

    @extend_schema(parameters=EVIDENCE_FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={
            "application/json": s.EvidenceLinkInputSerializer,
            "multipart/form-data": s.EvidenceFileInputSerializer,
        },
        responses={201: s.EvidenceSerializer},
    )
    @idempotent  # a URL starts a capture job
    def post(self, request, pk: int):
        claim = access_claim(request.user, pk, for_write=True)
        data = s.EvidenceCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evidence = _evidence_add(claim, data.validated_data, request.user)
        return Response(
            s.EvidenceSerializer(access_evidence(request.user, evidence.pk)).data,
            status=status.HTTP_201_CREATED,
        )


def _evidence_add(claim, values: dict, actor) -> Evidence:
    details = services.EvidenceDetails(
        stance=values["stance"],
        credibility=int(values.get("credibility", 6)),
        excerpt=values.get("excerpt", ""),
        location=values.get("location", ""),
        note=values.get("note", ""),
    )
    if values.get("file"):
        upload = services.Upload(name=values["file"].name, data=values["file"].read())
        return services.evidence_add_file(claim=claim, upload=upload, details=details, actor=actor)
    if values.get("source_id"):
        return services.evidence_add_source(
            claim=claim, source_id=values["source_id"], details=details, actor=actor
        )
    if values.get("letter_symbol"):
        return services.evidence_add_letter_passage(
            claim=claim,
            symbol=values["letter_symbol"],
            start=values["passage_start"],
            end=values["passage_end"],
            details=details,
            actor=actor,
        )
    return services.evidence_add_url(claim=claim, url=values["url"], details=details, actor=actor)


class EvidenceDetail(APIView):
    @extend_schema(responses=s.EvidenceSerializer)
    def get(self, request, pk: int):
        return Response(s.EvidenceSerializer(access_evidence(request.user, pk)).data)

    @extend_schema(request=s.EvidenceUpdateInputSerializer, responses=s.EvidenceSerializer)
    def patch(self, request, pk: int):
        data = s.EvidenceUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "credibility" in values:
            values["credibility"] = int(values["credibility"])
        services.evidence_update(
            evidence=access_evidence(request.user, pk, for_write=True),
            values=values,
            actor=request.user,
        )
        return Response(s.EvidenceSerializer(access_evidence(request.user, pk)).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        services.evidence_delete(
            evidence=access_evidence(request.user, pk, for_write=True), actor=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
