"""Letters API: upload (multipart, several files at once), list, detail, metadata edits."""

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import filters, selectors, serializers
from claims.access import access_letter
from claims.idempotency import idempotent
from claims.models import Claim, Letter
from claims.services import letters as letter_services


class LetterListCreate(generics.ListAPIView):
    serializer_class = serializers.LetterSummarySerializer
    # Files come as multipart, pasted text as JSON: the schema offers each its own body.
    parser_classes = [MultiPartParser, JSONParser]

    def get_queryset(self):
        values = filters.LetterFilterSet.values(self.request.query_params)
        return selectors.letter_list(selectors.LetterFilter(**_blank_as_default(values)))

    @extend_schema(parameters=filters.parameters(filters.LetterFilterSet))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={
            "multipart/form-data": serializers.LetterUploadInputSerializer,
            "application/json": serializers.LetterTextInputSerializer,
        },
        responses={
            201: serializers.UploadResultSerializer,
            200: OpenApiResponse(
                serializers.UploadResultSerializer,
                description="Every file was a duplicate: nothing new was created.",
            ),
        },
    )
    @idempotent
    def post(self, request):
        files = [(f.name, f.read()) for f in request.FILES.getlist("files")]
        if files:
            outcome = letter_services.letters_upload(files=files, actor=request.user)
        else:
            data = serializers.LetterTextInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            outcome = letter_services.letter_create_from_text(
                text=data.validated_data["text"],
                title=data.validated_data.get("title", ""),
                actor=request.user,
            )
        rows = [_upload_row(letter, duplicate=False) for letter in outcome.created]
        rows += [_upload_row(letter, duplicate=True) for letter in outcome.duplicates]
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return Response({"letters": rows}, status=code)


def _blank_as_default(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (None, "")}


def _upload_row(letter: Letter, *, duplicate: bool) -> dict:
    return {
        "id": letter.pk,
        "symbol": letter.symbol,
        "status": letter.status,
        "duplicate": duplicate,
        "page_url": reverse("letter_detail", args=[letter.pk]),
    }


class LetterDetail(APIView):
    @extend_schema(responses=serializers.LetterDetailSerializer)
    def get(self, request, pk: int):
        return Response(serializers.LetterDetailSerializer(access_letter(request.user, pk)).data)

    @extend_schema(
        request=serializers.LetterMetadataInputSerializer,
        responses=serializers.LetterDetailSerializer,
    )
    def patch(self, request, pk: int):
        data = serializers.LetterMetadataInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        letter = access_letter(request.user, pk, for_write=True)
        if "text" in values:
            letter = letter_services.letter_update_text(
                letter=letter, text=values.pop("text"), actor=request.user
            )
        letter_services.letter_update_metadata(letter=letter, values=values, actor=request.user)
        return Response(serializers.LetterDetailSerializer(access_letter(request.user, pk)).data)


class LetterOriginalDownload(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk: int):
        original = access_letter(request.user, pk).original
        response = FileResponse(
            original.file.open("rb"),
            as_attachment=True,
            filename=original.filename,
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class LetterClaims(generics.ListAPIView):
    serializer_class = serializers.ClaimSerializer

    def get_queryset(self):
        letter = access_letter(self.request.user, self.kwargs["pk"])
        return (
            Claim.objects.live()
            .filter(letter=letter)
            .select_related("letter")
            .order_by("start", "id")
        )
