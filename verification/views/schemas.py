"""Published JSON Schemas of the exports, at stable URLs (/api/schemas/<name>)."""

from __future__ import annotations

import json

from django.http import Http404, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from verification.public_url import public_url
from verification.reports.json_writer import SCHEMA_DIRECTORY


class ReportSchemaView(APIView):
    """A versioned schema file, with its "$id" set to where it is published. Public: the
    people who receive an export may not have an account."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description="A JSON Schema (draft 2020-12) that exports of that version validate against.",
    )
    def get(self, request, name: str):
        path = SCHEMA_DIRECTORY / name
        if not name.endswith(".json") or "/" in name or not path.is_file():
            raise Http404("No such schema")
        schema = {"$id": public_url(request.path), **json.loads(path.read_text(encoding="utf-8"))}
        response = JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Type"] = "application/schema+json"
        response["Access-Control-Allow-Origin"] = "*"  # validators fetch it from anywhere
        return response


report_schema = ReportSchemaView.as_view()
