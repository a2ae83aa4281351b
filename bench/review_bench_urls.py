"""The app's URLs plus the baseline bench/review_bench.py compares against: a plain DRF
ModelSerializer ListAPIView with page-number pagination over the same claims and filter."""

from django.urls import include, path
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination

from claims.models import Claim


class PlainClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = "__all__"


class PlainPagination(PageNumberPagination):
    page_size = 50


class PlainClaimList(generics.ListAPIView):
    serializer_class = PlainClaimSerializer
    pagination_class = PlainPagination

    def get_queryset(self):
        claims = Claim.objects.live().order_by("-updated_at", "-id")
        if state := self.request.query_params.get("state"):
            claims = claims.filter(state=state)
        if q := self.request.query_params.get("q"):
            claims = claims.filter(search_text__icontains=q)
        return claims


urlpatterns = [
    path("bench/baseline/claims/", PlainClaimList.as_view()),
    path("", include("config.urls")),
]
