"""Thin achievements views: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from achievements import selectors, services
from achievements.catalogue import CATALOGUE
from achievements.serializers import (
    AchievementOutputSerializer,
    SeenInputSerializer,
    SeenOutputSerializer,
)
from core.parsing import validated_body


# GET /api/achievements/: the whole catalogue as I see it, paginated like every list. Two
# queries whatever the page (my earned rows, my progress); the percentages come from the cache
# only. (A comment, not a docstring: drf-spectacular would publish a docstring.)
class AchievementListApi(generics.ListAPIView):
    serializer_class = AchievementOutputSerializer
    filter_backends = []

    def get_queryset(self):
        return list(CATALOGUE)

    def list(self, request, *args, **kwargs):
        definitions = self.paginate_queryset(self.get_queryset())
        percentages = selectors.achievement_percentages_cached()
        if percentages is None:
            services.achievements_percentages_refresh_soon()
        rows = selectors.achievement_rows_for_user(
            user=request.user, definitions=definitions, percentages=percentages
        )
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


class AchievementSeenApi(APIView):
    @extend_schema(request=SeenInputSerializer, responses={200: SeenOutputSerializer})
    def post(self, request):
        data = validated_body(SeenInputSerializer, request)
        marked = services.achievements_mark_seen(
            user=request.user, codes=data["codes"], now=timezone.now()
        )
        return Response(SeenOutputSerializer({"marked": marked}).data)
