"""Review API: claim queues and detail, workflow actions, comments, history, bulk triage and
notifications. Each view: input serializer, one service call, output serializer.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.access import access_claim
from claims.api_defaults import AnyRole
from claims.filters import parameters
from claims.services import claims as claim_services
from verification.api import review_serializers as s
from verification.filters import ClaimFilterSet
from verification.selectors import review as selectors
from verification.services import comments as comment_services
from verification.services import review_dispatch as dispatch

FILTER_PARAMETERS = parameters(ClaimFilterSet)


@extend_schema(parameters=FILTER_PARAMETERS)
class ClaimList(generics.ListAPIView):
    serializer_class = s.ClaimRowListSerializer

    def get_queryset(self):
        filters = selectors.ClaimFilter.from_params(self.request.query_params, strict=True)
        return selectors.claim_list_rows(filters, self.request.user)


class ClaimDetail(APIView):
    @extend_schema(responses=s.ClaimDetailSerializer)
    def get(self, request, pk: int):
        return Response(
            s.ClaimDetailSerializer(
                access_claim(request.user, pk), context={"request": request}
            ).data
        )

    @extend_schema(request=s.ClaimEditSerializer, responses=s.ClaimDetailSerializer)
    def patch(self, request, pk: int):
        data = s.ClaimEditSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        claim_services.claim_update(
            claim=access_claim(request.user, pk, for_write=True),
            values=data.validated_data,
            actor=request.user,
        )
        return Response(
            s.ClaimDetailSerializer(
                access_claim(request.user, pk), context={"request": request}
            ).data
        )


class ClaimAction(APIView):
    """POST /claims/{id}/actions/{action}: 200 with the claim, 409 wrong state or stale
    version, 403 a role or person that may not act, 400 missing input."""

    @extend_schema(
        request=s.ActionInputSerializer,
        responses=s.ClaimDetailSerializer,
        parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=dispatch.ACTIONS)],
    )
    def post(self, request, pk: int, action: str):
        data = s.ActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        access_claim(request.user, pk)
        dispatch.claim_act(claim_id=pk, action=action, actor=request.user, data=data.validated_data)
        return Response(
            s.ClaimDetailSerializer(
                access_claim(request.user, pk), context={"request": request}
            ).data
        )


class ClaimComments(generics.ListAPIView):
    serializer_class = s.CommentSerializer

    def get_queryset(self):
        return selectors.claim_comments(access_claim(self.request.user, self.kwargs["pk"]).pk)

    @extend_schema(request=s.CommentInputSerializer, responses={201: s.CommentSerializer})
    def post(self, request, pk: int):
        data = s.CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = comment_services.comment_create(
            claim_id=access_claim(request.user, pk).pk,
            body=data.validated_data["body"],
            actor=request.user,
        )
        return Response(s.CommentSerializer(comment).data, status=201)


class ClaimHistory(generics.ListAPIView):
    serializer_class = s.HistoryEventSerializer

    def get_queryset(self):
        return selectors.claim_history(access_claim(self.request.user, self.kwargs["pk"]).pk)


class ClaimBulk(APIView):
    @extend_schema(request=s.BulkInputSerializer, responses=s.BulkResultSerializer)
    def post(self, request):
        data = s.BulkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        filters = values.get("filters")
        outcome = dispatch.claims_bulk_action(
            actor=request.user,
            action=values["action"],
            claim_ids=values.get("claim_ids"),
            filters=None
            if filters is None
            else selectors.ClaimFilter.from_params(filters, strict=True),
            reason=values.get("reason", ""),
        )
        return Response(s.BulkResultSerializer(outcome).data)


class NotificationList(generics.ListAPIView):
    serializer_class = s.NotificationSerializer

    def get_queryset(self):
        return selectors.notification_list(self.request.user)


class NotificationRead(APIView):
    permission_classes = [AnyRole]

    @extend_schema(request=None, responses=s.NotificationSerializer)
    def post(self, request, pk: int):
        notification = comment_services.notification_mark_read(
            notification_id=pk, actor=request.user
        )
        return Response(s.NotificationSerializer(notification).data)
