"""Matching API: similar claims, confirming or rejecting a match, incidents (list, detail,
split, merge). Each view: input serializer, one service call, output serializer."""

from collections.abc import Callable

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.filters import parameters
from claims.models import Claim
from verification import filters
from verification.access import access_incident
from verification.api import matching_serializers as s
from verification.models import ClaimMatch
from verification.selectors import matching as selectors
from verification.services import matching as services


class ClaimSimilarList(generics.ListAPIView):
    """Claims of other letters that say the same or speak to the same event, best first."""

    serializer_class = s.SimilarClaimSerializer

    def get_queryset(self):
        claim = Claim.objects.live().filter(pk=self.kwargs["pk"]).first()
        if claim is None:
            raise Http404
        return selectors.claim_match_list(claim)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "claim_id": self.kwargs["pk"]}


class _MatchDecision(APIView):
    decide: Callable[..., ClaimMatch]  # the service this view runs

    @extend_schema(request=s.MatchDecisionInputSerializer, responses=s.MatchSerializer)
    def post(self, request, pk: int):
        data = s.MatchDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = self.decide(match_id=pk, actor=request.user, note=data.validated_data["note"])
        return Response(s.MatchSerializer(match).data)


class MatchConfirm(_MatchDecision):
    decide = staticmethod(services.match_confirm)


class MatchReject(_MatchDecision):
    decide = staticmethod(services.match_reject)


@extend_schema(parameters=parameters(filters.IncidentFilterSet))
class IncidentList(generics.ListAPIView):
    serializer_class = s.IncidentSummarySerializer

    def get_queryset(self):
        values = filters.IncidentFilterSet.values(self.request.query_params)
        return selectors.incident_list(selectors.IncidentFilter(**filters.present(values)))


class IncidentDetail(APIView):
    @extend_schema(responses=s.IncidentDetailSerializer)
    def get(self, request, pk: int):
        return Response(s.IncidentDetailSerializer(access_incident(request.user, pk)).data)


class IncidentSplit(APIView):
    @extend_schema(
        request=s.IncidentSplitInputSerializer, responses={201: s.IncidentDetailSerializer}
    )
    def post(self, request, pk: int):
        data = s.IncidentSplitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new = services.incident_split(
            incident_id=pk, claim_ids=data.validated_data["claim_ids"], actor=request.user
        )
        return Response(
            s.IncidentDetailSerializer(access_incident(request.user, new.pk)).data, status=201
        )


class IncidentMerge(APIView):
    @extend_schema(request=s.IncidentMergeInputSerializer, responses=s.IncidentDetailSerializer)
    def post(self, request):
        data = s.IncidentMergeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        merged = services.incident_merge(
            incident_ids=data.validated_data["incident_ids"], actor=request.user
        )
        return Response(
            s.IncidentDetailSerializer(access_incident(request.user, merged.pk)).data,
            status=status.HTTP_200_OK,
        )
