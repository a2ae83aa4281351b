"""Verdicts API: a claim's verdicts, its suggested rating, and the rating scale (admin writes)."""

from django.db.models import Count
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.access import access_claim
from claims.models import Claim
from verification.api import verdicts_serializers as shapes
from verification.models import Rating
from verification.selectors import verdicts as selectors
from verification.services import verdicts as services


def _rating_with_use(pk: int) -> Rating:
    rating = Rating.objects.annotate(verdict_count=Count("verdicts")).filter(pk=pk).first()
    if rating is None:
        raise Http404
    return rating


class ClaimVerdictList(generics.ListAPIView):
    """Every verdict on a claim, newest first, each with the label it was given."""

    serializer_class = shapes.VerdictSerializer

    def get_queryset(self):
        return selectors.verdict_list_for_claim(access_claim(self.request.user, self.kwargs["pk"]))


class ClaimSuggestedRating(APIView):
    @extend_schema(responses=shapes.SuggestedRatingSerializer)
    def get(self, request, pk: int):
        claim: Claim = access_claim(request.user, pk)
        return Response(shapes.SuggestedRatingSerializer(selectors.suggested_rating(claim)).data)


class RatingListCreate(generics.ListAPIView):
    """The scale in order; admins add steps."""

    serializer_class = shapes.RatingSerializer

    def get_queryset(self):
        return selectors.rating_list().annotate(verdict_count=Count("verdicts"))

    @extend_schema(
        request=shapes.RatingCreateInputSerializer, responses={201: shapes.RatingSerializer}
    )
    def post(self, request):
        data = shapes.RatingCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = services.rating_create(**data.validated_data, actor=request.user)
        body = shapes.RatingSerializer(_rating_with_use(rating.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)


class RatingDetail(APIView):
    @extend_schema(responses=shapes.RatingSerializer)
    def get(self, request, pk: int):
        return Response(shapes.RatingSerializer(_rating_with_use(pk)).data)

    @extend_schema(request=shapes.RatingUpdateInputSerializer, responses=shapes.RatingSerializer)
    def patch(self, request, pk: int):
        _rating_with_use(pk)
        data = shapes.RatingUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.rating_update(rating_id=pk, values=data.validated_data, actor=request.user)
        return Response(shapes.RatingSerializer(_rating_with_use(pk)).data)


class RatingReorder(APIView):
    @extend_schema(
        request=shapes.RatingReorderInputSerializer, responses=shapes.RatingSerializer(many=True)
    )
    def post(self, request):
        data = shapes.RatingReorderInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.rating_reorder(rating_ids=data.validated_data["ids"], actor=request.user)
        ratings = selectors.rating_list().annotate(verdict_count=Count("verdicts"))
        return Response(shapes.RatingSerializer(ratings, many=True).data)
