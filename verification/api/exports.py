"""Exports API: request a report (202 and a job to poll), list jobs, fetch one, download it."""

from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api_defaults import AnyRole
from claims.errors import Conflict, ErrorCode, NotFound
from claims.filters import parameters
from claims.idempotency import idempotent
from verification import filters
from verification.api import verdicts_serializers as shapes
from verification.reports import get_writer
from verification.selectors import exports as selectors
from verification.services import exports as export_services


def _job(request, pk: int):
    try:
        return selectors.export_get_for(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc


class ExportListCreate(generics.ListAPIView):
    """Your export jobs (editors see everyone's); POST queues a new one."""

    serializer_class = shapes.ExportJobSerializer
    permission_classes = [AnyRole]

    def get_queryset(self):
        values = filters.ExportFilterSet.values(self.request.query_params)
        return selectors.export_list_for(self.request.user).filter(**filters.present(values))

    @extend_schema(parameters=parameters(filters.ExportFilterSet))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=shapes.ExportRequestInputSerializer,
        responses={202: shapes.ExportJobSerializer},
    )
    @idempotent
    def post(self, request):
        data = shapes.ExportRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = export_services.export_request(
            format=data.validated_data["format"],
            scope=_plain(data.validated_data["scope"]),
            actor=request.user,
        )
        body = shapes.ExportJobSerializer(job).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


class ExportDetail(APIView):
    @extend_schema(responses=shapes.ExportJobSerializer)
    def get(self, request, pk: int):
        return Response(shapes.ExportJobSerializer(_job(request, pk)).data)


class ExportDownload(APIView):
    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="The report file"),
            409: OpenApiResponse(description="The export has not finished"),
        }
    )
    def get(self, request, pk: int):
        job = _job(request, pk)
        if job.status != "done" or not job.file:
            raise Conflict("The export is not ready.", code=ErrorCode.NOT_READY)
        return export_file_response(job)


def export_file_response(job) -> FileResponse:
    """The stored report as an attachment, never rendered in the workbench's origin."""
    writer = get_writer(job.format)
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"report-{job.pk}.{writer.extension}",
        content_type=writer.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-SHA256"] = job.sha256
    return response
